-- The search vector is stored, not recomputed: ranking a broad query otherwise re-parses (and unaccents)
-- the text of every matching row (the registry bench measured seconds for 8,000 hits of 100,000).
DROP INDEX registry.document_search;
ALTER TABLE registry.document ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('platform.vietnamese',
    coalesce(notation, '') || ' ' || coalesce(original_notation, '') || ' ' || coalesce(subject, '') || ' '
    || coalesce(organ_name, '') || ' ' || coalesce(description, '') || ' ' || body_text)) STORED;
CREATE INDEX document_search ON registry.document USING gin (search);
