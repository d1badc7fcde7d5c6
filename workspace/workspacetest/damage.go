package workspacetest

import (
	"database/sql"
	"math/rand"
	"os"
	"testing"

	_ "modernc.org/sqlite" // the "sqlite" driver
)

// Damage overwrites one page of a cleanly closed workspace.db with noise and restores the
// file's time: bit rot, or a bad backup restored. The page is the first of the table's
// own (its root), so the first query that reads the table meets the damage, wherever
// the migrations of the day put that page in the file. The file is read immutable, so
// nothing is created beside it.
func Damage(t testing.TB, path, table string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	var page, size int64
	err = db.QueryRow("SELECT rootpage FROM sqlite_master WHERE name = ?", table).Scan(&page)
	if err == nil {
		err = db.QueryRow("PRAGMA page_size").Scan(&size)
	}
	db.Close()
	if err != nil {
		t.Fatalf("finding table %s in %s: %v", table, path, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	at := (page - 1) * size
	rand.New(rand.NewSource(4)).Read(b[at : at+size])
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(path, st.ModTime(), st.ModTime())
}
