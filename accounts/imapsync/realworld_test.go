package imapsync

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"switchboard/workspace/mail"
)

// TestSyncRealWorldCorpus syncs the real-world messages of accounts/mime/testdata/realworld
// (other parsers' test suites; 126 of them share one of 32 Message-IDs) through Dovecot:
// every distinct message is stored and shown in a conversation, copies of one message in
// INBOX and Sent are stored once, and words inside Chinese and Japanese text are found.
func TestSyncRealWorldCorpus(t *testing.T) {
	// Files that are another file's message again with only line ends, folding, trace or
	// resent fields changed: one message each, as a user would want them.
	sameAs := map[string]string{
		"ruby-mail/attachment_emails_attachment_pdf_lf.eml":           "LF copy",
		"ruby-mail/attachment_emails_attachment_pdf_non_ascii_lf.eml": "LF copy",
		"ruby-mail/plain_emails_basic_email_lf.eml":                   "LF copy",
		"ruby-mail/rfc2822_example08.eml":                             "example01 resent",
		"ruby-mail/rfc2822_example09.eml":                             "example08 with trace fields",
		"zbateson/m0001.txt":                                          "github-102-01 with other folding",
	}
	files, err := filepath.Glob("../mime/testdata/realworld/*/*")
	if err != nil {
		t.Fatal(err)
	}
	var inbox, sent [][]byte
	distinct := map[[32]byte]bool{}
	for i, name := range files {
		if strings.HasSuffix(name, ".md") {
			continue
		}
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, same := sameAs[strings.TrimPrefix(filepath.ToSlash(name), "../mime/testdata/realworld/")]; !same {
			distinct[sha256.Sum256(raw)] = true
		}
		inbox = append(inbox, raw)
		if i%10 == 0 {
			// The same message in Sent, as a server stores it after a redelivery: another
			// trace field on top and LF line ends.
			sent = append(sent, []byte("Received: from relay.example by mx.example; Tue, 2 Jan 2024 10:00:00 +0000\n"+
				strings.ReplaceAll(string(raw), "\r\n", "\n")))
		}
	}
	if len(files) < 300 {
		t.Fatalf("only %d corpus files found", len(files))
	}
	f := newFixture(t)
	if err := f.d.WriteMaildir(user, "INBOX", inbox, nil); err != nil {
		t.Fatal(err)
	}
	if err := f.d.WriteMaildir(user, "Sent", sent, nil); err != nil {
		t.Fatal(err)
	}
	sum := f.once()
	st := stats(t, f.w)
	if st.Messages != len(distinct) {
		t.Errorf("%d messages stored, want %d distinct (sync: %+v)", st.Messages, len(distinct), sum)
	}
	var shown int
	err = f.w.DB().Read().QueryRow("SELECT ifnull(sum(messages), 0) FROM conversations WHERE messages > 0").Scan(&shown)
	if err != nil || shown != st.Messages {
		t.Errorf("conversations show %d messages of %d (%v)", shown, st.Messages, err)
	}
	var located int
	f.w.DB().Read().QueryRow("SELECT count(*) FROM message_locations").Scan(&located)
	if located != len(inbox)+len(sent) {
		t.Errorf("%d locations, want one per server message (%d)", located, len(inbox)+len(sent))
	}
	ctx := context.Background()
	for query, subject := range map[string]string{
		"镜头":                    "我把镜头拉近些，你们看看这个是什么屄，这种场合自然少不了内射", // spamscope mail_test_9, GB2312
		"Hasen und die Frösche": "Die Hasen und die Frösche (Microsoft Outlook 00)",
		"Чаплыгина":             "",
	} {
		hits, err := mail.Open(f.w).Search(ctx, query, 50)
		if err != nil || len(hits) == 0 {
			t.Errorf("%q: %d hits, %v", query, len(hits), err)
			continue
		}
		if subject != "" && !hasSubject(hits, subject) {
			t.Errorf("%q: no hit with subject %q", query, subject)
		}
	}
	if again := f.once(); again.New != 0 {
		t.Errorf("a second pass stored %d more", again.New)
	}
}

func hasSubject(hits []mail.Hit, subject string) bool {
	for _, h := range hits {
		if h.Subject == subject {
			return true
		}
	}
	return false
}
