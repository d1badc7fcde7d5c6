package inbox

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
)

// The triage commands: what the Inbox's conversation toolbar does, one command each.

var (
	assignUsage = []string{"assign --workspace W --conversation ID NAME|me|nobody"}
	labelUsage  = []string{"label --workspace W --conversation ID add|remove LABEL"}
	noteUsage   = []string{"note --workspace W --conversation ID --text T"}
)

func triageCommands() []cmdline.Command {
	return []cmdline.Command{{
		Name: "assign", Summary: "give a conversation to a member of staff (\"nobody\" or \"\" unassigns)", Pane: "inbox",
		Actions: []string{"assign"}, Usage: assignUsage, RunIn: runAssign,
	}, {
		Name: "label", Summary: "put a label on a conversation or take it off (a new name makes the label)", Pane: "inbox",
		Actions: []string{"label"}, Usage: labelUsage, RunIn: runLabel,
	}, {
		Name: "note", Summary: "add an internal note to a conversation (never sent)", Pane: "inbox",
		Actions: []string{"note"}, Usage: noteUsage, RunIn: runNote,
	}}
}

// ConversationFlag is --conversation, a conversation's global id.
func ConversationFlag(fs *flag.FlagSet) *string {
	return fs.String("conversation", "", "the conversation's id (`switchboard conversations --json`)")
}

// conversationArg resolves --conversation; a missing one is a usage mistake.
func conversationArg(ctx context.Context, s *Store, ref string, usage []string) (int64, error) {
	if strings.TrimSpace(ref) == "" {
		return 0, cmdline.UsageOf(usage, "--conversation ID is required")
	}
	return s.ConversationID(ctx, ref)
}

func runAssign(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	fs := flag.NewFlagSet("assign", flag.ContinueOnError)
	conv := ConversationFlag(fs)
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return cmdline.UsageOf(assignUsage, "assign takes one NAME (\"nobody\" unassigns), got %q", pos)
	}
	s := cliStore(w)
	id, err := conversationArg(ctx, s, *conv, assignUsage)
	if err != nil {
		return err
	}
	name := strings.TrimSpace(pos[0])
	var st Staff
	switch strings.ToLower(name) {
	case "", "nobody":
	case "me":
		if st, err = s.Me(ctx); err != nil {
			return err
		}
	default:
		// An unknown name is refused rather than added: a typo must not make a colleague.
		if st, err = s.StaffByName(ctx, name); err != nil {
			return err
		}
	}
	if err := s.Assign(ctx, id, st.ID); err != nil {
		return err
	}
	if st.ID == 0 {
		fmt.Fprintf(e.Stdout, "conversation %s is now assigned to nobody\n", *conv)
	} else {
		fmt.Fprintf(e.Stdout, "conversation %s is now assigned to %s\n", *conv, st.Name)
	}
	return nil
}

func runLabel(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	fs := flag.NewFlagSet("label", flag.ContinueOnError)
	conv := ConversationFlag(fs)
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || (pos[0] != "add" && pos[0] != "remove") {
		return cmdline.UsageOf(labelUsage, "label takes add or remove, then the LABEL's name")
	}
	s := cliStore(w)
	id, err := conversationArg(ctx, s, *conv, labelUsage)
	if err != nil {
		return err
	}
	l, err := s.LabelByName(ctx, pos[1])
	if err != nil && pos[0] == "add" && strings.TrimSpace(pos[1]) != "" {
		// As in the Inbox's label dialog, a new name makes the label.
		labels, lerr := s.Labels(ctx)
		if lerr != nil {
			return lerr
		}
		l, err = s.SaveLabel(ctx, Label{Name: pos[1], Color: LabelColors[len(labels)%len(LabelColors)]})
	}
	if err != nil {
		return err
	}
	if pos[0] == "add" {
		err = s.AddLabel(ctx, id, l.ID)
	} else {
		err = s.RemoveLabel(ctx, id, l.ID)
	}
	if err != nil {
		return err
	}
	verb := "now has"
	if pos[0] == "remove" {
		verb = "no longer has"
	}
	fmt.Fprintf(e.Stdout, "conversation %s %s the label %q\n", *conv, verb, l.Name)
	return nil
}

func runNote(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	fs := flag.NewFlagSet("note", flag.ContinueOnError)
	conv := ConversationFlag(fs)
	text := fs.String("text", "", "the note (- reads standard input)")
	if pos, err := cmdline.Parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return cmdline.UsageOf(noteUsage, "note takes its text with --text, got %q", pos[0])
	}
	body := *text
	if body == "-" {
		b, err := io.ReadAll(e.Stdin)
		if err != nil {
			return err
		}
		body = string(b)
	}
	if strings.TrimSpace(body) == "" {
		return cmdline.UsageOf(noteUsage, "--text T is required")
	}
	s := cliStore(w)
	id, err := conversationArg(ctx, s, *conv, noteUsage)
	if err != nil {
		return err
	}
	n, err := s.AddNote(ctx, id, body)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "note added to conversation %s by %s\n", *conv, n.Author)
	return nil
}
