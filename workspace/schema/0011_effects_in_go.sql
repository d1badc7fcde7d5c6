-- What stored mail does to a conversation (a customer's reply reopens it, a blocked
-- contact's mail files it as Abuse, waiting_since follows the mail) is done in Go now,
-- in package mail's effects.go, and journaled there. The triggers that did it go; the
-- running counts of schema 0006 stay (a cache of the status, not an effect), and so does
-- the status check. The history table stays for old data: schema 0007 copied it into the
-- journal, and nothing writes to it any more.
DROP TRIGGER conversations_customer_wrote;
DROP TRIGGER messages_from_blocked;
