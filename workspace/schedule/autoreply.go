package schedule

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"switchboard/workspace/faq/textsim"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/journal"
	"switchboard/workspace/mail"
	"switchboard/workspace/pause"
	"switchboard/workspace/template"
)

// Settings of the out-of-hours auto-reply (the settings table).
const (
	settingARTemplate = "schedule.auto_reply.template"
	settingAREnabled  = "schedule.auto_reply.enabled_at" // ms; "" off
	settingARSince    = "schedule.auto_reply.since_id"   // messages up to this id were there when it was switched on
	settingARDays     = "schedule.auto_reply.days"
	settingARCap      = "schedule.auto_reply.cap"
	settingARPaused   = "schedule.auto_reply.paused" // why the cap paused it; "" running
)

// Defaults and limits of the auto-reply.
const (
	DefaultAutoReplyDays = 4  // at most one auto-reply per sender in this many days (as Sieve vacation's default)
	MinAutoReplyDays     = 1  // Sieve vacation's minimum
	DefaultAutoReplyCap  = 30 // at most this many auto-replies an hour for the whole workspace
	// autoReplyMaxAge: mail older than this when the runner first sees it arrived while
	// Switchboard was not running; an out-of-hours note that late helps nobody.
	autoReplyMaxAge = time.Hour
)

// AutoReplyAuthor is the outbox's created_by of auto-replies.
const AutoReplyAuthor = outbox.AutoReplyAuthor

// AutoReplyConfig is a workspace's out-of-hours auto-reply.
type AutoReplyConfig struct {
	Enabled   bool      `json:"enabled"`
	EnabledAt time.Time `json:"enabled_at,omitzero"`
	Template  string    `json:"template"`
	Days      int       `json:"days"`         // one reply per sender per this many days
	Cap       int       `json:"cap_per_hour"` // for the whole workspace
	// PausedBy says why the cap paused the auto-reply ("" running): it stays paused until
	// a person switches it on again.
	PausedBy string `json:"paused_by,omitempty"`
	Language string `json:"language"` // of {{next_open}}, read from the template
}

// AutoReply reads the configuration.
func (s *Store) AutoReply(ctx context.Context) (AutoReplyConfig, error) {
	c := AutoReplyConfig{Days: DefaultAutoReplyDays, Cap: DefaultAutoReplyCap}
	get := func(k string) string {
		v, _, _ := s.w.Setting(ctx, k)
		return v
	}
	c.Template = get(settingARTemplate)
	if v, err := strconv.ParseInt(get(settingAREnabled), 10, 64); err == nil && v > 0 {
		c.Enabled, c.EnabledAt = true, fromMs(v)
	}
	if n, err := strconv.Atoi(get(settingARDays)); err == nil && n >= MinAutoReplyDays {
		c.Days = n
	}
	if n, err := strconv.Atoi(get(settingARCap)); err == nil && n > 0 {
		c.Cap = n
	}
	c.PausedBy = get(settingARPaused)
	c.Language = textsim.DetectLang(c.Template)
	if c.Language == "" {
		c.Language = "en"
	}
	return c, nil
}

// nextOpenVar matches {{next_open}} with an optional fallback; it is filled before the
// usual variables, which the template package knows.
var nextOpenVar = regexp.MustCompile(`\{\{\s*next_open\s*(\|[^}]*)?\}\}`)

// CheckAutoReplyTemplate refuses a template the usual variables cannot fill.
func CheckAutoReplyTemplate(text string) error {
	if strings.TrimSpace(text) == "" {
		return errors.New("the auto-reply text is empty")
	}
	if probs := template.Check(nextOpenVar.ReplaceAllString(text, "x")); probs != nil {
		return fmt.Errorf("the auto-reply text: %w", probs)
	}
	return nil
}

// AutoReplyChange changes the configuration; nil fields stay as they are.
type AutoReplyChange struct {
	Enabled  *bool
	Template *string
	Days     *int
	Cap      *int
}

