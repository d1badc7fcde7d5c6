package workspace_test

import (
	"context"
	"testing"

	"switchboard/workspace"
	"switchboard/workspace/journal"
	"switchboard/workspace/workspacetest"
)

// Settings changes are journaled, signed with the staff id of the machine's "my name"
// (added on this first change), or "unnamed" while none is set.
func TestSettingsChangesAreJournaled(t *testing.T) {
	ctx := context.Background()
	root := workspacetest.Root(t)
	w := workspacetest.Open(t, root, "Acme")
	if err := w.SetSetting(ctx, "support.first_response_minutes", "120"); err != nil {
		t.Fatal(err)
	}
	if err := root.SaveConfig(workspace.Config{AgentName: "Anna Lind"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Rename(ctx, "Acme Corp"); err != nil {
		t.Fatal(err)
	}
	if err := w.SetSetting(ctx, "support.first_response_minutes", "120"); err != nil { // unchanged: no entry
		t.Fatal(err)
	}
	list, err := journal.List(ctx, w.DB().Read(), journal.Filter{Object: w.ID()})
	if err != nil {
		t.Fatal(err)
	}
	var anna string
	if err := w.DB().Read().QueryRowContext(ctx, "SELECT gid FROM staff WHERE name = 'Anna Lind'").Scan(&anna); err != nil {
		t.Fatalf("Anna's first change added no staff row: %v", err)
	}
	if len(list) != 2 || list[0].Kind != "workspace.setting" || list[0].Actor != journal.Unnamed ||
		list[1].Kind != "workspace.name" || list[1].Actor != anna {
		t.Fatalf("entries %+v", list)
	}
	var c journal.Change
	if err := list[1].Decode(&c); err != nil || c.From != "Acme" || c.To != "Acme Corp" {
		t.Fatalf("rename entry %s: %v", list[1].Data, err)
	}
}
