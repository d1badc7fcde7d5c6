package keyringtest

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	dbus "github.com/godbus/dbus/v5"
)

const (
	secretsName     = "org.freedesktop.secrets"
	loginCollection = dbus.ObjectPath("/org/freedesktop/secrets/collection/login")
	readyTimeout    = 15 * time.Second
)

// busConfig is a session bus with no service directories: nothing is
// D-Bus-activated, so the system's gnome-keyring can never start on it with
// the real HOME, and "no provider" really means no provider.
const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=%s</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

func launch(cfg Config) (k *Keyring, err error) {
	busBin, err := LookPath("dbus-daemon")
	if err != nil {
		return nil, err
	}
	gkBin, err := LookPath("gnome-keyring-daemon")
	if err != nil && !cfg.NoDaemon {
		return nil, err
	}
	// A unix socket path must stay under 108 bytes; $TMPDIR can be long.
	base := os.TempDir()
	if len(base) > 60 {
		base = "/tmp"
	}
	removeStale(base)
	dir, err := os.MkdirTemp(base, "sb-keyring-")
	if err != nil {
		return nil, fmt.Errorf("keyringtest: %w", err)
	}
	if err := writeOwner(dir); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("keyringtest: %w", err)
	}
	k = &Keyring{Dir: dir, Password: "switchboard-test"}
	defer func() {
		if err != nil {
			k.stop()
		}
	}()
	if err := k.startBus(busBin); err != nil {
		return nil, err
	}
	if cfg.NoDaemon {
		return k, nil
	}
	if err := k.startDaemon(gkBin, !cfg.Locked); err != nil {
		return nil, err
	}
	return k, k.waitReady(!cfg.Locked)
}

func (k *Keyring) home() string { return filepath.Join(k.Dir, "home") }

func (k *Keyring) startBus(bin string) error {
	conf := filepath.Join(k.Dir, "bus.conf")
	if err := os.WriteFile(conf, fmt.Appendf(nil, busConfig, filepath.Join(k.Dir, "bus")), 0o600); err != nil {
		return fmt.Errorf("keyringtest: %w", err)
	}
	k.bus = exec.Command(bin, "--config-file="+conf, "--nofork", "--print-address=1")
	k.bus.SysProcAttr = childAttr()
	k.bus.Stderr = k.logFile("dbus.log")
	out, err := k.bus.StdoutPipe()
	if err != nil {
		return fmt.Errorf("keyringtest: %w", err)
	}
	if err := k.bus.Start(); err != nil {
		return fmt.Errorf("keyringtest: start dbus-daemon: %w", err)
	}
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(out).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case k.Address = <-line:
	case <-time.After(readyTimeout):
	}
	if k.Address == "" {
		return fmt.Errorf("keyringtest: dbus-daemon printed no address; its log: %s", k.readLog("dbus.log"))
	}
	return nil
}

func (k *Keyring) startDaemon(bin string, unlock bool) error {
	home := k.home()
	runDir := filepath.Join(k.Dir, "run")
	for _, d := range []string{home, runDir} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return fmt.Errorf("keyringtest: %w", err)
		}
	}
	args := []string{"--foreground", "--components=secrets"}
	if unlock {
		// With --unlock the daemon reads a password on stdin and creates and
		// unlocks the "login" collection; without one, Set fails with
		// "failed to unlock correct collection".
		args = append(args, "--unlock")
	}
	k.daemon = exec.Command(bin, args...)
	k.daemon.SysProcAttr = childAttr()
	k.daemon.Dir = home
	k.daemon.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"XDG_DATA_HOME=" + filepath.Join(home, ".local/share"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"XDG_RUNTIME_DIR=" + runDir,
		"DBUS_SESSION_BUS_ADDRESS=" + k.Address,
	}
	if unlock {
		k.daemon.Stdin = strings.NewReader(k.Password)
	}
	k.daemon.Stdout = k.logFile("gnome-keyring.log")
	k.daemon.Stderr = k.daemon.Stdout
	if err := k.daemon.Start(); err != nil {
		return fmt.Errorf("keyringtest: start gnome-keyring-daemon: %w", err)
	}
	return nil
}

// waitReady polls until gnome-keyring owns its bus name and, if asked, the
// login collection exists unlocked: the daemon answers a moment after start.
func (k *Keyring) waitReady(unlocked bool) error {
	conn, err := dbus.Connect(k.Address)
	if err != nil {
		return fmt.Errorf("keyringtest: connect to private bus: %w", err)
	}
	defer conn.Close()
	var last error
	for deadline := time.Now().Add(readyTimeout); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if last = ready(conn, unlocked); last == nil {
			return nil
		}
	}
	return fmt.Errorf("keyringtest: gnome-keyring not ready after %s (%v); its log: %s",
		readyTimeout, last, k.readLog("gnome-keyring.log"))
}

func ready(conn *dbus.Conn, unlocked bool) error {
	var owned bool
	if err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, secretsName).Store(&owned); err != nil {
		return err
	}
	if !owned {
		return fmt.Errorf("%s has no owner yet", secretsName)
	}
	if !unlocked {
		return nil
	}
	v, err := conn.Object(secretsName, "/org/freedesktop/secrets").GetProperty("org.freedesktop.Secret.Service.Collections")
	if err != nil {
		return err
	}
	if paths, _ := v.Value().([]dbus.ObjectPath); !slices.Contains(paths, loginCollection) {
		return fmt.Errorf("no login collection yet (have %v)", paths)
	}
	locked, err := conn.Object(secretsName, loginCollection).GetProperty("org.freedesktop.Secret.Collection.Locked")
	if err != nil {
		return err
	}
	if b, _ := locked.Value().(bool); b {
		return fmt.Errorf("login collection is still locked")
	}
	return nil
}

func (k *Keyring) stop() error {
	for _, c := range []*exec.Cmd{k.daemon, k.bus} {
		if c == nil || c.Process == nil {
			continue
		}
		c.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { c.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			c.Process.Kill()
			<-done
		}
	}
	k.daemon, k.bus = nil, nil
	for _, f := range k.logs {
		f.Close()
	}
	k.logs = nil
	return os.RemoveAll(k.Dir)
}

// logFile captures a daemon's output for error messages; a file rather than a
// buffer because the child writes it while we may read it.
func (k *Keyring) logFile(name string) *os.File {
	f, err := os.Create(filepath.Join(k.Dir, name))
	if err != nil {
		f, _ = os.Open(os.DevNull)
	}
	k.logs = append(k.logs, f)
	return f
}

func (k *Keyring) readLog(name string) string {
	b, _ := os.ReadFile(filepath.Join(k.Dir, name))
	if len(b) == 0 {
		return "(empty)"
	}
	return strings.TrimSpace(string(b))
}