// SetAutoReply changes the auto-reply. Switching it on (or on again after the cap paused
// it) marks every message already stored as never to be answered.
func (s *Store) SetAutoReply(ctx context.Context, ch AutoReplyChange) (AutoReplyConfig, error) {
	old, err := s.AutoReply(ctx)
	if err != nil {
		return old, err
	}
	if ch.Template != nil {
		if err := CheckAutoReplyTemplate(*ch.Template); err != nil {
			return old, err
		}
	}
	if ch.Days != nil && *ch.Days < MinAutoReplyDays {
		return old, fmt.Errorf("--auto-reply-days %d: at least %d, or one sender can loop with another machine", *ch.Days, MinAutoReplyDays)
	}
	if ch.Cap != nil && *ch.Cap < 1 {
		return old, errors.New("the hourly cap of auto-replies must be at least 1")
	}
	if ch.Enabled != nil && *ch.Enabled && old.Template == "" && ch.Template == nil {
		return old, errors.New("the auto-reply has no text yet: give it with --auto-reply-file FILE")
	}
	now := s.now()
	set := map[string]string{}
	if ch.Template != nil {
		set[settingARTemplate] = *ch.Template
	}
	if ch.Days != nil {
		set[settingARDays] = strconv.Itoa(*ch.Days)
	}
	if ch.Cap != nil {
		set[settingARCap] = strconv.Itoa(*ch.Cap)
	}
	err = s.write(ctx, func(tx *sql.Tx, actor string) error {
		if ch.Enabled != nil {
			switch {
			case *ch.Enabled && (!old.Enabled || old.PausedBy != ""):
				var maxID int64
				if err := tx.QueryRowContext(ctx, "SELECT ifnull(max(id), 0) FROM messages").Scan(&maxID); err != nil {
					return err
				}
				set[settingAREnabled] = strconv.FormatInt(ms(now), 10)
				set[settingARSince] = strconv.FormatInt(maxID, 10)
				set[settingARPaused] = ""
			case !*ch.Enabled:
				set[settingAREnabled] = ""
			}
		}
		for k, v := range set {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, k, v, ms(now)); err != nil {
				return err
			}
		}
		data := map[string]any{}
		for k, v := range set {
			data[strings.TrimPrefix(k, "schedule.auto_reply.")] = v
		}
		_, err := journal.Write(ctx, tx, now, actor, s.w.ID(), "workspace.auto_reply", data)
		return err
	})
	if err != nil {
		return old, err
	}
	return s.AutoReply(ctx)
}

// AutoReport counts what one AutoReplies round did.
type AutoReport struct {
	Queued  int    `json:"queued"`
	Skipped int    `json:"skipped"`
	Paused  string `json:"paused,omitempty"` // the cap was reached in this round: why
}

// AutoReplyMail is an auto-reply to compose: the runner's composer adds
// Auto-Submitted: auto-replied to these.
type AutoReplyMail struct {
	From       mail.Address
	To         mail.Address
	Subject    string // the customer's; the composer adds the reply prefix
	Text       string
	MessageID  string
	InReplyTo  string
	References []string
	Date       time.Time
}

// Composer renders an auto-reply into RFC 5322 bytes with Auto-Submitted: auto-replied.
type Composer func(AutoReplyMail) ([]byte, error)

type inboundMsg struct {
	id, conv        int64
	convGID, status string
	key, refs, subj string
	fromName, from  string
	received        int64
	account         string
	raw             []byte
}

