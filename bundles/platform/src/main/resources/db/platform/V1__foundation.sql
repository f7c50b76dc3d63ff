-- Chidao platform schema. Migrations are written expand-then-contract: a new version only adds
-- (columns nullable or defaulted, new tables), so two bundle versions can share the database during
-- a rolling update; removals come in a later release once no node runs the old code.

-- Shared text tooling for every module: diacritic-insensitive search and Vietnamese ordering.
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

-- unaccent() is only STABLE; this wrapper is IMMUTABLE so it can be used in indexes and generated columns.
CREATE OR REPLACE FUNCTION platform.unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Full-text configuration for Vietnamese: words lower-cased, diacritics removed, no stemming
-- (Vietnamese is isolating), so "nghị quyết" and "nghi quyet" give the same lexemes.
CREATE TEXT SEARCH CONFIGURATION platform.vietnamese (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION platform.vietnamese
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, hword, hword_part, word
    WITH public.unaccent, pg_catalog.simple;

-- Vietnamese alphabetical order (a ă â b c d đ e ê ...) for columns and ORDER BY, on any database locale.
CREATE COLLATION IF NOT EXISTS platform.vi (provider = icu, locale = 'vi-VN');

-- The journal: audit log and event stream. One hash chain per agency (NO_AGENCY = all zeros for
-- platform events). position is the global commit order, assigned at commit time (see trigger).
CREATE TABLE platform.journal (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          uuid        NOT NULL UNIQUE,
    agency_id   uuid        NOT NULL,
    chain_seq   bigint      NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    subject_id  text,
    occurred_at timestamptz NOT NULL,
    payload     jsonb       NOT NULL,
    prev_hash   text        NOT NULL,
    hash        text        NOT NULL,
    UNIQUE (agency_id, chain_seq)
);
CREATE INDEX journal_occurred_idx ON platform.journal (occurred_at DESC);

-- Head of each chain; its row lock serialises appends of one agency, so chains never fork.
CREATE TABLE platform.journal_head (
    agency_id uuid PRIMARY KEY,
    chain_seq bigint NOT NULL,
    hash      text   NOT NULL
);

-- Global commit order of the entries: a narrow table written at COMMIT, so the wide journal row is
-- written once and never updated.
CREATE TABLE platform.journal_position (
    position bigint PRIMARY KEY,
    seq      bigint NOT NULL UNIQUE
);

CREATE SEQUENCE platform.journal_position_seq;

-- Runs at COMMIT (deferred): numbers the transaction's entries under a lock held until the commit is
-- visible, so positions follow commit order exactly and a reader never sees position n+1 before n.
-- A transaction that started first but commits last therefore gets the later positions.
CREATE FUNCTION platform.journal_assign_position() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(4242000001);
    INSERT INTO platform.journal_position (position, seq) VALUES (nextval('platform.journal_position_seq'), NEW.seq)
        ON CONFLICT (seq) DO NOTHING;
    PERFORM pg_notify('chidao_journal', '');
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER journal_position AFTER INSERT ON platform.journal
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION platform.journal_assign_position();

-- Durable cursors of journal consumers.
CREATE TABLE platform.journal_cursor (
    consumer   text PRIMARY KEY,
    position   bigint      NOT NULL DEFAULT 0,
    node       text,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- POSTs with an Idempotency-Key run once; retries get the first answer.
CREATE TABLE platform.idempotency (
    principal    text        NOT NULL,
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    status       integer,
    content_type text,
    body         bytea,
    created_at   timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    PRIMARY KEY (principal, key)
);

-- Accounts known to the platform itself: only the first administrator. The account module takes over
-- authentication and imports this row as an ordinary system-admin account.
CREATE TABLE platform.local_user (
    id                  uuid PRIMARY KEY,
    username            text        NOT NULL UNIQUE,
    full_name           text        NOT NULL,
    password_hash       text        NOT NULL,
    must_change         boolean     NOT NULL,
    created_at          timestamptz NOT NULL,
    password_changed_at timestamptz
);

CREATE TABLE platform.session (
    token_hash   text PRIMARY KEY,
    user_id      uuid        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
CREATE INDEX session_user_idx ON platform.session (user_id);
