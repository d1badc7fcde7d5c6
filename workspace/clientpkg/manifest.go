package clientpkg

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"path"
	"strings"
	"time"
)

// Format names a client package in its manifest.
const (
	Format  = "switchboard-client-package"
	Version = 1
)

const manifestName = "manifest.json"

// Manifest describes a package.
type Manifest struct {
	Format    string    `json:"format"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	Source    Source    `json:"source"`
	Schema    int       `json:"schema_version"` // the database's migration level
	Counts    Counts    `json:"counts"`
	Files     []File    `json:"files"`
}

// Source is the workspace a package was made from.
type Source struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Color    string `json:"color"`
	TimeZone string `json:"time_zone"`
}

// Counts are what the snapshot holds, for the README and for a quick check after import.
type Counts struct {
	Conversations int `json:"conversations"`
	Messages      int `json:"messages"`
	Attachments   int `json:"attachments"`
	FAQ           int `json:"faq_entries"`
	JournalEntry  int `json:"journal_entries"`
	Accounts      int `json:"accounts"`
}

// File is one file of the package with its checksum.
type File struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// hashingWriter counts and hashes what goes through it.
type hashingWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func newHashingWriter(w io.Writer) *hashingWriter { return &hashingWriter{w: w, h: sha256.New()} }

func (hw *hashingWriter) Write(p []byte) (int, error) {
	n, err := hw.w.Write(p)
	hw.h.Write(p[:n])
	hw.n += int64(n)
	return n, err
}

func (hw *hashingWriter) sum() string { return hex.EncodeToString(hw.h.Sum(nil)) }

func (m Manifest) marshal() ([]byte, error) { return json.MarshalIndent(m, "", "  ") }

// safePath accepts only clean relative paths inside the package: no "..", no absolute
// paths, no backslashes (a crafted zip must not write outside the new workspace).
func safePath(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) || path.Clean(p) != p || p == "." ||
		strings.HasPrefix(p, "../") || p == ".." {
		return fmt.Errorf("the package names a file %q outside itself", p)
	}
	return nil
}
