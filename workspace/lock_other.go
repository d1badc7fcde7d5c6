//go:build !unix

package workspace

import (
	"fmt"
	"os"
)

// fileLock on systems without flock: an exclusive-create file. A crash can leave it
// behind; the error then names the file to remove.
type fileLock struct{ path string }

func lockFile(path, name string) (*fileLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if os.IsExist(err) {
			return nil, fmt.Errorf("%w (if no Switchboard is running, remove %s)", &ErrLocked{Name: name}, path)
		}
		return nil, fmt.Errorf("cannot create %s: %w", path, err)
	}
	f.Close()
	return &fileLock{path: path}, nil
}

func (l *fileLock) release() error { return os.Remove(l.path) }
