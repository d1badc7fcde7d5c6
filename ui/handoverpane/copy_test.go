package handoverpane

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"switchboard/ui/pane"
	"switchboard/workspace/faq"
	"switchboard/workspace/workspacetest"
)

// Copying FAQ entries from another workspace into the one on screen: tick, preview, copy.
func TestCopyDialogCopiesTheTickedEntriesAfterAPreview(t *testing.T) {
	p, win, env := setup(t)
	ctx := context.Background()
	other := workspacetest.Open(t, env.Root, "Fjell Bakery")
	for _, q := range []string{"Do you bake gluten-free bread?", "Can I order a birthday cake?"} {
		if _, err := faq.NewStore(other).Save(ctx, "", faq.Draft{Question: q, Answer: "Yes: ask the shop."}); err != nil {
			t.Fatal(err)
		}
	}
	other.Close() // the dialog opens it only while it reads

	p.copyFrom()
	c := p.copying
	if c == nil {
		t.Fatal("no copy dialog")
	}
	c.source.SetSelectedIndex(0)
	if got := strings.Join(c.checks.Options, "|"); got != "Can I order a birthday cake?|Do you bake gluten-free bread?" {
		t.Fatalf("entries offered %q", got)
	}
	c.checks.SetSelected([]string{"Can I order a birthday cake?"})
	c.preview()
	confirm := findButton(t, win.Canvas().Overlays().Top(), "Copy")
	if n := countFAQ(t, env); n != 1 {
		t.Fatalf("the preview wrote: %d entries", n)
	}
	test.Tap(confirm)
	if n := countFAQ(t, env); n != 2 {
		t.Errorf("%d FAQ entries after copying one into a workspace with one: want 2", n)
	}
	if !strings.Contains(p.status.Text, "Copied 1 change(s) from Fjell Bakery") {
		t.Errorf("status %q", p.status.Text)
	}
}

func countFAQ(t *testing.T, env pane.Env) int {
	t.Helper()
	var n int
	if err := env.Workspace.DB().Read().QueryRow("SELECT count(*) FROM faq_entries WHERE deleted_at IS NULL").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
