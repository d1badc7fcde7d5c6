package warning

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
)

var usage = []string{"alerts --workspace W [--json] [--count N --window 2h]   (--count/--window: change the threshold)"}

// Commands is alerts.
func Commands() []cmdline.Command {
	return []cmdline.Command{{
		Name: "alerts", Summary: "early warning: groups of similar customer messages arriving at once (a wave), with the suggested playbook",
		Pane: "crisis", Actions: []string{"alerts", "warning threshold"}, Usage: usage, RunIn: run,
	}}
}

// alertJSON is one group as scripts read it.
type alertJSON struct {
	FiredAt    time.Time     `json:"fired_at"`
	Languages  []string      `json:"languages"`
	Topic      []string      `json:"topic"`
	Playbook   string        `json:"playbook"`
	PlaybookID string        `json:"playbook_id"`
	Messages   []messageJSON `json:"messages"`
}

type messageJSON struct {
	From           string    `json:"from"`
	Subject        string    `json:"subject"`
	Received       time.Time `json:"received"`
	ConversationID string    `json:"conversation_id"` // the global id, as --conversation takes it
}

func run(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	fs := flag.NewFlagSet("alerts", flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	count := fs.Int("count", 0, "set the threshold: this many similar messages")
	window := fs.Duration("window", 0, "set the threshold: within this long (e.g. 2h)")
	if pos, err := cmdline.Parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return cmdline.UsageOf(usage, "alerts takes no arguments, got %q", pos[0])
	}
	if *count != 0 || *window != 0 {
		cfg, err := ConfigOf(ctx, w)
		if err != nil {
			return err
		}
		if *count != 0 {
			cfg.Count = *count
		}
		if *window != 0 {
			cfg.Window = *window
		}
		if err := SetConfig(ctx, w, cfg); err != nil {
			return cmdline.UsageOf(usage, "%v", err)
		}
	}
	waves, err := Current(ctx, w, time.Now())
	if err != nil {
		return err
	}
	var convs []int64
	for _, wv := range waves {
		for _, m := range wv.Members {
			convs = append(convs, m.ConversationID)
		}
	}
	gids, err := inbox.NewStore(w, inboxcore.Options{}).ConversationGIDs(ctx, convs)
	if err != nil {
		return err
	}
	out := []alertJSON{}
	for _, wv := range waves {
		a := alertJSON{FiredAt: wv.FiredAt, Languages: wv.Langs, Topic: wv.Topic, Playbook: wv.Playbook, PlaybookID: wv.PlaybookID,
			Messages: []messageJSON{}}
		for _, m := range wv.Members {
			a.Messages = append(a.Messages, messageJSON{From: m.From, Subject: m.Subject, Received: m.At, ConversationID: gids[m.ConversationID]})
		}
		out = append(out, a)
	}
	if *asJSON {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	cfg, _ := ConfigOf(ctx, w)
	if len(out) == 0 {
		fmt.Fprintf(e.Stdout, "no wave: fewer than %d similar customer messages within %s\n", cfg.Count, cfg.Window)
		return nil
	}
	loc := w.Info().Location()
	for i, a := range out {
		fmt.Fprintf(e.Stdout, "wave %d: %d similar messages in %v since %s", i+1, len(a.Messages), a.Languages, a.Messages[0].Received.In(loc).Format("2006-01-02 15:04"))
		if a.Playbook != "" {
			fmt.Fprintf(e.Stdout, "; suggested playbook %q", a.Playbook)
		}
		fmt.Fprintln(e.Stdout)
		tw := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
		for _, m := range a.Messages {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t(conversation %s)\n", m.Received.In(loc).Format("2006-01-02 15:04"), m.From, m.Subject, m.ConversationID)
		}
		tw.Flush()
	}
	return nil
}
