// Package inboxdemo gives a demo workspace's imported mail the Inbox state it starts
// with: staff, labels, triage, notes and a scheduled reply in the outbox. It sits above
// the triage store (workspace/inbox) and the outbox (workspace/inbox/outbox), as it seeds
// both.
package inboxdemo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
)

// Plan is the Inbox state a demo workspace starts with: who works there, the labels,
// and each conversation's triage. The demo's is assets/demo/mail/triage.json, written
// next to the mail it triages so the two are edited together.
type Plan struct {
	Agent         string         `json:"agent"` // the seeded changes are recorded under this name
	Staff         []string       `json:"staff"`
	Labels        []inbox.Label  `json:"labels"`
	Conversations []Conversation `json:"conversations"`
}

// Conversation is one conversation's triage. The conversation is named by the
// Message-ID (without angle brackets) of any of its messages.
type Conversation struct {
	MessageID string       `json:"message_id"`
	Status    inbox.Status `json:"status"` // "" leaves it New
	Labels    []string     `json:"labels"`
	Assignee  string       `json:"assignee"`
	Note      string       `json:"note"`
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
var demoLabels = []inbox.Label{{Name: "Order", Color: "#2E7D32"}, {Name: "Refund", Color: "#C62828"},
	{Name: "Subscription", Color: "#1565C0"}, {Name: "Wholesale", Color: "#6A1B9A"}, {Name: "Feedback", Color: "#EF6C00"}}

// Seed spreads a generic triage over whatever mail w holds (labels, staff, every
// status, a note and a scheduled reply in round robin), for tests and tools that import
// arbitrary mail. The demo workspace uses SeedPlan with triage written for its mail.
func Seed(ctx context.Context, w *workspace.Workspace) error {
	page, err := inbox.NewStore(w, inboxcore.Options{}).List(ctx, inbox.Query{Limit: 200})
	if err != nil {
		return err
	}
	if len(page.Rows) < 6 {
		return fmt.Errorf("inbox demo: %d conversations; import the demo mail first", len(page.Rows))
	}
	plan := Plan{Agent: "Anna Lind", Staff: []string{"Anna Lind", "Erik Dahl", "Sofie Holm"}, Labels: demoLabels}
	for i, r := range page.Rows {
		c := Conversation{id: r.ID, Labels: []string{demoLabels[i%len(demoLabels)].Name}}
		if i%3 == 0 {
			c.Labels = append(c.Labels, demoLabels[(i+2)%len(demoLabels)].Name)
		}
		if i%4 != 3 {
			c.Assignee = plan.Staff[i%len(plan.Staff)]
		}
		switch i % 8 {
		case 1:
			c.Status = inbox.Open
		case 2:
			c.Status = inbox.Waiting
		case 4:
			c.Status, c.SnoozeHours = inbox.Snoozed, 26
		case 5:
			c.Status, c.FollowUpDays = inbox.Resolved, 3
		case 7:
			c.Status = inbox.Resolved
		}
		plan.Conversations = append(plan.Conversations, c)
	}
	plan.Conversations[0].Note = "Regular customer since 2021 — offer the loyalty discount if the grinder is really broken."
	plan.Conversations[1].ScheduledReply = "Hi {{first_name|there}},\n\nthanks for your patience — your replacement beans leave our roastery tomorrow morning, and you will get a tracking link by mail."
	plan.Conversations[1].ScheduledInHours = 18
	return SeedPlan(ctx, w, plan)
}

// SeedPlan gives a demo workspace's imported mail what the Inbox shows: plan's staff,
// labels and triage, and the brand's tone from the workspace's settings. Conversations
// someone already handled (any status but New) and our own messages are marked read, as
// they would be in a team's real inbox. Run it after the demo's mail is imported; a plan
// naming a message, label or person that is not there is an error, not a silent gap.
func SeedPlan(ctx context.Context, w *workspace.Workspace, plan Plan) error {
	s := inbox.NewStore(w, inboxcore.Options{Agent: plan.Agent})
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
	err := s.SetTone(ctx, inbox.Tone{Formality: "informal", Guidance: demoSetting(ctx, w, inbox.SettingGuidance, "Warm, plain and brief. First names, and always a concrete next step."),
		SignAs: "person", Signature: demoSetting(ctx, w, inbox.SettingSignature, "Warm regards,\n{{agent|The Nordlys team}} at {{brand}}"),
		Avoid: []string{"unfortunately", "as per", "kindly", "no problem"}})
	if err != nil {
		return err
	}
	now := time.Now()
	for _, c := range plan.Conversations {
		if err := seedConversation(ctx, w, plan.Agent, c, labels, staff, now); err != nil {
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
func seedConversation(ctx context.Context, w *workspace.Workspace, agent string, c Conversation, labels, staff map[string]int64, now time.Time) error {
	id := c.id
	q, arg := "SELECT id, last_message_at FROM conversations WHERE id = ?", any(id)
	if id == 0 {
		q = "SELECT c.id, c.last_message_at FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.message_key = ?"
		arg = c.MessageID
	}
	var last int64
	err := w.DB().Read().QueryRowContext(ctx, q, arg).Scan(&id, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return errors.New("no message with this Message-ID was imported")
	} else if err != nil {
		return err
	}
	// The team triaged each conversation a few minutes after its last message, not all
	// at the moment the demo was made: the history and notes read like a real shift.
	handled := inboxcore.Millis(last).Add(demoHandling)
	if latest := now.Add(-time.Minute); handled.After(latest) {
		handled = latest
	}
	o := inboxcore.Options{Agent: agent, Now: func() time.Time { return handled }}
	s := inbox.NewStore(w, o)
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
	case "", inbox.New:
	case inbox.Snoozed:
		steps = append(steps, s.Snooze(ctx, id, now.Add(time.Duration(c.SnoozeHours)*time.Hour)))
	case inbox.Resolved:
		steps = append(steps, s.Resolve(ctx, id, time.Duration(c.FollowUpDays)*24*time.Hour))
	default:
		steps = append(steps, s.SetStatus(ctx, id, c.Status))
	}
	if c.ScheduledReply != "" {
		steps = append(steps, seedScheduledReply(ctx, s, outbox.New(w, o), id, c.ScheduledReply, now.Add(time.Duration(c.ScheduledInHours)*time.Hour)))
	}
	if err := errors.Join(steps...); err != nil {
		return err
	}
	return markDemoRead(ctx, w, id, c.Status != "" && c.Status != inbox.New)
}

// markDemoRead marks our own messages read, and all of them when someone has handled the
// conversation. Imported mail arrives unread, which would make a week-old thread we
// answered look as fresh as this morning's complaints.
func markDemoRead(ctx context.Context, w *workspace.Workspace, conv int64, handled bool) error {
	store := mail.Open(w)
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

// seedScheduledReply queues the demo's send-later reply, signed by the brand's tone. The
// demo has no mail account: the reply is from a made-up address of the brand and stays
// in the outbox.
func seedScheduledReply(ctx context.Context, s *inbox.Store, out *outbox.Store, conv int64, text string, at time.Time) error {
	d, err := s.NewDraft(ctx, conv, text)
	if err != nil {
		return err
	}
	from := mail.Account{Email: "hello@nordlys-coffee.example", DisplayName: s.Workspace().Info().Name}
	_, err = out.QueueDemo(ctx, outbox.Reply{ConversationID: conv, Body: d.Body, SendAt: at}, from)
	return err
}
