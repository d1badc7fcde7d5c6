package crisis

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/journal"
	"switchboard/workspace/pause"
)

// States an incident goes through, as status pages name them.
const (
	Investigating = "investigating"
	Identified    = "identified"
	Monitoring    = "monitoring"
	Resolved      = "resolved"
)

// States lists them in order.
var States = []string{Investigating, Identified, Monitoring, Resolved}

// Incident is a playbook put to work.
type Incident struct {
	ID           string      `json:"id"`
	PlaybookID   string      `json:"playbook_id"`
	PlaybookName string      `json:"playbook"`
	Severity     string      `json:"severity"`
	State        string      `json:"state"`
	Reason       string      `json:"reason"`
	HoldingAuto  string      `json:"holding_auto_reply,omitempty"` // language of the holding statement used as auto-reply
	Summary      string      `json:"summary,omitempty"`
	StartedBy    string      `json:"started_by"` // staff global id
	StartedAt    time.Time   `json:"started_at"`
	ResolvedAt   time.Time   `json:"resolved_at,omitzero"`
	ClosedAt     time.Time   `json:"closed_at,omitzero"`
	Steps        []StepState `json:"steps"`
	Links        []Link      `json:"conversations"`
}

// Open tells whether the incident still shows its banner (not closed).
func (i Incident) Open() bool { return i.ClosedAt.IsZero() }

// StepState is a checklist step of an incident.
type StepState struct {
	Step   int       `json:"step"`
	Text   string    `json:"text"`
	Owner  string    `json:"owner,omitempty"`
	DoneAt time.Time `json:"done_at,omitzero"`
	DoneBy string    `json:"done_by,omitempty"`
}

// Done tells whether the step is ticked.
func (s StepState) Done() bool { return !s.DoneAt.IsZero() }

// Progress counts the ticked steps.
func (i Incident) Progress() (done, total int) {
	for _, s := range i.Steps {
		if s.Done() {
			done++
		}
	}
	return done, len(i.Steps)
}

// Link is a conversation linked to an incident.
type Link struct {
	ConversationID  int64     `json:"number"`          // this workspace's own key
	ConversationGID string    `json:"conversation_id"` // the global id, as the command line takes it
	Subject         string    `json:"subject"`
	Customer        string    `json:"customer"`
	LinkedAt        time.Time `json:"linked_at"`
}

// Start is what the confirmation of "Activate playbook" gathers.
type Start struct {
	Playbook string // id or name
	Reason   string // required: why, in the person's words
	// HoldingAuto, when set, is the language whose holding statement replaces the
	// out-of-hours auto-reply while the incident is open.
	HoldingAuto   string
	Conversations []int64 // linked at once (a warning's group)
}

// ErrIncidentOpen: a workspace works one incident at a time.
var ErrIncidentOpen = errors.New("an incident is already open in this workspace: close it first (switchboard incident close)")

// ErrNoIncident: nothing to work on.
var ErrNoIncident = errors.New("no incident is open in this workspace (start one: switchboard incident start --playbook NAME)")

// StartIncident activates a playbook: the incident, its checklist, the pause of this
// workspace's scheduled work and the links, in one transaction.
func (s *Store) StartIncident(ctx context.Context, st Start) (Incident, error) {
	reason := oneLine(st.Reason)
	if reason == "" {
		return Incident{}, errors.New("say why the incident starts (a reason is required)")
	}
	p, err := s.Playbook(ctx, st.Playbook)
	if err != nil {
		return Incident{}, err
	}
	auto := cleanLang(st.HoldingAuto)
	if auto != "" {
		if t, ok := p.HoldingFor(auto); !ok || t.Lang != auto && t.Lang != "" {
			return Incident{}, fmt.Errorf("playbook %q has no holding statement in %q to use as the auto-reply", p.Name, auto)
		}
	}
	actor, err := s.actor(ctx)
	if err != nil {
		return Incident{}, err
	}
	links, err := s.linkTargets(ctx, st.Conversations)
	if err != nil {
		return Incident{}, err
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	inc := Incident{ID: journal.NewID(), PlaybookID: p.ID, PlaybookName: p.Name, Severity: p.Severity, State: Investigating,
		Reason: reason, HoldingAuto: auto, StartedBy: actor, StartedAt: now}
	err = s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		var open int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM incidents WHERE closed_at = 0").Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return ErrIncidentOpen
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO incidents (gid, playbook, state, reason, holding_auto, started_by, started_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, inc.ID, p.ID, inc.State, reason, auto, actor, ms(now)); err != nil {
			return err
		}
		for i, step := range p.Steps {
			if _, err := tx.ExecContext(ctx, "INSERT INTO incident_steps (incident, step, text, owner) VALUES (?, ?, ?, ?)",
				inc.ID, i+1, step.Text, step.Owner); err != nil {
				return err
			}
		}
		if err := pause.Start(ctx, tx, pause.Hold{Reason: reason, Incident: inc.ID, Since: now}); err != nil {
			return err
		}
		if _, err := journal.Write(ctx, tx, now, actor, inc.ID, "incident.start", map[string]any{
			"playbook": p.ID, "name": p.Name, "reason": reason, "holding_auto": auto, "paused": true}); err != nil {
			return err
		}
		return s.link(ctx, tx, inc.ID, links, now, actor)
	})
	if err != nil {
		return Incident{}, err
	}
	return s.Incident(ctx, inc.ID)
}

