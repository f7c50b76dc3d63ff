-- The account module takes the first administrator over; from then on the foundation refuses it.
ALTER TABLE platform.local_user ADD COLUMN handed_over_at timestamptz;
