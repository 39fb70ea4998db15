CREATE TABLE contributor (
    id            UUID PRIMARY KEY,
    subject       VARCHAR(255) NOT NULL,
    account_name  VARCHAR(32)  NOT NULL,
    first_name    VARCHAR(100) NOT NULL,
    last_name     VARCHAR(100) NOT NULL,
    email         VARCHAR(254) NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX contributor_subject_uk ON contributor (subject);
CREATE UNIQUE INDEX contributor_account_name_uk ON contributor (lower(account_name));
CREATE UNIQUE INDEX contributor_email_uk ON contributor (lower(email));
