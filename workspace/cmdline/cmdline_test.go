package cmdline_test

import (
	"errors"
	"flag"
	"slices"
	"testing"

	"switchboard/workspace/cmdline"
)

func TestFlagsAnywhere(t *testing.T) {
	for _, c := range []struct {
		args []string
		pos  []string
		yes  bool
		tags string
	}{
		{[]string{"faq.csv", "--yes"}, []string{"faq.csv"}, true, ""},
		{[]string{"--yes", "faq.csv", "--tags", "a,b"}, []string{"faq.csv"}, true, "a,b"},
		{[]string{"a", "--tags=x", "b"}, []string{"a", "b"}, false, "x"},
		{[]string{"--", "--yes", "-x"}, []string{"--yes", "-x"}, false, ""},
		{nil, nil, false, ""},
	} {
		fs := flag.NewFlagSet("import", flag.ContinueOnError)
		yes := fs.Bool("yes", false, "")
		tags := fs.String("tags", "", "")
		pos, err := cmdline.Parse(fs, c.args)
		if err != nil || !slices.Equal(pos, c.pos) || *yes != c.yes || *tags != c.tags {
			t.Errorf("%q: %q yes=%v tags=%q err=%v", c.args, pos, *yes, *tags, err)
		}
	}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	if _, err := cmdline.Parse(fs, []string{"--nope"}); !errors.Is(err, cmdline.ErrUsage) {
		t.Errorf("unknown flag: %v, want a usage error", err)
	}
}
