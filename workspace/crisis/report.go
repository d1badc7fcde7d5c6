package crisis

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Report is what the client gets after an incident.
type Report struct {
	Workspace  string            `json:"workspace"`
	Incident   Incident          `json:"incident"`
	Timeline   []Event           `json:"timeline"`
	Statements []StatementResult `json:"statements"`
	Handled    []Handled         `json:"conversations"`
	Inbound    int               `json:"messages_in"`  // customer messages in linked conversations during the incident
	Outbound   int               `json:"messages_out"` // our replies to them during the incident
	// FirstResponse is the median and slowest time from a customer's first unanswered
	// message during the incident to our first reply after it.
	FirstResponseMedian time.Duration  `json:"first_response_median"`
	FirstResponseMax    time.Duration  `json:"first_response_max"`
	Unanswered          int            `json:"unanswered"`
	Resolution          time.Duration  `json:"resolution"` // start to resolved (or to now while open)
	Generated           time.Time      `json:"generated"`
	Zone                *time.Location `json:"-"`
}

// Handled is one linked conversation in the report.
type Handled struct {
	Link
	In            int           `json:"messages_in"`
	Out           int           `json:"messages_out"`
	FirstResponse time.Duration `json:"first_response"` // with Answered
	Answered      bool          `json:"answered"`
	Waiting       bool          `json:"waiting"` // the customer still waits for a first reply
}

// Report gathers the report of incident inc.
func (s *Store) Report(ctx context.Context, inc Incident) (Report, error) {
	now := s.now().UTC()
	end := inc.ClosedAt
	if end.IsZero() {
		end = now
	}
	r := Report{Workspace: s.w.Info().Name, Incident: inc, Generated: now, Zone: s.w.Info().Location()}
	var err error
	if r.Timeline, err = s.Timeline(ctx, inc); err != nil {
		return r, err
	}
	if r.Statements, err = s.Statements(ctx, inc.ID); err != nil {
		return r, err
	}
	resolved := inc.ResolvedAt
	if resolved.IsZero() {
		resolved = now
	}
	r.Resolution = resolved.Sub(inc.StartedAt)
	var times []time.Duration
	for _, l := range inc.Links {
		h, err := s.handled(ctx, l, inc.StartedAt, end)
		if err != nil {
			return r, err
		}
		r.Inbound += h.In
		r.Outbound += h.Out
		if h.Answered {
			times = append(times, h.FirstResponse)
		} else if h.Waiting {
			r.Unanswered++
		}
		r.Handled = append(r.Handled, h)
	}
	if len(times) > 0 {
		slices.Sort(times)
		r.FirstResponseMedian, r.FirstResponseMax = times[len(times)/2], times[len(times)-1]
	}
	return r, nil
}

