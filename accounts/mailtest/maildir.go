package mailtest

import (
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// mailOwner is who Dovecot's mail processes run as (the static userdb).
func mailOwner() (uid, gid int, err error) {
	u, err := user.Lookup("nobody")
	if err != nil {
		return 0, 0, fmt.Errorf("mailtest: no user nobody: %w", err)
	}
	g, err := user.LookupGroup("nogroup")
	if err != nil {
		return 0, 0, fmt.Errorf("mailtest: no group nogroup: %w", err)
	}
	uid, _ = strconv.Atoi(u.Uid)
	gid, _ = strconv.Atoi(g.Gid)
	return uid, gid, nil
}

func chownNobody(root string) error {
	uid, gid, err := mailOwner()
	if err != nil {
		return err
	}
	return filepath.WalkDir(root, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, gid)
	})
}

// maildirPath maps an IMAP folder to its maildir++ folder: INBOX is the
// user's root, "Clients/Acme" is ".Clients.Acme" (separator "/" in the
// config, "." on disk).
func (d *Dovecot) maildirPath(user, folder string) (string, error) {
	if d.Password(user) == "" {
		return "", fmt.Errorf("mailtest: no user %q; add it with WithUser or AddUser", user)
	}
	root := filepath.Join(d.Dir, "mail", user)
	if folder == "" || strings.EqualFold(folder, "INBOX") {
		return root, nil
	}
	if strings.ContainsAny(folder, ".\x00") || strings.HasPrefix(folder, "/") || strings.HasSuffix(folder, "/") || strings.Contains(folder, "//") {
		return "", fmt.Errorf("mailtest: folder %q cannot be written as a maildir (no dots, no empty levels)", folder)
	}
	return filepath.Join(root, "."+strings.ReplaceAll(folder, "/", ".")), nil
}

var maildirSeq atomic.Uint64

// WriteMaildir puts messages straight into a folder's new/ directory, the fast
// way to load thousands. Each file's modification time is its date, which
// Dovecot reports as INTERNALDATE; give dates[i] for msgs[i] (nil dates means
// now). Files are named so that Dovecot assigns UIDs in slice order. It works
// before the first login and while Dovecot runs.
func (d *Dovecot) WriteMaildir(user, folder string, msgs [][]byte, dates []time.Time) error {
	if dates != nil && len(dates) != len(msgs) {
		return fmt.Errorf("mailtest: %d messages but %d dates", len(msgs), len(dates))
	}
	dir, err := d.maildirPath(user, folder)
	if err != nil {
		return err
	}
	uid, gid, err := mailOwner()
	if err != nil {
		return err
	}
	for _, sub := range []string{"cur", "new", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
			return fmt.Errorf("mailtest: %w", err)
		}
	}
	if dir != filepath.Join(d.Dir, "mail", user) {
		// Marks a maildir++ subfolder, as Dovecot itself does.
		if err := os.WriteFile(filepath.Join(dir, "maildirfolder"), nil, 0o600); err != nil {
			return err
		}
	}
	if err := chownNobody(filepath.Join(d.Dir, "mail", user)); err != nil {
		return err
	}
	now := time.Now()
	for i, m := range msgs {
		date := now
		if dates != nil {
			date = dates[i]
		}
		name := fmt.Sprintf("%d.M%012dP%d.mailtest,S=%d", now.Unix(), maildirSeq.Add(1), os.Getpid(), len(m))
		tmp := filepath.Join(dir, "tmp", name)
		if err := os.WriteFile(tmp, m, 0o600); err != nil {
			return fmt.Errorf("mailtest: %w", err)
		}
		if err := os.Chown(tmp, uid, gid); err != nil {
			return err
		}
		if err := os.Chtimes(tmp, date, date); err != nil {
			return err
		}
		// tmp/ then rename: a running Dovecot never sees half a message.
		if err := os.Rename(tmp, filepath.Join(dir, "new", name)); err != nil {
			return err
		}
	}
	return nil
}
