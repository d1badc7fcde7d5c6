package mailconn

import (
	"encoding/base64"
	"errors"
	"sort"
	"strings"
)

// Redact returns err with every encoding of the password that a server or library might
// echo replaced by "[password]": the password itself, the AUTH PLAIN string
// (authzid NUL user NUL password) and the password alone in base64 (padded, unpadded,
// URL alphabet), and the password inside any longer base64 text, at each of the three
// byte alignments. A server that answers a failed AUTH with "535 ... AHVzZXIAc2VjcmV0"
// would otherwise put the password into the outbox, the terminal and the log.
//
// Classify err (by its type, its SMTP code) before redacting: the result is plain text
// and keeps no wrapped error that could still hold the password.
func Redact(err error, user, password string) error {
	if err == nil || password == "" {
		return err
	}
	msg := RedactText(err.Error(), user, password)
	if msg == err.Error() {
		return err
	}
	return &redactedError{msg: msg, stalled: errors.Is(err, ErrStalled)}
}

type redactedError struct {
	msg     string
	stalled bool
}

func (e *redactedError) Error() string { return e.msg }

// Is keeps the one classification callers make on a redacted error: a stall.
func (e *redactedError) Is(target error) bool { return e.stalled && target == ErrStalled }

// RedactText is Redact for a string.
func RedactText(s, user, password string) string {
	if password == "" {
		return s
	}
	for _, form := range secretForms(user, password) {
		s = strings.ReplaceAll(s, form, "[password]")
	}
	return s
}

// secretForms lists what to cut, longest first so a whole blob goes before its parts.
func secretForms(user, password string) []string {
	encodings := []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding}
	forms := []string{password}
	for _, plain := range []string{"\x00" + user + "\x00" + password, user + "\x00" + user + "\x00" + password, password} {
		for _, enc := range encodings {
			forms = append(forms, enc.EncodeToString([]byte(plain)))
		}
	}
	// The password inside longer base64 text: only the characters that depend on the
	// password's bytes alone, for each alignment; short ones would match innocent text.
	for shift := 0; shift < 3; shift++ {
		for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
			e := enc.EncodeToString([]byte(strings.Repeat("\x00", shift) + password))
			start, end := (8*shift+5)/6, 8*(shift+len(password))/6
			if end-start >= 8 && end <= len(e) {
				forms = append(forms, e[start:end])
			}
		}
	}
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	return forms
}
