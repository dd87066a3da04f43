-- The users read model (query side, com.gemetrics.query.users): what GET /api/v1/me answers.
-- E-mail addresses are personal data. Analysts do NOT get this table: V4 gave ge_analyst SELECT
-- on every future table in schema read by default, so that grant is taken back here. Aggregate
-- figures about users, if analysts need them, belong in a separate table without personal data.
CREATE TABLE read.user_profile (
    user_id        UUID        PRIMARY KEY,
    email          TEXT        NOT NULL,
    display_name   TEXT        NOT NULL,
    roles          TEXT[]      NOT NULL DEFAULT '{}',
    email_verified BOOLEAN     NOT NULL DEFAULT FALSE,
    registered_at  TIMESTAMPTZ NOT NULL
);

REVOKE ALL ON read.user_profile FROM ge_analyst;
