-- The content store: files kept once by their SHA-256, in the database rather than on a node's disk
-- (nodes are stateless, and a backup then holds the files with the records that point at them).
-- Rows are written once and never updated or deleted.
CREATE TABLE platform.content (
    sha256     text        PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size       bigint      NOT NULL CHECK (size > 0),
    media_type text        NOT NULL,
    pages      int         NOT NULL DEFAULT 0,
    -- text layer of a PDF for search (capped, NFC); empty for scans and other types
    text_layer text        NOT NULL DEFAULT '',
    stored_at  timestamptz NOT NULL
);

-- The bytes, in chunks of 1 MiB numbered from 0: one chunk is what a reader or writer holds in memory.
CREATE TABLE platform.content_chunk (
    sha256 text  NOT NULL REFERENCES platform.content (sha256),
    seq    int   NOT NULL CHECK (seq >= 0),
    data   bytea NOT NULL,
    PRIMARY KEY (sha256, seq)
);
-- PDFs, images and Office packages are compressed already: store out of line without trying pglz.
ALTER TABLE platform.content_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
