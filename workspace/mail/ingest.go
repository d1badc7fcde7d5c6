package mail

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace/journal"
)

// fallbackWindow: mail without usable references joins a conversation with the same
// subject and the same customer if that conversation saw mail this recently.
const fallbackWindow = 7 * 24 * time.Hour

// IngestResult counts what one Ingest call did.
type IngestResult struct {
	New      int // messages stored for the first time
	Existing int // already stored (another folder, or a refetch): only located
}

// Ingest stores fetched messages of a folder in one transaction, and moves the folder's
// UID cursor to uidNext in the same transaction, so a sync cut off half-way resumes after
// the last stored message and never stores one twice.
func (s *Store) Ingest(ctx context.Context, folderID int64, msgs []Incoming, uidNext uint32) (IngestResult, error) {
	var res IngestResult
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var role Role
		if err := tx.QueryRowContext(ctx, "SELECT role FROM folders WHERE id = ?", folderID).Scan(&role); err != nil {
			return fmt.Errorf("folder %d: %w", folderID, err)
		}
		if err := backfillGrams(ctx, tx); err != nil {
			return err
		}
		in, err := newIngester(ctx, tx, role == RoleSent)
		if err != nil {
			return err
		}
		defer in.close()
		for i := range msgs {
			isNew, err := in.add(folderID, &msgs[i])
			if err != nil {
				return err
			}
			if isNew {
				res.New++
			} else {
				res.Existing++
			}
		}
		if err := in.index(); err != nil {
			return err
		}
		if err := applyArrivals(ctx, tx, in.touched, in.now); err != nil {
			return err
		}
		if uidNext > 0 {
			_, err = tx.ExecContext(ctx, "UPDATE folders SET uid_next = max(uid_next, ?) WHERE id = ?", uidNext, folderID)
		}
		return err
	})
	return res, err
}

// gramsDone marks in settings that every stored message has its grams (migration 0009
// adds the column empty, and only Go can compute it).
const gramsDone = "mail.grams_backfilled"

// backfillGrams computes the grams of messages stored before the column existed, once.
func backfillGrams(ctx context.Context, tx *sql.Tx) error {
	var done int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM settings WHERE key = ?", gramsDone).Scan(&done); err != nil || done > 0 {
		return err
	}
	rows, err := tx.QueryContext(ctx, "SELECT id, subject, body, sender FROM messages WHERE grams = ''")
	if err != nil {
		return err
	}
	grams := map[int64]string{}
	for rows.Next() {
		var id int64
		var subject, body, sender string
		if err := rows.Scan(&id, &subject, &body, &sender); err != nil {
			rows.Close()
			return err
		}
		if g := SearchGrams(subject, body, sender); g != "" {
			grams[id] = g
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for id, g := range grams {
		if _, err := tx.ExecContext(ctx, "UPDATE messages SET grams = ? WHERE id = ?", g, id); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO settings (key, value, updated_at) VALUES (?, '1', ?)", gramsDone, time.Now().UnixMilli())
	return err
}

// ImportLocal stores messages in a local folder (no account), numbering them after what
// the folder already holds: the demo workspace and imports use it. Mail in a folder
// named "Sent" counts as sent by the brand.
func (s *Store) ImportLocal(ctx context.Context, folder string, msgs []Incoming) (IngestResult, error) {
	var id int64
	var next uint32
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if id, err = localFolder(ctx, tx, folder); err != nil {
			return err
		}
		if strings.EqualFold(folder, "Sent") {
			if _, err := tx.ExecContext(ctx, "UPDATE folders SET role = ? WHERE id = ?", RoleSent, id); err != nil {
				return err
			}
		}
		return tx.QueryRowContext(ctx, "SELECT uid_next FROM folders WHERE id = ?", id).Scan(&next)
	})
	if err != nil {
		return IngestResult{}, err
	}
	for i := range msgs {
		msgs[i].UID = next + uint32(i)
	}
	return s.Ingest(ctx, id, msgs, next+uint32(len(msgs)))
}

// ingester holds one transaction's prepared statements.
type ingester struct {
	ctx      context.Context
	tx       *sql.Tx
	sentRole bool
	ours     map[string]bool // this workspace's own addresses
	stmts    map[string]*sql.Stmt
	now      int64
	firstNew int64 // the lowest message id inserted, 0 if none
	touched  map[int64]*arrival
	blocked  map[int64]bool // contacts seen in this transaction whose mail is filed as Abuse
}

