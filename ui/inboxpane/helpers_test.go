package inboxpane

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"switchboard/assets"
	"switchboard/ui/inboxpane/inboxtest"
	"switchboard/ui/pane"
	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/contacts"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
)

// now is the tests' clock: every wait is measured from it.
var now = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// harness is the pane in a test window. Background tasks wait in a queue until drain runs
// them: Fyne's test driver runs fyne.Do on the calling goroutine, so running them at once
// would re-enter the list while it is filling its rows.
type harness struct {
	t     *testing.T
	p     *Pane
	win   fyne.Window
	root  *workspace.Root
	queue []func(context.Context)
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	test.NewTempApp(t)
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		t.Fatal(err)
	}
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, root: root, p: New(WithClock(func() time.Time { return now }))}
	h.win = test.NewTempWindow(t, h.p.Content())
	h.win.Resize(fyne.NewSize(1280, 800))
	return h
}

// workspace creates a workspace with n generated conversations and opens it.
func (h *harness) workspace(name string, n int) *workspace.Workspace {
	h.t.Helper()
	ctx := context.Background()
	if _, err := h.root.Create(ctx, name, workspace.CreateOptions{Color: "#0F6E5C"}); err != nil {
		h.t.Fatal(err)
	}
	w, err := h.root.Open(ctx, name)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { w.Close() })
	if _, err := inboxtest.Seed(ctx, w, n, inboxtest.Options{Now: now, Span: 48 * time.Hour}); err != nil {
		h.t.Fatal(err)
	}
	return w
}

// load shows w in the pane, as the shell does on a switch, and runs what it queued.
func (h *harness) load(w *workspace.Workspace) {
	h.t.Helper()
	if err := h.p.Load(context.Background(), h.env(w)); err != nil {
		h.t.Fatal(err)
	}
	h.drain()
}

// env is what the shell hands the pane for w; tasks wait in the queue.
func (h *harness) env(w *workspace.Workspace) pane.Env {
	return pane.Env{Root: h.root, Workspace: w, Window: h.win, Agent: "Sofia",
		Go: func(task func(context.Context)) { h.queue = append(h.queue, task) }}
}

// drain runs queued tasks, and those they queue, until none is left.
func (h *harness) drain() {
	for len(h.queue) > 0 {
		task := h.queue[0]
		h.queue = h.queue[1:]
		task(context.Background())
	}
}

// store is the Inbox of w as the pane opens it.
func (h *harness) store(w *workspace.Workspace) *inbox.Store { return inbox.NewStore(w, h.options()) }

// outbox and contacts are w's other Inbox stores, signed like store.
func (h *harness) outbox(w *workspace.Workspace) *outbox.Store { return outbox.New(w, h.options()) }

func (h *harness) contacts(w *workspace.Workspace) *contacts.Store {
	return contacts.New(w, h.options())
}

func (h *harness) options() inboxcore.Options {
	return inboxcore.Options{Agent: "Sofia", Now: func() time.Time { return now }}
}

// visible returns the rows the list has loaded, in order, up to n.
func (h *harness) visible(n int) []inbox.Row {
	var out []inbox.Row
	for i := 0; i < n && i < h.p.rows.len(); i++ {
		if r, ok := h.p.rows.at(i); ok {
			out = append(out, r)
		}
	}
	return out
}

// importMail adds one customer message to w.
func importMail(t *testing.T, w *workspace.Workspace, id, name, email, subject, body string) {
	t.Helper()
	m := inboxtest.Message(id, "", mail.Address{Name: name, Email: email}, mail.Address{Email: inboxtest.Brand}, subject, body, now.Add(-time.Minute))
	if _, err := mail.Open(w).ImportLocal(context.Background(), "INBOX", []mail.Incoming{m}); err != nil {
		t.Fatal(err)
	}
}
