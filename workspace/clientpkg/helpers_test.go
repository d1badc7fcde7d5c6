package clientpkg_test

import (
	"archive/zip"
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"switchboard/accounts/mime"
	"switchboard/workspace"
	"switchboard/workspace/clientpkg"
	"switchboard/workspace/handover/handovertest"
	"switchboard/workspace/workspacetest"
)

// seeded is a workspace with the fixed shift of handovertest in a root of its own.
func seeded(t *testing.T) (*workspace.Root, *workspace.Workspace) {
	t.Helper()
	root := workspacetest.Root(t)
	w := workspacetest.Open(t, root, "Nordlys Coffee")
	handovertest.Seed(t, w)
	return root, w
}

// export writes w's package into a temporary folder and returns its path.
func export(t *testing.T, w *workspace.Workspace) (string, clientpkg.Manifest) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nordlys.zip")
	m, err := clientpkg.ExportFile(context.Background(), w, path, clientpkg.ExportOptions{Attachments: mime.AttachmentAt,
		Now: func() time.Time { return handovertest.Now }})
	if err != nil {
		t.Fatal(err)
	}
	return path, m
}

// zipEntries reads every entry of a package, uncompressed.
func zipEntries(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// rows reads a query's result as strings, for comparing two databases.
func rows(t *testing.T, db *sql.DB, query string) [][]string {
	t.Helper()
	r, err := db.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cols, _ := r.Columns()
	var out [][]string
	for r.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := r.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		out = append(out, row)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// hiddenLeftovers lists dot-folders an import may have left in the data root.
func hiddenLeftovers(t *testing.T, root *workspace.Root) []string {
	t.Helper()
	entries, err := os.ReadDir(root.Dir())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && e.Name()[0] == '.' {
			out = append(out, e.Name())
		}
	}
	return out
}

func writeFile(path string, data []byte) error { return os.WriteFile(path, data, 0o600) }
