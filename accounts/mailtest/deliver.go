package mailtest

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Login dials Dovecot (implicit TLS trusting Cert when started WithTLS) and
// logs user in. The caller closes the client.
func (d *Dovecot) Login(user string) (*imapclient.Client, error) {
	pw := d.Password(user)
	if pw == "" {
		return nil, fmt.Errorf("mailtest: no user %q; add it with WithUser or AddUser", user)
	}
	var (
		c   *imapclient.Client
		err error
	)
	if d.Cert != nil {
		c, err = imapclient.DialTLS(d.TLSAddr(), &imapclient.Options{TLSConfig: d.Cert.ClientConfig()})
	} else {
		c, err = imapclient.DialInsecure(d.Addr(), nil)
	}
	if err != nil {
		return nil, fmt.Errorf("mailtest: connect to dovecot: %w", err)
	}
	if err := c.Login(user, pw).Wait(); err != nil {
		c.Close()
		return nil, fmt.Errorf("mailtest: log in as %q: %w", user, err)
	}
	return c, nil
}

// Deliver APPENDs one message to a user's folder (created if missing) with
// the given INTERNALDATE, and returns its UID.
func (d *Dovecot) Deliver(user, folder string, raw []byte, internalDate time.Time) (imap.UID, error) {
	c, err := d.Login(user)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	if folder == "" {
		folder = "INBOX"
	}
	if !strings.EqualFold(folder, "INBOX") {
		var ie *imap.Error
		if err := c.Create(folder, nil).Wait(); err != nil && !(errors.As(err, &ie) && ie.Code == imap.ResponseCodeAlreadyExists) {
			return 0, fmt.Errorf("mailtest: create %q: %w", folder, err)
		}
	}
	cmd := c.Append(folder, int64(len(raw)), &imap.AppendOptions{Time: internalDate})
	if _, err := cmd.Write(raw); err != nil {
		return 0, fmt.Errorf("mailtest: append to %q: %w", folder, err)
	}
	if err := cmd.Close(); err != nil {
		return 0, fmt.Errorf("mailtest: append to %q: %w", folder, err)
	}
	data, err := cmd.Wait()
	if err != nil {
		return 0, fmt.Errorf("mailtest: append to %q: %w", folder, err)
	}
	c.Logout().Wait()
	return data.UID, nil
}
