package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// DemoPlan is the Inbox state a demo workspace starts with: who works there, the labels,
// and each conversation's triage. The demo's is assets/demo/mail/triage.json, written
// next to the mail it triages so the two are edited together.
type DemoPlan struct {
	Agent         string             `json:"agent"` // the seeded changes are recorded under this name
	Staff         []string           `json:"staff"`
	Labels        []Label            `json:"labels"`
	Conversations []DemoConversation `json:"conversations"`
}

// DemoConversation is one conversation's triage. The conversation is named by the
// Message-ID (without angle brackets) of any of its messages.
type DemoConversation struct {
	MessageID string   `json:"message_id"`
	Status    Status   `json:"status"` // "" leaves it New
	Labels    []string `json:"labels"`
	Assignee  string   `json:"assignee"`
	Note      string   `json:"note"`
	// SnoozeHours is how long a Snoozed conversation sleeps; FollowUpDays when a Resolved
	// one comes back.
	SnoozeHours  int `json:"snooze_hours"`
	FollowUpDays int `json:"follow_up_days"`
	// ScheduledReply is queued (signature added) to go out ScheduledInHours from now. The
	// demo has no mail account, so it waits in the outbox and can never be sent.
	ScheduledReply   string `json:"scheduled_reply"`
	ScheduledInHours int    `json:"scheduled_in_hours"`

	id int64 // set instead of MessageID by SeedDemo
}

// demoHandling is how long after a conversation's last message the demo team acted on it.
const demoHandling = 7 * time.Minute

// demoLabels are the labels of SeedDemo's generic spread.
var demoLabels = []Label{{Name: "Order", Color: "#2E7D32"}, {Name: "Refund", Color: "#C62828"},
	{Name: "Subscription", Color: "#1565C0"}, {Name: "Wholesale", Color: "#6A1B9A"}, {Name: "Feedback", Color: "#EF6C00"}}

// SeedDemo spreads a generic triage over whatever mail w holds (labels, staff, every
// status, a note and a scheduled reply in round robin), for tests and tools that import
// arbitrary mail. The demo workspace uses SeedDemoPlan with triage written for its mail.
func SeedDemo(ctx context.Context, w *workspace.Workspace) error {
	page, err := NewStore(w, Options{}).List(ctx, Query{Limit: 200})
	if err != nil {
		return err
	}
	if len(page.Rows) < 6 {
		return fmt.Errorf("inbox demo: %d conversations; import the demo mail first", len(page.Rows))
	}
	plan := DemoPlan{Agent: "Anna Lind", Staff: []string{"Anna Lind", "Erik Dahl", "Sofie Holm"}, Labels: demoLabels}
	for i, r := range page.Rows {
		c := DemoConversation{id: r.ID, Labels: []string{demoLabels[i%len(demoLabels)].Name}}
		if i%3 == 0 {
			c.Labels = append(c.Labels, demoLabels[(i+2)%len(demoLabels)].Name)
		}
		if i%4 != 3 {
			c.Assignee = plan.Staff[i%len(plan.Staff)]
		}
		switch i % 8 {
		case 1:
			c.Status = Open
		case 2:
			c.Status = Waiting
		case 4:
			c.Status, c.SnoozeHours = Snoozed, 26
		case 5:
			c.Status, c.FollowUpDays = Resolved, 3
		case 7:
			c.Status = Resolved
		}
		plan.Conversations = append(plan.Conversations, c)
	}
	plan.Conversations[0].Note = "Regular customer since 2021 — offer the loyalty discount if the grinder is really broken."
	plan.Conversations[1].ScheduledReply = "Hi {{first_name|there}},\n\nthanks for your patience — your replacement beans leave our roastery tomorrow morning, and you will get a tracking link by mail."
	plan.Conversations[1].ScheduledInHours = 18
	return SeedDemoPlan(ctx, w, plan)
}

// SeedDemoPlan gives a demo workspace's imported mail what the Inbox shows: plan's staff,
// labels and triage, and the brand's tone from the workspace's settings. Conversations
// someone already handled (any status but New) and our own messages are marked read, as
// they would be in a team's real inbox. Run it after the demo's mail is imported; a plan
// naming a message, label or person that is not there is an error, not a silent gap.
func SeedDemoPlan(ctx context.Context, w *workspace.Workspace, plan DemoPlan) error {
	s := NewStore(w, Options{Agent: plan.Agent})
	labels := map[string]int64{}
	for _, l := range plan.Labels {
		saved, err := s.SaveLabel(ctx, l)
		if err != nil {
			return fmt.Errorf("inbox demo, label %q: %w", l.Name, err)
		}
		labels[l.Name] = saved.ID
	}
	staff := map[string]int64{}
	for _, name := range plan.Staff {
		st, err := s.AddStaff(ctx, name)
		if err != nil {
			return err
		}
		staff[name] = st.ID
	}
	// The tone comes first: the scheduled replies' drafts take its signature.
	err := s.SetTone(ctx, Tone{Formality: "informal", Guidance: demoSetting(ctx, w, SettingGuidance, "Warm, plain and brief. First names, and always a concrete next step."),
		SignAs: "person", Signature: demoSetting(ctx, w, SettingSignature, "Warm regards,\n{{agent|The Nordlys team}} at {{brand}}"),
		Avoid: []string{"unfortunately", "as per", "kindly", "no problem"}})
	if err != nil {
		return err
	}
	now := s.now()
	for _, c := range plan.Conversations {
		if err := s.seedConversation(ctx, c, labels, staff, now); err != nil {
			name := c.MessageID
			if name == "" {
				name = fmt.Sprint(c.id)
			}
			return fmt.Errorf("inbox demo, conversation %s: %w", name, err)
		}
	}
	return nil
}

