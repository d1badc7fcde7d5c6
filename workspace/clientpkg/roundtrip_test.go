package clientpkg_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"switchboard/workspace/clientpkg"
	"switchboard/workspace/workspacetest"
)

// What must survive the trip, table by table, in an order that does not depend on local
// row numbers (those are allowed to differ; global ids are not).
var sameAfterImport = map[string]string{
	"conversations": `SELECT c.gid, c.subject, c.status, c.messages, c.waiting_since, c.follow_up_at, c.snooze_until, ifnull(k.email, ''),
		ifnull(st.name, ''), (SELECT group_concat(l.name) FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id WHERE cl.conversation_id = c.id)
		FROM conversations c LEFT JOIN contacts k ON k.id = c.contact_id LEFT JOIN staff st ON st.id = c.assignee_id ORDER BY c.gid`,
	"messages": `SELECT m.message_key, c.gid, m.subject, m.from_email, m.date, m.outbound, m.body, length(r.raw) || ':' || hex(r.raw)
		FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN message_raw r ON r.message_id = m.id ORDER BY m.message_key`,
	"faq":            `SELECT id, question, phrasings, answer, tags, lang, owner, created_at, updated_at, deleted_at FROM faq_entries ORDER BY id`,
	"notes":          `SELECT n.gid, c.gid, n.author, n.body, n.created_at FROM notes n JOIN conversations c ON c.id = n.conversation_id ORDER BY n.gid`,
	"handover notes": `SELECT gid, author, body, created_at, deleted_at FROM handover_notes ORDER BY gid`,
	"journal":        `SELECT id, at, actor, object, kind, data FROM journal WHERE kind <> 'workspace.imported' ORDER BY id`,
	"contacts":       `SELECT email, name, abuse_level, messages FROM contacts ORDER BY email`,
	"abuse steps":    `SELECT k.email, a.action, a.actor, a.reason, a.at FROM contact_actions a JOIN contacts k ON k.id = a.contact_id ORDER BY a.at`,
	"settings":       `SELECT key, value FROM settings ORDER BY key`,
	"playbooks":      `SELECT gid, name, severity, body, review_by, created_at, updated_at, deleted_at FROM playbooks ORDER BY gid`,
	"incidents":      `SELECT i.gid, i.playbook, i.state, i.reason, i.started_at, i.closed_at, s.step, s.text, s.done_at FROM incidents i JOIN incident_steps s ON s.incident = i.gid ORDER BY i.gid, s.step`,
	"pause":          `SELECT reason, incident, since FROM pause`,
	"shifts":         `SELECT gid, staff, weekday, start_min, end_min FROM shifts ORDER BY gid`,
	"posts":          `SELECT * FROM planned_posts ORDER BY 1`,
	"follow-ups":     `SELECT * FROM follow_ups ORDER BY 1`,
	"accounts":       `SELECT email, username, imap_host, imap_port, smtp_host, smtp_port FROM accounts ORDER BY email`,
}

func TestExportThenImportGivesTheSameWorkspace(t *testing.T) {
	ctx := context.Background()
	_, src := seeded(t)
	if err := src.SetSetting(ctx, "brand.tone", "Warm, plain and brief."); err != nil {
		t.Fatal(err)
	}
	path, m := export(t, src)

	dest := workspacetest.Root(t)
	info, err := clientpkg.Import(ctx, dest, path, clientpkg.ImportOptions{Name: "Nordlys (from the agency)"})
	if err != nil {
		t.Fatal(err)
	}
	if info.ID == src.ID() || info.Name != "Nordlys (from the agency)" || info.TimeZone != src.Info().TimeZone {
		t.Errorf("imported workspace %+v: want a new id, the given name and the source's zone %s", info, src.Info().TimeZone)
	}
	got, err := dest.Open(ctx, info.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	for what, q := range sameAfterImport {
		q = strings.ReplaceAll(q, "length(r.raw) || ':' || hex(r.raw)", "length(r.raw) || ':' || hex(substr(r.raw, 1, 64))")
		want, have := rows(t, src.DB().Read(), q), rows(t, got.DB().Read(), q)
		if len(want) == 0 {
			t.Errorf("%s: the seeded workspace has none, so the comparison proves nothing", what)
		}
		if !reflect.DeepEqual(want, have) {
			t.Errorf("%s differ after export and import:\nsource   %v\nimported %v", what, want, have)
		}
	}
	// The scheduled reply is held for a person: the source may still send it.
	// A sent reply stays sent.
	held := rows(t, got.DB().Read(), "SELECT state, workspace_id FROM outbox ORDER BY send_at")
	if len(held) != 2 || held[0][0] != "sent" || held[1][0] != "failed" || held[0][1] != info.ID || held[1][1] != info.ID {
		t.Errorf("outbox after import %v: want the sent reply sent, the scheduled one held (failed, for a person to retry), both owned by %s", held, info.ID)
	}
	entries := zipEntries(t, path)
	for _, name := range []string{"README.md", "manifest.json", "workspace.db", "faq.csv", "voice.md", "playbooks/quality-problem-with-a-roast-batch.md"} {
		if len(entries[name]) == 0 {
			t.Errorf("the package has no %s", name)
		}
	}
	emls := 0
	for name := range entries {
		if strings.HasPrefix(name, "messages/") && strings.HasSuffix(name, ".eml") {
			emls++
		}
	}
	if emls != m.Counts.Messages || m.Counts.Messages != 7 {
		t.Errorf("%d .eml files for %d messages in the manifest; the shift has 7", emls, m.Counts.Messages)
	}
	if ics := string(entries["schedule.ics"]); !strings.HasPrefix(ics, "BEGIN:VCALENDAR") || !strings.Contains(ics, "Replacement bags of Midnight Sun") ||
		!strings.Contains(ics, "Shift: Erik Dahl") {
		t.Errorf("schedule.ics lacks the planned post or the shifts:\n%.600s", ics)
	}
	if pb := string(entries["playbooks/quality-problem-with-a-roast-batch.md"]); !strings.Contains(pb, "1. Confirm the batch number with two customers (Community manager)") {
		t.Errorf("the playbook's Markdown lacks its checklist:\n%s", pb)
	}
	if !strings.Contains(string(entries["faq.csv"]), "Do you have decaf?") || !strings.Contains(string(entries["voice.md"]), "Warm, plain and brief.") {
		t.Errorf("faq.csv or voice.md lack what the workspace holds:\n%s\n%s", entries["faq.csv"], entries["voice.md"])
	}
	if !strings.Contains(string(entries["README.md"]), fmt.Sprintf("%d conversations, %d messages", m.Counts.Conversations, m.Counts.Messages)) {
		t.Errorf("README does not say what is inside:\n%s", entries["README.md"])
	}
}
