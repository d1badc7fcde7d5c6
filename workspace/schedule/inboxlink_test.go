package schedule_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox"
)

// `conversations --view overdue` counts business hours, as the window does: a message
// five hours old is not overdue when the brand has not been open since.
func TestTheCommandLinesOverdueCountsBusinessHours(t *testing.T) {
	now := time.Now()
	f := newFixture(t, now)
	loc := stockholm(t)
	days := []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
	open := days[(int(now.In(loc).Weekday())+3)%7] // neither today nor yesterday
	if err := f.sched.SetHours(context.Background(), mustHours(t, open+" 09:00-10:00")); err != nil {
		t.Fatal(err)
	}
	f.deliver("ola@example.se", "Beans", now.Add(-5*time.Hour))
	cmd, ok := cmdline.NewRegistry(inbox.Commands()).Lookup("conversations")
	if !ok {
		t.Fatal("no conversations command")
	}
	var out, errOut bytes.Buffer
	env := &cmdline.Env{WorkspaceRef: "Nordlys Coffee", Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut}
	if err := cmd.RunIn(context.Background(), env, f.w, []string{"--view", "overdue", "--json"}); err != nil {
		t.Fatal(err, errOut.String())
	}
	if strings.Contains(out.String(), "Beans") {
		t.Fatalf("listed as overdue after no open hours:\n%s", out.String())
	}
	if err := cmd.RunIn(context.Background(), env, f.w, []string{"--view", "unanswered", "--json"}); err != nil || !strings.Contains(out.String(), "Beans") {
		t.Fatalf("the message is not even unanswered (%v):\n%s", err, out.String())
	}
}
