package clientpkg

import (
	"fmt"
	"io"
)

// writeReadme is the recipient's guide to the package.
func writeReadme(w io.Writer, m Manifest) error {
	_, err := fmt.Fprintf(w, `# Client package: %s

Made by Switchboard on %s (UTC) from the workspace %q (time zone %s).

## What is inside

- workspace.db: the whole workspace (conversations, messages, notes, labels, contacts,
  FAQ, journal, settings, mail accounts without passwords), a consistent snapshot.
- messages/: every stored message as a .eml file (the raw mail as received), one folder
  per conversation: %d conversations, %d messages.
- attachments/: the %d attachments as files of their own, named after their message.
- faq.csv: the %d FAQ entries (UTF-8 CSV, opens in a spreadsheet).
- voice.md: the brand's voice rules.
- playbooks/ and schedule.ics, when the workspace has them.
- manifest.json: every file with its size and SHA-256 checksum.

## No passwords

No password, token or other credential is in this package: Switchboard keeps them only
in the operating system's keyring. After importing, open Settings, Accounts and enter the
password of each of the %d mail accounts.

## Opening it

    switchboard import THIS-FILE.zip [--name "New name"]

The import checks every file against manifest.json and refuses a package that is
truncated or altered, without creating anything. To check by hand:
sha256sum each file and compare with manifest.json.

Replies that were scheduled but not yet sent are held after an import (the original
workspace may still send them): find them in the outbox and retry the ones that should
go out from the new machine.
`, m.Source.Name, m.CreatedAt.Format("2006-01-02 15:04"), m.Source.Name, m.Source.TimeZone,
		m.Counts.Conversations, m.Counts.Messages, m.Counts.Attachments, m.Counts.FAQ, m.Counts.Accounts)
	return err
}
