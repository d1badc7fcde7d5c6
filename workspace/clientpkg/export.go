package clientpkg

import (
	"archive/zip"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"

	"switchboard/workspace"
	"switchboard/workspace/faq"
)

// AttachmentReader returns attachment number position of a raw message: its safe file
// name and its bytes. main.go wires accounts/mime.AttachmentAt (the MIME parser lives in
// accounts, which workspace must not import).
type AttachmentReader func(raw []byte, position int) (name string, data []byte, err error)

// ExtraFile is a file a feature adds to the package (a playbook, the schedule).
type ExtraFile struct {
	Path string // inside the package, e.g. "playbooks/outage.md" or "schedule.ics"
	Data []byte
}

// Extra gives a feature's files for the package, read from the snapshot (a workspace
// opened on the copy, never the live one) as of now, the package's time.
type Extra func(ctx context.Context, snapshot *workspace.Workspace, now time.Time) ([]ExtraFile, error)

// Extras are the features' parts of a package. Crisis (playbooks) and Schedule (.ics)
// add theirs here.
var Extras = []Extra{voiceRules}

// ExportOptions tune an export.
type ExportOptions struct {
	Now         func() time.Time // nil: time.Now
	Attachments AttachmentReader // nil: attachments stay inside their .eml only
	// TempDir holds the database copy while the package is made ("": the system's); a
	// copy as big as the workspace, so ExportFile puts it beside the package.
	TempDir string
}

