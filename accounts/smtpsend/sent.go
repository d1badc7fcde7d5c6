package smtpsend

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"switchboard/accounts/imapsync"
	"switchboard/accounts/mailconn"
	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// FileSent appends raw to the account's Sent folder, marked \Seen.
func (m *Mailer) FileSent(ctx context.Context, accountID string, raw []byte) error {
	return m.withSent(ctx, accountID, true, func(c *imapclient.Client, folder string) error {
		cmd := c.Append(folder, int64(len(raw)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}, Time: time.Now()})
		if _, err := cmd.Write(raw); err != nil {
			cmd.Close()
			return err
		}
		if err := cmd.Close(); err != nil {
			return err
		}
		_, err := cmd.Wait()
		return err
	})
}

// InSent tells whether the account's Sent folder holds a message with this Message-ID.
func (m *Mailer) InSent(ctx context.Context, accountID, messageID string) (bool, error) {
	found := false
	err := m.withSent(ctx, accountID, false, func(c *imapclient.Client, folder string) error {
		if folder == "" {
			return nil // no Sent folder: nothing was filed there
		}
		if _, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
			return err
		}
		id := "<" + strings.Trim(messageID, "<>") + ">"
		data, err := c.UIDSearch(&imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: id}}}, nil).Wait()
		if err != nil {
			return err
		}
		found = len(data.AllUIDs()) > 0
		return nil
	})
	return found, err
}

// withSent logs in to the account's IMAP server and runs fn with the Sent folder's name:
// the one sync marked as Sent, else the one imapsync.SentFolder (the rule sync uses)
// finds on the server, else "Sent" (created when create is set, "" otherwise).
func (m *Mailer) withSent(ctx context.Context, accountID string, create bool, fn func(c *imapclient.Client, folder string) error) error {
	a, err := m.account(ctx, m.w.ID(), accountID)
	if err != nil {
		return err
	}
	pw, err := m.password(ctx, a)
	if err != nil {
		return err
	}
	conn, err := mailconn.DialIMAP(ctx, a, pw, m.opt.Conn, nil)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Do(ctx, func() error {
		folder, err := sentFolder(ctx, m.w, a.ID, conn.Client)
		if err != nil {
			return fmt.Errorf("finding the Sent folder of %s: %w", a.Email, err)
		}
		if folder == "" && create {
			folder = "Sent"
			var ie *imap.Error
			if err := conn.Client.Create(folder, nil).Wait(); err != nil && !(errors.As(err, &ie) && ie.Code == imap.ResponseCodeAlreadyExists) {
				return fmt.Errorf("creating the Sent folder of %s: %w", a.Email, err)
			}
		}
		return fn(conn.Client, folder)
	})
}

func sentFolder(ctx context.Context, w *workspace.Workspace, accountID string, c *imapclient.Client) (string, error) {
	folders, err := mail.Open(w).Folders(ctx, accountID)
	if err != nil {
		return "", err
	}
	for _, f := range folders {
		if f.Role == mail.RoleSent {
			return f.Name, nil
		}
	}
	var opts *imap.ListOptions
	if c.Caps().Has(imap.CapSpecialUse) { // RETURN (SPECIAL-USE) is an error elsewhere
		opts = &imap.ListOptions{ReturnSpecialUse: true}
	}
	list, err := c.List("", "*", opts).Collect()
	if err != nil {
		return "", err
	}
	return imapsync.SentFolder(list), nil
}
