package mailconn

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"time"

	"switchboard/workspace/mail"
)

// TLSConfig verifies the server's chain and host name as usual; only when that fails
// and the leaf certificate's SHA-256 equals pinned (hex) is the connection accepted.
// roots is nil for the system pool (tests pass their own CA).
func TLSConfig(host, pinned string, roots *x509.CertPool) *tls.Config {
	pinned = mail.NormalizeFingerprint(pinned)
	return &tls.Config{
		ServerName: host,
		MinVersion: tls.VersionTLS12,
		// Verification is not skipped: VerifyConnection below does it, so that a failure
		// can carry the fingerprint and a pinned certificate can be matched exactly.
		InsecureSkipVerify: true,
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return &CertError{Host: host, Reason: errors.New("the server sent no certificate")}
			}
			leaf := cs.PeerCertificates[0]
			sum := sha256.Sum256(leaf.Raw)
			fp := hex.EncodeToString(sum[:])
			inter := x509.NewCertPool()
			for _, c := range cs.PeerCertificates[1:] {
				inter.AddCert(c)
			}
			_, err := leaf.Verify(x509.VerifyOptions{DNSName: host, Roots: roots, Intermediates: inter, CurrentTime: time.Now()})
			if err == nil || (pinned != "" && fp == pinned) {
				return nil
			}
			return &CertError{Host: host, Fingerprint: fp, Subject: leaf.Subject.String(), Reason: err}
		},
	}
}
