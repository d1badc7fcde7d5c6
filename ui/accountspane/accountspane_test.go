package accountspane

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"switchboard/assets"
	"switchboard/ui/pane"
	"switchboard/workspace"
	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
)

// fakeService keeps accounts in memory and answers tests with canned checks.
type fakeService struct {
	mu        sync.Mutex
	accounts  []mail.AccountState
	saved     []mail.Account
	passwords []string
	tested    []string // passwords tests were run with
	checks    []mail.Check
	removed   []string
	saveErr   error
}

func (f *fakeService) List(context.Context, *workspace.Workspace) ([]mail.AccountState, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]mail.AccountState(nil), f.accounts...), nil
}

func (f *fakeService) Save(_ context.Context, _ *workspace.Workspace, a mail.Account, pw string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.saveErr != nil {
		return f.saveErr
	}
	f.saved, f.passwords = append(f.saved, a), append(f.passwords, pw)
	if a.ID == "" {
		a.ID = "new"
		f.accounts = append(f.accounts, mail.AccountState{Account: a})
	}
	for i := range f.accounts {
		if f.accounts[i].ID == a.ID {
			f.accounts[i].Account = a
		}
	}
	return nil
}

func (f *fakeService) Test(_ context.Context, _ *workspace.Workspace, _ mail.Account, pw string) []mail.Check {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tested = append(f.tested, pw)
	return f.checks
}

func (f *fakeService) Remove(_ context.Context, _ *workspace.Workspace, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.removed = append(f.removed, id)
	return nil
}

const fingerprint = "3f9a0c6b2d41e8f7a5b3c9d1e0f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8"

var existing = mail.Account{ID: "a1", Email: "hello@nordlys.example", DisplayName: "Nordlys Coffee",
	Username: "hello@nordlys.example",
	IMAP:     mail.Endpoint{Host: "imap.nordlys.example", Port: 993, Security: mail.TLS},
	SMTP:     mail.Endpoint{Host: "smtp.nordlys.example", Port: 587, Security: mail.StartTLS}}

type fixture struct {
	p   *Pane
	svc *fakeService
	win fyne.Window
	env pane.Env
}

func newFixture(t *testing.T, accounts ...mail.AccountState) *fixture {
	t.Helper()
	test.NewTempApp(t)
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		t.Fatal(err)
	}
	f := &fixture{svc: &fakeService{accounts: accounts}}
	f.p = New(f.svc)
	f.p.spawn = func(fn func()) { fn() }
	f.win = test.NewTempWindow(t, f.p.Content())
	f.win.Resize(fyne.NewSize(900, 900))
	f.env = f.envFor(t, openWorkspace(t, "Nordlys Coffee"))
	f.load(t, f.env)
	return f
}

func (f *fixture) envFor(t *testing.T, w *workspace.Workspace) pane.Env {
	return pane.Env{Workspace: w, Window: f.win, Go: func(task func(context.Context)) { task(context.Background()) }}
}

func (f *fixture) load(t *testing.T, env pane.Env) {
	t.Helper()
	if err := f.p.Load(context.Background(), env); err != nil {
		t.Fatal(err)
	}
}

func openWorkspace(t *testing.T, name string) *workspace.Workspace {
	return workspacetest.Open(t, workspacetest.Root(t), name)
}

func (f *fixture) editing() bool { return f.p.content.Objects[0] == f.p.editor.content }

