package sqlitedb

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"
)

// A full integrity_check reads every page: about 0.6 s for a 50,000-message workspace,
// paid at every open and every command-line run. It is only worth it when the file may
// have been damaged, so a clean Close leaves a marker with the file's size and time,
// Open removes it, and the check is skipped only while the marker still matches the
// file, no WAL was left behind, and the last full check is less than a week old. Any
// crash, copy, restore or edit from outside brings the full check back.
const recheckEvery = 7 * 24 * time.Hour

func markerPath(path string) string { return path + ".clean" }

// rememberCheck records a clean close of a file whose integrity was last verified at
// checked. Failing to write the marker only costs the next open a full check, so errors
// are ignored.
func rememberCheck(path string, checked time.Time) {
	st, err := os.Stat(path)
	if err != nil || checked.IsZero() {
		return
	}
	m := marker{size: st.Size(), mtime: st.ModTime().UnixNano(), checked: checked}
	os.WriteFile(markerPath(path), []byte(m.String()), 0o600)
}

// forgetCheck removes the marker while the file is open for writing.
func forgetCheck(path string) error {
	err := os.Remove(markerPath(path))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot remove %s: %w", markerPath(path), err)
	}
	return nil
}

// cleanSinceCheck says the file is exactly as a clean close left it, and when its
// integrity was last verified.
func cleanSinceCheck(path string) (time.Time, bool) {
	m, ok := readMarker(path)
	if !ok || time.Since(m.checked) > recheckEvery {
		return time.Time{}, false
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return time.Time{}, false // a process died with the file open
	}
	st, err := os.Stat(path)
	return m.checked, err == nil && m.matches(st)
}

type marker struct {
	size, mtime int64
	checked     time.Time
}

func (m marker) matches(st fs.FileInfo) bool {
	return st.Size() == m.size && st.ModTime().UnixNano() == m.mtime
}

func (m marker) String() string {
	return fmt.Sprintf("%d %d %d\n", m.size, m.mtime, m.checked.Unix())
}

func readMarker(path string) (marker, bool) {
	b, err := os.ReadFile(markerPath(path))
	if err != nil {
		return marker{}, false
	}
	f := strings.Fields(string(b))
	if len(f) != 3 {
		return marker{}, false
	}
	var n [3]int64
	for i := range f {
		if n[i], err = strconv.ParseInt(f[i], 10, 64); err != nil {
			return marker{}, false
		}
	}
	return marker{size: n[0], mtime: n[1], checked: time.Unix(n[2], 0)}, true
}
