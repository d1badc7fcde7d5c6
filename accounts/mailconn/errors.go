package mailconn

import (
	"errors"
	"fmt"
	"strings"
)

// Stage is a step of connecting to a mail server.
type Stage string

const (
	StageDNS        Stage = "name lookup"
	StageTCP        Stage = "TCP connection"
	StageTLS        Stage = "TLS certificate"
	StageStartTLS   Stage = "STARTTLS"
	StageAuth       Stage = "authentication"
	StageCapability Stage = "capability"
	StageProtocol   Stage = "protocol"
)

// StageError says which step of talking to which server failed, and what to do.
type StageError struct {
	Stage  Stage
	Server string // host:port
	Err    error
	Hint   string
}

func (e *StageError) Error() string {
	msg := fmt.Sprintf("%s %s failed: %v", e.Server, e.Stage, e.Err)
	if e.Hint != "" {
		msg += ": " + e.Hint
	}
	return msg
}

func (e *StageError) Unwrap() error { return e.Err }

// CertError is a certificate that failed verification. Fingerprint lets the user
// compare it with what their provider publishes and, for a self-signed server they
// control, trust exactly this one.
type CertError struct {
	Host        string
	Fingerprint string // hex SHA-256 of the leaf certificate
	Subject     string
	Reason      error
}

func (e *CertError) Error() string {
	return fmt.Sprintf("certificate of %s (%s) is not trusted: %v; its SHA-256 fingerprint is %s",
		e.Host, e.Subject, e.Reason, FormatFingerprint(e.Fingerprint))
}

func (e *CertError) Unwrap() error { return e.Reason }

// FormatFingerprint writes hex as colon-separated pairs (AB:CD:...), as browsers show it.
func FormatFingerprint(hex string) string {
	hex = strings.ToUpper(hex)
	var parts []string
	for i := 0; i+2 <= len(hex); i += 2 {
		parts = append(parts, hex[i:i+2])
	}
	return strings.Join(parts, ":")
}

// ErrStalled: the server stopped answering within the deadline.
var ErrStalled = errors.New("the server stopped answering")

// StageOf returns the stage of err, or "" when err is not a connection error.
func StageOf(err error) Stage {
	var se *StageError
	if errors.As(err, &se) {
		return se.Stage
	}
	return ""
}
