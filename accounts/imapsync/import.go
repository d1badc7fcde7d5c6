package imapsync

import (
	"context"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// ImportRaw stores raw messages in a local folder of w, parsed and threaded exactly as
// synced mail is; it arrives unread. The demo workspace is seeded with it.
func ImportRaw(ctx context.Context, w *workspace.Workspace, folder string, raws [][]byte) (mail.IngestResult, error) {
	msgs := make([]mail.Incoming, len(raws))
	for i, raw := range raws {
		p := Parse(raw)
		received := p.Date
		if received.IsZero() {
			received = time.Now()
		}
		msgs[i] = mail.Incoming{ReceivedAt: received, Raw: raw, Parsed: p}
	}
	return mail.Open(w).ImportLocal(ctx, folder, msgs)
}
