CREATE TABLE testmodule.note (
    id         uuid PRIMARY KEY,
    agency_id  uuid        NOT NULL,
    text       text        NOT NULL,
    created_at timestamptz NOT NULL
);

-- What the module's journal consumer has seen: at-least-once delivery made idempotent by the key.
CREATE TABLE testmodule.consumed (
    position    bigint PRIMARY KEY,
    entry_id    uuid        NOT NULL,
    action      text        NOT NULL,
    node        text        NOT NULL,
    consumed_at timestamptz NOT NULL DEFAULT now()
);