const incidentColumns = `i.gid, i.playbook, p.name, p.severity, i.state, i.reason, i.holding_auto, i.summary, i.started_by,
	i.started_at, i.resolved_at, i.closed_at`

// Incident reads one incident with its steps and links.
func (s *Store) Incident(ctx context.Context, id string) (Incident, error) {
	var inc Incident
	var started, resolved, closed int64
	db := s.w.DB().Read()
	err := db.QueryRowContext(ctx, "SELECT "+incidentColumns+" FROM incidents i JOIN playbooks p ON p.gid = i.playbook WHERE i.gid = ?", id).
		Scan(&inc.ID, &inc.PlaybookID, &inc.PlaybookName, &inc.Severity, &inc.State, &inc.Reason, &inc.HoldingAuto, &inc.Summary,
			&inc.StartedBy, &started, &resolved, &closed)
	if isNotFound(err) {
		return inc, fmt.Errorf("%w: incident %s", ErrNotFound, id)
	}
	if err != nil {
		return inc, err
	}
	inc.StartedAt, inc.ResolvedAt, inc.ClosedAt = fromMs(started), fromMs(resolved), fromMs(closed)
	rows, err := db.QueryContext(ctx, "SELECT step, text, owner, done_at, done_by FROM incident_steps WHERE incident = ? ORDER BY step", id)
	if err != nil {
		return inc, err
	}
	defer rows.Close()
	inc.Steps = []StepState{}
	for rows.Next() {
		var st StepState
		var done int64
		if err := rows.Scan(&st.Step, &st.Text, &st.Owner, &done, &st.DoneBy); err != nil {
			return inc, err
		}
		st.DoneAt = fromMs(done)
		inc.Steps = append(inc.Steps, st)
	}
	if err := rows.Err(); err != nil {
		return inc, err
	}
	inc.Links, err = s.links(ctx, id)
	return inc, err
}

// Active is the open incident, if any: what the banner shows.
func (s *Store) Active(ctx context.Context) (Incident, bool, error) {
	return ActiveIncident(ctx, s.w)
}

// ActiveIncident is the open incident of w, if any. The shell asks it for the banner.
func ActiveIncident(ctx context.Context, w *workspace.Workspace) (Incident, bool, error) {
	var id string
	err := w.DB().Read().QueryRowContext(ctx, "SELECT gid FROM incidents WHERE closed_at = 0").Scan(&id)
	if isNotFound(err) {
		return Incident{}, false, nil
	}
	if err != nil {
		return Incident{}, false, err
	}
	inc, err := (&Store{w: w, now: time.Now}).Incident(ctx, id)
	return inc, err == nil, err
}

// Incidents lists every incident, newest first.
func (s *Store) Incidents(ctx context.Context) ([]Incident, error) {
	rows, err := s.w.DB().Read().QueryContext(ctx, "SELECT gid FROM incidents ORDER BY started_at DESC")
	if err != nil {
		return nil, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	list := []Incident{}
	for _, id := range ids {
		inc, err := s.Incident(ctx, id)
		if err != nil {
			return nil, err
		}
		list = append(list, inc)
	}
	return list, nil
}

// current is the open incident or ErrNoIncident.
func (s *Store) current(ctx context.Context) (Incident, error) {
	inc, ok, err := s.Active(ctx)
	if err == nil && !ok {
		err = ErrNoIncident
	}
	return inc, err
}

// SetState moves the open incident to state, with an optional note. Moving to Resolved
// ends the pause and holds what fell due meanwhile for review (see Due).
func (s *Store) SetState(ctx context.Context, state, note string) (Incident, error) {
	state = strings.ToLower(strings.TrimSpace(state))
	if !slices.Contains(States, state) {
		return Incident{}, fmt.Errorf("%q is not a state: use one of %s", state, strings.Join(States, ", "))
	}
	inc, err := s.current(ctx)
	if err != nil {
		return inc, err
	}
	if inc.State == Resolved && state != Resolved {
		return inc, errors.New("the incident is resolved: close it, or start a new one if the problem came back")
	}
	if inc.State == state {
		return inc, nil
	}
	actor, err := s.actor(ctx)
	if err != nil {
		return inc, err
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	err = s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE incidents SET state = ? WHERE gid = ?", state, inc.ID); err != nil {
			return err
		}
		if _, err := journal.Write(ctx, tx, now, actor, inc.ID, "incident.state",
			map[string]any{"from": inc.State, "to": state, "note": oneLine(note)}); err != nil {
			return err
		}
		if state == Resolved {
			return s.resolve(ctx, tx, inc, now, actor)
		}
		return nil
	})
	if err != nil {
		return inc, err
	}
	return s.Incident(ctx, inc.ID)
}

