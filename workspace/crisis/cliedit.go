package crisis

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
)

// The command-line twin of the playbook editor: each form changes one part of one
// playbook and saves it through SavePlaybook, so every change is validated and journaled
// as the editor's Save is. Items of a list are numbered from 1, as `playbook show` prints
// them.
var playbookEditUsage = []string{
	"playbook edit --workspace W --name N [--rename NEW] [--severity S] [--review-date YYYY-MM-DD] [--remove-lang L]",
	"playbook edit --workspace W --name N --lang L [--keywords k1,k2] [--description D] [--holding TEXT | --holding-file FILE]   (\"\" clears)",
	"playbook step add --workspace W --name N --text T [--owner ROLE] [--at K]",
	"playbook step set|move|remove --workspace W --name N K [--text T] [--owner ROLE] [--to K2 | up | down]",
	"playbook answer add --workspace W --name N --lang L --question Q (--answer A | --answer-file FILE)",
	"playbook answer set|remove --workspace W --name N K [--lang L] [--question Q] [--answer A | --answer-file FILE]",
	"playbook contact add --workspace W --name N --contact NAME [--role R] [--phone P] [--email E]",
	"playbook contact set|remove --workspace W --name N K [--contact NAME] [--role R] [--phone P] [--email E]",
}

// editForms are the subcommands handled here.
var editForms = []string{"edit", "step", "answer", "contact"}

