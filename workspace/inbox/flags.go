package inbox

import (
	"flag"
	"io"
)

// newFlagSet is a flag set that reports through cmdline.Parse's usage error only.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}
