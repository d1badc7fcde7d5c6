package mailtest

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// ErrMissing is wrapped when a server binary is not installed.
var ErrMissing = errors.New("run `make deps` to install the test servers (dovecot-imapd, gnome-keyring, libsecret-tools, dbus)")

const startTimeout = 15 * time.Second

// Dovecot is a running Dovecot IMAP server on 127.0.0.1, confined to Dir.
type Dovecot struct {
	// Dir holds the config, logs, state and every user's maildir.
	Dir string
	// Cert is the server certificate when started WithTLS, else nil.
	Cert *Cert

	bin           string
	conf          string
	port, tlsPort int
	mu            sync.Mutex
	users         map[string]string
	cmd           *exec.Cmd
	exited        chan struct{}
}

// Option configures StartDovecot and Start.
type Option func(*options)

type options struct {
	users [][2]string
	tls   bool
}

// WithUser adds a login with its password.
func WithUser(name, password string) Option {
	return func(o *options) { o.users = append(o.users, [2]string{name, password}) }
}

// WithTLS makes Dovecot require TLS: STARTTLS on Addr, implicit TLS on
// TLSAddr, with a freshly generated certificate (Dovecot.Cert).
func WithTLS() Option { return func(o *options) { o.tls = true } }

// StartDovecot starts Dovecot in a temporary folder and stops it when tb
// ends. A missing Dovecot fails tb with a message naming `make deps`.
func StartDovecot(tb testing.TB, opts ...Option) *Dovecot {
	tb.Helper()
	d, err := Start(tb.TempDir(), opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := d.Stop(); err != nil {
			tb.Error(err)
		}
	})
	return d
}

// Start runs Dovecot from dir (created if needed) for programs such as the
// benchmark; the caller must Stop it. Dovecot's unprivileged processes must
// reach dir, so Start makes dir 0755 and adds o+x to any parent lacking it
// (t.TempDir and mktemp make 0700 folders). It needs root, as in CI.
func Start(dir string, opts ...Option) (*Dovecot, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	bin, err := findDovecot()
	if err != nil {
		return nil, err
	}
	if os.Geteuid() != 0 {
		return nil, errors.New("mailtest: Dovecot must be started as root (it drops to dovenull, dovecot and nobody itself); run the tests as root, as CI does")
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	d := &Dovecot{Dir: dir, bin: bin, conf: filepath.Join(dir, "dovecot.conf"), users: map[string]string{}}
	if err := d.prepare(o); err != nil {
		return nil, err
	}
	for _, u := range o.users {
		if err := d.AddUser(u[0], u[1]); err != nil {
			return nil, err
		}
	}
	if err := d.start(); err != nil {
		return nil, err
	}
	return d, nil
}

// dovecotSbin is where Debian installs Dovecot; a variable for tests.
var dovecotSbin = "/usr/sbin/dovecot"

func findDovecot() (string, error) {
	if p, err := exec.LookPath("dovecot"); err == nil {
		return p, nil
	}
	// /usr/sbin is often missing from a non-login PATH.
	if _, err := os.Stat(dovecotSbin); err == nil {
		return dovecotSbin, nil
	}
	return "", fmt.Errorf("mailtest: dovecot is not installed: %w", ErrMissing)
}

func (d *Dovecot) prepare(o options) error {
	for _, sub := range []string{"", "run", "state", "mail"} {
		if err := os.MkdirAll(filepath.Join(d.Dir, sub), 0o755); err != nil {
			return fmt.Errorf("mailtest: %w", err)
		}
		if err := os.Chmod(filepath.Join(d.Dir, sub), 0o755); err != nil {
			return fmt.Errorf("mailtest: %w", err)
		}
	}
	if err := traversable(d.Dir); err != nil {
		return err
	}
	if err := chownNobody(filepath.Join(d.Dir, "mail")); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(d.Dir, "users"), nil, 0o644); err != nil {
		return fmt.Errorf("mailtest: %w", err)
	}
	if o.tls {
		c, err := NewCert()
		if err != nil {
			return fmt.Errorf("mailtest: generate certificate: %w", err)
		}
		d.Cert = c
		if err := os.WriteFile(filepath.Join(d.Dir, "cert.pem"), c.CertPEM, 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(d.Dir, "key.pem"), c.KeyPEM, 0o600); err != nil {
			return err
		}
	}
	var err error
	if d.port, err = freePort(); err != nil {
		return err
	}
	if o.tls {
		if d.tlsPort, err = freePort(); err != nil {
			return err
		}
	}
	conf, err := renderConf(confData{Dir: d.Dir, Port: d.port, TLSPort: d.tlsPort, TLS: o.tls})
	if err != nil {
		return err
	}
	return os.WriteFile(d.conf, conf, 0o644)
}

