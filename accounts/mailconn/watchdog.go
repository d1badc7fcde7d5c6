package mailconn

import (
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// watchedConn closes itself when an operation is in progress and the server has sent
// nothing for longer than the deadline. imapclient sets its own read deadlines and none
// while waiting for a response to begin, so the watch lives below it, on the socket.
type watchedConn struct {
	net.Conn
	deadline time.Duration
	last     atomic.Int64 // unix nanos of the last byte read
	busy     atomic.Int32
	stalled  atomic.Bool
	stop     chan struct{}
	once     sync.Once
}

func watch(c net.Conn, deadline time.Duration) *watchedConn {
	w := &watchedConn{Conn: c, deadline: deadline, stop: make(chan struct{})}
	w.last.Store(time.Now().UnixNano())
	go w.run()
	return w
}

func (w *watchedConn) run() {
	tick := time.NewTicker(min(w.deadline/4, time.Second))
	defer tick.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-tick.C:
			idle := time.Since(time.Unix(0, w.last.Load()))
			if w.busy.Load() > 0 && idle > w.deadline {
				w.stalled.Store(true)
				w.Close()
				return
			}
		}
	}
}

func (w *watchedConn) Read(b []byte) (int, error) {
	n, err := w.Conn.Read(b)
	if n > 0 {
		w.last.Store(time.Now().UnixNano())
	}
	return n, err
}

// begin marks an operation that expects the server to answer; end undoes it.
func (w *watchedConn) begin() {
	if w.busy.Add(1) == 1 {
		w.last.Store(time.Now().UnixNano()) // the clock starts with the request
	}
}

func (w *watchedConn) end() { w.busy.Add(-1) }

func (w *watchedConn) Close() error {
	w.once.Do(func() { close(w.stop) })
	return w.Conn.Close()
}
