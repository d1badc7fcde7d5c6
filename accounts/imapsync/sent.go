package imapsync

import (
	"strings"

	"github.com/emersion/go-imap/v2"
)

// sentNames are the names servers and mail programs give the Sent folder, in the order
// one is preferred when several exist and none is marked \Sent: English first, then the
// languages of the brands Switchboard serves.
var sentNames = []string{
	"Sent", "Sent Items", "Sent Messages", "Sent Mail",
	"Skickat", "Skickade objekt", "Skickade meddelanden", // Swedish
	"Sendt", "Sendte elementer", "Sendte", // Danish, Norwegian
	"Lähetetyt", "Lähetetyt kohteet", // Finnish
	"Odeslané", "Odeslaná pošta", // Czech
	"Enviados", "Elementos enviados", "Itens enviados", "Mensagens enviadas", // Spanish, Portuguese
	"Отправленные",                                        // Russian
	"Gesendet", "Gesendete Elemente", "Gesendete Objekte", // German
	"Envoyés", "Éléments envoyés", "Messages envoyés", // French
	"Inviata", "Posta inviata", "Elementi inviati", // Italian
	"Verzonden", "Verzonden items", // Dutch
	"Wysłane", "Elementy wysłane", // Polish
}

// folderPrefixes hold the Sent folder on some servers ("INBOX.Sent" on Courier-style
// hierarchies, "[Gmail]/Sent Mail").
var folderPrefixes = []string{"INBOX.", "INBOX/", "[Gmail]/", "[Google Mail]/"}

// SentFolder is the one rule that says which folder holds the account's sent mail, for
// sync (which files what it finds there as the brand's own) and for sending (which files
// a copy there): the folder the server marks \Sent (RFC 6154), else the first of the
// usual names, in English or localised, at the top or under a known prefix; "" when
// there is none.
func SentFolder(list []*imap.ListData) string {
	for _, l := range list {
		for _, a := range l.Attrs {
			if a == imap.MailboxAttrSent {
				return l.Mailbox
			}
		}
	}
	for _, n := range sentNames {
		for _, l := range list {
			if strings.EqualFold(leaf(l.Mailbox), n) {
				return l.Mailbox
			}
		}
	}
	return ""
}

func leaf(name string) string {
	for _, p := range folderPrefixes {
		if len(name) > len(p) && strings.EqualFold(name[:len(p)], p) {
			return name[len(p):]
		}
	}
	return name
}
