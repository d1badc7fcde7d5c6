package mailconn

import (
	"context"
	"errors"
	"net"
	"testing"

	"switchboard/workspace/mail"
)

// Plain mode is for this machine: "localhost" that a hosts file or resolver maps to
// another address is refused before any connection, the password never sent in the clear.
func TestPlainModeConfirmsLoopbackAfterTheLookup(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	defer func(orig func(context.Context, string) ([]string, error)) { lookupHost = orig }(lookupHost)

	lookupHost = func(context.Context, string) ([]string, error) { return []string{"127.0.0.1", "192.0.2.7"}, nil }
	_, err = Dial(context.Background(), mail.Endpoint{Host: "localhost", Port: port, Security: mail.Plain}, "", Options{})
	if !errors.Is(err, ErrNotLoopback) || StageOf(err) != StageTLS {
		t.Fatalf("localhost resolving elsewhere: %v", err)
	}

	lookupHost = func(context.Context, string) ([]string, error) { return []string{"127.0.0.1", "::1"}, nil }
	conn, err := Dial(context.Background(), mail.Endpoint{Host: "localhost", Port: port, Security: mail.Plain}, "", Options{})
	if err != nil {
		t.Fatalf("localhost on loopback: %v", err)
	}
	conn.Close()
}
