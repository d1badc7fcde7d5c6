package mailtest

import (
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// Proxy is a TCP proxy on 127.0.0.1 in front of a server, for testing what a
// client does when the network misbehaves: a connection cut mid-response
// (CutAfter) or a server that stops answering (Stall).
type Proxy struct {
	target string
	ln     net.Listener

	mu       sync.Mutex
	cond     *sync.Cond // signalled on Resume and CloseAll
	stalled  bool
	cutAfter int64 // server→client bytes before cutting; <0: never
	stallAt  int64 // server→client bytes before stalling; <0: never
	rate     int64 // server→client bytes per second on each connection; 0: unlimited
	cutGen   int   // bumped by CutAfter so open connections restart their count
	conns    map[*proxyConn]struct{}
	accepted int // connections accepted so far
	logins   int // IMAP LOGIN and AUTHENTICATE commands the clients sent
	closed   bool
	wg       sync.WaitGroup
}

type proxyConn struct {
	client, server net.Conn
	once           sync.Once
}

func (pc *proxyConn) close() {
	pc.once.Do(func() {
		pc.client.Close()
		pc.server.Close()
	})
}

// StartProxy starts a proxy to target (host:port) and closes it when tb ends.
func StartProxy(tb testing.TB, target string) *Proxy {
	tb.Helper()
	p, err := NewProxy(target)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	return p
}

// NewProxy starts a proxy for a program; the caller must Close it.
func NewProxy(target string) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("mailtest: proxy listen: %w", err)
	}
	p := &Proxy{target: target, ln: ln, cutAfter: -1, stallAt: -1, conns: map[*proxyConn]struct{}{}}
	p.cond = sync.NewCond(&p.mu)
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// Addr is host:port for the client to dial instead of the target.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// CutAfter closes each connection once n more bytes have gone from server to
// client on it: counted from now on open connections, from the start on new
// ones. n < 0 turns cutting off.
func (p *Proxy) CutAfter(n int64) {
	p.mu.Lock()
	p.cutAfter = n
	p.cutGen++
	p.mu.Unlock()
}

// StallAfter stalls (see Stall) once n more bytes have gone from server to client on a
// connection, counted like CutAfter: a server that goes silent in the middle of an answer.
// Resume ends it; n < 0 turns it off.
func (p *Proxy) StallAfter(n int64) {
	p.mu.Lock()
	p.stallAt = n
	p.cutGen++
	p.mu.Unlock()
}

// Throttle limits each connection's server→client bytes to rate per second (a slow
// link); 0 lifts the limit.
func (p *Proxy) Throttle(rate int64) {
	p.mu.Lock()
	p.rate = rate
	p.mu.Unlock()
}

// Stall stops forwarding in both directions while keeping connections open,
// so only a client-side deadline can end the wait.
func (p *Proxy) Stall() {
	p.mu.Lock()
	p.stalled = true
	p.mu.Unlock()
}

// Resume forwards again after Stall.
func (p *Proxy) Resume() {
	p.mu.Lock()
	p.stalled = false
	p.cond.Broadcast()
	p.mu.Unlock()
}

// CloseAll drops every current connection; new ones are still accepted.
func (p *Proxy) CloseAll() {
	p.mu.Lock()
	conns := p.conns
	p.conns = map[*proxyConn]struct{}{}
	p.cond.Broadcast()
	p.mu.Unlock()
	for pc := range conns {
		pc.close()
	}
}

// Close stops accepting and drops every connection.
func (p *Proxy) Close() error {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	err := p.ln.Close()
	p.CloseAll()
	p.wg.Wait()
	return err
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		pc := &proxyConn{client: c, server: s}
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			pc.close()
			return
		}
		p.conns[pc] = struct{}{}
		p.accepted++
		p.mu.Unlock()
		p.wg.Add(2)
		go p.pipe(pc, s, c, false) // client → server
		go p.pipe(pc, c, s, true)  // server → client
	}
}

// pipe copies src to dst in small reads so CutAfter can stop at an exact
// byte and Stall takes effect between chunks.
func (p *Proxy) pipe(pc *proxyConn, dst, src net.Conn, fromServer bool) {
	defer p.wg.Done()
	defer func() {
		pc.close()
		p.mu.Lock()
		delete(p.conns, pc)
		p.mu.Unlock()
	}()
	buf := make([]byte, 4096)
	var sent int64
	p.mu.Lock()
	gen := p.cutGen
	p.mu.Unlock()
	for {
		n, err := src.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			if !p.waitUnstalled(pc) {
				return
			}
			cut := false
			if n := imapLogins(chunk); !fromServer && n > 0 {
				p.mu.Lock()
				p.logins += n
				p.mu.Unlock()
			}
			if fromServer {
				p.mu.Lock()
				limit, stallAt := p.cutAfter, p.stallAt
				if gen != p.cutGen {
					gen, sent = p.cutGen, 0
				}
				p.mu.Unlock()
				if limit >= 0 && sent+int64(len(chunk)) >= limit {
					chunk, cut = chunk[:max(0, limit-sent)], true
				}
				if stallAt >= 0 && sent+int64(len(chunk)) >= stallAt {
					// Forward up to the mark, then go silent until Resume.
					rest := chunk[max(0, stallAt-sent):]
					if _, werr := dst.Write(chunk[:max(0, stallAt-sent)]); werr != nil {
						return
					}
					sent += max(0, stallAt-sent)
					p.mu.Lock()
					p.stalled, p.stallAt = true, -1
					p.mu.Unlock()
					if !p.waitUnstalled(pc) {
						return
					}
					chunk = rest
				}
				sent += int64(len(chunk))
			}
			if _, werr := dst.Write(chunk); werr != nil || cut {
				return
			}
			if fromServer {
				p.mu.Lock()
				rate := p.rate
				p.mu.Unlock()
				if rate > 0 {
					time.Sleep(time.Duration(int64(len(chunk)) * int64(time.Second) / rate))
				}
			}
		}
		if err != nil {
			return // either side's EOF or error ends both: IMAP and SMTP never half-close
		}
	}
}

// waitUnstalled blocks while stalled; false if the connection was dropped.
func (p *Proxy) waitUnstalled(pc *proxyConn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for p.stalled {
		if _, live := p.conns[pc]; !live || p.closed {
			return false
		}
		p.cond.Wait()
	}
	_, live := p.conns[pc]
	return live
}

// Connections is how many client connections the proxy has accepted.
func (p *Proxy) Connections() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.accepted
}

// Logins is how many IMAP LOGIN or AUTHENTICATE commands clients sent through the proxy:
// what a server counts towards locking an account. A command line is counted when it
// arrives in one read, as short commands on loopback do.
func (p *Proxy) Logins() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.logins
}

func imapLogins(chunk []byte) int {
	n := 0
	for _, line := range strings.Split(string(chunk), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && !strings.EqualFold(f[0], "AUTH") && (strings.EqualFold(f[1], "LOGIN") || strings.EqualFold(f[1], "AUTHENTICATE")) {
			n++
		}
	}
	return n
}
