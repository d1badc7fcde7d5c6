package imapsync

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"switchboard/accounts/imapsync/corpus"
	"switchboard/workspace/mail"
)

// FuzzImportRaw drives arbitrary bytes through the whole ingest path (parse, thread,
// store, index) into a real workspace. Whatever arrives must be stored without an error
// or a panic, with its raw bytes intact and, when the parser had trouble, a warning
// shown with it. Run it with
//
//	go test -run FuzzImportRaw -fuzz FuzzImportRaw -fuzztime 60s -fuzzminimizetime 10x ./accounts/imapsync
//
// (SQLite gives the fuzzer new coverage often, and minimizing each find for the
// default 60s would leave no time for fuzzing.) testdata/ keeps finds worth replaying:
// NUL bytes and invalid UTF-8 in Message-ID and Date, cut encoded words and boundaries.
func FuzzImportRaw(f *testing.F) {
	for _, m := range corpus.All(40, 13) { // every language and charset, and the malformed ones
		f.Add(m.Raw)
	}
	f.Add([]byte{})
	f.Add([]byte("\r\n\r\n"))
	f.Add([]byte("Message-ID: <dup@example>\r\nSubject: =?koi8-r?B?5dbJyw==?=\r\n\r\n\x00\xff"))
	f.Add([]byte("Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x--"))

	w := newWorkspace(f) // one per fuzzing process: creating one per input would be most of the work
	store := mail.Open(w)
	ctx := context.Background()
	n := 0
	f.Fuzz(func(t *testing.T, raw []byte) {
		n++
		folder := fmt.Sprintf("fuzz-%d", n) // a folder of its own, so its message is easy to find
		res, err := ImportRaw(ctx, w, folder, [][]byte{raw})
		if err != nil {
			t.Fatalf("ImportRaw refused a message, which must always be kept: %v", err)
		}
		if res.New+res.Existing != 1 {
			t.Fatalf("one message imported as %+v", res)
		}
		var id int64
		var warnings string
		err = w.DB().Read().QueryRowContext(ctx, `SELECT m.id, m.warnings FROM message_locations l
			JOIN folders f ON f.id = l.folder_id JOIN messages m ON m.id = l.message_id
			WHERE f.name = ? AND f.account_id IS NULL`, folder).Scan(&id, &warnings)
		if err != nil {
			t.Fatalf("the imported message is not in its folder: %v", err)
		}
		if res.Existing == 1 {
			return // its Message-ID was stored before with other bytes; that one is kept
		}
		kept, err := store.Raw(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(kept, raw) {
			t.Errorf("raw bytes changed in storage: %d bytes in, %d kept", len(raw), len(kept))
		}
		if p := Parse(raw); len(p.Warnings) > 0 && warnings == "" {
			t.Errorf("parse warnings %q were not stored with the message", p.Warnings)
		}
	})
}
