package demo_test

import (
	"context"
	"errors"
	"io/fs"
	"testing"

	"switchboard/workspace"
	"switchboard/workspace/demo"
)

func TestCreateSeedsOnceAndRecreateReplaces(t *testing.T) {
	ctx := context.Background()
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	info, err := demo.Create(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != demo.Name || info.Color != "#0F6E5C" || info.TimeZone != "Europe/Oslo" {
		t.Fatalf("demo created as %+v", info)
	}
	again, err := demo.Create(ctx, root)
	if err != nil || again.ID != info.ID {
		t.Fatalf("second Create = %v, %v; want the existing demo %s", again.ID, err, info.ID)
	}

	err = root.Update(ctx, info.ID, func(w *workspace.Workspace) error {
		if ok, err := demo.IsDemo(ctx, w); !ok || err != nil {
			t.Errorf("IsDemo = %v, %v", ok, err)
		}
		tone, ok, err := w.Setting(ctx, "brand.tone")
		if !ok || err != nil || tone == "" {
			t.Errorf("brand.tone = %q, %v, %v", tone, ok, err)
		}
		return w.SetSetting(ctx, "brand.tone", "changed by the user")
	})
	if err != nil {
		t.Fatal(err)
	}

	fresh, err := demo.Recreate(ctx, root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fresh.ID == info.ID {
		t.Fatal("Recreate kept the old workspace")
	}
	list, _ := root.List(ctx, true)
	if len(list) != 1 {
		t.Fatalf("after Recreate the root holds %d workspaces, want 1", len(list))
	}
	root.Update(ctx, fresh.ID, func(w *workspace.Workspace) error {
		if tone, _, _ := w.Setting(ctx, "brand.tone"); tone == "changed by the user" {
			t.Error("Recreate kept the old settings")
		}
		return nil
	})
}

func TestIsDemoFalseForRealWorkspace(t *testing.T) {
	ctx := context.Background()
	root, _ := workspace.OpenRoot(t.TempDir())
	info, err := root.Create(ctx, "Acme", workspace.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	root.Update(ctx, info.ID, func(w *workspace.Workspace) error {
		if ok, err := demo.IsDemo(ctx, w); ok || err != nil {
			t.Errorf("IsDemo(real) = %v, %v", ok, err)
		}
		return nil
	})
}

func TestFailingStepLeavesNoHalfDemo(t *testing.T) {
	ctx := context.Background()
	root, _ := workspace.OpenRoot(t.TempDir())
	saved := demo.Steps
	t.Cleanup(func() { demo.Steps = saved })
	boom := errors.New("boom")
	demo.Steps = append(append([]demo.Step{}, saved...), func(context.Context, *workspace.Workspace, fs.FS) error { return boom })

	if _, err := demo.Create(ctx, root); !errors.Is(err, boom) {
		t.Fatalf("Create = %v, want the step's error", err)
	}
	if list, problems := root.List(ctx, true); len(list)+len(problems) != 0 {
		t.Fatalf("a failed seed left %v %v", list, problems)
	}
}
