package demo_test

import (
	"context"
	"testing"

	"switchboard/workspace"
	"switchboard/workspace/journal"
)

// The demo's seed is the program's doing (settings, FAQ, account: "system"); its triage
// is signed by the demo's staff, so its history reads like a real shift. Nothing is
// signed by whoever happened to create it.
func TestDemoJournalIsSignedBySystemAndItsStaff(t *testing.T) {
	withDemo(t, func(ctx context.Context, w *workspace.Workspace) {
		list, err := journal.List(ctx, w.DB().Read(), journal.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		staff := map[string]bool{}
		rows, err := w.DB().Read().QueryContext(ctx, "SELECT gid FROM staff")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var gid string
			rows.Scan(&gid)
			staff[gid] = true
		}
		rows.Close()
		bySystem, byStaff := 0, 0
		for _, e := range list {
			switch {
			case e.Actor == journal.System:
				bySystem++
			case staff[e.Actor]:
				byStaff++
			default:
				t.Errorf("%s on %s signed %q", e.Kind, e.Object, e.Actor)
			}
		}
		if bySystem == 0 || byStaff == 0 {
			t.Fatalf("%d entries by system, %d by staff", bySystem, byStaff)
		}
	})
}
