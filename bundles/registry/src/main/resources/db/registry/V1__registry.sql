-- Registers, their gapless counters, documents, files and the access log. Nothing is deleted:
-- entries are voided (their number stays taken), corrections are journaled with before/after.

CREATE TABLE registry.doc_type (
    code   text PRIMARY KEY,
    name   text NOT NULL,
    active boolean NOT NULL DEFAULT true,
    rank   int NOT NULL
);
-- Party document types and notation abbreviations [HD 36-HD/VPTW; QĐ 399-QĐ/TW]; editable reference data
INSERT INTO registry.doc_type (code, name, rank) VALUES
    ('NQ', 'Nghị quyết', 1), ('QĐ', 'Quyết định', 2), ('CT', 'Chỉ thị', 3), ('KL', 'Kết luận', 4),
    ('QC', 'Quy chế', 5), ('QĐi', 'Quy định', 6), ('TT', 'Thông tri', 7), ('HD', 'Hướng dẫn', 8),
    ('TB', 'Thông báo', 9), ('TC', 'Thông cáo', 10), ('BC', 'Báo cáo', 11), ('KH', 'Kế hoạch', 12),
    ('CTr', 'Chương trình', 13), ('ĐA', 'Đề án', 14), ('PA', 'Phương án', 15), ('TTr', 'Tờ trình', 16),
    ('BB', 'Biên bản', 17), ('CV', 'Công văn', 18), ('BS', 'Bản sao', 19), ('GGT', 'Giấy giới thiệu', 20),
    ('GM', 'Giấy mời', 21);

-- committee terms (nhiệm kỳ) of an agency, for Party outgoing numbering
CREATE TABLE registry.term (
    id        uuid PRIMARY KEY,
    agency_id uuid NOT NULL,
    name      text NOT NULL,
    starts_on date NOT NULL,
    ends_on   date,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX term_agency ON registry.term (agency_id, starts_on);

CREATE TABLE registry.register (
    id                uuid PRIMARY KEY,
    agency_id         uuid NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('incoming', 'outgoing')),
    name              text NOT NULL,
    scope             text NOT NULL CHECK (scope IN ('year', 'type-term')),
    notation_template text NOT NULL,
    active            boolean NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL,
    CHECK (kind = 'outgoing' OR scope = 'year')
);
CREATE INDEX register_agency ON registry.register (agency_id);

-- the next number per register, period (year or term) and, for type-term scope, document type;
-- its row lock, held to commit, is what makes numbers gapless under concurrency and across nodes
CREATE TABLE registry.counter (
    register_id uuid NOT NULL REFERENCES registry.register (id),
    period      text NOT NULL,
    doc_type    text NOT NULL,
    last_number int  NOT NULL,
    PRIMARY KEY (register_id, period, doc_type)
);

CREATE TABLE registry.document (
    id                 uuid PRIMARY KEY,
    register_id        uuid NOT NULL REFERENCES registry.register (id),
    agency_id          uuid NOT NULL,
    kind               text NOT NULL,
    number             int  NOT NULL,
    period             text NOT NULL,
    counter_type       text NOT NULL,
    notation           text,
    type_code          text NOT NULL REFERENCES registry.doc_type (code),
    issued_date        date,
    organ_name         text,
    organ_id           text,
    subject            text,
    language           text,
    page_amount        int,
    description        text,
    signer_position    text,
    signer_name        text,
    signer_competence  text,
    to_units           text[] NOT NULL DEFAULT '{}',
    to_places          text[] NOT NULL DEFAULT '{}',
    priority           int NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 4),
    issued_amount      int,
    due_date           date,
    arrival_date       date,
    arrival_method     text CHECK (arrival_method IN ('system', 'post', 'hand', 'email')),
    original_number    text,
    original_notation  text,
    edxml_document_id  text,
    secrecy            text NOT NULL DEFAULT 'none' CHECK (secrecy IN ('none', 'mat', 'toi-mat', 'tuyet-mat')),
    stub               boolean NOT NULL DEFAULT false,
    backfilled         boolean NOT NULL DEFAULT false,
    incident_ref       text,
    status             text NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'void')),
    void_reason        text,
    registered_by      text NOT NULL,
    registered_at      timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    body_text          text NOT NULL DEFAULT '',
    -- classified content never reaches this table: a secret entry is a stub without subject or text
    CHECK (secrecy = 'none' OR (stub AND subject IS NULL AND body_text = '')),
    UNIQUE (register_id, period, counter_type, number)
);
CREATE INDEX document_agency ON registry.document (agency_id, registered_at DESC);
CREATE INDEX document_dup ON registry.document (agency_id, lower(original_notation), lower(organ_name))
    WHERE kind = 'incoming';
CREATE INDEX document_edxml ON registry.document (agency_id, edxml_document_id) WHERE edxml_document_id IS NOT NULL;
-- search without diacritics: the platform's text search configuration strips them
CREATE INDEX document_search ON registry.document USING gin (to_tsvector('platform.vietnamese',
    coalesce(notation, '') || ' ' || coalesce(original_notation, '') || ' ' || coalesce(subject, '') || ' '
    || coalesce(organ_name, '') || ' ' || coalesce(description, '') || ' ' || body_text));

CREATE TABLE registry.document_file (
    document_id uuid NOT NULL REFERENCES registry.document (id),
    sha256      text NOT NULL,
    file_name   text NOT NULL,
    media_type  text NOT NULL,
    size        bigint NOT NULL,
    pages       int NOT NULL,
    role        text NOT NULL CHECK (role IN ('main', 'annex', 'scan', 'draft')),
    added_at    timestamptz NOT NULL,
    PRIMARY KEY (document_id, sha256)
);

CREATE TABLE registry.access_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES registry.document (id),
    username    text NOT NULL,
    full_name   text,
    action      text NOT NULL CHECK (action IN ('view', 'download')),
    sha256      text,
    at          timestamptz NOT NULL
);
CREATE INDEX access_log_document ON registry.access_log (document_id, at DESC);
