// Package mailtest runs real mail servers for integration tests and
// benchmarks: a Dovecot IMAP server on loopback (StartDovecot, Start), an
// SMTP submission server that records what it receives and can be told to
// fail (StartSMTP), and a TCP proxy that can cut or stall a connection
// (StartProxy).
//
// Nothing here is a mock: the point is to find out how our clients behave
// against the servers users really have. A test whose server cannot start
// fails with a message naming `make deps`; it never skips.
package mailtest