// runPlaybookEdit changes one playbook by command; sub is edit, step, answer or contact.
func runPlaybookEdit(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, sub string, args []string) error {
	usage := allPlaybookUsage()
	op := ""
	if sub != "edit" {
		if len(args) == 0 || strings.HasPrefix(args[0], "-") {
			return cmdline.UsageOf(usage, "playbook %s needs add, set, move or remove", sub)
		}
		op, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("playbook "+strings.TrimSpace(sub+" "+op), flag.ContinueOnError)
	name := fs.String("name", "", "the playbook's name")
	rename := fs.String("rename", "", "the new name")
	severity := fs.String("severity", "", "low, medium, high or critical")
	review := fs.String("review-date", "", "when it needs review, YYYY-MM-DD")
	removeLang := fs.String("remove-lang", "", "remove everything in this language")
	lang := fs.String("lang", "", "language code (en, sv…); empty: any language")
	keywords := fs.String("keywords", "", "trigger keywords in --lang, comma-separated (replaces them)")
	desc := fs.String("description", "", "when to use it, in --lang")
	holding := fs.String("holding", "", "the holding statement in --lang")
	holdingFile := fs.String("holding-file", "", "read the holding statement from FILE (- for stdin)")
	text := fs.String("text", "", "the step's text")
	owner := fs.String("owner", "", "the step's owner role")
	at := fs.Int("at", 0, "insert the step at this position")
	to := fs.Int("to", 0, "move the step to this position")
	question := fs.String("question", "", "the question nobody wants")
	answer := fs.String("answer", "", "its prepared answer")
	answerFile := fs.String("answer-file", "", "read the answer from FILE (- for stdin)")
	contact := fs.String("contact", "", "the contact's name")
	role := fs.String("role", "", "the contact's role")
	phone := fs.String("phone", "", "the contact's phone number")
	email := fs.String("email", "", "the contact's email address")
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *name == "" {
		return cmdline.UsageOf(usage, "playbook %s needs --name", sub)
	}
	readText := func(flagName, value, file string) (string, error) {
		if file == "" {
			return value, nil
		}
		if set[flagName] {
			return "", cmdline.UsageOf(usage, "give --%s or --%s-file, not both", flagName, flagName)
		}
		return readFile(e.Stdin, file)
	}
	s := cliStore(w)
	p, err := s.Playbook(ctx, *name)
	if err != nil {
		return err
	}
	// k is the 1-based item number given as the only positional argument (move: the
	// first of two).
	item := func(n int, what string) (int, error) {
		if len(pos) == 0 {
			return 0, cmdline.UsageOf(usage, "playbook %s %s needs the %s's number", sub, op, what)
		}
		k, err := strconv.Atoi(pos[0])
		if err != nil || k < 1 || k > n {
			return 0, cmdline.UsageOf(usage, "%q is not a %s number: the playbook has %d (see `switchboard playbook show --name %q`)", pos[0], what, n, p.Name)
		}
		return k - 1, nil
	}
	done := ""
	switch sub {
	case "edit":
		if len(pos) > 0 {
			return cmdline.UsageOf(usage, "playbook edit takes no arguments besides flags, got %q", pos[0])
		}
		if set["rename"] {
			p.Name = *rename
		}
		if set["severity"] {
			if p.Severity, err = ParseSeverity(*severity); err != nil {
				return cmdline.UsageOf(usage, "--severity: %v", err)
			}
		}
		if set["review-date"] {
			if p.ReviewBy, err = ParseReviewDate(*review, w.Info().Location()); err != nil {
				return cmdline.UsageOf(usage, "--review-date: %v", err)
			}
		}
		if set["remove-lang"] {
			p = p.WithoutLanguage(*removeLang)
		}
		l := cleanLang(*lang)
		if set["keywords"] {
			p.Keywords = withKey(p.Keywords, l, splitKeywords(*keywords), strings.TrimSpace(*keywords) != "")
		}
		if set["description"] {
			p.Descriptions = withKey(p.Descriptions, l, strings.TrimSpace(*desc), strings.TrimSpace(*desc) != "")
		}
		if set["holding"] || set["holding-file"] {
			t, err := readText("holding", *holding, *holdingFile)
			if err != nil {
				return err
			}
			p = p.SetHolding(l, t)
		}
		if !slices.ContainsFunc([]string{"rename", "severity", "review-date", "remove-lang", "keywords", "description", "holding", "holding-file"},
			func(f string) bool { return set[f] }) {
			return cmdline.UsageOf(usage, "playbook edit needs something to change")
		}
		done = "saved"
	case "step":
		switch op {
		case "add":
			if strings.TrimSpace(*text) == "" {
				return cmdline.UsageOf(usage, "playbook step add needs --text")
			}
			i := len(p.Steps)
			if set["at"] {
				if *at < 1 || *at > len(p.Steps)+1 {
					return cmdline.UsageOf(usage, "--at %d: the checklist has %d steps", *at, len(p.Steps))
				}
				i = *at - 1
			}
			p.Steps = slices.Insert(p.Steps, i, Step{Text: *text, Owner: *owner})
			done = fmt.Sprintf("step %d added", i+1)
		case "set":
			k, err := item(len(p.Steps), "step")
			if err != nil {
				return err
			}
			if set["text"] {
				p.Steps[k].Text = *text
			}
			if set["owner"] {
				p.Steps[k].Owner = *owner
			}
			done = fmt.Sprintf("step %d changed", k+1)
		case "move":
			k, err := item(len(p.Steps), "step")
			if err != nil {
				return err
			}
			dest := k
			switch {
			case set["to"]:
				dest = *to - 1
			case len(pos) == 2 && pos[1] == "up":
				dest = k - 1
			case len(pos) == 2 && pos[1] == "down":
				dest = k + 1
			default:
				return cmdline.UsageOf(usage, "playbook step move needs up, down or --to K")
			}
			if dest < 0 || dest >= len(p.Steps) {
				return cmdline.UsageOf(usage, "step %d cannot move to %d: the checklist has %d steps", k+1, dest+1, len(p.Steps))
			}
			st := p.Steps[k]
			p.Steps = slices.Insert(slices.Delete(p.Steps, k, k+1), dest, st)
			done = fmt.Sprintf("step %d is now step %d", k+1, dest+1)
		case "remove":
			k, err := item(len(p.Steps), "step")
			if err != nil {
				return err
			}
			p.Steps = slices.Delete(p.Steps, k, k+1)
			done = fmt.Sprintf("step %d removed", k+1)
		default:
			return cmdline.UsageOf(usage, "unknown playbook step action %q", op)
		}
	case "answer":
		switch op {
		case "add":
			a, err := readText("answer", *answer, *answerFile)
			if err != nil {
				return err
			}
			p.Answers = append(p.Answers, Answer{Lang: *lang, Question: *question, Answer: a})
			done = fmt.Sprintf("prepared answer %d added", len(p.Answers))
		case "set":
			k, err := item(len(p.Answers), "prepared answer")
			if err != nil {
				return err
			}
			if set["lang"] {
				p.Answers[k].Lang = *lang
			}
			if set["question"] {
				p.Answers[k].Question = *question
			}
			if set["answer"] || set["answer-file"] {
				if p.Answers[k].Answer, err = readText("answer", *answer, *answerFile); err != nil {
					return err
				}
			}
			done = fmt.Sprintf("prepared answer %d changed", k+1)
		case "remove":
			k, err := item(len(p.Answers), "prepared answer")
			if err != nil {
				return err
			}
			p.Answers = slices.Delete(p.Answers, k, k+1)
			done = fmt.Sprintf("prepared answer %d removed", k+1)
		default:
			return cmdline.UsageOf(usage, "unknown playbook answer action %q", op)
		}
	case "contact":
		switch op {
		case "add":
			p.Contacts = append(p.Contacts, Contact{Name: *contact, Role: *role, Phone: *phone, Email: *email})
			done = fmt.Sprintf("contact %d added", len(p.Contacts))
		case "set":
			k, err := item(len(p.Contacts), "contact")
			if err != nil {
				return err
			}
			c := &p.Contacts[k]
			for f, dst := range map[string]*string{"contact": &c.Name, "role": &c.Role, "phone": &c.Phone, "email": &c.Email} {
				if set[f] {
					*dst = fs.Lookup(f).Value.String()
				}
			}
			done = fmt.Sprintf("contact %d changed", k+1)
		case "remove":
			k, err := item(len(p.Contacts), "contact")
			if err != nil {
				return err
			}
			p.Contacts = slices.Delete(p.Contacts, k, k+1)
			done = fmt.Sprintf("contact %d removed", k+1)
		default:
			return cmdline.UsageOf(usage, "unknown playbook contact action %q", op)
		}
	}
	saved, err := s.SavePlaybook(ctx, p)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "playbook %q: %s\n", saved.Name, done)
	return nil
}

// withKey is m with language k set to v, or without k when keep is false.
func withKey[V any](m map[string]V, k string, v V, keep bool) map[string]V {
	out := map[string]V{}
	for key, val := range m {
		if cleanLang(key) != k {
			out[key] = val
		}
	}
	if keep {
		out[k] = v
	}
	return out
}

func splitKeywords(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func readFile(stdin io.Reader, name string) (string, error) {
	if name == "-" {
		if stdin == nil {
			return "", fmt.Errorf("nothing to read on stdin")
		}
		b, err := io.ReadAll(stdin)
		return string(b), err
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", name, err)
	}
	return string(b), nil
}

// allPlaybookUsage is every form of the playbook command.
func allPlaybookUsage() []string { return slices.Concat(playbookUsage, playbookEditUsage) }
