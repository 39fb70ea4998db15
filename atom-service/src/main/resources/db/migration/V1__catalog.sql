-- The Atom catalog. No personal data: contributors appear only by their id (a UUID owned by
-- contributor-service); names are resolved from contributor-service when shown.

CREATE TABLE atom (
    id                UUID PRIMARY KEY,
    name              VARCHAR(64)   NOT NULL,
    display_name      VARCHAR(120)  NOT NULL,
    summary           VARCHAR(300)  NOT NULL,
    description       TEXT          NOT NULL CHECK (char_length(description) <= 20000),
    kind              VARCHAR(16)   NOT NULL CHECK (kind IN ('COMPONENT', 'VNF')),
    category          VARCHAR(64)   NOT NULL,
    tags              TEXT[]        NOT NULL DEFAULT '{}',
    license           VARCHAR(64)   NOT NULL,
    source_url        VARCHAR(500),
    documentation_url VARCHAR(500),
    owner_id          UUID,
    lifecycle         VARCHAR(16)   NOT NULL CHECK (lifecycle IN ('ACTIVE', 'DEPRECATED', 'REMOVED')),
    latest_version    VARCHAR(128),
    created_at        TIMESTAMPTZ   NOT NULL,
    updated_at        TIMESTAMPTZ   NOT NULL,
    deprecated_at     TIMESTAMPTZ,
    removed_at        TIMESTAMPTZ,
    search_vector     TSVECTOR      NOT NULL DEFAULT ''::tsvector,
    title_vector      TSVECTOR      NOT NULL DEFAULT ''::tsvector,
    row_version       BIGINT        NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX atom_name_uk ON atom (name);
CREATE INDEX atom_search_idx ON atom USING GIN (search_vector) WHERE lifecycle <> 'REMOVED';
CREATE INDEX atom_title_search_idx ON atom USING GIN (title_vector) WHERE lifecycle <> 'REMOVED';
CREATE INDEX atom_tags_idx ON atom USING GIN (tags) WHERE lifecycle <> 'REMOVED';
CREATE INDEX atom_owner_idx ON atom (owner_id);
CREATE INDEX atom_listed_name_idx ON atom (name) WHERE lifecycle <> 'REMOVED';
CREATE INDEX atom_listed_created_idx ON atom (created_at DESC, id) WHERE lifecycle <> 'REMOVED';
CREATE INDEX atom_listed_updated_idx ON atom (updated_at DESC, id) WHERE lifecycle <> 'REMOVED';
CREATE INDEX atom_listed_kind_idx ON atom (kind, name) WHERE lifecycle <> 'REMOVED';
CREATE INDEX atom_listed_category_idx ON atom (category, name) WHERE lifecycle <> 'REMOVED';

-- Weighted documents: title_vector holds names (A), tags and summary (B), small enough to rank
-- cheaply; search_vector adds the description (C) and is what a query must match.
CREATE FUNCTION atom_search_vector_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.title_vector :=
        setweight(to_tsvector('english', coalesce(NEW.name, '') || ' ' || replace(coalesce(NEW.name, ''), '-', ' ')), 'A') ||
        setweight(to_tsvector('english', coalesce(NEW.display_name, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(array_to_string(NEW.tags, ' '), '')), 'B') ||
        setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B');
    NEW.search_vector := NEW.title_vector || setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
    RETURN NEW;
END
$$;

CREATE TRIGGER atom_search_vector_trg BEFORE INSERT OR UPDATE OF name, display_name, tags, summary, description
    ON atom FOR EACH ROW EXECUTE FUNCTION atom_search_vector_update();

-- Rating summary kept beside the Atom so that views never aggregate ratings.
CREATE TABLE atom_rating_stats (
    atom_id      UUID PRIMARY KEY REFERENCES atom (id) ON DELETE CASCADE,
    rating_count INTEGER NOT NULL DEFAULT 0,
    rating_sum   BIGINT  NOT NULL DEFAULT 0,
    stars_1      INTEGER NOT NULL DEFAULT 0,
    stars_2      INTEGER NOT NULL DEFAULT 0,
    stars_3      INTEGER NOT NULL DEFAULT 0,
    stars_4      INTEGER NOT NULL DEFAULT 0,
    stars_5      INTEGER NOT NULL DEFAULT 0,
    average      NUMERIC(4, 2) GENERATED ALWAYS AS
                 (CASE WHEN rating_count = 0 THEN NULL ELSE round(rating_sum::numeric / rating_count, 2) END) STORED
);
CREATE INDEX atom_rating_average_idx ON atom_rating_stats (average DESC NULLS LAST, atom_id);

CREATE TABLE atom_version (
    id                UUID PRIMARY KEY,
    atom_id           UUID         NOT NULL REFERENCES atom (id) ON DELETE CASCADE,
    version           VARCHAR(128) NOT NULL,
    state             VARCHAR(16)  NOT NULL CHECK (state IN ('DRAFT', 'PUBLISHED', 'DEPRECATED')),
    artifacts         JSONB        NOT NULL,
    languages         JSONB        NOT NULL,
    connection_points JSONB        NOT NULL,
    release_notes     TEXT CHECK (char_length(release_notes) <= 10000),
    content_digest    CHAR(64)     NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    published_at      TIMESTAMPTZ,
    deprecated_at     TIMESTAMPTZ,
    registered_by     UUID,
    ci_client         VARCHAR(255),
    row_version       BIGINT       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX atom_version_uk ON atom_version (atom_id, version);

-- Chains: named graphs of Atom versions linked by connection points.
CREATE TABLE chain (
    id          UUID PRIMARY KEY,
    name        VARCHAR(64)  NOT NULL,
    description VARCHAR(2000),
    owner_id    UUID,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX chain_name_uk ON chain (name);
CREATE INDEX chain_owner_idx ON chain (owner_id);

CREATE TABLE chain_node (
    chain_id   UUID        NOT NULL REFERENCES chain (id) ON DELETE CASCADE,
    node_key   VARCHAR(64) NOT NULL,
    version_id UUID        NOT NULL REFERENCES atom_version (id),
    position   INTEGER     NOT NULL,
    PRIMARY KEY (chain_id, node_key)
);
CREATE INDEX chain_node_version_idx ON chain_node (version_id);

CREATE TABLE chain_link (
    chain_id   UUID        NOT NULL REFERENCES chain (id) ON DELETE CASCADE,
    position   INTEGER     NOT NULL,
    from_node  VARCHAR(64) NOT NULL,
    from_point VARCHAR(64) NOT NULL,
    to_node    VARCHAR(64) NOT NULL,
    to_point   VARCHAR(64) NOT NULL,
    PRIMARY KEY (chain_id, position)
);

-- Feedback. Authors are identified by their token subject (one rating per user per Atom) and,
-- when they are contributors, by their contributor id (for access and erasure requests).
CREATE TABLE rating (
    id                    UUID PRIMARY KEY,
    atom_id               UUID         NOT NULL REFERENCES atom (id) ON DELETE CASCADE,
    author_subject        VARCHAR(255),
    author_contributor_id UUID,
    stars                 SMALLINT     NOT NULL CHECK (stars BETWEEN 1 AND 5),
    created_at            TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX rating_author_uk ON rating (atom_id, author_subject) WHERE author_subject IS NOT NULL;
CREATE INDEX rating_contributor_idx ON rating (author_contributor_id);

CREATE TABLE feedback_comment (
    id                    UUID PRIMARY KEY,
    atom_id               UUID         NOT NULL REFERENCES atom (id) ON DELETE CASCADE,
    author_subject        VARCHAR(255) NOT NULL,
    author_contributor_id UUID,
    body                  VARCHAR(2000) NOT NULL,
    created_at            TIMESTAMPTZ  NOT NULL
);
CREATE INDEX feedback_comment_atom_idx ON feedback_comment (atom_id, created_at DESC, id DESC);
CREATE INDEX feedback_comment_contributor_idx ON feedback_comment (author_contributor_id);

-- Privacy state received from privacy-service / contributor-service through the internal API.
CREATE TABLE restricted_contributor (
    contributor_id UUID PRIMARY KEY,
    since          TIMESTAMPTZ NOT NULL
);

CREATE TABLE contributor_erasure (
    contributor_id UUID PRIMARY KEY,
    erased_at      TIMESTAMPTZ NOT NULL,
    atoms          INTEGER     NOT NULL,
    feedback       INTEGER     NOT NULL
);
