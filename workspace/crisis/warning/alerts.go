package warning

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/crisis"
)

// Workspace settings holding the threshold (a count, and a Go duration such as "2h").
const (
	CountSetting  = "crisis.warning.count"
	WindowSetting = "crisis.warning.window"
)

// ConfigOf is w's threshold; a hand-edited bad value falls back to the default.
func ConfigOf(ctx context.Context, w *workspace.Workspace) (Config, error) {
	cfg := DefaultConfig
	if v, ok, err := w.Setting(ctx, CountSetting); err != nil {
		return cfg, err
	} else if n, err := strconv.Atoi(strings.TrimSpace(v)); ok && err == nil && n >= 2 {
		cfg.Count = n
	}
	if v, ok, err := w.Setting(ctx, WindowSetting); err != nil {
		return cfg, err
	} else if d, err := time.ParseDuration(strings.TrimSpace(v)); ok && err == nil && d >= time.Minute {
		cfg.Window = d
	}
	return cfg, nil
}

// SetConfig stores w's threshold.
func SetConfig(ctx context.Context, w *workspace.Workspace, cfg Config) error {
	if cfg.Count < 2 || cfg.Window < time.Minute {
		return fmt.Errorf("a warning needs at least 2 messages within at least a minute, not %d within %s", cfg.Count, cfg.Window)
	}
	if err := w.SetSetting(ctx, CountSetting, strconv.Itoa(cfg.Count)); err != nil {
		return err
	}
	return w.SetSetting(ctx, WindowSetting, cfg.Window.String())
}

// Triggers are the playbooks' keywords, for Detect.
func Triggers(pbs []crisis.Playbook) []Trigger {
	out := make([]Trigger, 0, len(pbs))
	for _, p := range pbs {
		if kw := p.AllKeywords(); len(kw) > 0 {
			out = append(out, Trigger{ID: p.ID, Name: p.Name, Keywords: kw})
		}
	}
	return out
}

// Current are w's waves still going at now (a member within the last window) whose
// conversations are not already linked to an incident: what the alert shows.
func Current(ctx context.Context, w *workspace.Workspace, now time.Time) ([]Wave, error) {
	cfg, err := ConfigOf(ctx, w)
	if err != nil {
		return nil, err
	}
	msgs, err := inbound(ctx, w, now.Add(-baselineSpan-cfg.Window), now, maxMessages)
	if err != nil {
		return nil, err
	}
	pbs, err := crisis.NewStore(w, crisis.Options{}).Playbooks(ctx)
	if err != nil {
		return nil, err
	}
	linked, err := linkedConversations(ctx, w)
	if err != nil {
		return nil, err
	}
	out := []Wave{}
	// A wave still going started within the last few windows; older mail is the baseline.
	from := now.Add(-max(3*cfg.Window, 12*time.Hour))
	for _, wv := range DetectSince(msgs, cfg, Triggers(pbs), from) {
		last := wv.Members[len(wv.Members)-1].At
		if now.Sub(last) > cfg.Window {
			continue
		}
		convs := wv.Conversations()
		n := 0
		for _, c := range convs {
			if linked[c] {
				n++
			}
		}
		if n*2 > len(convs) {
			continue // handled: the incident has them
		}
		out = append(out, wv)
	}
	return out, nil
}

// maxMessages bounds the baseline of a very busy workspace: the newest this many customer
// messages of the week (Current runs on the shell's worker after every batch of new mail).
const maxMessages = 3000

// inbound reads the newest limit messages customers wrote in [since, until), oldest first:
// our own mail, auto-replies and list mail are left out, as for the FAQ suggestions.
func inbound(ctx context.Context, w *workspace.Workspace, since, until time.Time, limit int) ([]Message, error) {
	rows, err := w.DB().Read().QueryContext(ctx, `SELECT * FROM (SELECT id, conversation_id, from_email, subject, body, date FROM messages
		WHERE outbound = 0 AND auto_submitted = 0 AND bulk = 0 AND date >= ? AND date < ? ORDER BY date DESC, id DESC LIMIT ?)
		ORDER BY date, id`, since.UnixMilli(), until.UnixMilli(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		var m Message
		var at int64
		if err := rows.Scan(&m.ID, &m.ConversationID, &m.From, &m.Subject, &m.Text, &at); err != nil {
			return nil, err
		}
		m.At = time.UnixMilli(at).UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}

func linkedConversations(ctx context.Context, w *workspace.Workspace) (map[int64]bool, error) {
	rows, err := w.DB().Read().QueryContext(ctx, `SELECT c.id FROM incident_conversations l JOIN conversations c ON c.gid = l.conversation`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}