// texts gathers every label's text under o.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Button:
			b.WriteString("[" + w.Text + "]\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func TestListShowsServersStatusAndProgress(t *testing.T) {
	f := newFixture(t,
		mail.AccountState{Account: existing, Syncing: true, Done: 120, Total: 500},
		mail.AccountState{Account: mail.Account{ID: "a2", Email: "press@nordlys.example", Username: "press",
			IMAP: existing.IMAP, SMTP: existing.SMTP}, Error: "imap.nordlys.example:993 authentication failed: bad password"})
	r := f.p.rows["a1"]
	if got := r.title.Text; got != "Nordlys Coffee <hello@nordlys.example>" {
		t.Errorf("title %q", got)
	}
	if got := r.servers.Text; !strings.Contains(got, "imap.nordlys.example:993 (TLS)") || !strings.Contains(got, "smtp.nordlys.example:587 (STARTTLS)") {
		t.Errorf("servers %q", got)
	}
	if !r.progress.Visible() || r.progress.Value != 120 || r.progress.Max != 500 {
		t.Errorf("progress bar visible=%v %v/%v", r.progress.Visible(), r.progress.Value, r.progress.Max)
	}
	if got := r.status.Text; got != "Fetching new mail: 120 of 500" {
		t.Errorf("status %q", got)
	}
	failed := f.p.rows["a2"]
	if failed.status.Importance != widget.DangerImportance || !strings.Contains(failed.status.Text, "authentication failed") {
		t.Errorf("error status %q (importance %v)", failed.status.Text, failed.status.Importance)
	}
	if failed.progress.Visible() || f.p.empty.Visible() {
		t.Error("a progress bar or the empty note shows where it should not")
	}

	// A reload (as a running sync causes) updates the rows in place.
	f.svc.accounts[0] = mail.AccountState{Account: existing, LastSync: time.Now().Add(-3 * time.Minute)}
	f.load(t, f.env)
	if f.p.rows["a1"] != r || r.progress.Visible() || r.status.Text != "Last synced 3 min ago" {
		t.Errorf("after the pass: same row %v, progress %v, status %q", f.p.rows["a1"] == r, r.progress.Visible(), r.status.Text)
	}
}

func TestAddRefusesBadFieldsNextToThem(t *testing.T) {
	f := newFixture(t)
	if !f.p.empty.Visible() {
		t.Error("no note for a workspace without accounts")
	}
	test.Tap(f.p.add)
	if !f.editing() {
		t.Fatal("Add an account did not open the form")
	}
	e := f.p.editor
	test.Type(e.email, "hello at nordlys")
	test.Type(e.imapHost, "imap.nordlys.example:99999")
	test.Type(e.smtpHost, "smtp.nordlys.example")
	e.smtpSec.SetSelectedIndex(securityIndex(mail.Plain))
	if msg := e.problems[fSMTPSecurity]; !msg.Visible() || !strings.Contains(msg.Text, "only allowed to this computer") {
		t.Errorf("choosing no encryption for a remote server says %q", msg.Text)
	}
	test.Type(e.fingerprint, "ab:cd")
	test.Tap(e.save)

	want := map[field]string{
		fEmail:        "not an email address",
		fIMAP:         "port is a number from 1 to 65535",
		fSMTPSecurity: "only allowed to this computer",
		fPassword:     "Type the password",
		fFingerprint:  "64 hexadecimal digits",
	}
	for fld, w := range want {
		if l := e.problems[fld]; !l.Visible() || !strings.Contains(l.Text, w) {
			t.Errorf("field %d says %q (visible %v), want %q", fld, l.Text, l.Visible(), w)
		}
	}
	for _, fld := range []field{fIMAPSecurity, fSMTP} {
		if e.problems[fld].Visible() {
			t.Errorf("field %d wrongly says %q", fld, e.problems[fld].Text)
		}
	}
	if len(f.svc.saved) != 0 {
		t.Fatal("an invalid account was saved")
	}
	// Loopback may go without encryption (a local bridge such as Proton's).
	e.smtpHost.SetText("127.0.0.1:1025")
	e.smtpSec.SetSelectedIndex(securityIndex(mail.Plain))
	if e.problems[fSMTPSecurity].Visible() {
		t.Errorf("loopback without encryption refused: %q", e.problems[fSMTPSecurity].Text)
	}
}

