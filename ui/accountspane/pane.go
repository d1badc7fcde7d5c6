// Package accountspane is the "Mail accounts" section of Settings: the open workspace's
// accounts with the state of their sync, adding and changing one (its password goes to
// the keyring, never anywhere else), "Test connection" saying which step failed, and
// removing one (its mail stays).
//
// The pane talks to the accounts layer only through mail.AccountService (accounts/accountsvc
// implements it; main.go passes it in). Reads
// and saves run on the shell's worker (Env.Go); a connection test, which may take as long
// as a server's timeout, runs on its own goroutine so it never holds up the shell.
package accountspane

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/pane"
	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// Pane is the Settings slot for mail accounts.
type Pane struct {
	svc   mail.AccountService
	spawn func(func()) // starts a connection test; tests run it inline

	// UI goroutine only.
	env     pane.Env
	ws      *workspace.Workspace
	rows    map[string]*accountRow
	list    *fyne.Container
	empty   *widget.Label
	add     *widget.Button
	browse  fyne.CanvasObject // the list with its Add button
	editor  *editor
	content *fyne.Container
	shape   []string // what decides the rows' heights, to lay out again only when it changes
}

var _ pane.Pane = (*Pane)(nil)

// New builds the pane; nothing is read until Load.
func New(svc mail.AccountService) *Pane {
	p := &Pane{svc: svc, spawn: func(f func()) { go f() }, rows: map[string]*accountRow{}}
	p.list = container.NewVBox()
	p.empty = wrapped(lang.L("No mail account yet. Add the address this client's customers write to: its mail is synced here and replies go out from it."))
	p.add = widget.NewButtonWithIcon(lang.L("Add an account"), theme.ContentAddIcon(), func() { p.openEditor(mail.Account{}) })
	p.browse = container.NewVBox(p.empty, p.list, container.NewHBox(p.add))
	p.editor = newEditor(p)
	p.content = container.NewStack(p.browse)
	return p
}

func (p *Pane) ID() string                 { return "mail-accounts" }
func (p *Pane) Title() string              { return lang.L("Mail accounts") }
func (p *Pane) Icon() fyne.Resource        { return theme.MailComposeIcon() }
func (p *Pane) Content() fyne.CanvasObject { return p.content }

// Load lists the workspace's accounts and applies them in one fyne.Do.
func (p *Pane) Load(ctx context.Context, env pane.Env) error {
	var list []mail.AccountState
	if env.Workspace != nil {
		var err error
		if list, err = p.svc.List(ctx, env.Workspace); err != nil {
			return err
		}
	}
	fyne.Do(func() { p.apply(env, list) })
	return nil
}

// apply shows list; another workspace's form and rows are dropped first, so nothing typed
// for one client can be saved into another. UI goroutine.
func (p *Pane) apply(env pane.Env, list []mail.AccountState) {
	if env.Workspace != p.ws {
		p.closeEditor()
		p.rows = map[string]*accountRow{}
	}
	p.env, p.ws = env, env.Workspace
	keep := map[string]*accountRow{}
	objs := make([]fyne.CanvasObject, len(list))
	for i, a := range list {
		r := p.rows[a.ID]
		if r == nil {
			r = newAccountRow(p)
		}
		r.set(a)
		keep[a.ID] = r
		objs[i] = r.content
	}
	p.rows = keep
	p.list.Objects = objs
	p.list.Refresh()
	if len(list) == 0 {
		p.empty.Show()
	} else {
		p.empty.Hide()
	}
	shape := make([]string, len(list))
	for i, a := range list {
		shape[i] = fmt.Sprint(a.ID, p.rows[a.ID].progress.Visible(), a.Error)
	}
	if !slices.Equal(shape, p.shape) {
		p.shape = shape
		p.relayout()
	}
	if p.ws == nil {
		p.add.Disable()
	} else {
		p.add.Enable()
	}
}

func (p *Pane) openEditor(a mail.Account) {
	if p.ws == nil {
		return
	}
	p.editor.open(a)
	p.content.Objects = []fyne.CanvasObject{p.editor.content}
	p.relayout()
}

func (p *Pane) closeEditor() {
	p.editor.password.SetText("") // the password lives in the keyring, not in a hidden widget
	p.content.Objects = []fyne.CanvasObject{p.browse}
	p.relayout()
}

// relayout makes room for what was shown, hidden or added. Containers do not lay out
// again when a child's visibility changes, and this pane's height decides the height of
// Settings' scrolled column, so the window's content is laid out again. UI goroutine.
func (p *Pane) relayout() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(p.content); c != nil && c.Content() != nil {
		c.Content().Refresh()
	} else {
		p.content.Refresh()
	}
}

// save stores a (and a new password) on the shell's worker, reloads the list and calls
// done on the UI goroutine.
func (p *Pane) save(a mail.Account, password string, done func(error)) {
	env, w := p.env, p.ws
	env.Go(func(ctx context.Context) {
		err := p.svc.Save(ctx, w, a, password)
		list, lerr := p.svc.List(ctx, w)
		fyne.Do(func() {
			if p.ws != w {
				return // another workspace is shown: its form was closed
			}
			if lerr == nil {
				p.apply(env, list)
			}
			done(err)
		})
	})
}

// test runs the connection test on its own goroutine, ended with the workspace, and
// calls done on the UI goroutine if the workspace is still the one shown.
func (p *Pane) test(a mail.Account, password string, done func([]mail.Check)) {
	w := p.ws
	p.env.Go(func(ctx context.Context) {
		p.spawn(func() {
			checks := p.svc.Test(ctx, w, a, password)
			if ctx.Err() != nil {
				return
			}
			fyne.Do(func() {
				if p.ws == w {
					done(checks)
				}
			})
		})
	})
}

func (p *Pane) testRow(r *accountRow) {
	r.test.Disable()
	r.checks.running()
	p.test(r.acct.Account, "", func(c []mail.Check) {
		r.test.Enable()
		r.checks.set(c)
	})
}

// trust saves the certificate's fingerprint for the row's account and tests again.
func (p *Pane) trust(r *accountRow, fingerprint string) {
	a := r.acct.Account
	a.TrustedCertSHA256 = fingerprint
	r.checks.running()
	p.save(a, "", func(err error) {
		if err != nil {
			r.checks.clear()
			p.showError(err)
			return
		}
		p.testRow(r)
	})
}

func (p *Pane) confirmRemove(a mail.Account) {
	env, w := p.env, p.ws
	dialog.ShowConfirm(lang.L("Remove {{.Email}}?", map[string]any{"Email": a.Email}),
		lang.L("Switchboard stops syncing and sending with this account and deletes its password from the keyring. The mail already here stays in this workspace."),
		func(ok bool) {
			if !ok {
				return
			}
			env.Go(func(ctx context.Context) {
				err := p.svc.Remove(ctx, w, a.ID)
				list, lerr := p.svc.List(ctx, w)
				fyne.Do(func() {
					if lerr == nil && p.ws == w {
						p.apply(env, list)
					}
					if err != nil {
						p.showError(err)
					}
				})
			})
		}, env.Window)
}

func (p *Pane) showError(err error) {
	if p.env.Window != nil {
		dialog.ShowError(err, p.env.Window)
	} else {
		fyne.LogError("mail accounts", err)
	}
}
