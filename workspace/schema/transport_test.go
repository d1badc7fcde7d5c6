package schema_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"switchboard/workspace/schema"
	"switchboard/workspace/sqlitedb"
)

// A demo workspace made before accounts had a transport keeps working offline: its
// account becomes local; a real client's accounts keep their servers.
func TestTransportMigrationMakesTheDemoAccountLocal(t *testing.T) {
	ctx := context.Background()
	all := schema.Migrations()
	before := -1
	for i, m := range all {
		if strings.HasSuffix(m.Name, "_account_transport.sql") { // the number changes when branches merge
			before = i
		}
	}
	if before < 0 {
		t.Fatalf("no account_transport migration among %d", len(all))
	}
	for _, c := range []struct {
		demo bool
		want string
	}{{true, "local"}, {false, "imap+smtp"}} {
		path := filepath.Join(t.TempDir(), "workspace.db")
		db, err := sqlitedb.Open(ctx, path, all[:before])
		if err != nil {
			t.Fatal(err)
		}
		err = db.Write(ctx, func(tx *sql.Tx) error {
			if c.demo {
				if _, err := tx.Exec("INSERT INTO settings (key, value, updated_at) VALUES ('demo.version', '1', 0)"); err != nil {
					return err
				}
			}
			_, err := tx.Exec(`INSERT INTO accounts (id, email, username, imap_host, imap_port, imap_security, smtp_host, smtp_port,
				smtp_security, created_at, updated_at) VALUES ('a1', 'hello@x.example', 'hello', 'imap.x.example', 993, 'tls', 'smtp.x.example', 465, 'tls', 0, 0)`)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		if db, err = sqlitedb.Open(ctx, path, all); err != nil {
			t.Fatal(err)
		}
		var got string
		if err := db.Read().QueryRow("SELECT transport FROM accounts WHERE id = 'a1'").Scan(&got); err != nil || got != c.want {
			t.Errorf("demo=%v: transport %q %v, want %q", c.demo, got, err, c.want)
		}
		db.Close()
	}
}
