package inbox

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox/inboxcore"
)

// conversations: the Inbox's list, read through the same service (List) the pane reads.

var conversationsUsage = []string{"conversations --workspace W [--status S] [--view V] [--search WORDS] [--limit N] [--json]"}

func conversationsCommand() cmdline.Command {
	return cmdline.Command{
		Name: "conversations", Summary: "list conversations as the Inbox does (without --limit: all)", Pane: "inbox",
		Actions: []string{"views", "search"}, Usage: conversationsUsage, RunIn: cmdline.In(RunConversationsCLI),
	}
}

// ConversationJSON is one conversation as `conversations --json` prints it. Id is the
// conversation's global id, the one --conversation takes.
type ConversationJSON struct {
	ID            string    `json:"id"`
	Subject       string    `json:"subject"`
	Status        Status    `json:"status"`
	Contact       string    `json:"contact"` // "Name <address>"
	ContactEmail  string    `json:"contact_email"`
	Messages      int       `json:"messages"`
	Unread        int       `json:"unread"`
	Snippet       string    `json:"snippet"`
	LastMessageAt time.Time `json:"last_message_at"`
	WaitingSince  time.Time `json:"waiting_since,omitzero"`
	Overdue       bool      `json:"overdue"`
	Assignee      string    `json:"assignee"` // "" for nobody
	Labels        []string  `json:"labels"`
	SnoozeUntil   time.Time `json:"snooze_until,omitzero"`
}

// RunConversationsCLI: conversations [--status S] [--view V] [--search WORDS] [--limit N] [--json].
func RunConversationsCLI(ctx context.Context, w *workspace.Workspace, args []string, _ io.Reader, stdout, _ io.Writer) error {
	fs := inboxcore.NewFlagSet("conversations")
	asJSON := fs.Bool("json", false, "print JSON")
	status := fs.String("status", "", "only this status: new, open, waiting, snoozed, resolved, spam or abuse")
	view := fs.String("view", "", "an Inbox view: unanswered, mine, unassigned, overdue, follow-up")
	search := fs.String("search", "", "only conversations whose mail has these words")
	limit := fs.Int("limit", 0, "at most this many, the most recent first (0: all)")
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return cmdline.UsageOf(conversationsUsage, "conversations takes flags only, got %q", pos[0])
	}
	q := Query{View: View(*view), Search: *search, NoTotal: true}
	switch q.View {
	case ViewAll, ViewUnanswered, ViewMine, ViewUnassigned, ViewOverdue, ViewFollowUp:
	default:
		return cmdline.UsageOf(conversationsUsage, "--view %q is not one of unanswered, mine, unassigned, overdue, follow-up", *view)
	}
	if *status != "" {
		// A misspelt status would otherwise list nothing, which reads as "none".
		st, err := ParseStatus(*status)
		if err != nil {
			return cmdline.UsageOf(conversationsUsage, "--status: %v", err)
		}
		q.Status = st
	}
	if *limit < 0 {
		return cmdline.UsageOf(conversationsUsage, "--limit %d: give a positive number, or none for all", *limit)
	}
	s := cliStore(w)
	rows, err := s.ListAll(ctx, q, *limit)
	if err != nil {
		return err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	gids, err := s.ConversationGIDs(ctx, ids)
	if err != nil {
		return err
	}
	list := make([]ConversationJSON, len(rows))
	for i, r := range rows {
		c := ConversationJSON{ID: gids[r.ID], Subject: r.Subject, Status: r.Status, Contact: r.Contact(), ContactEmail: r.ContactEmail,
			Messages: r.Messages, Unread: r.Unread, Snippet: r.Snippet, LastMessageAt: r.LastMessageAt, WaitingSince: r.WaitingSince,
			Overdue: r.Overdue, Assignee: r.Assignee, Labels: []string{}, SnoozeUntil: r.SnoozeUntil}
		for _, l := range r.Labels {
			c.Labels = append(c.Labels, l.Name)
		}
		list[i] = c
	}
	if *asJSON {
		return inboxcore.PrintJSON(stdout, list)
	}
	loc := w.Info().Location()
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tLAST\tCONTACT\tSUBJECT\tMESSAGES\tASSIGNEE\tLABELS")
	for _, c := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", c.ID, c.Status, c.LastMessageAt.In(loc).Format("2006-01-02 15:04"),
			c.Contact, c.Subject, c.Messages, c.Assignee, strings.Join(c.Labels, ", "))
	}
	return tw.Flush()
}

// ListAll reads every page of q (at most limit rows; 0 is no limit). The All view without
// a status leaves out Spam and Abuse, as the Inbox does; ListAll lists every conversation
// then, reading each status and merging them in the list's order.
func (s *Store) ListAll(ctx context.Context, q Query, limit int) ([]Row, error) {
	if q.View != ViewAll || q.Status != "" {
		return pages(ctx, s, q, limit)
	}
	var all []Row
	for _, st := range Statuses {
		q.Status = st
		rows, err := pages(ctx, s, q, limit)
		if err != nil {
			return nil, err
		}
		all = append(all, rows...)
	}
	slices.SortFunc(all, func(a, b Row) int {
		return cmp.Or(b.LastMessageAt.Compare(a.LastMessageAt), cmp.Compare(b.ID, a.ID))
	})
	if limit > 0 && len(all) > limit {
		all = all[:limit]
	}
	return all, nil
}

// pages follows the list's cursor, so a large inbox costs one query per thousand rows.
func pages(ctx context.Context, s *Store, q Query, limit int) ([]Row, error) {
	var out []Row
	for {
		q.Limit = 1000
		if limit > 0 {
			q.Limit = min(1000, limit-len(out))
		}
		p, err := s.List(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Rows...)
		if len(p.Rows) < q.Limit || (limit > 0 && len(out) >= limit) {
			return out, nil
		}
		q.After = p.Rows[len(p.Rows)-1].Cursor()
	}
}
