-- The platform's personal data notice and cookie register as published on 08/07/2020
-- (cookie mapping dated 19/06/2020). Later versions are published by admins through the API.
INSERT INTO notice_version (version, effective_date, content, published_at, published_by) VALUES (
'2020-07-08',
DATE '2020-07-08',
$notice$
{
  "title": "Personal Data Notice - Plugin Platform",
  "controller": "Orange S.A., acting as Data Controller",
  "summary": "How Orange S.A. processes your personal data when you visit or use the Plug'in platform, a 5G experimentation platform to develop and test 5G software components and VNF (Virtualized Network Function) chains. This notice may be supplemented by specific information in the relevant Terms and Conditions.",
  "purposes": [
    {"purpose": "Manage your registration to the platform as contributor", "legalBasis": "Legitimate interest of Orange as promoter of a platform for open and reproducible research, which requires exchanges with contributors"},
    {"purpose": "Allow visibility of contributions, including keeping track of who contributed what, notably for security and legal reasons", "legalBasis": "Legitimate interest of Orange as promoter of a platform for open and reproducible research, which requires exchanges with contributors"},
    {"purpose": "Allow feedback and exchanges inside the user community", "legalBasis": "Legitimate interest of Orange as promoter of a platform for open and reproducible research, which requires exchanges with contributors"}
  ],
  "dataCategories": ["account name", "last name", "first name", "email address"],
  "recipients": [
    "Account name, last name and first name of an Atom contributor may be accessed by any user connecting to the platform and using the Atom",
    "The email address of an Atom contributor is accessed and processed only by Orange",
    "A user willing to get in touch with an Atom contributor must request Orange to liaise with this Atom's registered contributor",
    "In accordance with the laws and regulations in force, the data may be transmitted to competent authorities, at their request, as authorized third parties"
  ],
  "retention": [
    "Personal data is kept no longer than necessary for the purposes for which it is processed, and in accordance with the regulations",
    "Personal data is processed as long as the user account is active",
    "Contributors can remove their Atom contributions on their own initiative",
    "After the deactivation of an account, its data is removed at most 1 month from the deactivation date"
  ],
  "rights": [
    "Access to your personal data, at any time",
    "Rectification of your personal data, at any time",
    "Objection to the processing",
    "Restriction of the processing",
    "Portability of your data, in some cases",
    "Submitting a request to the Commission Nationale de l'Informatique et des Libertes (CNIL), the supervisory authority in charge of compliance with personal data obligations in France; Orange encourages you to contact it first so that the matter can be solved together"
  ],
  "contactPoints": [
    {"role": "Data controller", "name": "Orange S.A.", "details": "Exercise your rights by email, justifying your identity, or through the privacy requests of the platform"},
    {"role": "Data Protection Officer", "name": "Orange Data Protection Officer", "details": "For any question related to personal data protection"},
    {"role": "Supervisory authority", "name": "Commission Nationale de l'Informatique et des Libertes (CNIL)", "details": "France"},
    {"role": "Cookies", "name": "ORANGE/TR/CXO/ICP/DC", "details": "Department in charge of the cookies and tracking devices"}
  ],
  "dataLocation": "Personal data is stored in servers located in the EU and processed by Orange employees; Orange takes the appropriate guarantees to protect the data and comply with the applicable regulations",
  "security": "Appropriate technical and organizational measures, tailored to the sensitivity of the data, prevent loss, misuse, alteration and deletion of personal data",
  "cookies": [
    {"name": "_ga", "owner": "Orange", "purpose": "audience measurement", "retention": "2 years"},
    {"name": "_gid", "owner": "Orange", "purpose": "audience measurement", "retention": "24 hours"},
    {"name": "_dc_gtm_*", "owner": "Orange", "purpose": "technical: throttles the request rate", "retention": "1 minute"}
  ]
}$notice$,
TIMESTAMPTZ '2020-07-08 00:00:00+02',
'migration V2 (notice of 08/07/2020)');
