CREATE TABLE jpamodule.memo (
    id         uuid PRIMARY KEY,
    subject    text        NOT NULL,
    created_at timestamptz NOT NULL
);
