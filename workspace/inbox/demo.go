package inbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"switchboard/workspace"
)

// demoLabels are the demo brand's labels.
var demoLabels = []Label{{Name: "Order", Color: "#2E7D32"}, {Name: "Refund", Color: "#C62828"},
	{Name: "Subscription", Color: "#1565C0"}, {Name: "Wholesale", Color: "#6A1B9A"}, {Name: "Feedback", Color: "#EF6C00"}}

// SeedDemo gives the demo workspace's conversations what the Inbox shows: labels, staff
// with assignments, a spread of statuses (snoozed, waiting, resolved with a follow-up), a
// note, a scheduled reply and the brand's tone. Run it after the demo's mail is imported.
// The demo has no mail account: its scheduled reply names none, so it can never be sent.
func SeedDemo(ctx context.Context, w *workspace.Workspace) error {
	s := NewStore(w, Options{Agent: "Anna Lind"})
	var ids []int64
	page, err := s.List(ctx, Query{Limit: 200})
	if err != nil {
		return err
	}
	for _, r := range page.Rows {
		ids = append(ids, r.ID)
	}
	if len(ids) < 6 {
		return fmt.Errorf("inbox demo: %d conversations; import the demo mail first", len(ids))
	}
	var labels []Label
	for _, l := range demoLabels {
		saved, err := s.SaveLabel(ctx, l)
		if err != nil {
			return err
		}
		labels = append(labels, saved)
	}
	var staff []Staff
	for _, name := range []string{"Anna Lind", "Erik Dahl", "Sofie Holm"} {
		st, err := s.AddStaff(ctx, name)
		if err != nil {
			return err
		}
		staff = append(staff, st)
	}
	now := s.now()
	for i, id := range ids {
		steps := []error{s.AddLabel(ctx, id, labels[i%len(labels)].ID)}
		if i%3 == 0 {
			steps = append(steps, s.AddLabel(ctx, id, labels[(i+2)%len(labels)].ID))
		}
		if i%4 != 3 {
			steps = append(steps, s.Assign(ctx, id, staff[i%len(staff)].ID))
		}
		switch i % 8 {
		case 1:
			steps = append(steps, s.SetStatus(ctx, id, Open))
		case 2:
			steps = append(steps, s.SetStatus(ctx, id, Waiting))
		case 4:
			steps = append(steps, s.Snooze(ctx, id, now.Add(26*time.Hour)))
		case 5:
			steps = append(steps, s.Resolve(ctx, id, 3*24*time.Hour))
		case 7:
			steps = append(steps, s.SetStatus(ctx, id, Resolved))
		}
		if err := errors.Join(steps...); err != nil {
			return fmt.Errorf("inbox demo, conversation %d: %w", id, err)
		}
	}
	if _, err := s.AddNote(ctx, ids[0], "Regular customer since 2021 — offer the loyalty discount if the grinder is really broken."); err != nil {
		return err
	}
	if err := s.SetTone(ctx, Tone{Formality: "informal", Guidance: demoGuidance(ctx, w), SignAs: "person",
		Signature: "Warm regards,\n{{agent|The Nordlys team}} at {{brand}}", Avoid: []string{"unfortunately", "as per", "kindly", "no problem"}}); err != nil {
		return err
	}
	return s.seedScheduledReply(ctx, ids[1], now.Add(18*time.Hour))
}

func demoGuidance(ctx context.Context, w *workspace.Workspace) string {
	if v, ok, err := w.Setting(ctx, SettingGuidance); err == nil && ok {
		return v
	}
	return "Warm, plain and brief. First names, and always a concrete next step."
}

func (s *Store) seedScheduledReply(ctx context.Context, conv int64, at time.Time) error {
	d, err := s.NewDraft(ctx, conv, "Hi {{first_name|there}},\n\nthanks for your patience — your replacement beans leave our roastery tomorrow morning, and you will get a tracking link by mail.")
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