func TestAddSavesWithPasswordAndClosesTheForm(t *testing.T) {
	f := newFixture(t)
	test.Tap(f.p.add)
	e := f.p.editor
	test.Type(e.email, "hello@nordlys.example")
	test.Type(e.name, "Nordlys Coffee")
	test.Type(e.imapHost, "imap.nordlys.example")
	test.Type(e.smtpHost, "smtp.nordlys.example")
	e.smtpSec.SetSelectedIndex(securityIndex(mail.StartTLS))
	test.Type(e.password, "kaffe-2025")
	test.Tap(e.save)

	if len(f.svc.saved) != 1 {
		t.Fatalf("saved %d accounts", len(f.svc.saved))
	}
	a := f.svc.saved[0]
	if a.ID != "" || a.Email != "hello@nordlys.example" || a.Username != a.Email ||
		a.IMAP != (mail.Endpoint{Host: "imap.nordlys.example", Port: 993, Security: mail.TLS}) ||
		a.SMTP != (mail.Endpoint{Host: "smtp.nordlys.example", Port: 587, Security: mail.StartTLS}) {
		t.Errorf("saved %+v", a)
	}
	if f.svc.passwords[0] != "kaffe-2025" {
		t.Error("the password did not reach the service")
	}
	if f.editing() || e.password.Text != "" {
		t.Errorf("after saving: form open %v, password left in the widget %v", f.editing(), e.password.Text != "")
	}
	if _, ok := f.p.rows["new"]; !ok {
		t.Error("the new account is not listed")
	}
}

func TestEditKeepsPasswordWhenLeftEmptyAndShowsServiceErrors(t *testing.T) {
	f := newFixture(t, mail.AccountState{Account: existing})
	test.Tap(buttonIn(t, f.p.rows["a1"].content, "Edit"))
	e := f.p.editor
	if e.email.Text != existing.Email || e.smtpHost.Text != "smtp.nordlys.example:587" || e.smtpSec.SelectedIndex() != securityIndex(mail.StartTLS) || e.username.Text != "" {
		t.Fatalf("form shows %q %q %d %q", e.email.Text, e.smtpHost.Text, e.smtpSec.SelectedIndex(), e.username.Text)
	}
	f.svc.saveErr = errors.New("storing the password in the keyring failed: the keyring is locked")
	test.Tap(e.save)
	if !e.failed.Visible() || !strings.Contains(e.failed.Text, "keyring is locked") || !f.editing() {
		t.Fatalf("a failed save shows %q; form open %v", e.failed.Text, f.editing())
	}
	f.svc.saveErr = nil
	e.name.SetText("Nordlys Kaffe")
	test.Tap(e.save)
	if len(f.svc.saved) != 1 || f.svc.saved[0].ID != "a1" || f.svc.saved[0].DisplayName != "Nordlys Kaffe" || f.svc.passwords[0] != "" {
		t.Fatalf("saved %+v with password %q", f.svc.saved, f.svc.passwords)
	}
}

func TestTestConnectionNamesTheStageAndTrustsTheCertificate(t *testing.T) {
	f := newFixture(t, mail.AccountState{Account: existing})
	f.svc.checks = []mail.Check{
		{Protocol: "IMAP", Server: "imap.nordlys.example:993", Stage: "TLS certificate", Fingerprint: fingerprint,
			Message: "imap.nordlys.example:993 TLS certificate failed: certificate signed by unknown authority"},
		{Protocol: "SMTP", Server: "smtp.nordlys.example:587", Stage: "authentication",
			Message: "smtp.nordlys.example:587 authentication failed: 535 5.7.8 bad credentials"},
	}
	r := f.p.rows["a1"]
	test.Tap(r.test)
	shown := texts(r.checks.content)
	for _, want := range []string{"IMAP imap.nordlys.example:993: failed at TLS certificate", "unknown authority",
		"3F:9A:0C:6B", "SMTP smtp.nordlys.example:587: failed at authentication", "bad credentials", "[Trust this certificate]"} {
		if !strings.Contains(shown, want) {
			t.Errorf("test result lacks %q:\n%s", want, shown)
		}
	}
	if f.svc.tested[0] != "" {
		t.Error("a row's test should use the stored password")
	}
	f.load(t, f.env) // a sync reload keeps the result on screen
	if !strings.Contains(texts(r.checks.content), "bad credentials") {
		t.Error("a reload dropped the test result")
	}

	f.svc.checks = []mail.Check{{Protocol: "IMAP", Server: "imap.nordlys.example:993", OK: true}}
	test.Tap(buttonIn(t, r.checks.content, "Trust this certificate"))
	if len(f.svc.saved) != 1 || f.svc.saved[0].TrustedCertSHA256 != fingerprint || f.svc.passwords[0] != "" {
		t.Fatalf("trusting saved %+v", f.svc.saved)
	}
	if shown := texts(r.checks.content); !strings.Contains(shown, "connected and logged in") {
		t.Errorf("after trusting, the new test shows:\n%s", shown)
	}
}

