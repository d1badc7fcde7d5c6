package imapsync

import (
	"context"
	"strings"
	"testing"

	"switchboard/accounts/imapsync/corpus"
	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// checkCorpus asserts that the store holds exactly the corpus: every message once, its
// text decoded, threads as generated, search finding each language.
func checkCorpus(t *testing.T, w *workspace.Workspace, mails []corpus.Mail) {
	t.Helper()
	ctx := context.Background()
	st := stats(t, w)
	if st.Messages != len(mails) {
		t.Fatalf("%d messages stored, want %d", st.Messages, len(mails))
	}
	conv := conversationOf(t, w)
	threadConv := map[int]int64{}
	convThread := map[int64]int{}
	for _, m := range mails {
		if m.MessageID == "" {
			continue
		}
		c, ok := conv[m.MessageID]
		if !ok {
			t.Fatalf("message %s (%s) missing", m.MessageID, m.Lang)
		}
		if prev, ok := threadConv[m.Thread]; ok && prev != c {
			t.Errorf("thread %d split over conversations %d and %d (message %s)", m.Thread, prev, c, m.MessageID)
		}
		if prev, ok := convThread[c]; ok && prev != m.Thread {
			t.Errorf("conversation %d mixes threads %d and %d", c, prev, m.Thread)
		}
		threadConv[m.Thread], convThread[c] = c, m.Thread
	}
	store := mail.Open(w)
	var body string
	for _, m := range mails {
		if m.Lang != "ru" || m.Outbound {
			continue
		}
		if err := w.DB().Read().QueryRowContext(ctx, "SELECT body FROM messages WHERE message_key = ?", m.MessageID).Scan(&body); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(body, m.Phrase) {
			t.Errorf("KOI8-R message %s decoded as %q, want it to contain %q", m.MessageID, body, m.Phrase)
		}
		break
	}
	for _, q := range []struct {
		query, lang, phrase string
	}{{"kun", "cs", "kůň"}, {"Ёжик", "ru", "Ёжик"}, {"bestallning", "sv", "beställning"}, {"cafe frio", "es", "café llegó frío"}} {
		want := 0
		for _, m := range mails {
			if m.Lang == q.lang && strings.Contains(m.Phrase, q.phrase) {
				want++
			}
		}
		hits, err := store.Search(ctx, q.query, 100000)
		if err != nil {
			t.Fatal(err)
		}
		if want == 0 || len(hits) < want {
			t.Errorf("search %q: %d hits, want at least %d", q.query, len(hits), want)
		}
	}
}

func TestImportRawThreadsAndSearches(t *testing.T) {
	w := newWorkspace(t)
	mails := corpus.All(300, 1)
	var inbox, sent, all [][]byte
	for _, m := range mails {
		if m.Outbound {
			sent = append(sent, m.Raw)
		} else {
			inbox = append(inbox, m.Raw)
		}
		all = append(all, m.Raw)
	}
	ctx := context.Background()
	for _, f := range []struct {
		name string
		raws [][]byte
	}{{"INBOX", inbox}, {"Sent", sent}} {
		if _, err := ImportRaw(ctx, w, f.name, f.raws); err != nil {
			t.Fatal(err)
		}
	}
	// The same mail again in another folder is stored once.
	res, err := ImportRaw(ctx, w, "Archive", all)
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 0 || res.Existing != len(all) {
		t.Errorf("second import: %+v, want all %d existing", res, len(all))
	}
	checkCorpus(t, w, mails)
	// The malformed ones are kept with a warning.
	var warned int
	w.DB().Read().QueryRow("SELECT count(*) FROM messages WHERE warnings <> ''").Scan(&warned)
	if warned == 0 {
		t.Error("no message carries a parse warning")
	}
}
