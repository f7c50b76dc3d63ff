-- The journal is append-only for the application. Entries and their commit positions are never
-- updated, deleted or truncated; chain heads move forward (UPDATE) but never disappear. Two guards:
-- the owner's own privileges are revoked (the application connects as the schema owner, which could
-- grant them back, but never does so by accident or through an injected statement), and a trigger
-- refuses the change for every role, superusers included, unless triggers are switched off
-- deliberately (session_replication_role = replica, superuser only).
CREATE FUNCTION platform.journal_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'platform.% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON platform.journal
    FOR EACH STATEMENT EXECUTE FUNCTION platform.journal_refuse_change();
CREATE TRIGGER journal_position_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON platform.journal_position
    FOR EACH STATEMENT EXECUTE FUNCTION platform.journal_refuse_change();
CREATE TRIGGER journal_head_kept BEFORE DELETE OR TRUNCATE ON platform.journal_head
    FOR EACH STATEMENT EXECUTE FUNCTION platform.journal_refuse_change();

REVOKE UPDATE, DELETE, TRUNCATE ON platform.journal, platform.journal_position FROM CURRENT_USER;
REVOKE DELETE, TRUNCATE ON platform.journal_head FROM CURRENT_USER;
