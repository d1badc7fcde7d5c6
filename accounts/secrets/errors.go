package secrets

import (
	"errors"
	"fmt"
	"strings"

	dbus "github.com/godbus/dbus/v5"
	"github.com/zalando/go-keyring"
)

// ErrNotFound means no secret is stored under that workspace and key.
// It wraps keyring.ErrNotFound, so errors.Is works with either.
var ErrNotFound = fmt.Errorf("no secret is stored under this key (%w)", keyring.ErrNotFound)

// ErrNoKeyring means there is no usable Secret Service: no D-Bus session, no
// provider of org.freedesktop.secrets on it, or a collection that stays locked.
var ErrNoKeyring = errors.New("no keyring service is running: install and start gnome-keyring " +
	"(Debian/Ubuntu: apt install gnome-keyring) or KeePassXC with Secret Service enabled, and unlock it")

// ErrTimeout means the keyring did not answer in time. The outcome of the
// call is unknown: a Set may still complete once the user unlocks.
var ErrTimeout = errors.New("the keyring did not answer in time; it may be waiting for you to unlock it")

// timeoutError carries the actual limit into the message.
type timeoutError struct{ limit string }

func (e timeoutError) Error() string {
	return "the keyring did not answer within " + e.limit + "; it may be waiting for you to unlock it"
}
func (e timeoutError) Is(target error) bool { return target == ErrTimeout }

// classify maps what go-keyring and godbus return to our sentinels.
// These are the errors observed on Debian 12 (see the package tests):
//   - no bus at the address:  *net.OpError "dial unix ...: connect: no such file or directory"
//   - bus without a provider: dbus.Error org.freedesktop.DBus.Error.ServiceUnknown
//   - provider whose collection stays locked (no --unlock, prompt dismissed):
//     "failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"
func classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, keyring.ErrNotFound) {
		return ErrNotFound
	}
	if noKeyring(err) {
		return fmt.Errorf("%w (%w)", ErrNoKeyring, err)
	}
	return err
}

func noKeyring(err error) bool {
	var de dbus.Error
	if errors.As(err, &de) {
		switch {
		case de.Name == "org.freedesktop.DBus.Error.ServiceUnknown",
			de.Name == "org.freedesktop.DBus.Error.NameHasNoOwner",
			de.Name == "org.freedesktop.DBus.Error.NoServer",
			de.Name == "org.freedesktop.DBus.Error.FileNotFound",
			strings.HasPrefix(de.Name, "org.freedesktop.DBus.Error.Spawn."):
			return true
		}
	}
	msg := err.Error()
	for _, s := range []string{
		"failed to unlock correct collection",
		"dial unix",
		"couldn't determine address of session bus",
		"dbus-launch",
		"connection refused",
	} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// redacted wraps an error whose text might, through some library, echo the
// secret; its message has every occurrence replaced.
type redacted struct {
	err error
	msg string
}

func (r redacted) Error() string { return r.msg }
func (r redacted) Unwrap() error { return r.err }

func redact(err error, secret string) error {
	if err == nil || secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return redacted{err, strings.ReplaceAll(err.Error(), secret, "[redacted]")}
}
