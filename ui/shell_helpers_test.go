package ui

import (
	"context"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/accounts/imapsync"
	"switchboard/ui/pane"
	"switchboard/workspace"
)

// recorder is a pane that notes which workspace each Load saw.
type recorder struct {
	mu    sync.Mutex
	loads []string
}

func (r *recorder) ID() string                 { return "recorder" }
func (r *recorder) Title() string              { return "Recorder" }
func (r *recorder) Icon() fyne.Resource        { return theme.InfoIcon() }
func (r *recorder) Content() fyne.CanvasObject { return widget.NewLabel("recorder") }
func (r *recorder) Load(_ context.Context, env pane.Env) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	name := ""
	if env.Workspace != nil {
		name = env.Workspace.Info().Name
	}
	r.loads = append(r.loads, name)
	return nil
}

func (r *recorder) last() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.loads) == 0 {
		return ""
	}
	return r.loads[len(r.loads)-1]
}

func newRoot(t *testing.T, names ...string) (*workspace.Root, []workspace.Info) {
	t.Helper()
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var infos []workspace.Info
	for i, n := range names {
		info, err := root.Create(context.Background(), n, workspace.CreateOptions{Color: workspace.Palette[i], TimeZone: "Europe/Stockholm"})
		if err != nil {
			t.Fatal(err)
		}
		infos = append(infos, info)
	}
	return root, infos
}

// startShell starts a shell on the test driver with the default panes plus a recorder,
// and waits until its first workspace is open. Only the pane on screen loads: without
// opts.Pane that is the recorder, so tests see every load.
func startShell(t *testing.T, root *workspace.Root, opts Options) (*Shell, *recorder) {
	t.Helper()
	a := test.NewTempApp(t)
	rec := &recorder{}
	if opts.Pane == "" {
		opts.Pane = "recorder"
	}
	if opts.ImportMail == nil {
		opts.ImportMail = imapsync.ImportRaw // as main.go wires it
	}
	s := newShell(a, root, opts, func(s *Shell) []pane.Pane { return append(s.defaultPanes(), rec) })
	s.work.inline = true
	s.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		s.close()
		s.win.Close()
	})
	s.start()
	s.work.wait()
	return s, rec
}

// find returns the first object under o that is a T and satisfies ok.
func find[T fyne.CanvasObject](t *testing.T, o fyne.CanvasObject, ok func(T) bool) T {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if v, is := obj.(T); is && (ok == nil || ok(v)) {
			return v
		}
	}
	var zero T
	t.Fatalf("no %T found", zero)
	return zero
}

func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	return find(t, o, func(b *widget.Button) bool { return b.Text == text })
}

// topOverlay is the dialog or popup on top of the window, or nil.
func topOverlay(s *Shell) fyne.CanvasObject { return s.win.Canvas().Overlays().Top() }
