package handover

import (
	"errors"
	"io"
)

// WritePDF writes the note as PDF.
func (n Note) WritePDF(w io.Writer) error { return errors.New("not yet") }
