package mailconn

import (
	"errors"
	"net"
	"strings"

	"github.com/emersion/go-smtp"

	"switchboard/workspace/mail"
)

// SMTPStartTLS upgrades conn (from Dial, for a starttls endpoint) and greets the server
// over TLS. go-smtp's STARTTLS only wraps the connection, and the handshake then happens
// inside whatever command comes next, where an untrusted certificate used to read as "the
// server offers no AUTH" or "does not look like an SMTP server". Here the certificate is
// checked at once and reported as IMAP's is: a *StageError at the TLS stage wrapping the
// *CertError (with its fingerprint) and the trust hint.
func SMTPStartTLS(conn net.Conn, ep mail.Endpoint, pinned string, o Options) (*smtp.Client, error) {
	server := ep.Addr()
	c, err := smtp.NewClientStartTLS(conn, TLSConfig(ep.Host, pinned, o.Roots))
	if err == nil {
		err = c.Hello("localhost") // the handshake runs here
		if err != nil {
			c.Close()
		}
	}
	switch {
	case err == nil:
		return c, nil
	case strings.Contains(err.Error(), "support STARTTLS"):
		conn.Close()
		return nil, &StageError{Stage: StageStartTLS, Server: server, Err: errors.New("STARTTLS is not offered"),
			Hint: "choose tls (port 465) if the server supports it"}
	}
	conn.Close()
	return nil, &StageError{Stage: StageTLS, Server: server, Err: err, Hint: tlsHint(err, ep)}
}