// Export writes w as a client package to out. The database is copied with VACUUM INTO
// through the workspace's own read pool: SQLite gives that statement one read
// transaction, so the copy is the database as of one moment while sync and the user go
// on writing. Everything else in the package is read from that copy, so the files and
// the database agree.
func Export(ctx context.Context, w *workspace.Workspace, out io.Writer, opt ExportOptions) (Manifest, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	tmp, err := os.MkdirTemp(opt.TempDir, ".switchboard-export-*")
	if err != nil {
		return Manifest{}, fmt.Errorf("export: no temporary folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	snapDir := filepath.Join(tmp, "root", "snapshot")
	if err := os.MkdirAll(snapDir, 0o700); err != nil {
		return Manifest{}, err
	}
	dbPath := filepath.Join(snapDir, "workspace.db")
	if err := snapshot(ctx, w, dbPath); err != nil {
		return Manifest{}, fmt.Errorf("export: copying the database of %q: %w", w.Info().Name, err)
	}
	info := w.Info()
	m := Manifest{Format: Format, Version: Version, CreatedAt: opt.Now().UTC().Truncate(time.Second),
		Source: Source{ID: info.ID, Name: info.Name, Color: info.Color, TimeZone: info.TimeZone}}

	zw := zip.NewWriter(out)
	// Deflate's fastest level: four times the speed of the default for a few percent
	// more bytes, which matters for a workspace of gigabytes made while the user waits.
	zw.RegisterCompressor(zip.Deflate, fastDeflate)
	add := func(name string, write func(io.Writer) error) error {
		if err := safePath(name); err != nil {
			return err
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: m.CreatedAt})
		if err != nil {
			return err
		}
		hw := newHashingWriter(f)
		if err := write(hw); err != nil {
			return fmt.Errorf("export: %s: %w", name, err)
		}
		m.Files = append(m.Files, File{Path: name, Size: hw.n, SHA256: hw.sum()})
		return nil
	}
	if err := fromSnapshot(ctx, filepath.Dir(snapDir), info.ID, &m, add, opt); err != nil {
		return Manifest{}, err
	}
	// The snapshot is closed now (its WAL folded in): the file is final.
	if err := add("workspace.db", func(w io.Writer) error { return copyFile(w, dbPath) }); err != nil {
		return Manifest{}, err
	}
	if err := add("README.md", func(w io.Writer) error { return writeReadme(w, m) }); err != nil {
		return Manifest{}, err
	}
	b, err := m.marshal()
	if err != nil {
		return Manifest{}, err
	}
	f, err := zw.CreateHeader(&zip.FileHeader{Name: manifestName, Method: zip.Deflate, Modified: m.CreatedAt})
	if err == nil {
		_, err = f.Write(b)
	}
	if err = errors.Join(err, zw.Close()); err != nil {
		return Manifest{}, fmt.Errorf("export: writing the package: %w", err)
	}
	return m, nil
}

// fromSnapshot opens the copy as a workspace of a private root and writes the parts read
// from it: messages, attachments, FAQ, the features' extras.
func fromSnapshot(ctx context.Context, rootDir, id string, m *Manifest, add func(string, func(io.Writer) error) error, opt ExportOptions) error {
	root, err := workspace.OpenRoot(rootDir)
	if err != nil {
		return err
	}
	snap, err := root.Open(ctx, id)
	if err != nil {
		return fmt.Errorf("export: the database copy does not open (%w); nothing was written", err)
	}
	return errors.Join(readSnapshot(ctx, snap, m, add, opt), snap.Close())
}

func readSnapshot(ctx context.Context, snap *workspace.Workspace, m *Manifest, add func(string, func(io.Writer) error) error, opt ExportOptions) error {
	var err error
	db := snap.DB().Read()
	m.Schema, err = snap.DB().Version(ctx)
	if err != nil {
		return err
	}
	for q, dst := range map[string]*int{
		"SELECT count(*) FROM conversations WHERE messages > 0":     &m.Counts.Conversations,
		"SELECT count(*) FROM messages":                             &m.Counts.Messages,
		"SELECT count(*) FROM attachments":                          &m.Counts.Attachments,
		"SELECT count(*) FROM faq_entries WHERE deleted_at IS NULL": &m.Counts.FAQ,
		"SELECT count(*) FROM journal":                              &m.Counts.JournalEntry,
		"SELECT count(*) FROM accounts":                             &m.Counts.Accounts,
	} {
		if err := db.QueryRowContext(ctx, q).Scan(dst); err != nil {
			return err
		}
	}
	if err := writeMessages(ctx, snap, add, opt.Attachments); err != nil {
		return err
	}
	if err := add("faq.csv", func(w io.Writer) error { return faq.NewStore(snap).ExportCSV(ctx, w) }); err != nil {
		return err
	}
	for _, extra := range Extras {
		files, err := extra(ctx, snap, m.CreatedAt)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		for _, f := range files {
			if err := add(f.Path, func(w io.Writer) error { _, err := w.Write(f.Data); return err }); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeMessages writes each message's raw bytes, one row at a time (a mailbox can be
// larger than memory), and its attachments as files of their own.
func writeMessages(ctx context.Context, snap *workspace.Workspace, add func(string, func(io.Writer) error) error, atts AttachmentReader) error {
	rows, err := snap.DB().Read().QueryContext(ctx, `SELECT c.gid, m.id,
			row_number() OVER (PARTITION BY m.conversation_id ORDER BY m.date, m.id),
			(SELECT count(*) FROM attachments a WHERE a.message_id = m.id), r.raw
		FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN message_raw r ON r.message_id = m.id
		ORDER BY c.gid, m.date, m.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var conv string
		var id int64
		var n, nAtt int
		var raw []byte
		if err := rows.Scan(&conv, &id, &n, &nAtt, &raw); err != nil {
			return err
		}
		if conv == "" {
			conv = "unthreaded"
		}
		base := fmt.Sprintf("%s/%04d", conv, n)
		if err := add("messages/"+base+".eml", func(w io.Writer) error { _, err := w.Write(raw); return err }); err != nil {
			return err
		}
		for pos := 0; atts != nil && pos < nAtt; pos++ {
			name, data, err := atts(raw, pos)
			if err != nil {
				return fmt.Errorf("export: attachment %d of message %s: %w", pos+1, base, err)
			}
			file := fmt.Sprintf("attachments/%s-%d-%s", base, pos+1, safeName(name))
			if err := add(file, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// safeName keeps a file name to one harmless path element.
func safeName(name string) string {
	name = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || unicode.IsControl(r) {
			return '_'
		}
		return r
	}, name)
	name = strings.Trim(name, ". ")
	if name == "" {
		return "attachment"
	}
	return name
}

func copyFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// fastDeflate compresses at flate.BestSpeed, reusing compressors across the package's
// files (a new one per .eml would cost more than compressing it).
func fastDeflate(w io.Writer) (io.WriteCloser, error) {
	fw, ok := deflaters.Get().(*flate.Writer)
	if ok {
		fw.Reset(w)
	} else {
		var err error
		if fw, err = flate.NewWriter(w, flate.BestSpeed); err != nil {
			return nil, err
		}
	}
	return &pooledDeflater{fw}, nil
}

var deflaters sync.Pool

type pooledDeflater struct{ *flate.Writer }

func (p *pooledDeflater) Close() error {
	err := p.Writer.Close()
	deflaters.Put(p.Writer)
	return err
}
