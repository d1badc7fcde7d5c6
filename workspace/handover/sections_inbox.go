package handover

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/journal"
	"switchboard/workspace/pause"
)

// ownNotes: what the outgoing person wrote for the next one. First, because nothing
// else in the note knows what they know.
func ownNotes(ctx context.Context, s *Source) (Section, error) {
	sec := Section{ID: "notes", Title: "Notes for whoever takes over", Empty: "No handover notes were written this shift."}
	notes, err := Notes(ctx, s.DB, s.Since, s.Now)
	for _, n := range notes {
		text := n.Body
		if s.Redact {
			text = s.names.scrub(text)
		}
		sec.Items = append(sec.Items, Item{Text: fmt.Sprintf("%s, %s: %s", n.Author, s.when(n.CreatedAt), text)})
	}
	if len(notes) > 0 {
		sec.Summary = plural(len(notes), "note", "notes") + " from the shift"
	}
	return sec, err
}

// unanswered: every conversation whose customer waits for us now, oldest first.
func unanswered(ctx context.Context, s *Source) (Section, error) {
	sec := Section{ID: "unanswered", Title: "Waiting for an answer (oldest first)", Empty: "Nobody is waiting for an answer."}
	target, err := inbox.NewStore(s.W, inboxcore.Options{Now: func() time.Time { return s.Now }}).ResponseTarget(ctx)
	if err != nil {
		return sec, err
	}
	const where = "c.messages > 0 AND c.waiting_since > 0 AND c.status IN ('new', 'open')"
	var total, overdue int
	if err := s.DB.QueryRowContext(ctx, "SELECT count(*), ifnull(sum(c.waiting_since <= ?), 0) FROM conversations c WHERE "+where,
		s.Now.Add(-target).UnixMilli()).Scan(&total, &overdue); err != nil {
		return sec, err
	}
	list, err := s.convs(ctx, where, "c.waiting_since, c.id", s.Limit)
	for _, c := range list {
		waited := s.Now.Sub(c.WaitingSince)
		what := "waiting " + Ago(waited)
		late := waited >= target
		if late {
			what += " (overdue: target " + Ago(target) + ")"
		}
		sec.Items = append(sec.Items, Item{Text: s.line(c, what), Detail: s.detail(c.Snippet), Ref: c.ref(), Urgent: late})
	}
	sec.More = total - len(list)
	if total > 0 {
		sec.Summary = fmt.Sprintf("%d waiting, %d overdue", total, overdue)
	}
	return sec, err
}

