-- Which agencies put which content: a module lets a caller cite a SHA-256 only when the caller's agency
-- holds it (or already sees it through a record), never because the hash is known. Rows are written
-- once; the storage quota of an agency counts the contents it holds.
CREATE TABLE platform.content_holder (
    sha256      text        NOT NULL REFERENCES platform.content (sha256),
    agency_id   uuid        NOT NULL,
    held_since  timestamptz NOT NULL,
    PRIMARY KEY (sha256, agency_id)
);
CREATE INDEX content_holder_agency ON platform.content_holder (agency_id);
