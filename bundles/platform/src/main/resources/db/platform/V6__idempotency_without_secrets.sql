-- Idempotency keeps no secret: first answers are stored with secret fields set to null and bounded in
-- size; body_note says what a replay lacks ('redacted': secrets removed, 'omitted': no body kept).
ALTER TABLE platform.idempotency ADD COLUMN body_note text CHECK (body_note IN ('redacted', 'omitted'));
-- Answers kept before this version may hold one-time passwords and TOTP secrets: drop their bodies.
UPDATE platform.idempotency SET body = NULL, body_note = 'omitted' WHERE body IS NOT NULL AND length(body) > 0;
