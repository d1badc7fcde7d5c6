package cmdline

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// Env is what every command gets: the data root, the --workspace reference, the standard
// streams and the outside services main.go wires in. Nothing in it is global, so tests run
// commands side by side with their own roots and keyrings.
type Env struct {
	Root         *workspace.Root
	WorkspaceRef string // --workspace: an id, a display name or a folder name
	Stdin        io.Reader
	Stdout       io.Writer
	Stderr       io.Writer
	// Secrets removes a workspace's keyring entries (workspace delete, demo reset).
	Secrets workspace.SecretRemover
	// Keyring holds the mail accounts' passwords (the OS keyring; a static one in tests).
	Keyring Keyring
	// Import stores raw messages in a local folder of w, parsed and threaded like synced
	// mail (the demo's mail; workspace may not import the accounts layer that parses it).
	Import Importer
}

// Keyring is where passwords live, namespaced by workspace id.
type Keyring interface {
	Set(ctx context.Context, workspaceID, key, secret string) error
	Get(ctx context.Context, workspaceID, key string) (string, error)
	Delete(ctx context.Context, workspaceID, key string) error
}

// Importer stores raw RFC 5322 messages in folder of w as if they had been synced.
type Importer func(ctx context.Context, w *workspace.Workspace, folder string, raws [][]byte) (mail.IngestResult, error)

// Command is one subcommand. A feature package returns its commands from a Commands
// function; main.go hands them all to NewRegistry. Exactly one of Run and RunIn is set.
type Command struct {
	Name    string // the first word: "faq", "outbox", "schedule"
	Summary string // one line: what it is for
	// Usage is one line per form, without the leading "switchboard ", e.g.
	// "outbox retry|cancel|mark-sent --workspace W ID".
	Usage []string
	// Pane names the pane whose capabilities this command makes scriptable ("inbox",
	// "faq", "settings", ...), and Actions the pane actions it covers; a test checks that
	// every action a pane declares has a command.
	Pane    string
	Actions []string

	// Run is a command that needs no open workspace (workspace list, me, import).
	Run func(ctx context.Context, e *Env, args []string) error
	// RunIn is a command inside --workspace, opened (and closed) by the registry.
	RunIn func(ctx context.Context, e *Env, w *workspace.Workspace, args []string) error
}

// Registry holds the commands by name.
type Registry struct {
	byName map[string]Command
	order  []string
}

// NewRegistry checks and collects commands. A nameless, usage-less, doubly registered or
// run-less command is a programming error caught by any test, so it panics.
func NewRegistry(groups ...[]Command) *Registry {
	r := &Registry{byName: map[string]Command{}}
	for _, g := range groups {
		for _, c := range g {
			switch {
			case c.Name == "" || len(c.Usage) == 0 || c.Summary == "":
				panic(fmt.Sprintf("command %q needs a name, a summary and usage", c.Name))
			case (c.Run == nil) == (c.RunIn == nil):
				panic(fmt.Sprintf("command %q needs exactly one of Run and RunIn", c.Name))
			case r.byName[c.Name].Name != "":
				panic(fmt.Sprintf("command %q registered twice", c.Name))
			}
			r.byName[c.Name] = c
			r.order = append(r.order, c.Name)
		}
	}
	slices.Sort(r.order)
	return r
}

// Commands lists every command, by name.
func (r *Registry) Commands() []Command {
	out := make([]Command, len(r.order))
	for i, n := range r.order {
		out[i] = r.byName[n]
	}
	return out
}

// Lookup finds a command by its first word.
func (r *Registry) Lookup(name string) (Command, bool) {
	c, ok := r.byName[name]
	return c, ok
}

// Run runs args[0] with the rest. An unknown command is a usage error; a workspace command
// without --workspace too.
func (r *Registry) Run(ctx context.Context, e *Env, args []string) error {
	if len(args) == 0 {
		return Usagef("no command given")
	}
	c, ok := r.byName[args[0]]
	if !ok {
		return Usagef("unknown command %q (see `switchboard help`)", args[0])
	}
	if c.Run != nil {
		return c.Run(ctx, e, args[1:])
	}
	if e.WorkspaceRef == "" {
		return Usagef("%s needs --workspace NAME (see `switchboard workspace list`)", c.Name)
	}
	w, err := e.Root.Open(ctx, e.WorkspaceRef)
	if err != nil {
		return err
	}
	defer w.Close()
	return c.RunIn(ctx, e, w, args[1:])
}

// Help is the usage text generated from the registry: intro, then every form of every
// command, then outro.
func (r *Registry) Help(intro, outro string) string {
	var b strings.Builder
	b.WriteString(intro)
	for _, c := range r.Commands() {
		fmt.Fprintf(&b, "\n  %s\n", c.Summary)
		for _, u := range c.Usage {
			fmt.Fprintf(&b, "    switchboard %s\n", u)
		}
	}
	b.WriteString(outro)
	return b.String()
}

// UsageOf is a usage error that says what was wrong, then the command's forms.
func UsageOf(usage []string, format string, args ...any) error {
	return Usagef("%s\nusage:\n  switchboard %s", fmt.Sprintf(format, args...), strings.Join(usage, "\n  switchboard "))
}

// Streams is the shape of a command written against the standard streams alone.
type Streams func(ctx context.Context, w *workspace.Workspace, args []string, stdin io.Reader, stdout, stderr io.Writer) error

// In adapts a Streams command to RunIn.
func In(fn Streams) func(ctx context.Context, e *Env, w *workspace.Workspace, args []string) error {
	return func(ctx context.Context, e *Env, w *workspace.Workspace, args []string) error {
		return fn(ctx, w, args, e.Stdin, e.Stdout, e.Stderr)
	}
}