// seedConversation applies one conversation's triage. now is the real time, which snooze
// and scheduled times count from.
func (s *Store) seedConversation(ctx context.Context, c DemoConversation, labels, staff map[string]int64, now time.Time) error {
	id := c.id
	q, arg := "SELECT id, last_message_at FROM conversations WHERE id = ?", any(id)
	if id == 0 {
		q = "SELECT c.id, c.last_message_at FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.message_key = ?"
		arg = c.MessageID
	}
	var last int64
	err := s.db.Read().QueryRowContext(ctx, q, arg).Scan(&id, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return errors.New("no message with this Message-ID was imported")
	} else if err != nil {
		return err
	}
	// The team triaged each conversation a few minutes after its last message, not all
	// at the moment the demo was made: the history and notes read like a real shift.
	handled := millis(last).Add(demoHandling)
	if latest := now.Add(-time.Minute); handled.After(latest) {
		handled = latest
	}
	agent := ""
	if s.named {
		agent = s.agent
	}
	s = NewStore(s.w, Options{Agent: agent, Now: func() time.Time { return handled }})
	var steps []error
	for _, name := range c.Labels {
		l, ok := labels[name]
		if !ok {
			return fmt.Errorf("label %q is not in the plan's labels", name)
		}
		steps = append(steps, s.AddLabel(ctx, id, l))
	}
	if c.Assignee != "" {
		st, ok := staff[c.Assignee]
		if !ok {
			return fmt.Errorf("assignee %q is not in the plan's staff", c.Assignee)
		}
		steps = append(steps, s.Assign(ctx, id, st))
	}
	if c.Note != "" {
		_, err := s.AddNote(ctx, id, c.Note)
		steps = append(steps, err)
	}
	switch c.Status {
	case "", New:
	case Snoozed:
		steps = append(steps, s.Snooze(ctx, id, now.Add(time.Duration(c.SnoozeHours)*time.Hour)))
	case Resolved:
		steps = append(steps, s.Resolve(ctx, id, time.Duration(c.FollowUpDays)*24*time.Hour))
	default:
		steps = append(steps, s.SetStatus(ctx, id, c.Status))
	}
	if c.ScheduledReply != "" {
		steps = append(steps, s.seedScheduledReply(ctx, id, c.ScheduledReply, now.Add(time.Duration(c.ScheduledInHours)*time.Hour)))
	}
	if err := errors.Join(steps...); err != nil {
		return err
	}
	return s.markDemoRead(ctx, id, c.Status != "" && c.Status != New)
}

// markDemoRead marks our own messages read, and all of them when someone has handled the
// conversation. Imported mail arrives unread, which would make a week-old thread we
// answered look as fresh as this morning's complaints.
func (s *Store) markDemoRead(ctx context.Context, conv int64, handled bool) error {
	store := mail.Open(s.w)
	msgs, err := store.ConversationMessages(ctx, conv)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		if (m.Outbound || handled) && m.Flags&mail.Seen == 0 {
			if err := store.SetFlag(ctx, m.ID, mail.Seen, true); err != nil {
				return err
			}
		}
	}
	return nil
}

func demoSetting(ctx context.Context, w *workspace.Workspace, key, fallback string) string {
	if v, ok, err := w.Setting(ctx, key); err == nil && ok && v != "" {
		return v
	}
	return fallback
}

func (s *Store) seedScheduledReply(ctx context.Context, conv int64, text string, at time.Time) error {
	d, err := s.NewDraft(ctx, conv, text)
	if err != nil {
		return err
	}
	p, err := s.parent(ctx, conv)
	if err != nil && !errors.Is(err, errNoAccount) {
		return err
	}
	if errors.Is(err, errNoAccount) {
		p.account.Email, p.account.DisplayName = "hello@nordlys-coffee.example", s.w.Info().Name
	}
	_, err = s.queue(ctx, Reply{ConversationID: conv, Body: d.Body, SendAt: at}, d.Body, p)
	return err
}
