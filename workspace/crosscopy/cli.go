package crosscopy

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"switchboard/workspace/cmdline"
)

var usage = []string{
	"copy --from A --to B faq ID... [--yes]",
	"copy --from A --to B playbook NAME|ID... [--yes]",
	"copy --from A --to B voice [--yes]",
}

// Commands is copy.
func Commands() []cmdline.Command {
	return []cmdline.Command{{
		Name: "copy", Summary: "copy chosen FAQ entries, crisis playbooks or the voice rules from one workspace into another; shows what would change unless --yes",
		Pane: "handover", Actions: []string{"copy between workspaces"}, Usage: usage, Run: run,
	}}
}

func run(ctx context.Context, e *cmdline.Env, args []string) error {
	fs := flag.NewFlagSet("copy", flag.ContinueOnError)
	fromRef := fs.String("from", "", "the workspace to copy from")
	toRef := fs.String("to", "", "the workspace to copy into")
	yes := fs.Bool("yes", false, "make the copy (without it, only the preview is shown)")
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if *fromRef == "" || *toRef == "" {
		return cmdline.UsageOf(usage, "copy needs --from A and --to B")
	}
	if len(pos) == 0 {
		return cmdline.UsageOf(usage, "copy what: faq ID... or voice")
	}
	kind, ids := Kind(pos[0]), pos[1:]
	switch {
	case kind == FAQ && len(ids) == 0:
		return cmdline.UsageOf(usage, "copy faq needs the ids of the entries (see `switchboard faq list --json`)")
	case kind == Playbook && len(ids) == 0:
		return cmdline.UsageOf(usage, "copy playbook needs the names or ids of the playbooks (see `switchboard playbook list`)")
	case kind == Voice && len(ids) > 0:
		return cmdline.UsageOf(usage, "copy voice takes no ids: it copies all the voice rules")
	case kind != FAQ && kind != Voice && kind != Playbook:
		return cmdline.UsageOf(usage, "copy %q: faq, playbook or voice", pos[0])
	}
	from, err := e.Root.Open(ctx, *fromRef)
	if err != nil {
		return err
	}
	defer from.Close()
	to, err := e.Root.Open(ctx, *toRef)
	if err != nil {
		return err
	}
	defer to.Close()
	var p *Plan
	switch kind {
	case FAQ:
		p, err = PlanFAQ(ctx, from, to, ids)
	case Playbook:
		p, err = PlanPlaybooks(ctx, from, to, ids)
	default:
		p, err = PlanVoice(ctx, from, to)
	}
	if err != nil {
		return err
	}
	p.WritePreview(e.Stdout)
	if !*yes {
		fmt.Fprintf(e.Stdout, "nothing copied yet: run again with --yes to make %d change(s) in %q\n", p.Changes(), to.Info().Name)
		return nil
	}
	if p.Changes() == 0 {
		return errors.New("nothing to copy: every line is unchanged or refused")
	}
	cfg, err := e.Root.Config()
	if err != nil {
		return err
	}
	if err := Apply(ctx, p, to, cfg.AgentName, time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "copied: %d change(s) in %q\n", p.Changes(), to.Info().Name)
	return nil
}
