package mail

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"switchboard/workspace"
	"switchboard/workspace/sqlitedb"
)

// Security is how a connection to a mail server is protected.
type Security string

const (
	TLS      Security = "tls"      // implicit TLS (IMAPS 993, submissions 465): the default
	StartTLS Security = "starttls" // plain connection upgraded with STARTTLS, which must succeed
	Plain    Security = "plain"    // no encryption: only to a loopback host
)

// ParseSecurity reads "tls", "starttls" or "plain"; empty is tls.
func ParseSecurity(s string) (Security, error) {
	switch Security(strings.ToLower(strings.TrimSpace(s))) {
	case "", TLS:
		return TLS, nil
	case StartTLS:
		return StartTLS, nil
	case Plain:
		return Plain, nil
	}
	return "", fmt.Errorf("security %q is not one of tls, starttls, plain", s)
}

// Endpoint is a server a client connects to.
type Endpoint struct {
	Host     string   `json:"host"`
	Port     int      `json:"port"`
	Security Security `json:"security"`
}

// Addr is host:port for dialing.
func (e Endpoint) Addr() string { return net.JoinHostPort(e.Host, strconv.Itoa(e.Port)) }

// ParseEndpoint reads "HOST:PORT".
func ParseEndpoint(hostPort string, sec Security) (Endpoint, error) {
	host, port, err := net.SplitHostPort(strings.TrimSpace(hostPort))
	if err != nil {
		return Endpoint{}, fmt.Errorf("%q is not HOST:PORT (for example imap.example.com:993)", hostPort)
	}
	p, err := strconv.Atoi(port)
	if err != nil || p < 1 || p > 65535 {
		return Endpoint{}, fmt.Errorf("%q: port %q is not a number from 1 to 65535", hostPort, port)
	}
	return Endpoint{Host: host, Port: p, Security: sec}, nil
}

// IsLoopback says whether host names this machine (localhost, 127.0.0.0/8, ::1).
func IsLoopback(host string) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

func (e Endpoint) check(what string) error {
	switch {
	case e.Host == "":
		return fmt.Errorf("%s server: a host name is needed", what)
	case e.Port < 1 || e.Port > 65535:
		return fmt.Errorf("%s server: port %d is not from 1 to 65535", what, e.Port)
	case e.Security != TLS && e.Security != StartTLS && e.Security != Plain:
		return fmt.Errorf("%s server: security %q is not one of tls, starttls, plain", what, e.Security)
	case e.Security == Plain && !IsLoopback(e.Host):
		return fmt.Errorf("%s server %s: unencrypted connections are only allowed to this machine (localhost); use tls or starttls", what, e.Host)
	}
	return nil
}

// Transport is how an account reaches the world.
type Transport string

const (
	// IMAPSMTP syncs with the account's IMAP server and sends through its SMTP server.
	IMAPSMTP Transport = "imap+smtp"
	// Local contacts nothing: mail is imported, replies are kept in the workspace's own
	// Sent folder (the demo workspace; an account kept offline).
	Local Transport = "local"
)

