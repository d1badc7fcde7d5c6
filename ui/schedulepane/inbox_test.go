package schedulepane

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/inboxpane/inboxtest"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/mail"
)

func TestAReplyInTheAgendaOpensItsConversationInTheInbox(t *testing.T) {
	p, s := setup(t)
	ctx := context.Background()
	w := s.Workspace()
	imap, _ := mail.ParseEndpoint("imap.example.com:993", mail.TLS)
	smtp, _ := mail.ParseEndpoint("smtp.example.com:465", mail.TLS)
	if _, err := mail.Open(w).AddAccount(ctx, mail.Account{Email: inboxtest.Brand, IMAP: imap, SMTP: smtp}); err != nil {
		t.Fatal(err)
	}
	now := p.now()
	m := inboxtest.Message("q1@x", "", mail.Address{Name: "Ola", Email: "ola@x.example"}, mail.Address{Email: inboxtest.Brand}, "Grinder", "Hello", now.Add(-time.Hour))
	if _, err := mail.Open(w).ImportLocal(ctx, "INBOX", []mail.Incoming{m}); err != nil {
		t.Fatal(err)
	}
	page, err := inbox.NewStore(w, inboxcore.Options{}).List(ctx, inbox.Query{View: inbox.ViewAll, Limit: 1})
	if err != nil || len(page.Rows) != 1 {
		t.Fatal(page, err)
	}
	if _, err := s.ScheduleReply(ctx, page.Rows[0].ID, "It ships tomorrow", now.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	var opened string
	p.openConversation = func(gid string) { opened = gid }
	if err := p.Load(ctx, p.env); err != nil {
		t.Fatal(err)
	}
	var btn *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == "Open in Inbox" {
				btn = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(p.dayView.content)
	if btn == nil {
		t.Fatalf("the scheduled reply's row has no Open in Inbox:\n%s", texts(p.dayView.content))
	}
	test.Tap(btn)
	if opened != page.Rows[0].GID {
		t.Fatalf("opened %q, want the conversation %q", opened, page.Rows[0].GID)
	}
}
