package handover

import (
	"context"
	"fmt"
)

// faqChanges: answers added, edited or deleted during the shift, so the next person does
// not send yesterday's answer.
func faqChanges(ctx context.Context, s *Source) (Section, error) {
	sec := Section{ID: "faq", Title: "FAQ and playbook changes", Empty: "Neither the FAQ nor a playbook changed."}
	since, now := s.Since.UnixMilli(), s.Now.UnixMilli()
	rows, err := s.DB.QueryContext(ctx, `SELECT question, owner, CASE
			WHEN deleted_at IS NOT NULL AND deleted_at >= ? AND deleted_at < ? THEN 'deleted'
			WHEN created_at >= ? THEN 'added' ELSE 'edited' END,
			max(updated_at, ifnull(deleted_at, 0))
		FROM faq_entries
		WHERE (updated_at >= ? AND updated_at < ?) OR (deleted_at >= ? AND deleted_at < ?)
		ORDER BY max(updated_at, ifnull(deleted_at, 0)), seq`, since, now, since, since, now, since, now)
	if err != nil {
		return sec, err
	}
	defer rows.Close()
	for rows.Next() {
		var q, owner, what string
		var at int64
		if err := rows.Scan(&q, &owner, &what, &at); err != nil {
			return sec, err
		}
		text := fmt.Sprintf("%s “%s”, %s", what, q, s.when(ms(at)))
		if owner != "" {
			text += " (owner " + owner + ")"
		}
		sec.Items = append(sec.Items, Item{Text: text})
	}
	if err := rows.Err(); err != nil {
		return sec, err
	}
	pb, err := playbookChanges(ctx, s)
	sec.Items = append(sec.Items, pb...)
	if n := len(sec.Items) - len(pb); n > 0 {
		sec.Summary = plural(n, "FAQ change", "FAQ changes")
	}
	if len(pb) > 0 {
		if sec.Summary != "" {
			sec.Summary += ", "
		}
		sec.Summary += plural(len(pb), "playbook change", "playbook changes")
	}
	return sec, err
}

var actionWords = map[string]string{"warn": "warned", "mute": "muted", "block": "blocked", "unmute": "unmuted",
	"unblock": "unblocked", "clear": "cleared"}

// contactActions: people warned, muted or blocked (or let back in) during the shift.
func contactActions(ctx context.Context, s *Source) (Section, error) {
	sec := Section{ID: "contacts", Title: "Contacts warned, muted or blocked", Empty: "Nobody was warned, muted or blocked."}
	rows, err := s.DB.QueryContext(ctx, `SELECT k.name, k.email, a.action, a.actor, a.reason, a.at FROM contact_actions a
		JOIN contacts k ON k.id = a.contact_id WHERE a.at >= ? AND a.at < ? ORDER BY a.at, a.id`, s.Since.UnixMilli(), s.Now.UnixMilli())
	if err != nil {
		return sec, err
	}
	defer rows.Close()
	for rows.Next() {
		var name, email, action, actor, reason string
		var at int64
		if err := rows.Scan(&name, &email, &action, &actor, &reason, &at); err != nil {
			return sec, err
		}
		if s.Redact {
			reason = s.names.scrub(reason)
		}
		text := fmt.Sprintf("%s %s by %s, %s", s.person(name, email), actionWords[action], actor, s.when(ms(at)))
		if reason != "" {
			text += ": " + reason
		}
		sec.Items = append(sec.Items, Item{Text: text, Urgent: action == "block"})
	}
	if len(sec.Items) > 0 {
		sec.Summary = plural(len(sec.Items), "abuse step", "abuse steps")
	}
	return sec, rows.Err()
}

// mostActive: who wrote the most during the shift; a sudden burst is often the first
// sign of trouble.
func mostActive(ctx context.Context, s *Source) (Section, error) {
	sec := Section{ID: "active", Title: "Most active contacts during the shift", Empty: "No customer wrote during the shift."}
	rows, err := s.DB.QueryContext(ctx, `SELECT k.name, k.email, k.abuse_level, a.n,
			(SELECT count(*) FROM conversations c WHERE c.contact_id = k.id AND c.messages > 0 AND c.status NOT IN ('resolved', 'spam', 'abuse'))
		FROM (SELECT contact_id, count(*) AS n FROM messages WHERE NOT outbound AND contact_id IS NOT NULL AND date >= ? AND date < ?
			GROUP BY contact_id ORDER BY n DESC, contact_id LIMIT 5) a JOIN contacts k ON k.id = a.contact_id ORDER BY a.n DESC, k.email`,
		s.Since.UnixMilli(), s.Now.UnixMilli())
	if err != nil {
		return sec, err
	}
	defer rows.Close()
	for rows.Next() {
		var name, email, abuse string
		var n, open int
		if err := rows.Scan(&name, &email, &abuse, &n, &open); err != nil {
			return sec, err
		}
		text := fmt.Sprintf("%s: %s, %s", s.person(name, email), plural(n, "message", "messages"), plural(open, "open conversation", "open conversations"))
		if abuse != "" {
			text += " (" + abuse + ")"
		}
		sec.Items = append(sec.Items, Item{Text: text})
	}
	return sec, rows.Err()
}
