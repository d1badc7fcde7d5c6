package handover

import (
	"context"
	"fmt"
	"time"

	"switchboard/workspace/crisis"
)

// incidents: what is burning. The open incident with its checklist (what is done, what
// is left and whose it is), and incidents started or closed during the shift.
func incidents(ctx context.Context, s *Source) (Section, error) {
	sec := Section{ID: "incidents", Title: "Incidents", Empty: "No incident is open."}
	list, err := crisis.NewStore(s.W, crisis.Options{Now: func() time.Time { return s.Now }}).Incidents(ctx)
	if err != nil {
		return sec, err
	}
	open := 0
	for _, inc := range list {
		during := inRange(inc.StartedAt, s.Since, s.Now) || inRange(inc.ClosedAt, s.Since, s.Now)
		if !inc.Open() && !during {
			continue
		}
		done, total := inc.Progress()
		group := fmt.Sprintf("%s (%s)", inc.PlaybookName, inc.Severity)
		reason := inc.Reason
		if s.Redact {
			reason = s.names.scrub(reason)
		}
		if inc.Open() {
			open++
			sec.Items = append(sec.Items, Item{Group: group, Urgent: true,
				Text: fmt.Sprintf("open since %s, %s: %s; checklist %d of %d done, %s linked, scheduled sends paused",
					s.when(inc.StartedAt), inc.State, reason, done, total, plural(len(inc.Links), "conversation", "conversations"))})
			for _, st := range inc.Steps {
				text := "to do: " + st.Text
				if st.Done() {
					text = "done " + s.when(st.DoneAt) + ": " + st.Text
				}
				if st.Owner != "" {
					text += " (" + st.Owner + ")"
				}
				sec.Items = append(sec.Items, Item{Group: group, Text: text})
			}
			continue
		}
		sec.Items = append(sec.Items, Item{Group: group, Text: fmt.Sprintf("started %s, closed %s: %s; checklist %d of %d done",
			s.when(inc.StartedAt), s.when(inc.ClosedAt), reason, done, total)})
	}
	switch {
	case open > 0:
		sec.Summary = "an incident is open: scheduled sends are paused"
	case len(sec.Items) > 0:
		sec.Summary = plural(len(sec.Items), "incident", "incidents") + " closed during the shift"
	}
	return sec, nil
}

// playbookChanges: crisis playbooks added, edited or deleted during the shift.
func playbookChanges(ctx context.Context, s *Source) ([]Item, error) {
	since, now := s.Since.UnixMilli(), s.Now.UnixMilli()
	rows, err := s.DB.QueryContext(ctx, `SELECT name, CASE
			WHEN deleted_at IS NOT NULL AND deleted_at >= ? AND deleted_at < ? THEN 'deleted'
			WHEN created_at >= ? THEN 'added' ELSE 'edited' END,
			max(updated_at, ifnull(deleted_at, 0))
		FROM playbooks WHERE (updated_at >= ? AND updated_at < ?) OR (deleted_at >= ? AND deleted_at < ?)
		ORDER BY max(updated_at, ifnull(deleted_at, 0)), name`, since, now, since, since, now, since, now)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		var name, what string
		var at int64
		if err := rows.Scan(&name, &what, &at); err != nil {
			return nil, err
		}
		out = append(out, Item{Text: fmt.Sprintf("%s playbook “%s”, %s", what, name, s.when(ms(at)))})
	}
	return out, rows.Err()
}

func inRange(t, from, to time.Time) bool { return !t.IsZero() && !t.Before(from) && t.Before(to) }