// promises: what the workspace has promised to do soon: scheduled replies, follow-ups,
// snoozed conversations waking up; and replies stuck on their way out, which need a person.
func promises(ctx context.Context, s *Source) (Section, error) {
	sec := Section{ID: "promises", Title: fmt.Sprintf("Promised in the next %d hours", int(s.Horizon.Hours())),
		Empty: "Nothing is scheduled or promised."}
	end := s.Now.Add(s.Horizon)
	type promise struct {
		at   time.Time
		item Item
	}
	var stuck, soon []promise
	rows, err := s.DB.QueryContext(ctx, `SELECT o.conversation_id, o.state, o.send_at, o.last_error, o.body FROM outbox o
		WHERE (o.state = 'queued' AND o.send_at < ?) OR o.state IN ('failed', 'uncertain', 'submitting') ORDER BY o.send_at, o.id`, end.UnixMilli())
	if err != nil {
		return sec, err
	}
	type out struct {
		conv       int64
		state, why string
		at         time.Time
		body       string
	}
	var outs []out
	for rows.Next() {
		var o out
		var at int64
		if err := rows.Scan(&o.conv, &o.state, &at, &o.why, &o.body); err != nil {
			rows.Close()
			return sec, err
		}
		o.at = ms(at)
		outs = append(outs, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return sec, err
	}
	ids := make([]int64, 0, len(outs))
	for _, o := range outs {
		ids = append(ids, o.conv)
	}
	byID, err := s.convsByID(ctx, ids)
	if err != nil {
		return sec, err
	}
	_, paused, err := pause.Active(ctx, s.DB)
	if err != nil {
		return sec, err
	}
	for _, o := range outs {
		c := byID[o.conv]
		switch {
		case o.state == "queued" && o.at.After(s.Now):
			what := "scheduled reply goes out " + s.when(o.at) + " (in " + Ago(o.at.Sub(s.Now)) + ")"
			if paused {
				what = "scheduled reply due " + s.when(o.at) + " (in " + Ago(o.at.Sub(s.Now)) + "), held for review while the workspace is paused"
			}
			soon = append(soon, promise{o.at, Item{Text: s.line(c, what),
				Detail: s.detail(o.body), Ref: c.ref()}})
		case o.state == "queued":
			stuck = append(stuck, promise{o.at, Item{Text: s.line(c, "reply due since "+s.when(o.at)+", not sent yet (is the workspace paused or offline?)"),
				Ref: c.ref(), Urgent: true}})
		default:
			why := o.why
			if s.Redact {
				why = s.names.scrub(why)
			}
			stuck = append(stuck, promise{o.at, Item{Text: s.line(c, fmt.Sprintf("reply %s: %s", o.state, why)), Ref: c.ref(), Urgent: true}})
		}
	}
	follow, err := s.convs(ctx, "c.follow_up_at > 0 AND c.follow_up_at < ?", "c.follow_up_at, c.id", 0, end.UnixMilli())
	if err != nil {
		return sec, err
	}
	for _, c := range follow {
		soon = append(soon, promise{c.FollowUpAt, Item{Text: s.line(c, "follow-up: reopens "+s.when(c.FollowUpAt)+" if the customer stays silent"), Ref: c.ref()}})
	}
	snoozed, err := s.convs(ctx, "c.snooze_until > 0 AND c.snooze_until < ? AND c.status = 'snoozed'", "c.snooze_until, c.id", 0, end.UnixMilli())
	if err != nil {
		return sec, err
	}
	for _, c := range snoozed {
		soon = append(soon, promise{c.SnoozeUntil, Item{Text: s.line(c, "snoozed, comes back "+s.when(c.SnoozeUntil)), Ref: c.ref()}})
	}
	slices.SortStableFunc(soon, func(a, b promise) int { return a.at.Compare(b.at) })
	for _, p := range stuck {
		p.item.Group = "Needs a decision now"
		sec.Items = append(sec.Items, p.item)
	}
	day := s.Now.Add(24 * time.Hour)
	for _, p := range soon {
		p.item.Group = "Within 24 hours"
		if p.at.After(day) {
			p.item.Group = fmt.Sprintf("Later, within %d hours", int(s.Horizon.Hours()))
		}
		sec.Items = append(sec.Items, p.item)
	}
	if n := len(stuck) + len(soon); n > 0 {
		sec.Summary = plural(len(soon), "promise", "promises") + " coming up"
		if len(stuck) > 0 {
			sec.Summary += fmt.Sprintf(", %d stuck", len(stuck))
		}
	}
	return sec, nil
}

func (s *Source) convsByID(ctx context.Context, ids []int64) (map[int64]conv, error) {
	out := map[int64]conv{}
	if len(ids) == 0 {
		return out, nil
	}
	list, err := s.convs(ctx, "c.id IN (SELECT value FROM json_each(?))", "c.id", 0, jsonInts(ids))
	for _, c := range list {
		out[c.ID] = c
	}
	return out, err
}

// opened: conversations that started during the shift, and those the customer reopened
// (the journal's status changes made by sync).
func opened(ctx context.Context, s *Source) (Section, error) {
	sec := Section{ID: "opened", Title: "New and reopened during the shift", Empty: "No new conversations during the shift."}
	const where = "c.messages > 0 AND c.first_message_at >= ? AND c.first_message_at < ?"
	var nFresh int
	if err := s.DB.QueryRowContext(ctx, "SELECT count(*) FROM conversations c WHERE "+where, s.Since.UnixMilli(), s.Now.UnixMilli()).Scan(&nFresh); err != nil {
		return sec, err
	}
	fresh, err := s.convs(ctx, where, "c.first_message_at, c.id", s.Limit, s.Since.UnixMilli(), s.Now.UnixMilli())
	if err != nil {
		return sec, err
	}
	sec.More = nFresh - len(fresh)
	seen := map[string]bool{}
	for _, c := range fresh {
		seen[c.GID] = true
		sec.Items = append(sec.Items, Item{Text: s.line(c, "new "+s.when(c.FirstAt)+", now "+c.Status), Ref: c.ref()})
	}
	reopenedAt := map[string]time.Time{}
	var order []string
	for _, e := range s.Journal {
		if e.Kind != "conversation.status" || seen[e.Object] {
			continue
		}
		var ch journal.Change
		if e.Decode(&ch) != nil || ch.To != "open" || !slices.Contains([]string{"waiting", "snoozed", "resolved"}, ch.From) {
			continue
		}
		if _, ok := reopenedAt[e.Object]; !ok {
			order = append(order, e.Object)
		}
		reopenedAt[e.Object] = e.At
	}
	byGID, err := s.convsByGID(ctx, order)
	for _, g := range order {
		if c, ok := byGID[g]; ok {
			sec.Items = append(sec.Items, Item{Text: s.line(c, "reopened "+s.when(reopenedAt[g])+", now "+c.Status), Ref: c.ref()})
		}
	}
	if len(sec.Items) > 0 {
		sec.Summary = fmt.Sprintf("%d new, %d reopened", nFresh, len(sec.Items)-len(fresh))
	}
	return sec, err
}

// answered: conversations we replied to (mail we sent, as stored) or resolved during the
// shift (the journal's status changes).
func answered(ctx context.Context, s *Source) (Section, error) {
	sec := Section{ID: "answered", Title: "Answered and resolved during the shift", Empty: "No replies were sent during the shift."}
	replies := map[int64]int{}
	var order []int64
	// Our mail in the store, and replies the outbox sent whose copy has not synced back
	// yet (a reply counts once: the outbox row's Message-ID is the stored message's key).
	rows, err := s.DB.QueryContext(ctx, `SELECT conversation_id, count(*) FROM (
			SELECT conversation_id, date AS at, message_key AS k FROM messages WHERE outbound AND date >= ?1 AND date < ?2
			UNION
			SELECT conversation_id, sent_at, message_id FROM outbox WHERE state = 'sent' AND sent_at >= ?1 AND sent_at < ?2
				AND message_id NOT IN (SELECT message_key FROM messages))
		GROUP BY conversation_id ORDER BY min(at), conversation_id`, s.Since.UnixMilli(), s.Now.UnixMilli())
	if err != nil {
		return sec, err
	}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return sec, err
		}
		replies[id] = n
		order = append(order, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return sec, err
	}
	byID, err := s.convsByID(ctx, order)
	if err != nil {
		return sec, err
	}
	resolved := map[string]bool{}
	var resolvedOrder []string
	for _, e := range s.Journal {
		var ch journal.Change
		if e.Kind == "conversation.status" && e.Decode(&ch) == nil && ch.To == "resolved" && !resolved[e.Object] {
			resolved[e.Object] = true
			resolvedOrder = append(resolvedOrder, e.Object)
		}
	}
	byGID, err := s.convsByGID(ctx, resolvedOrder)
	if err != nil {
		return sec, err
	}
	nResolved := 0
	for _, id := range order {
		c := byID[id]
		what := "replied"
		if replies[id] > 1 {
			what = fmt.Sprintf("replied %d×", replies[id])
		}
		if resolved[c.GID] {
			what += ", resolved"
			nResolved++
			delete(byGID, c.GID)
		}
		if !strings.HasSuffix(what, c.Status) {
			what += ", now " + c.Status
		}
		sec.Items = append(sec.Items, Item{Text: s.line(c, what), Ref: c.ref()})
	}
	for _, g := range resolvedOrder {
		if c, ok := byGID[g]; ok {
			nResolved++
			sec.Items = append(sec.Items, Item{Text: s.line(c, "resolved, now "+c.Status), Ref: c.ref()})
		}
	}
	if len(sec.Items) > 0 {
		sec.Summary = fmt.Sprintf("%d answered, %d resolved", len(order), nResolved)
	}
	return sec, nil
}

