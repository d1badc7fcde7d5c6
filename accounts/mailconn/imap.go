package mailconn

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/charset"

	"switchboard/workspace/mail"
)

// IMAP is a logged-in IMAP connection whose operations run under the deadline.
type IMAP struct {
	Client *imapclient.Client
	Server string
	conn   *watchedConn
	limit  time.Duration
}

// DialIMAP connects to the account's IMAP server and logs in. handler receives what
// the server announces on its own (new mail during IDLE, expunges); it may be nil.
func DialIMAP(ctx context.Context, acct mail.Account, password string, o Options, handler *imapclient.UnilateralDataHandler) (*IMAP, error) {
	ep := acct.IMAP
	raw, err := Dial(ctx, ep, acct.TrustedCertSHA256, o)
	if err != nil {
		return nil, err
	}
	conn := watch(raw, o.deadline())
	opts := &imapclient.Options{
		UnilateralDataHandler: handler,
		WordDecoder:           &mime.WordDecoder{CharsetReader: charset.Reader},
	}
	c := &IMAP{Server: ep.Addr(), conn: conn, limit: o.deadline()}
	fail := func(stage Stage, err error, hint string) (*IMAP, error) {
		conn.Close()
		if conn.stalled.Load() {
			hint = "the server took the connection but stopped answering: try again later, and check host and port if it persists"
		}
		return nil, &StageError{Stage: stage, Server: c.Server, Err: Redact(c.stallErr(err), acct.Username, password), Hint: hint}
	}
	conn.begin()
	if ep.Security == mail.StartTLS {
		opts.TLSConfig = TLSConfig(ep.Host, acct.TrustedCertSHA256, o.Roots)
		c.Client, err = imapclient.NewStartTLS(conn, opts)
		var ie *imap.Error
		switch {
		case errors.As(err, &ie):
			return fail(StageStartTLS, fmt.Errorf("STARTTLS is not offered (%v)", ie), "choose tls (port 993) if the server supports it")
		case err != nil:
			return fail(StageTLS, err, tlsHint(err, ep))
		}
	} else {
		c.Client = imapclient.New(conn, opts)
	}
	if err := c.Client.WaitGreeting(); err != nil {
		return fail(StageProtocol, err, "this does not look like an IMAP server: check host and port")
	}
	if err := c.Client.Login(acct.Username, password).Wait(); err != nil {
		refused := loginRefused(err) // classified before fail redacts it into plain text
		_, err = fail(StageAuth, err, "check the user name and password (some providers need an app password)")
		if refused {
			err = &authRefused{err}
		}
		return nil, err
	}
	caps := c.Client.Caps()
	conn.end()
	if !caps.Has(imap.CapIMAP4rev1) && !caps.Has(imap.CapIMAP4rev2) {
		return fail(StageCapability, errors.New("the server speaks neither IMAP4rev1 nor IMAP4rev2"), "")
	}
	return c, nil
}

// stallErr explains an error caused by the watchdog closing a silent connection.
func (c *IMAP) stallErr(err error) error {
	if err != nil && c.conn.stalled.Load() {
		return fmt.Errorf("%w: no answer from %s within %v", ErrStalled, c.Server, c.limit)
	}
	return err
}

// Do runs fn, which sends commands and waits for their answers, under the deadline:
// if the server sends nothing for that long, or ctx ends, the connection is closed and
// fn's wait fails.
func (c *IMAP) Do(ctx context.Context, fn func() error) error {
	c.conn.begin()
	defer c.conn.end()
	stop := context.AfterFunc(ctx, func() { c.conn.Close() })
	err := fn()
	if !stop() && err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return c.stallErr(err)
}

// Abort drops the connection at once, without logging out: after a failed read the
// client's pending commands must not be drained from a half-read stream.
func (c *IMAP) Abort() { c.conn.Close() }

// Caps is what the server announced after login.
func (c *IMAP) Caps() imap.CapSet { return c.Client.Caps() }

// Closed is closed when the connection ends.
func (c *IMAP) Closed() <-chan struct{} { return c.Client.Closed() }

// Close logs out briefly and closes the connection.
func (c *IMAP) Close() error {
	done := make(chan struct{})
	go func() {
		c.Client.Logout().Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
	}
	return c.conn.Close()
}
