package inbox

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/template"
)

// voice: the brand's voice as replies are checked against it (tone.go), the response
// target and the warning template.

var voiceUsage = []string{
	"voice --workspace W [--json]",
	"voice --workspace W [--signature-file F] [--formal|--informal|--any-address] [--sign-as brand|person] [--avoid PHRASE]... [--unavoid PHRASE]... [--target 4h] [--warning-file F]",
}

func voiceCommand() cmdline.Command {
	return cmdline.Command{
		Name: "voice", Summary: "the brand's voice: signature, form of address, phrases to avoid, response target, warning template", Pane: "inbox",
		Usage: voiceUsage, RunIn: runVoice,
	}
}

// Voice is everything `voice` shows.
type Voice struct {
	Tone
	TargetMinutes int    `json:"response_target_minutes"`
	Warning       string `json:"warning_template"`
}

func runVoice(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	fs := flag.NewFlagSet("voice", flag.ContinueOnError)
	sigFile := fs.String("signature-file", "", "the signature, a template ({{agent}}, {{brand}}); an empty file removes it")
	formal := fs.Bool("formal", false, "address customers formally")
	informal := fs.Bool("informal", false, "address customers informally")
	anyAddr := fs.Bool("any-address", false, "do not check the form of address")
	signAs := fs.String("sign-as", "", "brand or person")
	var avoid, unavoid inboxcore.Multi
	fs.Var(&avoid, "avoid", "a phrase replies should not use (repeatable)")
	fs.Var(&unavoid, "unavoid", "stop flagging a phrase (repeatable)")
	target := fs.String("target", "", "response-time target, e.g. 4h or 90m")
	warnFile := fs.String("warning-file", "", "the warning template sent to abusive contacts; an empty file restores the default")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return cmdline.UsageOf(voiceUsage, "voice takes flags only, got %q", pos[0])
	}
	n := 0
	for _, b := range []bool{*formal, *informal, *anyAddr} {
		if b {
			n++
		}
	}
	if n > 1 {
		return cmdline.UsageOf(voiceUsage, "say one of --formal, --informal and --any-address")
	}
	s := cliStore(w)
	t, err := s.Tone(ctx)
	if err != nil {
		return err
	}
	changed := false
	if *sigFile != "" {
		b, err := os.ReadFile(*sigFile)
		if err != nil {
			return err
		}
		t.Signature, changed = strings.TrimRight(string(b), "\r\n"), true
	}
	switch {
	case *formal:
		t.Formality, changed = "formal", true
	case *informal:
		t.Formality, changed = "informal", true
	case *anyAddr:
		t.Formality, changed = "", true
	}
	if *signAs != "" {
		if *signAs != "brand" && *signAs != "person" {
			return cmdline.UsageOf(voiceUsage, "--sign-as is brand or person, not %q", *signAs)
		}
		t.SignAs, changed = *signAs, true
	}
	for _, p := range avoid {
		if p = strings.TrimSpace(p); p != "" && !slices.ContainsFunc(t.Avoid, func(a string) bool { return strings.EqualFold(a, p) }) {
			t.Avoid, changed = append(t.Avoid, p), true
		}
	}
	for _, p := range unavoid {
		before := len(t.Avoid)
		t.Avoid = slices.DeleteFunc(t.Avoid, func(a string) bool { return strings.EqualFold(a, strings.TrimSpace(p)) })
		if len(t.Avoid) == before {
			return fmt.Errorf("%q is not among the phrases to avoid: nothing changed", p)
		}
		changed = true
	}
	var newTarget time.Duration
	if *target != "" {
		if newTarget, err = time.ParseDuration(*target); err != nil {
			return cmdline.UsageOf(voiceUsage, "--target %q: use a duration such as 4h or 90m", *target)
		}
	}
	var warning *string
	if *warnFile != "" {
		b, err := os.ReadFile(*warnFile)
		if err != nil {
			return err
		}
		text := strings.TrimRight(string(b), "\r\n")
		if probs := template.Check(text); probs != nil {
			return fmt.Errorf("the warning template: %w (nothing changed)", probs)
		}
		warning = &text
	}
	// Everything is checked before anything is stored, so a mistake changes nothing.
	if changed {
		if err := s.SetTone(ctx, t); err != nil {
			return fmt.Errorf("%w (nothing changed)", err)
		}
	}
	if newTarget != 0 {
		if err := s.SetResponseTarget(ctx, newTarget); err != nil {
			return err
		}
	}
	if warning != nil {
		if err := w.SetSetting(ctx, SettingWarnTemplate, *warning); err != nil {
			return err
		}
	}
	if changed || newTarget != 0 || warning != nil {
		fmt.Fprintf(e.Stdout, "the voice of %s is saved\n", w.Info().Name)
		if !*asJSON {
			return nil
		}
	}
	return showVoice(ctx, e, w, s, *asJSON)
}

func showVoice(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, s *Store, asJSON bool) error {
	t, err := s.Tone(ctx)
	if err != nil {
		return err
	}
	if t.Avoid == nil {
		t.Avoid = []string{}
	}
	target, err := s.ResponseTarget(ctx)
	if err != nil {
		return err
	}
	warn, ok, err := w.Setting(ctx, SettingWarnTemplate)
	if err != nil {
		return err
	}
	if !ok || strings.TrimSpace(warn) == "" {
		warn = DefaultWarning
	}
	v := Voice{Tone: t, TargetMinutes: int(target / time.Minute), Warning: warn}
	if asJSON {
		return inboxcore.PrintJSON(e.Stdout, v)
	}
	or := func(s, none string) string {
		if strings.TrimSpace(s) == "" {
			return none
		}
		return s
	}
	out := e.Stdout
	fmt.Fprintf(out, "Form of address: %s\n", or(t.Formality, "not checked"))
	fmt.Fprintf(out, "Sign as: %s\n", or(t.SignAs, "person"))
	fmt.Fprintf(out, "Response target: %v\n", target)
	fmt.Fprintf(out, "Phrases to avoid: %s\n", or(strings.Join(t.Avoid, "; "), "none"))
	fmt.Fprintf(out, "Guidance:\n%s\n", or(t.Guidance, "(none)"))
	fmt.Fprintf(out, "Signature:\n%s\n", or(t.Signature, "(none)"))
	fmt.Fprintf(out, "Warning template:\n%s\n", warn)
	return nil
}