// conversationNotes: internal notes colleagues left on conversations during the shift.
func conversationNotes(ctx context.Context, s *Source) (Section, error) {
	sec := Section{ID: "conversation_notes", Title: "Notes on conversations", Empty: "No notes were added to conversations."}
	if s.Redact {
		sec.Empty = "Left out of a redacted note."
		return sec, nil
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT n.conversation_id, n.author, n.body, n.created_at FROM notes n
		WHERE n.created_at >= ? AND n.created_at < ? ORDER BY n.created_at, n.id`, s.Since.UnixMilli(), s.Now.UnixMilli())
	if err != nil {
		return sec, err
	}
	type note struct {
		conv   int64
		author string
		body   string
		at     int64
	}
	var notes []note
	var ids []int64
	for rows.Next() {
		var n note
		if err := rows.Scan(&n.conv, &n.author, &n.body, &n.at); err != nil {
			rows.Close()
			return sec, err
		}
		notes = append(notes, n)
		ids = append(ids, n.conv)
	}
	rows.Close()
	byID, err := s.convsByID(ctx, ids)
	for _, n := range notes {
		c := byID[n.conv]
		sec.Items = append(sec.Items, Item{Text: fmt.Sprintf("%s on %s, %s", n.author, s.subject(c), s.when(ms(n.at))),
			Detail: s.detail(n.body), Ref: c.ref()})
	}
	if len(notes) > 0 {
		sec.Summary = plural(len(notes), "conversation note", "conversation notes")
	}
	return sec, err
}

func jsonInts(xs []int64) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprint(&b, x)
	}
	b.WriteByte(']')
	return b.String()
}
