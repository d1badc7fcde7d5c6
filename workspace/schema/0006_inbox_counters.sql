-- Running counts behind the Inbox's views, kept by triggers on conversations whatever code
-- path changes them (sync, triage, the demo), so a view's count is a row read instead of
-- an index scan that grows with the inbox. A bucket is a status (conversations with
-- messages) or 'unanswered' (the Unanswered view). The triggers fire only when a
-- conversation enters or leaves a bucket, not for every message synced into it.

CREATE TABLE conversation_counts (
    bucket TEXT PRIMARY KEY,
    n      INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO conversation_counts (bucket, n)
    SELECT status, count(*) FROM conversations WHERE messages > 0 GROUP BY status;
INSERT INTO conversation_counts (bucket, n)
    SELECT 'unanswered', count(*) FROM conversations WHERE messages > 0 AND waiting_since > 0 AND status IN ('new', 'open');

CREATE TRIGGER conversation_counts_insert AFTER INSERT ON conversations WHEN new.messages > 0
BEGIN
    INSERT INTO conversation_counts (bucket, n) VALUES (new.status, 1)
        ON CONFLICT (bucket) DO UPDATE SET n = n + 1;
    INSERT INTO conversation_counts (bucket, n) SELECT 'unanswered', 1
        WHERE new.waiting_since > 0 AND new.status IN ('new', 'open')
        ON CONFLICT (bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER conversation_counts_update AFTER UPDATE OF status, messages, waiting_since ON conversations
WHEN old.status IS NOT new.status OR (old.messages > 0) <> (new.messages > 0)
    OR (old.waiting_since > 0) <> (new.waiting_since > 0)
BEGIN
    UPDATE conversation_counts SET n = n - 1 WHERE old.messages > 0 AND bucket = old.status;
    UPDATE conversation_counts SET n = n - 1 WHERE bucket = 'unanswered'
        AND old.messages > 0 AND old.waiting_since > 0 AND old.status IN ('new', 'open');
    INSERT INTO conversation_counts (bucket, n) SELECT new.status, 1 WHERE new.messages > 0
        ON CONFLICT (bucket) DO UPDATE SET n = n + 1;
    INSERT INTO conversation_counts (bucket, n) SELECT 'unanswered', 1
        WHERE new.messages > 0 AND new.waiting_since > 0 AND new.status IN ('new', 'open')
        ON CONFLICT (bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER conversation_counts_delete AFTER DELETE ON conversations WHEN old.messages > 0
BEGIN
    UPDATE conversation_counts SET n = n - 1 WHERE bucket = old.status;
    UPDATE conversation_counts SET n = n - 1 WHERE bucket = 'unanswered'
        AND old.waiting_since > 0 AND old.status IN ('new', 'open');
END;
