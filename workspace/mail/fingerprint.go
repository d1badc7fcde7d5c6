package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
)

// fingerprintFields are the header fields that say what a message is. Trace and
// transport fields (Received, Return-Path, Delivered-To, DKIM and spam verdicts, X-*)
// differ between the copy in Sent and the one delivered to INBOX, or between two
// deliveries of one message, and are left out.
var fingerprintFields = map[string]bool{
	"from": true, "sender": true, "to": true, "cc": true, "subject": true, "date": true,
	"message-id": true, "in-reply-to": true, "references": true,
	"content-type": true, "content-transfer-encoding": true, "content-disposition": true,
}

// ContentFingerprint hashes what makes a message the message it is: the fields above
// (unfolded, whitespace collapsed) and the body with line endings and trailing blank
// lines normalised, since servers store CRLF or LF and some add a final newline.
func ContentFingerprint(raw []byte) string {
	raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
	head, body, found := bytes.Cut(raw, []byte("\n\n"))
	if !found {
		head, body = raw, nil
	}
	var fields []string
	for _, line := range strings.Split(string(head), "\n") {
		if (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) && len(fields) > 0 {
			if fields[len(fields)-1] != "" {
				fields[len(fields)-1] += " " + line
			}
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok || !fingerprintFields[k] {
			fields = append(fields, "") // a placeholder its continuation lines skip
			continue
		}
		fields = append(fields, k+":"+v)
	}
	sort.Strings(fields) // a server may reorder fields; their set is what counts
	h := sha256.New()
	for _, f := range fields {
		if f != "" {
			h.Write([]byte(strings.Join(strings.Fields(f), " ")))
			h.Write([]byte{'\n'})
		}
	}
	h.Write([]byte{0})
	h.Write(bytes.TrimRight(body, " \t\n"))
	return hex.EncodeToString(h.Sum(nil))
}