var ingestSQL = map[string]string{
	"byKey":     "SELECT id, fingerprint FROM messages WHERE message_key = ?",
	"storedRaw": "SELECT raw FROM message_raw WHERE message_id = ?",
	"setPrint":  "UPDATE messages SET fingerprint = ? WHERE id = ?",
	"locate":    "INSERT OR REPLACE INTO message_locations (folder_id, uid, message_id, flags) VALUES (?, ?, ?, ?)",
	"orFlags":   "UPDATE messages SET flags = flags | ? WHERE id = ?",
	"thread":    "SELECT conversation_id FROM thread_ids WHERE message_id = ?",
	"addThread": "INSERT OR IGNORE INTO thread_ids (message_id, conversation_id) VALUES (?, ?)",
	"fallback": `SELECT id FROM conversations WHERE subject_key = ? AND contact_id = ?
		AND last_message_at BETWEEN ? AND ? ORDER BY last_message_at DESC LIMIT 1`,
	"newConv": `INSERT INTO conversations (subject, subject_key, contact_id, created_at, updated_at, gid)
		VALUES (?, ?, ?, ?, ?, ?)`,
	"contact":     "SELECT id, abuse_level = 'blocked' FROM contacts WHERE email = ?",
	"lastInbound": "SELECT last_inbound_at FROM conversations WHERE id = ?",
	"newContact": `INSERT INTO contacts (email, name, first_seen_at, last_seen_at, messages, gid)
		VALUES (?, ?, ?, ?, ?, ?)`,
	"seenContact": `UPDATE contacts SET messages = messages + 1,
		name = CASE WHEN ? <> '' AND ? >= last_seen_at THEN ? ELSE name END,
		first_seen_at = min(first_seen_at, ?), last_seen_at = max(last_seen_at, ?) WHERE id = ?`,
	"insert": `INSERT INTO messages (message_key, conversation_id, contact_id, in_reply_to, refs, subject,
		sender, from_name, from_email, to_addrs, cc_addrs, date, received_at, outbound, auto_submitted, bulk,
		html_only, flags, size, snippet, body, warnings, created_at, fingerprint, grams)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"raw":        "INSERT INTO message_raw (message_id, raw) VALUES (?, ?)",
	"attachment": "INSERT INTO attachments (message_id, position, filename, content_type, size) VALUES (?, ?, ?, ?, ?)",
	// SET expressions see the row as it was, so last_message_at below is the old value.
	"convAdd": `UPDATE conversations SET messages = messages + 1, unread = unread + ?8,
		first_message_at = CASE WHEN first_message_at = 0 OR ?1 < first_message_at THEN ?1 ELSE first_message_at END,
		last_message_at = max(last_message_at, ?1),
		snippet = CASE WHEN ?1 >= last_message_at THEN ?2 ELSE snippet END,
		last_inbound_at = CASE WHEN ?3 THEN last_inbound_at ELSE max(last_inbound_at, ?1) END,
		last_outbound_at = CASE WHEN ?3 AND NOT ?9 THEN max(last_outbound_at, ?1) ELSE last_outbound_at END,
		subject = CASE WHEN subject = '' THEN ?4 ELSE subject END,
		contact_id = ifnull(contact_id, ?5), updated_at = ?6 WHERE id = ?7`,
}

func newIngester(ctx context.Context, tx *sql.Tx, sentRole bool) (*ingester, error) {
	in := &ingester{ctx: ctx, tx: tx, sentRole: sentRole, ours: map[string]bool{},
		stmts: map[string]*sql.Stmt{}, now: time.Now().UnixMilli(), touched: map[int64]*arrival{}, blocked: map[int64]bool{}}
	rows, err := tx.QueryContext(ctx, "SELECT lower(email) FROM accounts")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			rows.Close()
			return nil, err
		}
		in.ours[e] = true
	}
	rows.Close()
	for name, q := range ingestSQL {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			in.close()
			return nil, fmt.Errorf("preparing %s: %w", name, err)
		}
		in.stmts[name] = st
	}
	return in, nil
}

func (in *ingester) close() {
	for _, st := range in.stmts {
		st.Close()
	}
}

func (in *ingester) exec(name string, args ...any) (sql.Result, error) {
	return in.stmts[name].ExecContext(in.ctx, args...)
}

func (in *ingester) id(name string, args ...any) (int64, bool, error) {
	var id int64
	err := in.stmts[name].QueryRowContext(in.ctx, args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

func (in *ingester) insertID(name string, args ...any) (int64, error) {
	res, err := in.exec(name, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// messageKey is the Message-ID, or for mail without one "sha256:" and its content
// fingerprint, so that a copy of it in another folder or a redelivery (other trace
// fields, other line ends) is still the same message.
func messageKey(m *Incoming, fingerprint string) string {
	if id := strings.TrimSpace(m.Parsed.MessageID); id != "" {
		return id
	}
	return "sha256:" + fingerprint
}

// legacyKey is how mail without a Message-ID was keyed before fingerprints: the hash of
// its raw bytes. Rows stored so are still found when the same bytes are fetched again.
func legacyKey(raw []byte) string {
	sum := sha256.Sum256(raw)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// stored finds the message stored under key and whether its content is the same as
// fingerprint's. A row stored before fingerprints were kept gets its own from its raw
// bytes now.
func (in *ingester) stored(key, fingerprint string) (id int64, found, same bool, err error) {
	var fp string
	err = in.stmts["byKey"].QueryRowContext(in.ctx, key).Scan(&id, &fp)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, false, nil
	}
	if err != nil {
		return 0, false, false, err
	}
	if fp == "" {
		var raw []byte
		if err := in.stmts["storedRaw"].QueryRowContext(in.ctx, id).Scan(&raw); err != nil {
			return 0, false, false, err
		}
		fp = ContentFingerprint(raw)
		if _, err := in.exec("setPrint", fp, id); err != nil {
			return 0, false, false, err
		}
	}
	return id, true, fp == fingerprint, nil
}

func (in *ingester) add(folderID int64, m *Incoming) (bool, error) {
	p := m.Parsed
	fingerprint := ContentFingerprint(m.Raw)
	key := messageKey(m, fingerprint)
	msgID, found, same, err := in.stored(key, fingerprint)
	if err != nil {
		return false, err
	}
	if !found && strings.TrimSpace(p.MessageID) == "" {
		if msgID, found, same, err = in.stored(legacyKey(m.Raw), fingerprint); err != nil {
			return false, err
		}
	}
	if found && !same {
		// The same Message-ID on different content: a contact form or mailer that reuses
		// one id, or a sender copying a customer's. It is a message of its own, keyed by
		// its content, and threads by its own references and subject, never by the
		// reused id, so a forged id cannot slip mail into another customer's conversation.
		key = "sha256:" + fingerprint
		if msgID, found, _, err = in.stored(key, fingerprint); err != nil {
			return false, err
		}
	}
	if found {
		if _, err := in.exec("locate", folderID, m.UID, msgID, m.Flags); err != nil {
			return false, err
		}
		_, err = in.exec("orFlags", m.Flags, msgID)
		return false, err
	}

	date := p.Date
	if date.IsZero() || date.After(time.Now().Add(48*time.Hour)) {
		date = m.ReceivedAt // a missing or absurd Date would misplace the mail in every list
	}
	if date.IsZero() {
		date = time.Now()
	}
	dateMs := date.UnixMilli()
	outbound := in.sentRole || in.ours[strings.ToLower(p.From.Email)]

	// The contact is the customer: the sender of mail we receive, the first recipient of
	// mail we send.
	var contactID any
	counterpart := p.From
	if outbound {
		counterpart = Address{}
		if len(p.To) > 0 {
			counterpart = p.To[0]
		} else if len(p.Cc) > 0 {
			counterpart = p.Cc[0]
		}
	}
	if email := strings.ToLower(strings.TrimSpace(counterpart.Email)); email != "" && !in.ours[email] {
		cid, err := in.contact(email, counterpart.Name, dateMs, !outbound)
		if err != nil {
			return false, err
		}
		contactID = cid
	}

	convID, err := in.conversation(key, p, contactID, dateMs)
	if err != nil {
		return false, err
	}

	msgID, err = in.insertID("insert", key, convID, contactID, p.InReplyTo, strings.Join(p.References, " "),
		p.Subject, senderText(p.From), p.From.Name, strings.ToLower(p.From.Email), joinAddrs(p.To), joinAddrs(p.Cc),
		dateMs, m.ReceivedAt.UnixMilli(), outbound, p.AutoSubmitted, p.Bulk, p.HTMLOnly, m.Flags, len(m.Raw),
		p.Snippet, p.Text, strings.Join(p.Warnings, "\n"), in.now, fingerprint,
		SearchGrams(p.Subject, p.Text, senderText(p.From)))
	if err != nil {
		return false, fmt.Errorf("storing message %q: %w", key, err)
	}
	if in.firstNew == 0 {
		in.firstNew = msgID
	}
	if _, err := in.exec("raw", msgID, m.Raw); err != nil {
		return false, err
	}
	for i, a := range p.Attachments {
		if _, err := in.exec("attachment", msgID, i, a.Filename, a.ContentType, a.Size); err != nil {
			return false, err
		}
	}
	if _, err := in.exec("locate", folderID, m.UID, msgID, m.Flags); err != nil {
		return false, err
	}
	if err := in.touch(convID, dateMs, outbound, !outbound && contactID != nil && in.blocked[contactID.(int64)]); err != nil {
		return false, err
	}
	unread := 0
	if m.Flags&Seen == 0 {
		unread = 1
	}
	// ?9: our own automatic mail (the out-of-hours auto-reply) answers nobody, so the
	// customer's clock keeps running until a person replies.
	_, err = in.exec("convAdd", dateMs, p.Snippet, outbound, p.Subject, contactID, in.now, convID, unread, p.AutoSubmitted)
	return true, err
}

// index adds the transaction's new messages to the full-text index in one statement.
// Ids only grow, so every message from firstNew on is new in this transaction.
func (in *ingester) index() error {
	if in.firstNew == 0 {
		return nil
	}
	_, err := in.tx.ExecContext(in.ctx, `INSERT INTO messages_fts (rowid, subject, body, sender, grams)
		SELECT id, subject, body, sender, grams FROM messages WHERE id >= ?`, in.firstNew)
	return err
}

func (in *ingester) contact(email, name string, at int64, sender bool) (int64, error) {
	var id int64
	var blocked bool
	err := in.stmts["contact"].QueryRowContext(in.ctx, email).Scan(&id, &blocked)
	found := err == nil
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	if found {
		in.blocked[id] = blocked
	}
	if err != nil || found && !sender {
		return id, err
	}
	if found {
		_, err = in.exec("seenContact", name, at, name, at, at, id)
		return id, err
	}
	n := 0
	if sender {
		n = 1
	}
	return in.insertID("newContact", email, name, at, at, n, journal.NewID())
}

// conversation finds the thread a message belongs to: by its own id (a reply may have
// arrived first and named it), its parent, its references from nearest to farthest, then
// by subject and customer within fallbackWindow; else a new conversation. Every id the
// message names is then recorded for mail still to come.
func (in *ingester) conversation(key string, p *Parsed, contactID any, dateMs int64) (int64, error) {
	ids := make([]string, 0, 2+len(p.References))
	ids = append(ids, key)
	if p.InReplyTo != "" {
		ids = append(ids, p.InReplyTo)
	}
	for i := len(p.References) - 1; i >= 0; i-- {
		ids = append(ids, p.References[i])
	}
	var convID int64
	missing := ids[:0:0]
	for _, id := range ids {
		c, found, err := in.id("thread", id)
		if err != nil {
			return 0, err
		}
		if !found {
			missing = append(missing, id)
		} else if convID == 0 {
			convID = c
		}
	}
	if convID == 0 && p.SubjectKey != "" && contactID != nil {
		w := fallbackWindow.Milliseconds()
		c, found, err := in.id("fallback", p.SubjectKey, contactID, dateMs-w, dateMs+w)
		if err != nil {
			return 0, err
		}
		if found {
			convID = c
		}
	}
	if convID == 0 {
		var err error
		convID, err = in.insertID("newConv", p.Subject, p.SubjectKey, contactID, in.now, in.now, journal.NewID())
		if err != nil {
			return 0, err
		}
	}
	for _, id := range missing {
		if _, err := in.exec("addThread", id, convID); err != nil {
			return 0, err
		}
	}
	return convID, nil
}

func senderText(a Address) string {
	if a.Name == "" {
		return a.Email
	}
	return a.Name + " " + a.Email
}

func joinAddrs(list []Address) string {
	s := make([]string, len(list))
	for i, a := range list {
		s[i] = a.String()
	}
	return strings.Join(s, ", ")
}
