-- Agencies, people, grants, requests, alerts and sessions. Nothing is deleted: agencies end,
-- accounts are deactivated, grants are revoked, requests are decided, alerts acknowledged.

CREATE TABLE account.level (
    code  text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{0,29}$'),
    name  text NOT NULL,
    rank  int  NOT NULL UNIQUE CHECK (rank > 0)
);
INSERT INTO account.level VALUES ('province', 'Cấp tỉnh', 1), ('district', 'Cấp huyện', 2), ('commune', 'Cấp xã', 3);

CREATE TABLE account.agency (
    id          uuid PRIMARY KEY,
    code        text NOT NULL,
    name        text NOT NULL,
    short_name  text,
    level       text NOT NULL REFERENCES account.level (code),
    parent_id   uuid REFERENCES account.agency (id),
    organ_id    text,
    active_from date NOT NULL,
    active_to   date,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX agency_parent ON account.agency (parent_id);
-- an edXML organ id names one live agency
CREATE UNIQUE INDEX agency_organ_id ON account.agency (organ_id) WHERE organ_id IS NOT NULL AND active_to IS NULL;

-- merge: many predecessors, one successor; split: one predecessor, many successors
CREATE TABLE account.agency_succession (
    predecessor uuid NOT NULL REFERENCES account.agency (id),
    successor   uuid NOT NULL REFERENCES account.agency (id),
    kind        text NOT NULL CHECK (kind IN ('merge', 'split')),
    effective   date NOT NULL,
    PRIMARY KEY (predecessor, successor)
);
CREATE INDEX agency_succession_successor ON account.agency_succession (successor);

CREATE TABLE account.person (
    id                  uuid PRIMARY KEY,
    username            text NOT NULL,
    full_name           text NOT NULL,
    email               text,
    phone               text,
    position            text,
    active              boolean NOT NULL DEFAULT true,
    password_hash       text,
    must_change         boolean NOT NULL DEFAULT true,
    password_changed_at timestamptz,
    totp_secret         text,
    totp_enabled        boolean NOT NULL DEFAULT false,
    totp_last_step      bigint NOT NULL DEFAULT 0,
    failed_logins       int NOT NULL DEFAULT 0,
    locked_until        timestamptz,
    locked              boolean NOT NULL DEFAULT false,
    locked_reason       text,
    origin              text,   -- 'first-admin' for the account taken over from the foundation
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    search              text GENERATED ALWAYS AS (lower(platform.unaccent(username || ' ' || full_name || ' '
                            || coalesce(email, '') || ' ' || coalesce(position, '')))) STORED
);
CREATE UNIQUE INDEX person_username ON account.person (lower(username));

CREATE TABLE account.role_grant (
    id          uuid PRIMARY KEY,
    person_id   uuid NOT NULL REFERENCES account.person (id),
    agency_id   uuid REFERENCES account.agency (id),
    role        text NOT NULL CHECK (role IN ('clerk', 'leader', 'specialist', 'agency-admin', 'system-admin')),
    valid_from  timestamptz NOT NULL,
    valid_to    timestamptz,
    reason      text,
    granted_by  text NOT NULL,
    granted_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    revoked_by  text,
    CHECK ((role = 'system-admin') = (agency_id IS NULL)),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX role_grant_person ON account.role_grant (person_id);
CREATE INDEX role_grant_agency ON account.role_grant (agency_id);

CREATE TABLE account.request (
    id            uuid PRIMARY KEY,
    agency_id     uuid NOT NULL REFERENCES account.agency (id),
    kind          text NOT NULL CHECK (kind IN ('create-account', 'change-roles')),
    status        text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    username      text,
    full_name     text,
    email         text,
    phone         text,
    position      text,
    person_id     uuid REFERENCES account.person (id),
    roles         text[] NOT NULL,
    valid_from    timestamptz,
    valid_to      timestamptz,
    note          text,
    requested_by  text NOT NULL,
    requested_at  timestamptz NOT NULL,
    decided_by    text,
    decided_at    timestamptz,
    decision_note text
);
CREATE INDEX request_agency ON account.request (agency_id, status);
-- one pending proposal per username
CREATE UNIQUE INDEX request_pending_username ON account.request (lower(username)) WHERE status = 'pending';

CREATE TABLE account.alert (
    id              uuid PRIMARY KEY,
    agency_id       uuid REFERENCES account.agency (id),
    kind            text NOT NULL,
    person_id       uuid REFERENCES account.person (id),
    summary         text NOT NULL,
    actor           text NOT NULL,
    created_at      timestamptz NOT NULL,
    acknowledged_by text,
    acknowledged_at timestamptz
);
CREATE INDEX alert_open ON account.alert (agency_id) WHERE acknowledged_at IS NULL;

-- A login: the console's cookie token and the API's refresh token are stored as hashes only;
-- API access tokens are signed and name the session, so revoking it revokes them.
CREATE TABLE account.session (
    id             uuid PRIMARY KEY,
    person_id      uuid NOT NULL REFERENCES account.person (id),
    agency_id      uuid REFERENCES account.agency (id),
    channel        text NOT NULL,
    token_hash     text UNIQUE,
    refresh_hash   text UNIQUE,
    previous_refresh_hash text, -- a rotated refresh token presented again means theft: the session ends
    created_at     timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    idle_seconds   int NOT NULL,
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason text,
    remote_address text
);
CREATE INDEX session_person ON account.session (person_id) WHERE revoked_at IS NULL;

CREATE TABLE account.address_failure (
    address      text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    failures     int NOT NULL
);

-- shared by every node, so a token signed on one is accepted on the others
CREATE TABLE account.signing_key (
    id         text PRIMARY KEY,
    secret     bytea NOT NULL,
    created_at timestamptz NOT NULL
);
