// Package cmdline is what every subcommand's flag handling shares, so that all of them
// accept flags after their arguments and report mistakes the same way.
package cmdline

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// ErrUsage marks a mistake in the command line: main exits with status 2 and the usage.
var ErrUsage = errors.New("usage")

// Usagef is an ErrUsage that says what was wrong.
func Usagef(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUsage, fmt.Sprintf(format, args...))
}

// Parse parses flags that may stand anywhere among the arguments ("import FILE --yes" as
// well as "import --yes FILE"; package flag alone stops at the first argument) and returns
// the arguments that are not flags. Everything after "--" is an argument.
func Parse(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, Usagef("%s: %v", fs.Name(), err)
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(positional, rest...), nil // flag consumed the terminator
		}
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