// handled counts a linked conversation's messages in [start, end) and its first response:
// from the first customer message not answered when the incident started (or arriving
// during it) to our next reply, from the mail or from the outbox.
func (s *Store) handled(ctx context.Context, l Link, start, end time.Time) (Handled, error) {
	h := Handled{Link: l}
	db := s.w.DB().Read()
	err := db.QueryRowContext(ctx, `SELECT
		count(CASE WHEN NOT outbound AND date >= ? AND date < ? THEN 1 END),
		count(CASE WHEN outbound AND date >= ? AND date < ? THEN 1 END)
		FROM messages WHERE conversation_id = ?`, ms(start), ms(end), ms(start), ms(end), l.ConversationID).Scan(&h.In, &h.Out)
	if err != nil {
		return h, err
	}
	var sentFromOutbox int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE conversation_id = ? AND state = 'sent' AND sent_at >= ? AND sent_at < ?
		AND message_id NOT IN (SELECT message_key FROM messages WHERE conversation_id = ?)`,
		l.ConversationID, ms(start), ms(end), l.ConversationID).Scan(&sentFromOutbox); err != nil {
		return h, err
	}
	h.Out += sentFromOutbox
	// The customer's first message still waiting at the start, or the first during it.
	var asked int64
	err = db.QueryRowContext(ctx, `SELECT ifnull(min(date), 0) FROM messages WHERE conversation_id = ? AND NOT outbound AND date < ?
		AND date > ifnull((SELECT max(date) FROM messages WHERE conversation_id = ? AND outbound AND date < ?), 0)`,
		l.ConversationID, ms(end), l.ConversationID, ms(start)).Scan(&asked)
	if err != nil || asked == 0 {
		return h, err
	}
	var answered int64
	err = db.QueryRowContext(ctx, `SELECT ifnull(min(at), 0) FROM (
		SELECT date AS at FROM messages WHERE conversation_id = ? AND outbound AND date >= ?
		UNION ALL SELECT sent_at FROM outbox WHERE conversation_id = ? AND state = 'sent' AND sent_at >= ?)`,
		l.ConversationID, asked, l.ConversationID, asked).Scan(&answered)
	if err != nil || answered == 0 {
		h.Waiting = err == nil
		return h, err
	}
	from := max(asked, ms(start)) // what happened before the incident is not the incident's response time
	h.Answered, h.FirstResponse = true, max(fromMs(answered).Sub(fromMs(from)), 0)
	return h, nil
}

// Duration says d the way a report does: "2 h 05 min", "45 min", "30 s".
func Duration(d time.Duration) string {
	switch {
	case d >= 24*time.Hour:
		return fmt.Sprintf("%d d %d h", int(d.Hours())/24, int(d.Hours())%24)
	case d >= time.Hour:
		return fmt.Sprintf("%d h %02d min", int(d.Hours()), int(d.Minutes())%60)
	case d >= time.Minute:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	default:
		return fmt.Sprintf("%d s", int(d.Seconds()))
	}
}

// Markdown is the report as Markdown, times in the workspace's zone.
func (r Report) Markdown() string {
	var b strings.Builder
	loc := r.Zone
	if loc == nil {
		loc = time.UTC
	}
	t := func(at time.Time) string { return at.In(loc).Format("2006-01-02 15:04 MST") }
	inc := r.Incident
	fmt.Fprintf(&b, "# Incident report: %s\n\n", inc.PlaybookName)
	fmt.Fprintf(&b, "**Client:** %s  \n**Severity:** %s  \n**State:** %s  \n**Started:** %s  \n", r.Workspace, inc.Severity, inc.State, t(inc.StartedAt))
	if !inc.ResolvedAt.IsZero() {
		fmt.Fprintf(&b, "**Resolved:** %s  \n", t(inc.ResolvedAt))
	}
	if !inc.ClosedAt.IsZero() {
		fmt.Fprintf(&b, "**Closed:** %s  \n", t(inc.ClosedAt))
	}
	fmt.Fprintf(&b, "**Reason:** %s\n\n", inc.Reason)
	if inc.Summary != "" {
		fmt.Fprintf(&b, "## Summary\n\n%s\n\n", inc.Summary)
	}
	b.WriteString("## Figures\n\n")
	fmt.Fprintf(&b, "- Conversations handled: %d\n", len(r.Handled))
	fmt.Fprintf(&b, "- Customer messages during the incident: %d; our replies: %d\n", r.Inbound, r.Outbound)
	fmt.Fprintf(&b, "- Holding statements sent or queued: %d\n", len(r.Statements))
	if len(times(r)) > 0 {
		fmt.Fprintf(&b, "- First response: median %s, slowest %s\n", Duration(r.FirstResponseMedian), Duration(r.FirstResponseMax))
	}
	if r.Unanswered > 0 {
		fmt.Fprintf(&b, "- Conversations still without a reply: %d\n", r.Unanswered)
	}
	label := "Resolution time"
	if inc.ResolvedAt.IsZero() {
		label = "Open for"
	}
	fmt.Fprintf(&b, "- %s: %s\n\n", label, Duration(r.Resolution))
	b.WriteString("## Checklist\n\n")
	done, total := inc.Progress()
	fmt.Fprintf(&b, "%d of %d steps done.\n\n", done, total)
	for _, st := range inc.Steps {
		mark := " "
		if st.Done() {
			mark = "x"
		}
		owner := ""
		if st.Owner != "" {
			owner = " (" + st.Owner + ")"
		}
		fmt.Fprintf(&b, "- [%s] %d. %s%s\n", mark, st.Step, st.Text, owner)
	}
	b.WriteString("\n## Conversations\n\n")
	if len(r.Handled) == 0 {
		b.WriteString("No conversation was linked to the incident.\n")
	} else {
		b.WriteString("| Conversation | Customer | In | Out | First response |\n|---|---|---|---|---|\n")
		for _, h := range r.Handled {
			fr := "—"
			if h.Waiting {
				fr = "not yet"
			}
			if h.Answered {
				fr = Duration(h.FirstResponse)
			}
			fmt.Fprintf(&b, "| %s | %s | %d | %d | %s |\n", mdCell(h.Subject), mdCell(h.Customer), h.In, h.Out, fr)
		}
	}
	b.WriteString("\n## Timeline\n\n")
	for _, e := range r.Timeline {
		fmt.Fprintf(&b, "- %s — %s: %s\n", t(e.At), e.Actor, e.Text)
	}
	fmt.Fprintf(&b, "\n_Report generated %s by Switchboard._\n", t(r.Generated))
	return b.String()
}

// times are the first-response times of the answered conversations.
func times(r Report) []time.Duration {
	var out []time.Duration
	for _, h := range r.Handled {
		if h.Answered {
			out = append(out, h.FirstResponse)
		}
	}
	return out
}

func mdCell(s string) string { return strings.ReplaceAll(oneLine(s), "|", "\\|") }
