package mail

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

func millis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// Message is a stored message as the conversation view shows it.
type Message struct {
	ID             int64            `json:"id"`
	ConversationID int64            `json:"conversation_id"`
	MessageKey     string           `json:"message_id"`
	Subject        string           `json:"subject"`
	From           Address          `json:"from"`
	To             string           `json:"to"`
	Cc             string           `json:"cc,omitempty"`
	Date           time.Time        `json:"date"`
	Outbound       bool             `json:"outbound"`
	AutoSubmitted  bool             `json:"auto_submitted,omitempty"`
	HTMLOnly       bool             `json:"html_only,omitempty"`
	Flags          Flags            `json:"flags"`
	Body           string           `json:"body"`
	Warnings       []string         `json:"warnings,omitempty"`
	Attachments    []AttachmentInfo `json:"attachments,omitempty"`
}

// ConversationMessages returns a conversation's messages, oldest first.
func (s *Store) ConversationMessages(ctx context.Context, conversationID int64) ([]Message, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT id, conversation_id, message_key, subject, from_name, from_email,
		to_addrs, cc_addrs, date, outbound, auto_submitted, html_only, flags, body, warnings
		FROM messages WHERE conversation_id = ? ORDER BY date, id`, conversationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Message
	for rows.Next() {
		var m Message
		var date int64
		var warnings string
		if err := rows.Scan(&m.ID, &m.ConversationID, &m.MessageKey, &m.Subject, &m.From.Name, &m.From.Email,
			&m.To, &m.Cc, &date, &m.Outbound, &m.AutoSubmitted, &m.HTMLOnly, &m.Flags, &m.Body, &warnings); err != nil {
			return nil, err
		}
		m.Date = millis(date)
		if warnings != "" {
			m.Warnings = strings.Split(warnings, "\n")
		}
		list = append(list, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].Attachments, err = s.attachments(ctx, list[i].ID); err != nil {
			return nil, err
		}
	}
	return list, nil
}

func (s *Store) attachments(ctx context.Context, messageID int64) ([]AttachmentInfo, error) {
	rows, err := s.db.Read().QueryContext(ctx,
		"SELECT filename, content_type, size FROM attachments WHERE message_id = ? ORDER BY position", messageID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []AttachmentInfo
	for rows.Next() {
		var a AttachmentInfo
		if err := rows.Scan(&a.Filename, &a.ContentType, &a.Size); err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}

// Raw returns a message's original bytes ("show original", exports, re-parsing).
func (s *Store) Raw(ctx context.Context, messageID int64) ([]byte, error) {
	var raw []byte
	err := s.db.Read().QueryRowContext(ctx, "SELECT raw FROM message_raw WHERE message_id = ?", messageID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("no message %d in this workspace", messageID)
	}
	return raw, err
}

// Hit is a message found by Search.
type Hit struct {
	MessageID       int64     `json:"message_id"`
	ConversationGID string    `json:"conversation_id"` // global id
	ConversationID  int64     `json:"conversation_number"`
	Subject         string    `json:"subject"`
	From            Address   `json:"from"`
	Date            time.Time `json:"date"`
	Snippet         string    `json:"snippet"`
}

// Search finds messages whose subject, text or sender contain every word of query,
// accents and case ignored ("kun" finds "kůň"); a word ending in * matches as a prefix.
// The most recently stored come first.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	match := FTSQuery(query)
	if match == "" {
		return nil, errors.New("search: type at least one word")
	}
	if limit <= 0 {
		limit = 50
	}
	// Ordering by the index's own rowid lets FTS5 stop after limit matches instead of
	// sorting all of them: newest-stored first is what an inbox search wants anyway.
	rows, err := s.db.Read().QueryContext(ctx, `SELECT m.id, m.conversation_id, m.subject, m.from_name, m.from_email,
		m.date, m.snippet, ifnull((SELECT c.gid FROM conversations c WHERE c.id = m.conversation_id), '')
		FROM messages_fts f JOIN messages m ON m.id = f.rowid
		WHERE messages_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`, match, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		var date int64
		if err := rows.Scan(&h.MessageID, &h.ConversationID, &h.Subject, &h.From.Name, &h.From.Email, &date, &h.Snippet, &h.ConversationGID); err != nil {
			return nil, err
		}
		h.Date = millis(date)
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// Contact is someone who wrote to the workspace.
type Contact struct {
	ID          int64     `json:"id"`
	Email       string    `json:"email"`
	Name        string    `json:"name"`
	FirstSeenAt time.Time `json:"first_seen_at"`
	LastSeenAt  time.Time `json:"last_seen_at"`
	Messages    int       `json:"messages"`
}

// Contacts lists contacts, the most active first.
func (s *Store) Contacts(ctx context.Context, limit int) ([]Contact, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT id, email, name, first_seen_at, last_seen_at, messages
		FROM contacts ORDER BY messages DESC, last_seen_at DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Contact
	for rows.Next() {
		var c Contact
		var first, last int64
		if err := rows.Scan(&c.ID, &c.Email, &c.Name, &first, &last, &c.Messages); err != nil {
			return nil, err
		}
		c.FirstSeenAt, c.LastSeenAt = millis(first), millis(last)
		list = append(list, c)
	}
	return list, rows.Err()
}

// FolderStats is a folder with the address of its account.
type FolderStats struct {
	Account string `json:"account"` // email address; empty for local folders
	Folder
}

// Stats summarises the workspace's mail.
type Stats struct {
	Messages      int           `json:"messages"`
	Conversations int           `json:"conversations"`
	Contacts      int           `json:"contacts"`
	Unread        int           `json:"unread"`
	Folders       []FolderStats `json:"folders"`
}

// Stats counts messages, conversations with mail and contacts, and lists folders with
// their sync state.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.db.Read().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM messages),
		(SELECT count(*) FROM conversations WHERE messages > 0), (SELECT count(*) FROM contacts),
		(SELECT count(*) FROM messages WHERE flags & 1 = 0)`).Scan(&st.Messages, &st.Conversations, &st.Contacts, &st.Unread)
	if err != nil {
		return st, err
	}
	accounts, err := s.Accounts(ctx)
	if err != nil {
		return st, err
	}
	email := map[string]string{}
	for _, a := range accounts {
		email[a.ID] = a.Email
	}
	folders, err := s.AllFolders(ctx)
	for _, f := range folders {
		st.Folders = append(st.Folders, FolderStats{Account: email[f.AccountID], Folder: f})
	}
	if st.Folders == nil {
		st.Folders = []FolderStats{}
	}
	return st, err
}