// resolve ends the pause and holds for review what fell due during it.
func (s *Store) resolve(ctx context.Context, tx *sql.Tx, inc Incident, now time.Time, actor string) error {
	if _, err := tx.ExecContext(ctx, "UPDATE incidents SET state = ?, resolved_at = ? WHERE gid = ?", Resolved, ms(now), inc.ID); err != nil {
		return err
	}
	if err := pause.End(ctx, tx); err != nil {
		return err
	}
	held := 0
	for _, l := range dueListers() {
		items, err := l.FellDue(ctx, tx, inc.StartedAt, now)
		if err != nil {
			return fmt.Errorf("listing %s that fell due during the incident: %w", l.Kind(), err)
		}
		for _, it := range items {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO pause_review (incident, kind, ref, due_at) VALUES (?, ?, ?, ?)`,
				inc.ID, l.Kind(), it.Ref, ms(it.DueAt)); err != nil {
				return err
			}
			held++
		}
	}
	_, err := journal.Write(ctx, tx, now, actor, inc.ID, "incident.resolve", map[string]any{"resumed": true, "held_for_review": held})
	return err
}

// Close ends the incident with a summary (resolving it first if needed); the banner goes.
func (s *Store) Close(ctx context.Context, summary string) (Incident, error) {
	inc, err := s.current(ctx)
	if err != nil {
		return inc, err
	}
	actor, err := s.actor(ctx)
	if err != nil {
		return inc, err
	}
	summary = cleanText(summary)
	now := s.now().UTC().Truncate(time.Millisecond)
	err = s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		if inc.State != Resolved {
			if _, err := journal.Write(ctx, tx, now, actor, inc.ID, "incident.state",
				map[string]any{"from": inc.State, "to": Resolved, "note": "closed"}); err != nil {
				return err
			}
			if err := s.resolve(ctx, tx, inc, now, actor); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE incidents SET summary = ?, closed_at = ? WHERE gid = ?", summary, ms(now), inc.ID); err != nil {
			return err
		}
		_, err := journal.Write(ctx, tx, now, actor, inc.ID, "incident.close", map[string]any{"summary": summary})
		return err
	})
	if err != nil {
		return inc, err
	}
	return s.Incident(ctx, inc.ID)
}

// Latest is the open incident, else the one closed last: what log and report work on.
func (s *Store) Latest(ctx context.Context) (Incident, error) {
	var id string
	err := s.w.DB().Read().QueryRowContext(ctx, "SELECT gid FROM incidents ORDER BY closed_at = 0 DESC, started_at DESC LIMIT 1").Scan(&id)
	if isNotFound(err) {
		return Incident{}, errors.New("this workspace has had no incident yet")
	}
	if err != nil {
		return Incident{}, err
	}
	return s.Incident(ctx, id)
}

// HoldingAutoReply is the holding statement (a template) that replaces the out-of-hours
// auto-reply while an incident is open, if the person who started it chose so. The
// Schedule's auto-reply reads it; ok is false when the usual auto-reply applies.
func HoldingAutoReply(ctx context.Context, w *workspace.Workspace) (Text, bool, error) {
	inc, open, err := ActiveIncident(ctx, w)
	if err != nil || !open || inc.HoldingAuto == "" {
		return Text{}, false, err
	}
	p, err := (&Store{w: w, now: time.Now}).Playbook(ctx, inc.PlaybookID)
	if err != nil {
		return Text{}, false, err
	}
	t, ok := p.HoldingFor(inc.HoldingAuto)
	return t, ok, nil
}
