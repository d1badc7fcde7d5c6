package imapsync_test

import (
	"testing"

	"github.com/emersion/go-imap/v2"

	"switchboard/accounts/imapsync"
)

func folders(names ...string) []*imap.ListData {
	var list []*imap.ListData
	for _, n := range names {
		list = append(list, &imap.ListData{Mailbox: n})
	}
	return list
}

// One rule, for sync and for sending: the server's \Sent mark, else the usual names in
// the brands' languages, also under INBOX. or [Gmail]/.
func TestSentFolderRule(t *testing.T) {
	marked := folders("INBOX", "Sent", "Utkast")
	marked = append(marked, &imap.ListData{Mailbox: "Skickade objekt", Attrs: []imap.MailboxAttr{imap.MailboxAttrSent}})
	for _, c := range []struct {
		list []*imap.ListData
		want string
	}{
		{marked, "Skickade objekt"}, // the server's word beats any name
		{folders("INBOX", "Skickat", "Papperskorg"), "Skickat"},
		{folders("INBOX", "Odeslané", "Koncepty"), "Odeslané"},
		{folders("INBOX", "ODESLANÁ POŠTA"), "ODESLANÁ POŠTA"},
		{folders("INBOX", "Отправленные"), "Отправленные"},
		{folders("INBOX", "Elementos enviados"), "Elementos enviados"},
		{folders("INBOX", "Itens enviados"), "Itens enviados"},
		{folders("INBOX", "Gesendet"), "Gesendet"},
		{folders("INBOX", "INBOX.Enviados"), "INBOX.Enviados"},
		{folders("INBOX", "[Gmail]/Sent Mail", "[Gmail]/All Mail"), "[Gmail]/Sent Mail"},
		{folders("INBOX", "Skickat", "Sent Items"), "Sent Items"}, // English first when both exist
		{folders("INBOX", "Archive", "Drafts"), ""},
		{folders("INBOX", "Sentimental"), ""},
	} {
		if got := imapsync.SentFolder(c.list); got != c.want {
			var names []string
			for _, l := range c.list {
				names = append(names, l.Mailbox)
			}
			t.Errorf("%q: %q, want %q", names, got, c.want)
		}
	}
}