// AutoReplies answers new customer mail that arrived outside coverage, once per sender
// per Days, at most Cap an hour, never to machines or lists (Suppressed), never to mail
// that was there when it was switched on, never during a pause. Each message is decided
// once; the reply goes into the outbox with its bytes composed by compose, and is
// journaled in its conversation.
func (s *Store) AutoReplies(ctx context.Context, compose Composer) (AutoReport, error) {
	var rep AutoReport
	cfg, err := s.AutoReply(ctx)
	if err != nil || !cfg.Enabled || cfg.PausedBy != "" {
		return rep, err
	}
	since, _, _ := s.w.Setting(ctx, settingARSince)
	sinceID, _ := strconv.ParseInt(since, 10, 64)
	msgs, err := s.newInbound(ctx, sinceID)
	if err != nil || len(msgs) == 0 {
		return rep, err
	}
	cv, err := s.Coverage(ctx)
	if err != nil {
		return rep, err
	}
	_, crisis, err := pause.Active(ctx, s.read)
	if err != nil {
		return rep, err
	}
	own, accounts, err := s.ownAddresses(ctx)
	if err != nil {
		return rep, err
	}
	if crisis {
		// An incident may replace the auto-reply with its holding statement; otherwise the
		// pause holds auto-replies like everything else that goes out on its own.
		if t, ok, err := crisisAutoReply(ctx, s); err != nil {
			return rep, err
		} else if ok {
			cfg.Template, cfg.Language, crisis = t.Text, t.Lang, false
		}
	}
	now := s.now()
	for _, m := range msgs {
		why := ""
		received := fromMs(m.received)
		switch {
		case crisis:
			why = "workspace paused"
		case received.Before(cfg.EnabledAt.Truncate(time.Second)): // IMAP's INTERNALDATE has whole seconds
			why = "there before the auto-reply was switched on"
		case now.Sub(received) > autoReplyMaxAge:
			why = "arrived while Switchboard was not running"
		case !cv.Defined():
			why = "no business hours set"
		case cv.Open(received):
			why = "in business hours"
		case m.status == string(inbox.Spam) || m.status == string(inbox.Abuse):
			why = "conversation is " + m.status
		default:
			why = Suppressed(ReadHeader(m.raw), own)
		}
		if why == "" && cfg.PausedBy != "" {
			why = "auto-replies paused"
		}
		if why == "" {
			why, err = s.limit(ctx, m.from, now, cfg)
			if err != nil {
				return rep, err
			}
		}
		if why == capReached {
			rep.Paused = fmt.Sprintf("%d auto-replies in the last hour: auto-replies paused until someone switches them on again", cfg.Cap)
			if err := s.pauseAutoReplies(ctx, now, rep.Paused); err != nil {
				return rep, err
			}
			cfg.PausedBy = rep.Paused
		}
		if why != "" {
			rep.Skipped++
			if err := s.decide(ctx, m, why, now); err != nil {
				return rep, err
			}
			continue
		}
		if err := s.queueAutoReply(ctx, m, cfg, cv, accounts, compose, now); err != nil {
			return rep, err
		}
		rep.Queued++
	}
	return rep, nil
}

const capReached = "hourly cap reached"

// limit applies "one per sender per Days" and the workspace's hourly cap.
func (s *Store) limit(ctx context.Context, sender string, now time.Time, cfg AutoReplyConfig) (string, error) {
	db := s.read
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM auto_replies WHERE decision = 'sent' AND sender = ? AND at > ?",
		strings.ToLower(sender), ms(now.Add(-time.Duration(cfg.Days)*24*time.Hour))).Scan(&n); err != nil {
		return "", err
	}
	if n > 0 {
		return fmt.Sprintf("already answered within %d days", cfg.Days), nil
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM auto_replies WHERE decision = 'sent' AND at > ?", ms(now.Add(-time.Hour))).Scan(&n); err != nil {
		return "", err
	}
	if n >= cfg.Cap {
		return capReached, nil
	}
	return "", nil
}

func (s *Store) pauseAutoReplies(ctx context.Context, now time.Time, why string) error {
	return s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, settingARPaused, why, ms(now)); err != nil {
			return err
		}
		_, err := journal.Write(ctx, tx, now, journal.Runner, s.w.ID(), "workspace.auto_reply_paused", map[string]string{"reason": why})
		return err
	})
}

func (s *Store) decide(ctx context.Context, m inboundMsg, why string, now time.Time) error {
	return s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO auto_replies (message_id, sender, decision, at) VALUES (?, ?, ?, ?)",
			m.id, strings.ToLower(m.from), why, ms(now))
		return err
	})
}

