package mailconn

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"time"

	"switchboard/workspace/mail"
)

// Options tune connections; zero values are the defaults.
type Options struct {
	// Deadline bounds every network operation: dialing, the handshake, and the wait for
	// each answer (an answer that keeps arriving is not cut off). Default 30s.
	Deadline time.Duration
	// Roots replaces the system's trusted CAs (tests).
	Roots *x509.CertPool
}

func (o Options) deadline() time.Duration {
	if o.Deadline <= 0 {
		return 30 * time.Second
	}
	return o.Deadline
}

// lookupHost is the resolver; tests replace it to see what a lying one does.
var lookupHost = net.DefaultResolver.LookupHost

// ErrNotLoopback: plain (unencrypted) mode was asked for a server that is not this machine.
var ErrNotLoopback = errors.New("unencrypted connections are only allowed to this machine")

// Dial resolves, connects and (for implicit TLS) handshakes, naming the failed stage.
// STARTTLS is the caller's, as it is protocol-specific.
func Dial(ctx context.Context, ep mail.Endpoint, pinned string, o Options) (net.Conn, error) {
	server := ep.Addr()
	fail := func(stage Stage, err error, hint string) error {
		return &StageError{Stage: stage, Server: server, Err: err, Hint: hint}
	}
	if ep.Security == mail.Plain && !mail.IsLoopback(ep.Host) {
		return nil, fail(StageTLS, ErrNotLoopback, "use tls or starttls")
	}
	ctx, cancel := context.WithTimeout(ctx, o.deadline())
	defer cancel()
	addrs, err := lookupHost(ctx, ep.Host)
	if err != nil {
		return nil, fail(StageDNS, err, "check the server name for typos, and that this computer is online")
	}
	if ep.Security == mail.Plain {
		// The name said loopback; the addresses must too, or a hosts file or resolver that
		// maps "localhost" elsewhere would carry the password in the clear over a network.
		for _, a := range addrs {
			if ip := net.ParseIP(a); ip == nil || !ip.IsLoopback() {
				return nil, fail(StageTLS, fmt.Errorf("%w: %s resolves to %s", ErrNotLoopback, ep.Host, a),
					"use tls or starttls, or fix the hosts file so that the name means this machine")
			}
		}
	}
	var d net.Dialer
	var conn net.Conn
	for _, a := range addrs {
		conn, err = d.DialContext(ctx, "tcp", net.JoinHostPort(a, fmt.Sprint(ep.Port)))
		if err == nil {
			break
		}
	}
	if err != nil {
		return nil, fail(StageTCP, err, "check the port, and that no firewall blocks it")
	}
	if ep.Security == mail.TLS {
		tc, err := handshake(ctx, conn, ep.Host, pinned, o)
		if err != nil {
			return nil, &StageError{Stage: StageTLS, Server: server, Err: err, Hint: tlsHint(err, ep)}
		}
		return tc, nil
	}
	return conn, nil
}

func handshake(ctx context.Context, conn net.Conn, host, pinned string, o Options) (*tls.Conn, error) {
	tc := tls.Client(conn, TLSConfig(host, pinned, o.Roots))
	if err := tc.HandshakeContext(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	return tc, nil
}

func tlsHint(err error, ep mail.Endpoint) string {
	var ce *CertError
	if errors.As(err, &ce) {
		return "if this is your own server with a self-signed certificate, trust exactly this fingerprint in the account settings"
	}
	if ep.Security == mail.TLS {
		return fmt.Sprintf("the server did not speak TLS on port %d: check the port, or choose starttls", ep.Port)
	}
	return ""
}
