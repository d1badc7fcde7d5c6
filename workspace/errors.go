package workspace

import (
	"errors"
	"fmt"
)

// ErrNotFound: no workspace has that name, slug or id.
var ErrNotFound = errors.New("no such workspace")

// ErrExists: a workspace with that name already exists.
var ErrExists = errors.New("a workspace with that name already exists")

// ErrLocked says another running Switchboard has the workspace open for writing.
type ErrLocked struct {
	Name string
	PID  int
}

func (e *ErrLocked) Error() string {
	who := "another Switchboard"
	if e.PID > 0 {
		who = fmt.Sprintf("another Switchboard (process %d)", e.PID)
	}
	return fmt.Sprintf("workspace %q is open in %s: close it there, or switch to it in that window", e.Name, who)
}

// Problem is a workspace folder that could not be read; the others still are.
type Problem struct {
	Dir string // folder name under the data root
	Err error
}

func (p Problem) Error() string { return fmt.Sprintf("workspace folder %q: %v", p.Dir, p.Err) }

func (p Problem) Unwrap() error { return p.Err }
