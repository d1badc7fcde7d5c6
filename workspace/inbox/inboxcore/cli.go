package inboxcore

import (
	"encoding/json"
	"flag"
	"io"
	"path/filepath"
	"strings"

	"switchboard/workspace"
)

// MachineOptions are the Options of a command run at this machine: the agent named in the
// data root's config, the real clock.
func MachineOptions(w *workspace.Workspace) Options {
	agent := ""
	if root, err := workspace.OpenRoot(filepath.Dir(w.Info().Dir)); err == nil {
		if cfg, err := root.Config(); err == nil {
			agent = cfg.AgentName
		}
	}
	return Options{Agent: agent}
}

// NewFlagSet is a command's flag set; cmdline.Parse reports its mistakes.
func NewFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// PrintJSON writes v as indented JSON, as every --json does.
func PrintJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // "Name <address>" stays readable
	return enc.Encode(v)
}

// Multi is a flag that may be given more than once.
type Multi []string

func (m *Multi) String() string     { return strings.Join(*m, ",") }
func (m *Multi) Set(v string) error { *m = append(*m, v); return nil }
