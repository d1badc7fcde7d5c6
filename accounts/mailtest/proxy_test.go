package mailtest_test

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"switchboard/accounts/mailtest"
)

// byteServer sends n bytes to every connection, then waits for it to close.
func byteServer(t *testing.T, n int) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.Write(bytes.Repeat([]byte("x"), n))
				io.Copy(io.Discard, c)
			}()
		}
	}()
	return ln.Addr().String()
}

func TestProxyForwardsCutsAndStalls(t *testing.T) {
	p := mailtest.StartProxy(t, byteServer(t, 10000))

	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 10000)
	if _, err := io.ReadFull(c, buf); err != nil {
		t.Fatalf("forwarding: %v", err)
	}
	c.Close()

	p.CutAfter(123)
	c, err = net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(5 * time.Second))
	got, err := io.ReadAll(c)
	if err != nil || len(got) != 123 {
		t.Fatalf("cut: read %d bytes, %v; want 123 then EOF", len(got), err)
	}
	c.Close()
	p.CutAfter(-1)

	p.Stall()
	c, err = net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
	if _, err := c.Read(buf); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("stalled read: %v, want a deadline error", err)
	}
	p.Resume()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(c, buf); err != nil {
		t.Fatalf("after Resume: %v", err)
	}

	p.CloseAll()
	if _, err := c.Read(buf); err == nil {
		t.Fatal("connection alive after CloseAll")
	}
}

// The case the proxy exists for: an IMAP connection cut in the middle of a
// FETCH of message bodies.
func TestProxyCutsIMAPFetch(t *testing.T) {
	d := mailtest.StartDovecot(t, mailtest.WithUser("alice", "pw"))
	big := mailtest.Message{From: "a@example.com", To: "alice@example.com", Subject: "big", Body: string(bytes.Repeat([]byte("lorem ipsum "), 20000)), Date: time.Now()}.Bytes()
	if err := d.WriteMaildir("alice", "INBOX", [][]byte{big, big}, nil); err != nil {
		t.Fatal(err)
	}
	p := mailtest.StartProxy(t, d.Addr())
	c, err := imapclient.DialInsecure(p.Addr(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login("alice", "pw").Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	p.CutAfter(50000) // well inside the first body
	cmd := c.Fetch(imap.SeqSetNum(1, 2), &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{{Peek: true}}})
	if err := readBodies(cmd); err == nil {
		t.Fatal("FETCH succeeded through a cut connection")
	}
	select {
	case <-c.Closed():
	case <-time.After(5 * time.Second):
		t.Fatal("client did not notice the cut")
	}
}

// readBodies streams every body and stops at the first read error without
// touching the command again. Two traps of go-imap v2.0.0-beta.8 that this
// test found:
//   - a literal cut by EOF reads as a clean io.EOF, so io.ReadAll reports
//     success with a short body: compare the length with Literal.Size();
//   - after a failed literal read, Next and Collect re-read the literal while
//     the client's reader goroutine already moved on (go test -race reports
//     it), so neither may follow the failure.
func readBodies(cmd *imapclient.FetchCommand) error {
	for {
		msg := cmd.Next()
		if msg == nil {
			return cmd.Close()
		}
		for item := msg.Next(); item != nil; item = msg.Next() {
			if b, ok := item.(imapclient.FetchItemDataBodySection); ok {
				body, err := io.ReadAll(b.Literal)
				if err == nil && int64(len(body)) != b.Literal.Size() {
					err = io.ErrUnexpectedEOF
				}
				if err != nil {
					return err
				}
			}
		}
	}
}
