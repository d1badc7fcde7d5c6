package imapsync

import (
	"crypto/sha256"
	"fmt"
	"sync"
	"time"

	"switchboard/workspace/mail"
)

// PasswordRefusedError says the IMAP server refused the account's password. The worker
// does not log in with that password again, in this process, however often it would
// reconnect: servers lock an account after a few failed logins. It tries again once
// the password in the keyring (or the user name, or the server) changes, at once when
// Settings saves a new password (the runner restarts its workers), and within
// refusedPoll when something else changes it in the keyring.
type PasswordRefusedError struct {
	Account string // the account's address
	Err     error  // the server's answer; nil when this password was refused earlier
}

func (e *PasswordRefusedError) Error() string {
	msg := fmt.Sprintf("the server refused the password for %s: enter it again in Settings", e.Account)
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	return msg + "; Switchboard does not try a refused password again, so the account is not locked"
}

func (e *PasswordRefusedError) Unwrap() error { return e.Err }

// refusedPoll is how often a worker whose password was refused looks for a new one in
// the keyring; a keyring read touches no server.
var refusedPoll = 10 * time.Second

// refusedLogins remembers, as a hash and never the password, the credentials an IMAP
// server refused, per workspace and account. It outlives workers: Settings and account
// changes restart them, switching workspaces stops them, and none of that may cost
// another failed login.
var refusedLogins sync.Map // workspaceID/accountID -> [32]byte

func credentials(a mail.Account, password string) [32]byte {
	return sha256.Sum256([]byte(a.IMAP.Addr() + "\x00" + a.Username + "\x00" + password))
}

func rememberRefused(workspaceID string, a mail.Account, password string) {
	refusedLogins.Store(workspaceID+"/"+a.ID, credentials(a, password))
}

func wasRefused(workspaceID string, a mail.Account, password string) bool {
	h, ok := refusedLogins.Load(workspaceID + "/" + a.ID)
	return ok && h.([32]byte) == credentials(a, password)
}
