package clientpkg_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"switchboard/accounts/secrets"
	"switchboard/accounts/secrets/keyringtest"
	"switchboard/workspace/clientpkg"
	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
)

func TestPackageHoldsNoSecretFromTheKeyring(t *testing.T) {
	keyringtest.Start(t)
	ctx := context.Background()
	_, w := seeded(t)
	accts, err := mail.Open(w).Accounts(ctx)
	if err != nil || len(accts) == 0 {
		t.Fatalf("no account to give a password: %v", err)
	}
	const secret = "hunter2-Kf8#qZ-nordlys-imap-password"
	store := secrets.New(10 * time.Second)
	if err := store.Set(ctx, w.ID(), accts[0].ID, secret); err != nil {
		t.Fatal(err)
	}
	if got, err := store.Get(ctx, w.ID(), accts[0].ID); err != nil || got != secret {
		t.Fatalf("the keyring did not keep the password (%q, %v): the test would prove nothing", got, err)
	}
	path, _ := export(t, w)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, needle := range []string{secret, "hunter2", "Kf8#qZ"} {
		if bytes.Contains(raw, []byte(needle)) {
			t.Errorf("the package file contains %q", needle)
		}
		for name, data := range zipEntries(t, path) {
			if bytes.Contains(data, []byte(needle)) {
				t.Errorf("%s in the package contains %q", name, needle)
			}
		}
	}
	// And the imported workspace asks for it: nothing in the keyring under its new id.
	dest := workspacetest.Root(t)
	info, err := clientpkg.Import(ctx, dest, path, clientpkg.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Get(ctx, info.ID, accts[0].ID); !errors.Is(err, secrets.ErrNotFound) {
		t.Errorf("the imported workspace's account finds a password (%v); it must ask for one", err)
	}
}

// rewrite copies a package, letting change alter an entry's bytes (or drop it: nil).
func rewrite(t *testing.T, src string, change func(name string, data []byte) []byte, extra map[string][]byte) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "altered.zip")
	f, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	put := func(name string, data []byte) {
		w, err := zw.Create(name)
		if err == nil {
			_, err = w.Write(data)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range zipEntries(t, src) {
		if data = change(name, data); data != nil {
			put(name, data)
		}
	}
	for name, data := range extra {
		put(name, data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return dst
}

func TestTruncatedOrTamperedPackageIsRefusedAndLeavesNothing(t *testing.T) {
	ctx := context.Background()
	_, w := seeded(t)
	path, _ := export(t, w)
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(t.TempDir(), "truncated.zip")
	if err := os.WriteFile(truncated, whole[:len(whole)*2/3], 0o600); err != nil {
		t.Fatal(err)
	}
	keep := func(_ string, d []byte) []byte { return d }
	cases := map[string]struct {
		path, says string
	}{
		"truncated": {truncated, "may be truncated"},
		"a message altered": {rewrite(t, path, func(name string, d []byte) []byte {
			if strings.HasPrefix(name, "messages/") {
				return bytes.Replace(d, []byte("NC-48102"), []byte("NC-99999"), 1)
			}
			return d
		}, nil), "does not match its checksum"},
		"the database altered": {rewrite(t, path, func(name string, d []byte) []byte {
			if name == "workspace.db" {
				d = bytes.Clone(d)
				d[len(d)/2] ^= 0xff
			}
			return d
		}, nil), "workspace.db does not match"},
		"a damaged database the manifest vouches for": {resealed(t, path, func(d []byte) []byte {
			d = bytes.Clone(d)
			for i := 8192; i < 8192+512 && i < len(d); i++ {
				d[i] = 0xA5 // page 3 onwards: a b-tree page, not the header
			}
			return d
		}), "database does not open"},
		"a file added":   {rewrite(t, path, keep, map[string][]byte{"messages/evil.eml": []byte("From: x\r\n\r\nhi")}), "not in the manifest"},
		"a file removed": {rewrite(t, path, func(name string, d []byte) []byte { return map[bool][]byte{true: nil, false: d}[name == "faq.csv"] }, nil), "faq.csv is missing"},
		"no manifest": {rewrite(t, path, func(name string, d []byte) []byte {
			return map[bool][]byte{true: nil, false: d}[name == "manifest.json"]
		}, nil), "no manifest.json"},
		"a path outside it": {rewrite(t, path, keep, map[string][]byte{"../escape.txt": []byte("x")}), "not in the manifest"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dest := workspacetest.Root(t)
			info, err := clientpkg.Import(ctx, dest, c.path, clientpkg.ImportOptions{})
			if err == nil {
				t.Fatalf("imported %+v from a package with %s", info, name)
			}
			if !errors.Is(err, clientpkg.ErrDamaged) || !strings.Contains(err.Error(), c.says) || !strings.Contains(err.Error(), "nothing was imported") {
				t.Errorf("error %q: want it to say the package is damaged (%q) and what to do", err, c.says)
			}
			if list, _ := dest.List(ctx, true); len(list) != 0 {
				t.Errorf("a refused package left workspaces behind: %+v", list)
			}
			if left := hiddenLeftovers(t, dest); len(left) != 0 {
				t.Errorf("a refused package left folders behind: %v", left)
			}
		})
	}
}

// resealed alters workspace.db and writes a manifest that matches the altered bytes, as a
// careless tool (or a careful attacker) would.
func resealed(t *testing.T, src string, change func([]byte) []byte) string {
	t.Helper()
	entries := zipEntries(t, src)
	db := change(entries["workspace.db"])
	var m clientpkg.Manifest
	if err := json.Unmarshal(entries["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	for i, f := range m.Files {
		if f.Path == "workspace.db" {
			sum := sha256.Sum256(db)
			m.Files[i].Size, m.Files[i].SHA256 = int64(len(db)), hex.EncodeToString(sum[:])
		}
	}
	manifest, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return rewrite(t, src, func(name string, d []byte) []byte {
		switch name {
		case "workspace.db":
			return db
		case "manifest.json":
			return manifest
		}
		return d
	}, nil)
}
