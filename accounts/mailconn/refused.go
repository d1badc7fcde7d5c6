package mailconn

import (
	"errors"

	"github.com/emersion/go-imap/v2"
)

// ErrAuthRefused is matched (errors.Is) by a login the server answered with a plain "no"
// to the user name and password, as opposed to "not now". Trying the same password again
// cannot succeed and, repeated, makes providers lock the account, so callers stop until
// the password (or user name, or server) changes.
var ErrAuthRefused = errors.New("the server refused the user name or password")

// loginRefused says an IMAP LOGIN failure is the credentials refused: a NO, unless its
// response code says the server could not check them just now (RFC 5530's UNAVAILABLE,
// SERVERBUG, INUSE, LIMIT). A NO without any code counts as refused, because that is how
// many servers refuse a password, and one retry too few is better than a locked account.
func loginRefused(err error) bool {
	var ie *imap.Error
	if !errors.As(err, &ie) || ie.Type != imap.StatusResponseTypeNo {
		return false
	}
	switch ie.Code {
	case imap.ResponseCodeUnavailable, imap.ResponseCodeServerBug, imap.ResponseCodeInUse, imap.ResponseCodeLimit:
		return false
	}
	return true
}

// authRefused is a *StageError whose login the server refused.
type authRefused struct{ err error }

func (e *authRefused) Error() string        { return e.err.Error() }
func (e *authRefused) Unwrap() error        { return e.err }
func (e *authRefused) Is(target error) bool { return target == ErrAuthRefused }