func TestFormTestUsesTypedValuesAndTrustFillsTheField(t *testing.T) {
	f := newFixture(t)
	f.svc.checks = []mail.Check{{Protocol: "IMAP", Server: "mail.local:993", Stage: "TLS certificate", Fingerprint: fingerprint, Message: "not trusted"}}
	test.Tap(f.p.add)
	e := f.p.editor
	test.Type(e.email, "hello@nordlys.example")
	test.Type(e.imapHost, "mail.local")
	test.Type(e.smtpHost, "mail.local")
	test.Type(e.password, "kaffe-2025")
	test.Tap(e.test)
	if len(f.svc.tested) != 1 || f.svc.tested[0] != "kaffe-2025" {
		t.Fatalf("tests run: %q", f.svc.tested)
	}
	test.Tap(buttonIn(t, e.checks.content, "Trust this certificate"))
	if e.fingerprint.Text != fingerprint || len(f.svc.saved) != 0 {
		t.Errorf("trust in the form: field %q, saved %d", e.fingerprint.Text, len(f.svc.saved))
	}
}

func TestSwitchingWorkspaceClosesTheForm(t *testing.T) {
	f := newFixture(t, mail.AccountState{Account: existing})
	test.Tap(f.p.add)
	test.Type(f.p.editor.password, "secret")
	other := f.envFor(t, openWorkspace(t, "Fjäll Outdoor"))
	f.svc.accounts = nil
	f.load(t, other)
	if f.editing() || f.p.editor.password.Text != "" || len(f.p.rows) != 0 || !f.p.empty.Visible() {
		t.Errorf("after switching: form open %v, password kept %v, rows %d", f.editing(), f.p.editor.password.Text != "", len(f.p.rows))
	}
}

func TestRemoveAsksAndSaysMailStays(t *testing.T) {
	f := newFixture(t, mail.AccountState{Account: existing})
	test.Tap(buttonIn(t, f.p.rows["a1"].content, "Remove…"))
	overlay := f.win.Canvas().Overlays().Top()
	if overlay == nil {
		t.Fatal("Remove did not ask")
	}
	if shown := texts(overlay); !strings.Contains(shown, "stays in this workspace") {
		t.Errorf("the question does not say the mail stays:\n%s", shown)
	}
	f.svc.accounts = nil
	test.Tap(buttonIn(t, overlay, "Yes"))
	if len(f.svc.removed) != 1 || f.svc.removed[0] != "a1" || len(f.p.rows) != 0 {
		t.Errorf("removed %v; rows left %d", f.svc.removed, len(f.p.rows))
	}
}

// buttonIn finds the visible button with this text under o.
func buttonIn(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text && w.Visible() {
				found = w
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no %q button", text)
	}
	return found
}

func TestSavingAfterAFailedTestAsksFirst(t *testing.T) {
	f := newFixture(t)
	f.svc.checks = []mail.Check{{Protocol: "IMAP", Server: "imap.nordlys.example:993", Stage: "TCP connection", Message: "connection refused"}}
	test.Tap(f.p.add)
	e := f.p.editor
	test.Type(e.email, "hello@nordlys.example")
	test.Type(e.imapHost, "imap.nordlys.example")
	test.Type(e.smtpHost, "smtp.nordlys.example")
	test.Type(e.password, "kaffe-2025")
	test.Tap(e.test)
	test.Tap(e.save)
	if len(f.svc.saved) != 0 {
		t.Fatal("an account whose test failed was saved without asking")
	}
	top := f.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "test failed") {
		t.Fatal("no question before saving an account whose test failed")
	}
	test.Tap(buttonIn(t, top, "Yes"))
	if len(f.svc.saved) != 1 {
		t.Fatalf("after Yes %d accounts saved, want 1", len(f.svc.saved))
	}
}
