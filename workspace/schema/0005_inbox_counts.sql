-- Indexes that let the Inbox count its views and page its lists from the index alone, so
-- opening a view costs about the same with 100,000 conversations as with 1,000: each
-- count and filter reads its columns from an index instead of visiting every row.

-- All conversations by recency, with the status every view filters on.
DROP INDEX conversations_recent;
CREATE INDEX conversations_recent ON conversations (last_message_at DESC, status) WHERE messages > 0;

-- Mine and Unassigned: the status makes "still needs someone" an index-only test.
DROP INDEX conversations_assignee;
CREATE INDEX conversations_assignee ON conversations (assignee_id, last_message_at DESC, status) WHERE messages > 0;

-- Overdue is a range of waiting_since inside the Unanswered partial index.
CREATE INDEX conversations_waiting ON conversations (waiting_since)
    WHERE messages > 0 AND waiting_since > 0 AND status IN ('new', 'open');

-- A contact's conversations (the contact panel, the list filtered to one person), and the
-- few muted or blocked contacts whose mail raises no alert.
CREATE INDEX conversations_contact ON conversations (contact_id, last_message_at DESC) WHERE messages > 0;
CREATE INDEX contacts_silenced ON contacts (id) WHERE abuse_level IN ('muted', 'blocked');