// traversable adds o+x to every parent of dir that lacks it, or Dovecot's
// own users fail with "Permission denied ... missing +x perm".
func traversable(dir string) error {
	for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("mailtest: %w", err)
		}
		if fi.Mode().Perm()&0o001 == 0 {
			if err := os.Chmod(p, fi.Mode().Perm()|0o001); err != nil {
				return fmt.Errorf("mailtest: Dovecot's users cannot reach %s: %w", dir, err)
			}
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("mailtest: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// AddUser adds or replaces a login. It works before and after start:
// Dovecot re-reads the passwd-file when it changes.
func (d *Dovecot) AddUser(name, password string) error {
	if name == "" || strings.ContainsAny(name, ":/\n\r\t ") || strings.HasPrefix(name, ".") {
		return fmt.Errorf("mailtest: user name %q must be non-empty, not start with a dot, and have no ':', '/' or whitespace", name)
	}
	if password == "" || strings.ContainsAny(password, ":\n\r") {
		return fmt.Errorf("mailtest: the password of %q must be non-empty, without ':' or newlines (passwd-file format)", name)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.users[name] = password
	var b strings.Builder
	for u, p := range d.users {
		fmt.Fprintf(&b, "%s:{PLAIN}%s\n", u, p)
	}
	// Write and rename, so Dovecot never reads a half-written file.
	tmp := filepath.Join(d.Dir, "users.tmp")
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(d.Dir, "users"))
}

// Password returns a user's password.
func (d *Dovecot) Password(user string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.users[user]
}

// Addr is host:port of the IMAP listener (plaintext, or STARTTLS WithTLS).
func (d *Dovecot) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(d.port)) }

// TLSAddr is host:port of the implicit-TLS listener, "" without WithTLS.
func (d *Dovecot) TLSAddr() string {
	if d.tlsPort == 0 {
		return ""
	}
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(d.tlsPort))
}

// Log returns Dovecot's log, for failure messages.
func (d *Dovecot) Log() string {
	b, _ := os.ReadFile(filepath.Join(d.Dir, "dovecot.log"))
	e, _ := os.ReadFile(filepath.Join(d.Dir, "dovecot.stderr"))
	return strings.TrimSpace(string(b) + string(e))
}

func (d *Dovecot) start() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cmd != nil {
		return errors.New("mailtest: Dovecot is already running")
	}
	stderr, err := os.OpenFile(filepath.Join(d.Dir, "dovecot.stderr"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer stderr.Close()
	// -F keeps the master our child, so Pdeathsig stops it even if the test
	// process dies without cleanup.
	cmd := exec.Command(d.bin, "-F", "-c", d.conf)
	cmd.Dir = d.Dir
	cmd.Stdout, cmd.Stderr = stderr, stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("mailtest: start dovecot: %w", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	d.cmd, d.exited = cmd, exited
	if err := d.waitGreeting(exited); err != nil {
		d.stopLocked()
		return fmt.Errorf("%w\ndovecot log:\n%s", err, d.Log())
	}
	return nil
}

// waitGreeting polls until Dovecot says "* OK" on the IMAP port.
func (d *Dovecot) waitGreeting(exited <-chan struct{}) error {
	deadline := time.Now().Add(startTimeout)
	var last error
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return errors.New("mailtest: dovecot exited during start-up")
		default:
		}
		if last = greeting(d.Addr()); last == nil {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("mailtest: dovecot did not greet on %s within %s: %v", d.Addr(), startTimeout, last)
}

func greeting(addr string) error {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(2 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "* OK") {
		return fmt.Errorf("unexpected greeting %q", line)
	}
	return nil
}

// Stop stops Dovecot; the mail stays in Dir. Stopping twice is harmless.
func (d *Dovecot) Stop() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stopLocked()
}

func (d *Dovecot) stopLocked() error {
	if d.cmd == nil {
		return nil
	}
	defer func() { d.cmd = nil }()
	d.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-d.exited:
		return nil
	case <-time.After(10 * time.Second):
		d.cmd.Process.Kill()
		<-d.exited
		return fmt.Errorf("mailtest: dovecot did not stop within 10s of SIGTERM and was killed")
	}
}

// Restart stops and starts Dovecot on the same ports with the same mail,
// e.g. to test a client's reconnect.
func (d *Dovecot) Restart() error {
	if err := d.Stop(); err != nil {
		return err
	}
	return d.start()
}
