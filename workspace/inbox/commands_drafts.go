package inbox

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"strings"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox/inboxcore"
)

// The command-line twins of the Inbox's drafts and read state.

var (
	draftUsage = []string{
		"draft --workspace W --list [--json]",
		"draft --workspace W --conversation ID [--json]",
		"draft --workspace W --conversation ID --text T [--from ACCOUNT]",
		"draft --workspace W --conversation ID --discard",
	}
	readUsage = []string{"read --workspace W --conversation ID [--unread]"}
)

// DraftCommands are draft and read.
func DraftCommands() []cmdline.Command {
	return []cmdline.Command{{
		Name: "draft", Summary: "the reply being written in a conversation: show, keep, discard, list", Pane: "inbox",
		Actions: []string{"draft"}, Usage: draftUsage, RunIn: runDraft,
	}, {
		Name: "read", Summary: "mark a conversation read (as opening it does) or --unread", Pane: "inbox",
		Actions: []string{"read", "mark-unread"}, Usage: readUsage, RunIn: runRead,
	}}
}

// draftJSON is a draft as --json prints it, with the conversation's global id.
type draftJSON struct {
	Conversation string `json:"conversation"`
	Body         string `json:"body"`
	AccountID    string `json:"account_id,omitempty"`
	UpdatedAt    string `json:"updated_at"`
}

func runDraft(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	fs := flag.NewFlagSet("draft", flag.ContinueOnError)
	conv := ConversationFlag(fs)
	list := fs.Bool("list", false, "list the conversations with a draft")
	text := fs.String("text", "", "keep this text as the draft")
	from := fs.String("from", "", "the account of this workspace to send from (its id or address)")
	discard := fs.Bool("discard", false, "drop the draft")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return cmdline.UsageOf(draftUsage, "unexpected %q", pos)
	}
	s := cliStore(w)
	if *list {
		return listDrafts(ctx, e, s, *asJSON)
	}
	id, err := conversationArg(ctx, s, *conv, draftUsage)
	if err != nil {
		return err
	}
	switch {
	case *discard && *text != "":
		return cmdline.UsageOf(draftUsage, "--discard and --text together")
	case *discard:
		if err := s.DeleteDraft(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "the draft of conversation %s is discarded\n", *conv)
		return nil
	case *text != "":
		d := SavedDraft{ConversationID: id, Body: *text}
		if *from != "" {
			acct, err := mailAccount(ctx, s, *from)
			if err != nil {
				return err
			}
			d.AccountID = acct
		}
		if err := s.SaveDraft(ctx, d); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "the draft of conversation %s is kept; the Inbox shows it\n", *conv)
		return nil
	}
	d, ok, err := s.LoadDraft(ctx, id)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("conversation %s has no draft: write one with --text", *conv)
	}
	if *asJSON {
		return inboxcore.PrintJSON(e.Stdout, draftJSON{Conversation: *conv, Body: d.Body, AccountID: d.AccountID, UpdatedAt: d.UpdatedAt.Format("2006-01-02T15:04:05Z07:00")})
	}
	fmt.Fprintln(e.Stdout, d.Body)
	return nil
}

// mailAccount finds an account of this workspace by id or address.
func mailAccount(ctx context.Context, s *Store, ref string) (string, error) {
	accts, err := mailAccounts(ctx, s)
	if err != nil {
		return "", err
	}
	for _, a := range accts {
		if a.ID == ref || strings.EqualFold(a.Email, ref) {
			return a.ID, nil
		}
	}
	return "", fmt.Errorf("%q is not an account of this workspace (switchboard account list shows them)", ref)
}

func listDrafts(ctx context.Context, e *cmdline.Env, s *Store, asJSON bool) error {
	set, err := s.DraftConversations(ctx)
	if err != nil {
		return err
	}
	ids := make([]int64, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	gids, err := s.ConversationGIDs(ctx, ids)
	if err != nil {
		return err
	}
	out := []draftJSON{}
	for _, id := range ids {
		d, ok, err := s.LoadDraft(ctx, id)
		if err != nil {
			return err
		}
		if ok {
			out = append(out, draftJSON{Conversation: gids[id], Body: d.Body, AccountID: d.AccountID, UpdatedAt: d.UpdatedAt.Format("2006-01-02T15:04:05Z07:00")})
		}
	}
	if asJSON {
		return inboxcore.PrintJSON(e.Stdout, out)
	}
	if len(out) == 0 {
		fmt.Fprintln(e.Stdout, "no drafts")
	}
	for _, d := range out {
		fmt.Fprintf(e.Stdout, "%s\t%s\n", d.Conversation, oneLineText(d.Body, 70))
	}
	return nil
}

func oneLineText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func runRead(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	fs := flag.NewFlagSet("read", flag.ContinueOnError)
	conv := ConversationFlag(fs)
	unread := fs.Bool("unread", false, "mark it unread instead")
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return cmdline.UsageOf(readUsage, "unexpected %q", pos)
	}
	s := cliStore(w)
	id, err := conversationArg(ctx, s, *conv, readUsage)
	if err != nil {
		return err
	}
	if *unread {
		err = s.MarkUnread(ctx, id)
	} else {
		err = s.MarkRead(ctx, id)
	}
	if err != nil {
		return err
	}
	state := "read"
	if *unread {
		state = "unread"
	}
	fmt.Fprintf(e.Stdout, "conversation %s is marked %s; the server gets the flag with the next sync\n", *conv, state)
	return nil
}
