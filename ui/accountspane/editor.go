package accountspane

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/mail"
)

// field names the message labels of the form.
type field int

const (
	fEmail field = iota
	fPassword
	fIMAP
	fIMAPSecurity
	fSMTP
	fSMTPSecurity
	fFingerprint
	fieldCount
)

// editor adds or changes one account. UI goroutine only.
type editor struct {
	p    *Pane
	orig mail.Account // ID empty when adding

	title                           *widget.Label
	email, name, username, password *widget.Entry
	imapHost, smtpHost, fingerprint *widget.Entry
	imapSec, smtpSec                *widget.Select
	problems                        [fieldCount]*widget.Label
	failed                          *widget.Label // what the service said
	checks                          *checksView
	test, save, cancel              *widget.Button
	testFailed                      bool // the last "Test connection" of this form failed
	content                         fyne.CanvasObject
}

func newEditor(p *Pane) *editor {
	e := &editor{p: p}
	e.title = widget.NewLabel("")
	e.title.TextStyle.Bold = true
	e.email = widget.NewEntry()
	e.email.SetPlaceHolder("hello@brand.example")
	e.name = widget.NewEntry()
	e.name.SetPlaceHolder(lang.L("The brand's name, as customers see it"))
	e.username = widget.NewEntry()
	e.username.SetPlaceHolder(lang.L("Same as the address"))
	e.password = widget.NewPasswordEntry()
	e.imapHost = widget.NewEntry()
	e.imapHost.SetPlaceHolder("imap.example.com:993")
	e.smtpHost = widget.NewEntry()
	e.smtpHost.SetPlaceHolder("smtp.example.com:465")
	e.fingerprint = widget.NewEntry()
	e.fingerprint.SetPlaceHolder(lang.L("Only for a server with its own certificate"))
	labels := make([]string, len(securities))
	for i, s := range securities {
		labels[i] = securityLabel(s)
	}
	e.imapSec = widget.NewSelect(labels, func(string) { e.recheck(fIMAPSecurity) })
	e.smtpSec = widget.NewSelect(labels, func(string) { e.recheck(fSMTPSecurity) })
	for i := range e.problems {
		l := widget.NewLabel("")
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		l.Hide()
		e.problems[i] = l
	}
	e.failed = widget.NewLabel("")
	e.failed.Importance = widget.DangerImportance
	e.failed.Wrapping = fyne.TextWrapWord
	e.failed.Hide()
	e.checks = newChecksView(e.trust, p.relayout)

	e.test = widget.NewButtonWithIcon(lang.L("Test connection"), theme.MediaPlayIcon(), e.doTest)
	e.save = widget.NewButtonWithIcon(lang.L("Save account"), theme.DocumentSaveIcon(), e.doSave)
	e.save.Importance = widget.HighImportance
	e.cancel = widget.NewButton(lang.L("Cancel"), p.closeEditor)

	server := func(host *widget.Entry, sec *widget.Select, hostField, secField field) fyne.CanvasObject {
		return container.NewVBox(container.NewBorder(nil, nil, nil, sec, host), e.problems[hostField], e.problems[secField])
	}
	with := func(w fyne.CanvasObject, f field) fyne.CanvasObject { return container.NewVBox(w, e.problems[f]) }
	hint := func(s string) fyne.CanvasObject {
		l := widget.NewLabel(s)
		l.Importance = widget.LowImportance
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.L("Address")), with(e.email, fEmail),
		widget.NewLabel(lang.L("Display name")), e.name,
		widget.NewLabel(lang.L("IMAP server")), server(e.imapHost, e.imapSec, fIMAP, fIMAPSecurity),
		widget.NewLabel(lang.L("SMTP server")), server(e.smtpHost, e.smtpSec, fSMTP, fSMTPSecurity),
		widget.NewLabel(lang.L("User name")), e.username,
		widget.NewLabel(lang.L("Password")), container.NewVBox(e.password, e.problems[fPassword],
			hint(lang.L("Kept in the system keyring only. Some providers want an app password."))),
		widget.NewLabel(lang.L("Trusted certificate")), container.NewVBox(e.fingerprint, e.problems[fFingerprint],
			hint(lang.L("SHA-256 fingerprint of a self-signed certificate to trust; otherwise leave empty."))),
	)
	e.content = container.NewVBox(e.title, form, e.failed, e.checks.content,
		container.NewHBox(e.save, e.test, layout.NewSpacer(), e.cancel))
	return e
}