// newInbound lists customer messages after sinceID not yet decided, oldest first.
func (s *Store) newInbound(ctx context.Context, sinceID int64) ([]inboundMsg, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT m.id, m.conversation_id, c.gid, c.status, m.message_key, m.refs,
		c.subject, m.from_name, m.from_email, m.received_at, ifnull(r.raw, x''),
		ifnull((SELECT f.account_id FROM message_locations l JOIN folders f ON f.id = l.folder_id
			WHERE l.message_id = m.id AND f.account_id IS NOT NULL LIMIT 1), '')
		FROM messages m JOIN conversations c ON c.id = m.conversation_id LEFT JOIN message_raw r ON r.message_id = m.id
		WHERE m.id > ? AND NOT m.outbound AND NOT EXISTS (SELECT 1 FROM auto_replies a WHERE a.message_id = m.id)
		ORDER BY m.id LIMIT 2000`, sinceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inboundMsg
	for rows.Next() {
		var m inboundMsg
		if err := rows.Scan(&m.id, &m.conv, &m.convGID, &m.status, &m.key, &m.refs, &m.subj, &m.fromName, &m.from,
			&m.received, &m.raw, &m.account); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s *Store) ownAddresses(ctx context.Context) ([]string, map[string]mail.Account, error) {
	accts, err := mail.Open(s.w).Accounts(ctx)
	if err != nil {
		return nil, nil, err
	}
	var own []string
	byID := map[string]mail.Account{}
	for _, a := range accts {
		own = append(own, strings.ToLower(a.Email))
		byID[a.ID] = a
	}
	return own, byID, nil
}

func (s *Store) queueAutoReply(ctx context.Context, m inboundMsg, cfg AutoReplyConfig, cv Coverage, accounts map[string]mail.Account,
	compose Composer, now time.Time) error {
	acct, ok := accounts[m.account]
	if !ok {
		for _, a := range accounts {
			acct, ok = a, true
			break
		}
	}
	if !ok {
		return s.decide(ctx, m, "no mail account to send from", now)
	}
	next := "soon"
	if t, found := cv.NextOpening(now); found {
		next = NextOpenText(t, cv.loc(), cfg.Language)
	}
	text := nextOpenVar.ReplaceAllLiteralString(cfg.Template, next)
	text, err := template.RenderText(text, template.NewValues(m.fromName, "", s.info.Name))
	var unresolved *template.UnresolvedError
	if errors.As(err, &unresolved) {
		return s.decide(ctx, m, "the auto-reply text has a variable without a value: "+strings.Join(unresolved.Names(), ", "), now)
	}
	if err != nil {
		return s.decide(ctx, m, "the auto-reply text: "+err.Error(), now)
	}
	key := m.key
	if strings.HasPrefix(key, "sha256:") {
		key = ""
	}
	refs := strings.Fields(m.refs)
	if key != "" {
		refs = append(refs, key)
	}
	out := AutoReplyMail{From: mail.Address{Name: acct.DisplayName, Email: acct.Email}, To: mail.Address{Name: m.fromName, Email: m.from},
		Subject: m.subj, Text: text, MessageID: messageID(acct.Email), InReplyTo: key, References: refs, Date: now}
	raw, err := compose(out)
	if err != nil {
		return s.decide(ctx, m, "composing the auto-reply: "+err.Error(), now)
	}
	to, _ := json.Marshal([]mail.Address{out.To})
	return s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		gid := journal.NewID()
		var outID int64
		err := tx.QueryRowContext(ctx, `INSERT INTO outbox (workspace_id, account_id, conversation_id, reply_to, message_id,
			in_reply_to, refs, from_name, from_email, to_addrs, subject, body, raw, state, send_at, next_attempt_at,
			created_by, created_at, updated_at, gid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?) RETURNING id`,
			s.w.ID(), acct.ID, m.conv, nil /* no \Answered: a person still has to answer */, out.MessageID, out.InReplyTo, strings.Join(refs, " "), out.From.Name, out.From.Email,
			string(to), m.subj, text, raw, ms(now), ms(now), AutoReplyAuthor, ms(now), ms(now), gid).Scan(&outID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO auto_replies (message_id, sender, decision, outbox_id, at) VALUES (?, ?, 'sent', ?, ?)",
			m.id, strings.ToLower(m.from), outID, ms(now)); err != nil {
			return err
		}
		_, err = journal.Write(ctx, tx, now, journal.Runner, m.convGID, "conversation.auto_reply",
			map[string]string{"outbox": gid, "to": m.from, "next_open": next})
		return err
	})
}

func messageID(from string) string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b) + "@" + from[strings.LastIndexByte(from, '@')+1:]
}

// AutoReplyLog is one decision about one message, for `coverage --json` and tests.
type AutoReplyLog struct {
	MessageID int64     `json:"-"`
	Sender    string    `json:"sender"`
	Decision  string    `json:"decision"`
	At        time.Time `json:"at"`
}

// AutoReplyDecisions lists the latest decisions, newest first.
func (s *Store) AutoReplyDecisions(ctx context.Context, limit int) ([]AutoReplyLog, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT message_id, sender, decision, at FROM auto_replies ORDER BY at DESC, message_id DESC LIMIT ?", limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AutoReplyLog
	for rows.Next() {
		var l AutoReplyLog
		var at int64
		if err := rows.Scan(&l.MessageID, &l.Sender, &l.Decision, &at); err != nil {
			return nil, err
		}
		l.At = fromMs(at)
		out = append(out, l)
	}
	return out, rows.Err()
}
