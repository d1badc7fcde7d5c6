package mailtest

import (
	"bytes"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Received is one message as the SMTP server got it.
type Received struct {
	From     string   // MAIL FROM
	To       []string // accepted RCPT TOs
	Data     []byte   // raw message as sent after DATA
	AuthUser string   // "" if the client did not authenticate
	TLS      bool     // whether the session was encrypted
	At       time.Time
}

// SMTPOption configures StartSMTP and NewSMTP.
type SMTPOption func(*smtpOptions)

type smtpOptions struct {
	user, password        string
	implicitTLS, startTLS bool
}

// WithAuth requires AUTH PLAIN with this user and password before MAIL.
func WithAuth(user, password string) SMTPOption {
	return func(o *smtpOptions) { o.user, o.password = user, password }
}

// WithImplicitTLS serves TLS from the first byte (port 465 style).
func WithImplicitTLS() SMTPOption { return func(o *smtpOptions) { o.implicitTLS = true } }

// WithSTARTTLS offers STARTTLS (port 587 style); AUTH is then only accepted
// after it.
func WithSTARTTLS() SMTPOption { return func(o *smtpOptions) { o.startTLS = true } }

// SMTPServer is a real go-smtp server on 127.0.0.1 that records what it
// receives and can be told to fail.
type SMTPServer struct {
	// Cert is the server certificate with a TLS option, else nil.
	Cert *Cert

	srv  *smtp.Server
	ln   net.Listener
	opts smtpOptions

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced whenever a message arrives
	received  []Received
	dropped   []Received
	rejects   map[string]string
	dropNext  int
	tempFails int
	echoAuth  bool // a failed AUTH's 535 repeats what the client sent, as some servers do
	authTries int
}

// EchoAuthFailures makes a refused AUTH answer with a 535 that repeats the AUTH PLAIN
// blob the client sent and the password in it, as some servers' error texts do.
func (s *SMTPServer) EchoAuthFailures() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.echoAuth = true
}

// AuthAttempts is how many AUTH exchanges clients have completed, accepted or not.
func (s *SMTPServer) AuthAttempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.authTries
}

// StartSMTP starts an SMTP server and closes it when tb ends.
func StartSMTP(tb testing.TB, opts ...SMTPOption) *SMTPServer {
	tb.Helper()
	s, err := NewSMTP(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// NewSMTP starts an SMTP server for a program; the caller must Close it.
func NewSMTP(opts ...SMTPOption) (*SMTPServer, error) {
	s := &SMTPServer{changed: make(chan struct{}), rejects: map[string]string{}}
	for _, opt := range opts {
		opt(&s.opts)
	}
	s.srv = smtp.NewServer(smtp.BackendFunc(s.newSession))
	s.srv.Domain = "localhost"
	s.srv.ReadTimeout = time.Minute
	s.srv.WriteTimeout = time.Minute
	s.srv.AllowInsecureAuth = !s.opts.startTLS && !s.opts.implicitTLS
	s.srv.ErrorLog = discardLogger{}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("mailtest: smtp listen: %w", err)
	}
	if s.opts.implicitTLS || s.opts.startTLS {
		if s.Cert, err = NewCert(); err != nil {
			ln.Close()
			return nil, err
		}
		if s.opts.startTLS {
			s.srv.TLSConfig = s.Cert.ServerConfig()
		}
		if s.opts.implicitTLS {
			ln = tls.NewListener(ln, s.Cert.ServerConfig())
		}
	}
	s.ln = ln
	go s.srv.Serve(ln)
	return s, nil
}

// Addr is host:port to dial.
func (s *SMTPServer) Addr() string { return s.ln.Addr().String() }

// Close stops the server and its connections.
func (s *SMTPServer) Close() error { return s.srv.Close() }

// RejectRcpt makes RCPT TO:<addr> fail with 550 and text until cleared with
// an empty text.
func (s *SMTPServer) RejectRcpt(addr, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if text == "" {
		delete(s.rejects, addr)
		return
	}
	s.rejects[addr] = text
}

// DropAfterData makes the next n messages vanish mid-transaction: the server
// reads the whole message, then closes the connection without replying, so
// the client cannot know whether it was delivered. Dropped returns them.
func (s *SMTPServer) DropAfterData(n int) {
	s.mu.Lock()
	s.dropNext = n
	s.mu.Unlock()
}

// TempFail makes the next n messages get "451 4.3.0" after DATA.
func (s *SMTPServer) TempFail(n int) {
	s.mu.Lock()
	s.tempFails = n
	s.mu.Unlock()
}

// Messages returns the messages accepted so far.
func (s *SMTPServer) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// Dropped returns the messages read and then dropped by DropAfterData.
func (s *SMTPServer) Dropped() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.dropped...)
}

// WaitFor waits until at least n messages were accepted and returns them.
func (s *SMTPServer) WaitFor(n int, timeout time.Duration) ([]Received, error) {
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		got, changed := len(s.received), s.changed
		s.mu.Unlock()
		if got >= n {
			return s.Messages(), nil
		}
		select {
		case <-changed:
		case <-deadline:
			return s.Messages(), fmt.Errorf("mailtest: SMTP server got %d messages within %s, want %d", got, timeout, n)
		}
	}
}

func (s *SMTPServer) newSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{srv: s, conn: c}, nil
}

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}
func (discardLogger) Println(...any)        {}

// session is one SMTP transaction sequence on a connection.
type session struct {
	srv  *SMTPServer
	conn *smtp.Conn
	user string
	msg  Received
}

func (ss *session) AuthMechanisms() []string {
	if ss.srv.opts.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (ss *session) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain || ss.srv.opts.user == "" {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		ss.srv.mu.Lock()
		ss.srv.authTries++
		echo := ss.srv.echoAuth
		ss.srv.mu.Unlock()
		if (identity != "" && identity != user) || user != ss.srv.opts.user || pass != ss.srv.opts.password {
			if echo {
				blob := base64.StdEncoding.EncodeToString([]byte(identity + "\x00" + user + "\x00" + pass))
				return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8},
					Message: "Authentication failed for " + blob + " (password " + pass + ")"}
			}
			return smtp.ErrAuthFailed
		}
		ss.user = user
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.srv.opts.user != "" && ss.user == "" {
		return smtp.ErrAuthRequired
	}
	_, isTLS := ss.conn.TLSConnectionState()
	ss.msg = Received{From: from, AuthUser: ss.user, TLS: isTLS}
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.srv.mu.Lock()
	text, reject := ss.srv.rejects[to]
	ss.srv.mu.Unlock()
	if reject {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: text}
	}
	ss.msg.To = append(ss.msg.To, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	var b bytes.Buffer
	if _, err := io.Copy(&b, r); err != nil {
		return err
	}
	ss.msg.Data, ss.msg.At = b.Bytes(), time.Now()
	s := ss.srv
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.dropNext > 0:
		s.dropNext--
		s.dropped = append(s.dropped, ss.msg)
		ss.conn.Conn().Close()
		return errors.New("mailtest: connection dropped after DATA on purpose")
	case s.tempFails > 0:
		s.tempFails--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Temporary failure injected by mailtest, try again"}
	}
	s.received = append(s.received, ss.msg)
	close(s.changed)
	s.changed = make(chan struct{})
	return nil
}

func (ss *session) Reset()        { ss.msg = Received{AuthUser: ss.user} }
func (ss *session) Logout() error { return nil }