// Account is a mail account of the workspace. Its password is never here: it lives in the
// OS keyring under the account's ID.
type Account struct {
	ID          string   `json:"id"`
	Email       string   `json:"email"`
	DisplayName string   `json:"display_name"`
	Username    string   `json:"username"`
	IMAP        Endpoint `json:"imap"`
	SMTP        Endpoint `json:"smtp"`
	// Transport decides sync, sending and the connection test: "" is IMAPSMTP.
	Transport Transport `json:"transport"`
	// TrustedCertSHA256 is the hex SHA-256 of one self-signed certificate the user chose to
	// trust for this account's servers; verification is never switched off otherwise.
	TrustedCertSHA256 string    `json:"trusted_cert_sha256,omitempty"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
}

// Validate checks an account before it is stored, and fills Username from Email.
func (a *Account) Validate() error {
	a.Email = strings.TrimSpace(a.Email)
	addr, err := mail.ParseAddress(a.Email)
	if err != nil || addr.Address != a.Email {
		return fmt.Errorf("%q is not an email address (name@example.com)", a.Email)
	}
	a.DisplayName = strings.TrimSpace(a.DisplayName)
	if a.Username = strings.TrimSpace(a.Username); a.Username == "" {
		a.Username = a.Email
	}
	a.TrustedCertSHA256 = NormalizeFingerprint(a.TrustedCertSHA256)
	if a.TrustedCertSHA256 != "" && len(a.TrustedCertSHA256) != 64 {
		return fmt.Errorf("trusted certificate fingerprint must be a SHA-256 (64 hex digits), got %d", len(a.TrustedCertSHA256))
	}
	switch a.Transport {
	case "":
		a.Transport = IMAPSMTP
	case IMAPSMTP:
	case Local:
		// No server is ever contacted: servers given are kept, none are needed.
		for _, e := range []*Endpoint{&a.IMAP, &a.SMTP} {
			if e.Security == "" {
				e.Security = TLS
			}
		}
		return nil
	default:
		return fmt.Errorf("transport %q is not %s or %s", a.Transport, IMAPSMTP, Local)
	}
	if err := a.IMAP.check("IMAP"); err != nil {
		return err
	}
	return a.SMTP.check("SMTP")
}

// Offline tells whether the account never contacts a server.
func (a Account) Offline() bool { return a.Transport == Local }

// NormalizeFingerprint lower-cases a hex fingerprint and drops colons and spaces.
func NormalizeFingerprint(s string) string {
	return strings.ToLower(strings.NewReplacer(":", "", " ", "", "-", "").Replace(strings.TrimSpace(s)))
}

// ErrNoAccount: no account with that id or address in this workspace.
var ErrNoAccount = errors.New("no such mail account in this workspace")

const accountColumns = `id, email, display_name, username, imap_host, imap_port, imap_security,
	smtp_host, smtp_port, smtp_security, trusted_cert_sha256, created_at, updated_at, transport`

func scanAccount(s interface{ Scan(...any) error }) (Account, error) {
	var a Account
	var created, updated int64
	err := s.Scan(&a.ID, &a.Email, &a.DisplayName, &a.Username, &a.IMAP.Host, &a.IMAP.Port, &a.IMAP.Security,
		&a.SMTP.Host, &a.SMTP.Port, &a.SMTP.Security, &a.TrustedCertSHA256, &created, &updated, &a.Transport)
	a.CreatedAt, a.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	return a, err
}

// Accounts lists the workspace's accounts by address.
func (s *Store) Accounts(ctx context.Context) ([]Account, error) {
	rows, err := s.db.Read().QueryContext(ctx, "SELECT "+accountColumns+" FROM accounts ORDER BY email")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}

// Account finds an account by id or email address.
func (s *Store) Account(ctx context.Context, ref string) (Account, error) {
	a, err := scanAccount(s.db.Read().QueryRowContext(ctx,
		"SELECT "+accountColumns+" FROM accounts WHERE id = ? OR email = ? COLLATE NOCASE", ref, ref))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("%w: %q (see `switchboard account list`)", ErrNoAccount, ref)
	}
	return a, err
}

// AddAccount stores a new account and gives it an id. The caller stores the password in
// the keyring under that id (accounts.Add does both).
func (s *Store) AddAccount(ctx context.Context, a Account) (Account, error) {
	if err := a.Validate(); err != nil {
		return a, err
	}
	a.ID = uuid.NewString()
	now := time.Now().UTC().Truncate(time.Millisecond)
	a.CreatedAt, a.UpdatedAt = now, now
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM accounts WHERE email = ? COLLATE NOCASE", a.Email).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("an account for %s already exists in this workspace", a.Email)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO accounts ("+accountColumns+") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
			a.ID, a.Email, a.DisplayName, a.Username, a.IMAP.Host, a.IMAP.Port, a.IMAP.Security,
			a.SMTP.Host, a.SMTP.Port, a.SMTP.Security, a.TrustedCertSHA256, now.UnixMilli(), now.UnixMilli(), a.Transport); err != nil {
			return err
		}
		return s.w.Record(ctx, tx, now, a.ID, "account.create", accountData(a))
	})
	return a, err
}

// accountData is an account's settings as the journal records them: never a password,
// which is not in the database at all.
func accountData(a Account) map[string]any {
	return map[string]any{"email": a.Email, "display_name": a.DisplayName, "username": a.Username,
		"imap": fmt.Sprintf("%s:%d %s", a.IMAP.Host, a.IMAP.Port, a.IMAP.Security),
		"smtp": fmt.Sprintf("%s:%d %s", a.SMTP.Host, a.SMTP.Port, a.SMTP.Security), "trusted_cert_sha256": a.TrustedCertSHA256, "transport": a.Transport}
}

// UpdateAccount saves changed settings of an existing account (not its password).
func (s *Store) UpdateAccount(ctx context.Context, a Account) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE accounts SET email = ?, display_name = ?, username = ?,
			imap_host = ?, imap_port = ?, imap_security = ?, smtp_host = ?, smtp_port = ?, smtp_security = ?,
			trusted_cert_sha256 = ?, transport = ?, updated_at = ? WHERE id = ?`,
			a.Email, a.DisplayName, a.Username, a.IMAP.Host, a.IMAP.Port, a.IMAP.Security,
			a.SMTP.Host, a.SMTP.Port, a.SMTP.Security, a.TrustedCertSHA256, a.Transport, time.Now().UnixMilli(), a.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: %q", ErrNoAccount, a.ID)
		}
		return s.w.Record(ctx, tx, time.Now(), a.ID, "account.update", accountData(a))
	})
}

// RemoveAccount deletes an account and its folders' sync state. Messages and
// conversations stay: they are the brand's history, not the server's.
func (s *Store) RemoveAccount(ctx context.Context, id string) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		// Mail that was only in this account's folders moves to a local folder, so the sweep
		// that removes server-expunged mail never takes it.
		keep, err := localFolder(ctx, tx, "Removed account mail")
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO message_locations (folder_id, uid, message_id, flags)
			SELECT ?, l.message_id, l.message_id, max(l.flags) FROM message_locations l JOIN folders f ON f.id = l.folder_id
			WHERE f.account_id = ? AND NOT EXISTS (SELECT 1 FROM message_locations o JOIN folders g ON g.id = o.folder_id
				WHERE o.message_id = l.message_id AND ifnull(g.account_id, '') <> ?)
			GROUP BY l.message_id`, keep, id, id); err != nil {
			return err
		}
		var email string
		err = tx.QueryRowContext(ctx, "DELETE FROM accounts WHERE id = ? RETURNING email", id).Scan(&email)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: %q", ErrNoAccount, id)
		} else if err != nil {
			return err
		}
		return s.w.Record(ctx, tx, time.Now(), id, "account.remove", map[string]string{"email": email})
	})
}

// Store is the mail storage of one workspace.
type Store struct {
	w  *workspace.Workspace
	db *sqlitedb.DB
}

// Open returns the mail store of w.
func Open(w *workspace.Workspace) *Store { return &Store{w: w, db: w.DB()} }

// Workspace is the workspace this store belongs to.
func (s *Store) Workspace() *workspace.Workspace { return s.w }
