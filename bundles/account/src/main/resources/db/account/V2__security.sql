-- Issue 13: refresh-token families, rotatable signing keys, one-time passwords issued to the proposer,
-- and the fingerprint of the key (kept outside the database) that seals TOTP secrets.

-- Every refresh token a session was ever given: presenting any spent one again ends the session,
-- whatever its generation. Rotation locks the session row.
CREATE TABLE account.refresh_token (
    token_hash text PRIMARY KEY,
    session_id uuid NOT NULL REFERENCES account.session (id),
    generation int NOT NULL,
    issued_at  timestamptz NOT NULL,
    spent_at   timestamptz
);
CREATE INDEX refresh_token_session ON account.refresh_token (session_id);
INSERT INTO account.refresh_token (token_hash, session_id, generation, issued_at, spent_at)
    SELECT previous_refresh_hash, id, 0, created_at, last_seen_at FROM account.session WHERE previous_refresh_hash IS NOT NULL;
INSERT INTO account.refresh_token (token_hash, session_id, generation, issued_at, spent_at)
    SELECT refresh_hash, id, 1, last_seen_at, NULL FROM account.session WHERE refresh_hash IS NOT NULL;
ALTER TABLE account.session DROP COLUMN previous_refresh_hash;
ALTER TABLE account.session DROP COLUMN refresh_hash;

-- The newest key signs; a retired key still verifies for one access-token lifetime after retirement.
ALTER TABLE account.signing_key ADD COLUMN retired_at timestamptz;

-- The one-time password of an approved new account is made when its proposer asks for it, once.
ALTER TABLE account.request ADD COLUMN otp_issued_at timestamptz;
-- accounts approved before this version had theirs shown at the decision
UPDATE account.request SET otp_issued_at = decided_at WHERE status = 'approved' AND kind = 'create-account';

-- A check value of each key kept outside the database, so that a node with another key file refuses to
-- seal or open secrets instead of writing ones the other nodes cannot read.
CREATE TABLE account.key_check (
    purpose    text PRIMARY KEY,
    key_check  text NOT NULL,
    created_at timestamptz NOT NULL
);
