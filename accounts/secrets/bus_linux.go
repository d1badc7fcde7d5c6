package secrets

import (
	"fmt"
	"os"
	"os/user"
	"path/filepath"
)

// sessionBusKnown refuses early when no session bus can be found. Without
// this, godbus would run `dbus-launch`, which starts a fresh bus (and
// gnome-keyring on it) that has no unlocked keyring and is never stopped:
// one stray daemon per call.
func sessionBusKnown() error {
	if a := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return nil
	}
	if dir := runtimeDir(); dir != "" {
		for _, f := range []string{"bus", "dbus-session"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
				return nil
			}
		}
	}
	return fmt.Errorf("%w (no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set)", ErrNoKeyring)
}

// runtimeDir is where godbus looks for a session bus when the variable is
// unset; a variable so tests can point it at an empty folder.
var runtimeDir = func() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	return filepath.Join("/run/user", u.Uid)
}
