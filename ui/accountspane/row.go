package accountspane

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/mail"
)

// accountRow shows one account; it is updated in place on every reload, so a test result
// under it survives the reloads a running sync causes. UI goroutine only.
type accountRow struct {
	acct     mail.AccountState
	title    *widget.Label
	servers  *widget.Label
	status   *widget.Label
	progress *widget.ProgressBar
	checks   *checksView
	test     *widget.Button
	content  fyne.CanvasObject
}

func newAccountRow(p *Pane) *accountRow {
	r := &accountRow{}
	r.title = widget.NewLabel("")
	r.title.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.servers = wrapped("")
	r.status = wrapped("")
	r.progress = widget.NewProgressBar()
	r.progress.Hide()
	r.checks = newChecksView(func(fp string) { p.trust(r, fp) }, p.relayout)
	edit := widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), func() { p.openEditor(r.acct.Account) })
	r.test = widget.NewButtonWithIcon(lang.L("Test connection"), theme.MediaPlayIcon(), func() { p.testRow(r) })
	remove := widget.NewButtonWithIcon(lang.L("Remove…"), theme.DeleteIcon(), func() { p.confirmRemove(r.acct.Account) })
	r.content = container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(edit, r.test, remove), r.title),
		r.servers, r.status, r.progress, r.checks.content, widget.NewSeparator())
	return r
}

func (r *accountRow) set(a mail.AccountState) {
	r.acct = a
	title := a.Email
	if a.DisplayName != "" {
		title = a.DisplayName + " <" + a.Email + ">"
	}
	r.title.SetText(title)
	servers := lang.L("Incoming {{.IMAP}} · outgoing {{.SMTP}}", map[string]any{"IMAP": server(a.IMAP), "SMTP": server(a.SMTP)})
	if a.Username != a.Email {
		servers += " · " + lang.L("user {{.User}}", map[string]any{"User": a.Username})
	}
	r.servers.SetText(servers)
	r.status.Importance = widget.MediumImportance
	switch {
	case a.Offline():
		r.status.SetText(lang.L("Local: no server is contacted; replies are kept in this workspace"))
	case a.Syncing && a.Total > 0:
		r.status.SetText(lang.L("Fetching new mail: {{.Done}} of {{.Total}}", map[string]any{"Done": a.Done, "Total": a.Total}))
		r.progress.Max, r.progress.Value = float64(a.Total), float64(a.Done)
		r.progress.Show()
		r.progress.Refresh()
	case a.Error != "":
		r.status.Importance = widget.DangerImportance
		r.status.SetText(lang.L("Sync failed: {{.Error}}", map[string]any{"Error": a.Error}))
	case a.LastSync.IsZero():
		r.status.SetText(lang.L("Not synced yet"))
	default:
		r.status.SetText(lang.L("Last synced {{.When}}", map[string]any{"When": when(a.LastSync, time.Now())}))
	}
	if !a.Syncing || a.Total == 0 {
		r.progress.Hide()
	}
	r.status.Refresh()
}

// server is "host:port (TLS)".
func server(ep mail.Endpoint) string {
	sec := securityLabel(ep.Security)
	if ep.Security == mail.Plain {
		sec = lang.L("unencrypted")
	}
	return ep.Addr() + " (" + sec + ")"
}

// when says how long ago t was, in the words a status line needs.
func when(t, now time.Time) string {
	switch d := now.Sub(t); {
	case d < time.Minute:
		return lang.L("just now")
	case d < time.Hour:
		return lang.L("{{.N}} min ago", map[string]any{"N": int(d.Minutes())})
	case t.Local().YearDay() == now.Local().YearDay() && t.Year() == now.Year():
		return lang.L("at {{.Time}}", map[string]any{"Time": t.Local().Format("15:04")})
	}
	return lang.L("on {{.Date}}", map[string]any{"Date": t.Local().Format("2 Jan 15:04")})
}
