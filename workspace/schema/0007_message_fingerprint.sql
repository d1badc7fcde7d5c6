-- A message's content fingerprint (mail.ContentFingerprint): two messages with the same
-- Message-ID are one message only when their content is the same too. Rows stored before
-- this column have '' and get theirs from message_raw when a namesake arrives.
ALTER TABLE messages ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
