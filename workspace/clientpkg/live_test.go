package clientpkg_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"switchboard/workspace/mail"
)

// A sync writing mail while the package is made: the snapshot must be one moment of the
// database, whole (integrity_check ok) and agreeing with itself and with the .eml files.
func TestExportWhileSyncWritesIsConsistent(t *testing.T) {
	ctx := context.Background()
	_, w := seeded(t)
	store := mail.Open(w)
	accts, err := store.Accounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	folder, err := store.EnsureFolder(ctx, accts[0].ID, "INBOX", mail.RoleInbox)
	if err != nil {
		t.Fatal(err)
	}
	var written atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the sync: one small transaction per message, as fast as it can
		defer wg.Done()
		for uid := uint32(1000); ; uid++ {
			select {
			case <-stop:
				return
			default:
			}
			id := fmt.Sprintf("live%d@example.test", uid)
			at := time.Date(2026, 3, 3, 17, 0, 0, 0, time.UTC).Add(time.Duration(uid) * time.Second)
			body := strings.Repeat("Where is my order? ", 40)
			p := &mail.Parsed{MessageID: id, Subject: fmt.Sprintf("Order %d", uid%50), SubjectKey: fmt.Sprintf("order %d", uid%50),
				From: mail.Address{Name: "Live Customer", Email: fmt.Sprintf("c%d@example.test", uid%30)}, Date: at, Text: body, Snippet: body[:60]}
			raw := fmt.Appendf(nil, "Message-ID: <%s>\r\nSubject: %s\r\n\r\n%s\r\n", id, p.Subject, body)
			if _, err := store.Ingest(ctx, folder.ID, []mail.Incoming{{UID: uid, ReceivedAt: at, Raw: raw, Parsed: p}}, uid+1); err != nil {
				t.Error(err)
				return
			}
			written.Add(1)
		}
	}()
	for written.Load() < 50 { // the sync is well under way before the export starts
		time.Sleep(time.Millisecond)
	}
	before := written.Load()
	path, m := export(t, w)
	during := written.Load() - before
	close(stop)
	wg.Wait()
	if during == 0 {
		t.Fatal("no message was written while the package was made: the test proved nothing")
	}
	t.Logf("%d messages written while exporting; the snapshot holds %d", during, m.Counts.Messages)

	entries := zipEntries(t, path)
	dbPath := filepath.Join(t.TempDir(), "snapshot.db")
	if err := writeFile(dbPath, entries["workspace.db"]); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check of the snapshot: %q, %v", check, err)
	}
	var msgs, raws, summed, ftsRows int
	err = db.QueryRow(`SELECT (SELECT count(*) FROM messages), (SELECT count(*) FROM message_raw),
		(SELECT sum(messages) FROM conversations), (SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'order')`).Scan(&msgs, &raws, &summed, &ftsRows)
	if err != nil {
		t.Fatal(err)
	}
	emls := 0
	for name := range entries {
		if strings.HasSuffix(name, ".eml") {
			emls++
		}
	}
	live := 0
	for name, data := range entries {
		if strings.HasSuffix(name, ".eml") && strings.Contains(string(data), "@example.test>") && strings.Contains(string(data), "live") {
			live++
		}
	}
	if msgs != raws || msgs != summed || msgs != emls || msgs != m.Counts.Messages {
		t.Errorf("the snapshot disagrees with itself: %d messages, %d raw, %d counted on conversations, %d .eml files, %d in the manifest",
			msgs, raws, summed, emls, m.Counts.Messages)
	}
	if live < int(before) || ftsRows < live {
		t.Errorf("the snapshot has %d live messages (%d indexed), fewer than the %d written before the export started", live, ftsRows, before)
	}
}
