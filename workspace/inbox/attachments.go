package inbox

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// SaveAttachment writes data into dir under name, the filename the MIME parser already
// made safe, and returns the path written. An existing file is never replaced: the name
// gets " (2)", " (3)", … before its extension, and the file is created exclusively, so two
// saves at once cannot overwrite each other either.
func SaveAttachment(dir, name string, data []byte) (string, error) {
	name = filepath.Base(filepath.Clean("/" + strings.ReplaceAll(name, `\`, "/"))) // once more: never outside dir
	if name == "/" || name == "." || name == "" {
		name = "attachment"
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for n := 1; n < 1000; n++ {
		path := filepath.Join(dir, name)
		if n > 1 {
			path = filepath.Join(dir, fmt.Sprintf("%s (%d)%s", stem, n, ext))
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("saving %s: %w", name, err)
		}
		_, err = f.Write(data)
		if err = errors.Join(err, f.Close()); err != nil {
			os.Remove(path) // a partial file must not look like the attachment
			return "", fmt.Errorf("saving %s: %w", name, err)
		}
		return path, nil
	}
	return "", fmt.Errorf("saving %s: %s already holds 999 files of that name", name, dir)
}
