// Package mailconn opens connections to a workspace's mail servers the one way Switchboard
// allows: the host resolved, TCP, then TLS (implicit, or STARTTLS that must succeed) with
// the certificate always verified. A user may pin exactly one self-signed certificate by
// its SHA-256 fingerprint; there is no "accept any certificate".
//
// Every failure is a *StageError naming the step that failed (name lookup, TCP, TLS
// certificate, STARTTLS, authentication, capability), so "Test connection" and sync
// errors can tell the user what to fix. Errors never contain the password.
//
// A connection is watched: an operation that sees no byte from the server within the
// deadline closes the connection, so a silent server cannot hang a sync.
package mailconn
