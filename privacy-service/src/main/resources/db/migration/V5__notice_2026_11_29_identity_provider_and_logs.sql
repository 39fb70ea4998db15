-- The notice of 29/11/2026: the 08/07/2020 notice with the platform's identity provider as a holder of
-- the person's data (purpose, legal basis, recipients, retention: disabled at deactivation, deleted by
-- the erasure) and the retention of logs (no personal data in them; the gateway's access log kept
-- 7 days by default, always less than the erasure deadline). Existing versions never change.
INSERT INTO notice_version (version, effective_date, content, published_at, published_by) VALUES (
'2026-11-29',
DATE '2026-11-29',
$notice$
{
  "title": "Personal Data Notice - Plugin Platform",
  "controller": "Orange S.A., acting as Data Controller",
  "summary": "How Orange S.A. processes your personal data when you visit or use the Plug'in platform, a 5G experimentation platform to develop and test 5G software components and VNF (Virtualized Network Function) chains. This notice may be supplemented by specific information in the relevant Terms and Conditions.",
  "purposes": [
    {
      "purpose": "Manage your registration to the platform as contributor",
      "legalBasis": "Legitimate interest of Orange as promoter of a platform for open and reproducible research, which requires exchanges with contributors"
    },
    {
      "purpose": "Allow visibility of contributions, including keeping track of who contributed what, notably for security and legal reasons",
      "legalBasis": "Legitimate interest of Orange as promoter of a platform for open and reproducible research, which requires exchanges with contributors"
    },
    {
      "purpose": "Allow feedback and exchanges inside the user community",
      "legalBasis": "Legitimate interest of Orange as promoter of a platform for open and reproducible research, which requires exchanges with contributors"
    },
    {
      "purpose": "Authenticate the users of the platform and keep their login sessions",
      "legalBasis": "Legitimate interest of Orange as promoter of a platform for open and reproducible research, which requires a secure access for its users and contributors"
    }
  ],
  "dataCategories": [
    "account name",
    "last name",
    "first name",
    "email address",
    "login account at the identity provider: username, account creation time, sessions (start, last access, IP address, clients)"
  ],
  "recipients": [
    "Account name, last name and first name of an Atom contributor may be accessed by any user connecting to the platform and using the Atom",
    "The email address of an Atom contributor is accessed and processed only by Orange",
    "A user willing to get in touch with an Atom contributor must request Orange to liaise with this Atom's registered contributor",
    "In accordance with the laws and regulations in force, the data may be transmitted to competent authorities, at their request, as authorized third parties",
    "The platform's identity provider (Keycloak, operated by Orange in the EU) holds the login account: username, email address, first and last name, sessions; the email address and names of a contributor are those of their contributor record, written through to it on registration and on every rectification"
  ],
  "retention": [
    "Personal data is kept no longer than necessary for the purposes for which it is processed, and in accordance with the regulations",
    "Personal data is processed as long as the user account is active",
    "Contributors can remove their Atom contributions on their own initiative",
    "After the deactivation of an account, its data is removed at most 1 month from the deactivation date",
    "At the deactivation of an account, its login account at the identity provider is disabled at once and its sessions are ended; it is deleted with the rest of the data, at most 1 month from the deactivation date, and the erasure certificate names this step",
    "A login session ends after 30 minutes without activity, 10 hours after the login at the latest",
    "Logs carry no name, email address, account name or text typed by users: the gateway's access log records no query string and no user, and a path naming a contributor is recorded as its route (/api/contributors/{accountName}); the services' logs name contributors by their pseudonymous id only; the identity provider's and the databases' logs record no username and no value",
    "The gateway's access log is rotated daily and each day's file is deleted after 7 days by default; the retention is configurable and always shorter than the 1-month erasure deadline"
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
    {
      "role": "Data controller",
      "name": "Orange S.A.",
      "details": "Exercise your rights by email, justifying your identity, or through the privacy requests of the platform"
    },
    {
      "role": "Data Protection Officer",
      "name": "Orange Data Protection Officer",
      "details": "For any question related to personal data protection"
    },
    {
      "role": "Supervisory authority",
      "name": "Commission Nationale de l'Informatique et des Libertes (CNIL)",
      "details": "France"
    },
    {
      "role": "Cookies",
      "name": "ORANGE/TR/CXO/ICP/DC",
      "details": "Department in charge of the cookies and tracking devices"
    }
  ],
  "dataLocation": "Personal data is stored in servers located in the EU and processed by Orange employees; Orange takes the appropriate guarantees to protect the data and comply with the applicable regulations",
  "security": "Appropriate technical and organizational measures, tailored to the sensitivity of the data, prevent loss, misuse, alteration and deletion of personal data",
  "cookies": [
    {
      "name": "_ga",
      "owner": "Orange",
      "purpose": "audience measurement",
      "retention": "2 years"
    },
    {
      "name": "_gid",
      "owner": "Orange",
      "purpose": "audience measurement",
      "retention": "24 hours"
    },
    {
      "name": "_dc_gtm_*",
      "owner": "Orange",
      "purpose": "technical: throttles the request rate",
      "retention": "1 minute"
    }
  ]
}$notice$,
TIMESTAMPTZ '2026-11-29 00:00:00+01',
'migration V5 (notice of 29/11/2026: identity provider and logs)');
