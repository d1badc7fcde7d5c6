package mailcli_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"testing"

	"switchboard/accounts/imapsync"
	"switchboard/accounts/imapsync/corpus"
	"switchboard/accounts/mailcli"
	"switchboard/workspace"
	"switchboard/workspace/inbox"
)

// runJSON runs a command and decodes what it printed.
func runJSON(t *testing.T, w *workspace.Workspace, cli command, v any, args ...string) {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := cli(context.Background(), w, args, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, errOut.String())
	}
	if err := json.Unmarshal(out.Bytes(), v); err != nil {
		t.Fatalf("%v printed something that is not the expected JSON: %v\n%s", args, err, out.String())
	}
}

func hasKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s has no %q key: %v", what, k, m)
		}
	}
}

// The contract of `conversations --workspace W [--status S] [--json]` and `stats --json`.
func TestConversationsAndStatsJSON(t *testing.T) {
	w, _ := newWorkspace(t)
	ctx := context.Background()
	var raws [][]byte
	for _, m := range corpus.All(120, 4) {
		raws = append(raws, m.Raw)
	}
	if _, err := imapsync.ImportRaw(ctx, w, "INBOX", raws); err != nil {
		t.Fatal(err)
	}

	// Spread the conversations over every status.
	var ids []int64
	rows, err := w.DB().Read().QueryContext(ctx, "SELECT id FROM conversations WHERE messages > 0 ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) < 2*len(inbox.Statuses) {
		t.Fatalf("only %d conversations; the corpus should make more", len(ids))
	}
	want := map[string]int{}
	err = w.DB().Write(ctx, func(tx *sql.Tx) error {
		for i, id := range ids {
			st := string(inbox.Statuses[i%len(inbox.Statuses)])
			want[st]++
			if _, err := tx.ExecContext(ctx, "UPDATE conversations SET status = ? WHERE id = ?", st, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	var all []map[string]any
	runJSON(t, w, inbox.RunConversationsCLI, &all, "--json", "--limit", "10000")
	if len(all) != len(ids) {
		t.Errorf("conversations --json: %d, want %d", len(all), len(ids))
	}
	for _, st := range inbox.Statuses {
		var got []map[string]any
		runJSON(t, w, inbox.RunConversationsCLI, &got, "--status", string(st), "--json", "--limit", "10000")
		if len(got) != want[string(st)] {
			t.Errorf("--status %s: %d conversations, want %d", st, len(got), want[string(st)])
		}
		for _, c := range got {
			hasKeys(t, "a conversation", c, "id", "subject", "status", "contact", "last_message_at")
			if c["status"] != string(st) {
				t.Errorf("--status %s listed a conversation with status %v", st, c["status"])
			}
		}
	}
	var waiting []map[string]any
	runJSON(t, w, inbox.RunConversationsCLI, &waiting, "--status", "Waiting on customer", "--json", "--limit", "10000")
	if len(waiting) != want["waiting"] {
		t.Errorf("--status \"Waiting on customer\": %d, want the %d waiting", len(waiting), want["waiting"])
	}
	var out, errOut bytes.Buffer
	err = inbox.RunConversationsCLI(ctx, w, []string{"--status", "pending", "--json"}, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "resolved") {
		t.Errorf("--status pending: %v, want an error listing the statuses", err)
	}

	var stats map[string]any
	runJSON(t, w, mailcli.RunStatsCLI, &stats, "--json")
	hasKeys(t, "stats", stats, "messages", "conversations", "contacts", "folders")
	if n, _ := stats["conversations"].(float64); int(n) != len(ids) {
		t.Errorf("stats: %v conversations, want %d", stats["conversations"], len(ids))
	}
	if n, _ := stats["messages"].(float64); int(n) != len(raws) {
		t.Errorf("stats: %v messages, want %d", stats["messages"], len(raws))
	}
	folders, _ := stats["folders"].([]any)
	if len(folders) != 1 {
		t.Fatalf("stats folders: %v, want INBOX only", stats["folders"])
	}
	hasKeys(t, "a folder", folders[0].(map[string]any), "name", "messages", "uid_validity", "uid_next", "highest_modseq")

	var hits []map[string]any
	runJSON(t, w, mailcli.RunSearchCLI, &hits, "--json", "kun")
	if len(hits) == 0 {
		t.Error("search --json kun: no hits in a corpus with Czech mail")
	}
	for _, h := range hits {
		hasKeys(t, "a search hit", h, "message_id", "conversation_id", "subject", "from", "date")
	}
}
