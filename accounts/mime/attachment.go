package mime

import (
	"fmt"
	"math"
)

// AttachmentAt re-parses raw and returns attachment number position (in the order Parse
// lists them, the order the mail store keeps their names in) under its safe filename, with
// its bytes however large: saving is the one place a big attachment is read whole, from
// the raw message the store keeps.
func AttachmentAt(raw []byte, position int) (name string, data []byte, err error) {
	m := Parse(raw, Limits{MaxAttachmentBytes: math.MaxInt})
	if position < 0 || position >= len(m.Attachments) {
		return "", nil, fmt.Errorf("the message has no attachment %d (it has %d)", position+1, len(m.Attachments))
	}
	a := m.Attachments[position]
	return a.Filename, a.Data, nil
}