// open shows a in the form; a zero account adds one.
func (e *editor) open(a mail.Account) {
	e.orig = a
	e.testFailed = false
	if a.ID == "" {
		e.title.SetText(lang.L("Add a mail account"))
		e.password.SetPlaceHolder("")
		a.IMAP.Security, a.SMTP.Security = mail.TLS, mail.TLS
	} else {
		e.title.SetText(lang.L("Change {{.Email}}", map[string]any{"Email": a.Email}))
		e.password.SetPlaceHolder(lang.L("Unchanged"))
	}
	e.email.SetText(a.Email)
	e.name.SetText(a.DisplayName)
	e.username.SetText("")
	if a.Username != a.Email {
		e.username.SetText(a.Username)
	}
	e.password.SetText("")
	e.imapHost.SetText(hostPort(a.IMAP))
	e.smtpHost.SetText(hostPort(a.SMTP))
	e.imapSec.SetSelectedIndex(securityIndex(a.IMAP.Security))
	e.smtpSec.SetSelectedIndex(securityIndex(a.SMTP.Security))
	e.fingerprint.SetText(a.TrustedCertSHA256)
	for _, l := range e.problems {
		l.Hide()
	}
	e.failed.Hide()
	e.checks.clear()
	e.busy(false)
}

func hostPort(ep mail.Endpoint) string {
	if ep.Host == "" {
		return ""
	}
	return ep.Addr()
}

func securityIndex(s mail.Security) int {
	for i, v := range securities {
		if v == s {
			return i
		}
	}
	return 0
}

// read builds the account from the form and shows each field's problem; ok is false when
// there is one.
func (e *editor) read(needPassword bool) (a mail.Account, ok bool) {
	a = e.orig
	a.Email = strings.TrimSpace(e.email.Text)
	a.DisplayName = strings.TrimSpace(e.name.Text)
	a.Username = strings.TrimSpace(e.username.Text)
	if a.Username == "" {
		a.Username = a.Email
	}
	a.TrustedCertSHA256 = mail.NormalizeFingerprint(e.fingerprint.Text)
	var msg [fieldCount]string
	msg[fEmail] = checkEmail(a.Email)
	a.IMAP, msg[fIMAP] = parseServer(e.imapHost.Text, true, securities[max(e.imapSec.SelectedIndex(), 0)])
	a.SMTP, msg[fSMTP] = parseServer(e.smtpHost.Text, false, securities[max(e.smtpSec.SelectedIndex(), 0)])
	msg[fIMAPSecurity] = checkSecurity(a.IMAP)
	msg[fSMTPSecurity] = checkSecurity(a.SMTP)
	if needPassword && e.password.Text == "" && e.orig.ID == "" {
		msg[fPassword] = lang.L("Type the password (or app password).")
	}
	msg[fFingerprint] = checkFingerprint(e.fingerprint.Text)
	ok = true
	for i, m := range msg {
		showText(e.problems[i], m)
		ok = ok && m == ""
	}
	e.p.relayout()
	return a, ok
}

func (e *editor) show(f field, msg string) {
	showText(e.problems[f], msg)
	e.p.relayout()
}

// showText shows msg in l, or hides l when msg is empty.
func showText(l *widget.Label, msg string) {
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// recheck updates a security field's message as soon as the choice changes, so "None"
// for a remote server is refused next to the select, before Save.
func (e *editor) recheck(f field) {
	host, sec := e.imapHost, e.imapSec
	if f == fSMTPSecurity {
		host, sec = e.smtpHost, e.smtpSec
	}
	if sec.SelectedIndex() < 0 {
		return
	}
	ep, _ := parseServer(host.Text, f == fIMAPSecurity, securities[sec.SelectedIndex()])
	e.show(f, checkSecurity(ep))
}

func (e *editor) busy(on bool) {
	for _, b := range []*widget.Button{e.save, e.test} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

func (e *editor) doSave() {
	a, ok := e.read(true)
	if !ok {
		return
	}
	if e.testFailed {
		// Saved, a failing account looks set up while no mail arrives: say so first.
		dialog.ShowConfirm(lang.L("The connection test failed"),
			lang.L("Save this account anyway? No mail will arrive and no reply will leave until the server accepts the login; the Inbox will say so."),
			func(ok bool) {
				if ok {
					e.saveAccount(a)
				}
			}, e.p.env.Window)
		return
	}
	e.saveAccount(a)
}

func (e *editor) saveAccount(a mail.Account) {
	pw := e.password.Text
	e.failed.Hide()
	e.busy(true)
	e.p.save(a, pw, func(err error) {
		e.busy(false)
		if err != nil {
			showText(e.failed, fmt.Sprint(err))
			e.p.relayout()
			return
		}
		e.p.closeEditor()
	})
}

func (e *editor) doTest() {
	a, ok := e.read(true)
	if !ok {
		return
	}
	e.busy(true)
	e.checks.running()
	e.p.test(a, e.password.Text, func(c []mail.Check) {
		e.busy(false)
		e.checks.set(c)
		e.testFailed = false
		for _, ch := range c {
			e.testFailed = e.testFailed || !ch.OK
		}
	})
}

// trust puts the fingerprint in its field; Save keeps it.
func (e *editor) trust(fp string) {
	e.fingerprint.SetText(fp)
	e.show(fFingerprint, "")
	e.checks.note(lang.L("Trusted once you save the account. Test again to check the login."))
}
