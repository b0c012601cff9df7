package index

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// Snapshots let one process (the writer) keep the index up to date while
// others (replicas) answer from copies of it. The writer publishes a
// consistent copy into a shared folder: Bleve's online copy (CopyTo) takes
// one of the index's own snapshots, segments and manifest together, into a
// hidden folder, which is then renamed into place, so a replica never sees
// half a snapshot. Replicas open the newest one read-only.

// ErrReadOnly is returned by the writing methods of an index opened from a
// snapshot.
var ErrReadOnly = errors.New("the index is a read-only snapshot: it is updated by the writer that publishes it")

// Snapshot is one published copy of an index.
type Snapshot struct {
	// Name is the snapshot's folder name; names sort by publication time.
	Name string
	// Path is the snapshot's folder.
	Path string
	// Published is when the writer published it.
	Published time.Time
}

const (
	snapshotPrefix = "snapshot-"
	// snapshotTime has a fixed width, so names sort as times do.
	snapshotTime   = "20060102T150405.000000000Z"
	snapshotTmp    = ".tmp-snapshot-"
	staleTmpMaxAge = time.Hour
	// DefaultKeep is how many snapshots Publish keeps by default: replicas
	// may still be opening the one before the newest.
	DefaultKeep = 3
)

// Snapshots lists the complete snapshots in dir, newest first. An error
// means dir cannot be read (a shared folder unreachable, say).
func Snapshots(dir string) ([]Snapshot, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("listing snapshots: %w", err)
	}
	var snaps []Snapshot
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, snapshotPrefix) {
			continue
		}
		t, err := time.Parse(snapshotTime, strings.TrimPrefix(name, snapshotPrefix))
		if err != nil {
			continue
		}
		snaps = append(snaps, Snapshot{Name: name, Path: filepath.Join(dir, name), Published: t})
	}
	slices.SortFunc(snaps, func(a, b Snapshot) int { return strings.Compare(b.Name, a.Name) })
	return snaps, nil
}

// Publish writes a consistent copy of the index into a new snapshot below
// dir and removes all but the keep newest (DefaultKeep when keep < 1). The
// copy is made from one of Bleve's index snapshots while searches and
// writes go on; segment files, which never change once written, are
// hard-linked when dir is on the same file system as the index, and copied
// otherwise. Files are made readable by all (0644), so that replicas
// running as another user can open them.
func (ix *Index) Publish(ctx context.Context, dir string, keep int) (Snapshot, error) {
	if ix.readOnly {
		return Snapshot{}, ErrReadOnly
	}
	if keep < 1 {
		keep = DefaultKeep
	}
	if err := ctx.Err(); err != nil {
		return Snapshot{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Snapshot{}, fmt.Errorf("publishing a snapshot: %w", err)
	}
	tmp, err := os.MkdirTemp(dir, snapshotTmp)
	if err != nil {
		return Snapshot{}, fmt.Errorf("publishing a snapshot: %w", err)
	}
	published := false
	defer func() {
		if !published {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return Snapshot{}, fmt.Errorf("publishing a snapshot: %w", err)
	}
	copyable, ok := ix.bleve.(bleve.IndexCopyable)
	if !ok {
		return Snapshot{}, errors.New("publishing a snapshot: this index cannot be copied online")
	}
	d := &snapshotDir{root: tmp, linkFrom: filepath.Clean(filepath.Join(ix.dir, "store"))}
	if err := copyable.CopyTo(d); err != nil {
		return Snapshot{}, fmt.Errorf("publishing a snapshot: %w", err)
	}
	if d.err != nil {
		return Snapshot{}, fmt.Errorf("publishing a snapshot: %w", d.err)
	}
	for _, sub := range []string{"", "store"} { // Bleve made its folders 0700
		if err := os.Chmod(filepath.Join(tmp, sub), 0o755); err != nil && !errors.Is(err, os.ErrNotExist) {
			return Snapshot{}, fmt.Errorf("publishing a snapshot: %w", err)
		}
	}
	if err := chmodFiles(tmp, 0o644); err != nil {
		return Snapshot{}, fmt.Errorf("publishing a snapshot: %w", err)
	}
	if err := syncDir(filepath.Join(tmp, "store")); err != nil {
		return Snapshot{}, fmt.Errorf("publishing a snapshot: %w", err)
	}
	existing, err := Snapshots(dir)
	if err != nil {
		return Snapshot{}, fmt.Errorf("publishing a snapshot: %w", err)
	}
	at := time.Now().UTC()
	if len(existing) > 0 && !at.After(existing[0].Published) {
		at = existing[0].Published.Add(time.Nanosecond) // names only grow, whatever the clock does
	}
	snap := Snapshot{Name: snapshotPrefix + at.Format(snapshotTime), Published: at}
	snap.Path = filepath.Join(dir, snap.Name)
	if err := os.Rename(tmp, snap.Path); err != nil {
		return Snapshot{}, fmt.Errorf("publishing a snapshot: %w", err)
	}
	published = true
	if err := syncDir(dir); err != nil {
		return snap, fmt.Errorf("publishing a snapshot: %w", err)
	}
	if err := pruneSnapshots(dir, keep, ix.log); err != nil {
		return snap, err
	}
	return snap, nil
}

// pruneSnapshots removes all but the keep newest snapshots, and copies
// left half-made by a writer that stopped mid-publish.
func pruneSnapshots(dir string, keep int, log *slog.Logger) error {
	snaps, err := Snapshots(dir)
	if err != nil {
		return err
	}
	for _, s := range snaps[min(keep, len(snaps)):] {
		// A replica that still has it open keeps reading it: its files
		// stay until closed.
		if err := os.RemoveAll(s.Path); err != nil {
			log.Warn("removing an old snapshot", "snapshot", s.Path, "err", err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), snapshotTmp) {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > staleTmpMaxAge {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
	return nil
}

// OpenSnapshot opens a published snapshot read-only: it answers searches,
// and refuses Sync, Compact and Publish with ErrReadOnly. It never writes
// to the snapshot's folder.
func OpenSnapshot(ctx context.Context, path string, log *slog.Logger) (*Index, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !isBleveIndex(path) {
		return nil, fmt.Errorf("snapshot %s: not an index", path)
	}
	b, err := bleve.OpenUsing(path, map[string]any{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("opening snapshot %s: %w", path, err)
	}
	schema, err := b.GetInternal(keySchema)
	if err != nil || string(schema) != SchemaVersion {
		b.Close()
		return nil, fmt.Errorf("snapshot %s: of index schema %q, this newsbot reads %q: upgrade the writer and replicas together", path, schema, SchemaVersion)
	}
	ix, err := newIndex(path, b, log)
	if err != nil {
		return nil, err
	}
	ix.readOnly = true
	if ix.manifest, err = loadManifest(b); err != nil {
		b.Close()
		return nil, fmt.Errorf("snapshot %s: manifest: %w", path, err)
	}
	ix.totals = sumManifest(ix.manifest)
	ix.versions = versionsOf(ix.manifest)
	return ix, nil
}

// snapshotDir is where Bleve's CopyTo writes a snapshot.
type snapshotDir struct {
	root string
	// linkFrom is the live index's segment folder: segment files from it
	// are hard-linked rather than copied.
	linkFrom string
	err      error // the first error closing a file
}

// GetWriter opens a file of the snapshot for Bleve to write.
func (d *snapshotDir) GetWriter(name string) (io.WriteCloser, error) {
	rel := filepath.Clean(filepath.FromSlash(name))
	if rel == "." || filepath.IsAbs(rel) || strings.HasPrefix(rel, "..") {
		return nil, fmt.Errorf("snapshot file %q: outside the snapshot", name)
	}
	full := filepath.Join(d.root, rel)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return nil, err
	}
	if filepath.Base(rel) == "root.bolt" {
		// Bleve opens this one as a Bolt database itself.
		return os.OpenFile(full, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	}
	return &snapshotFile{dir: d, path: full}, nil
}

// snapshotFile is one file of a snapshot, opened when first written.
type snapshotFile struct {
	dir  *snapshotDir
	path string
	f    *os.File
}

func (w *snapshotFile) open() error {
	if w.f != nil {
		return nil
	}
	f, err := os.OpenFile(w.path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	w.f = f
	return err
}

func (w *snapshotFile) Write(p []byte) (int, error) {
	if err := w.open(); err != nil {
		return 0, err
	}
	return w.f.Write(p)
}

// ReadFrom is how Bleve copies a segment file that is already on disk (it
// copies with io.Copy from the open file): a file of the live index's
// segment folder is hard-linked instead, as segment files never change
// once written. Anything else, or a failed link (another file system), is
// copied.
func (w *snapshotFile) ReadFrom(r io.Reader) (int64, error) {
	if src, ok := r.(interface {
		Name() string
		Stat() (os.FileInfo, error)
	}); ok && w.f == nil && filepath.Dir(filepath.Clean(src.Name())) == w.dir.linkFrom {
		if fi, err := src.Stat(); err == nil && fi.Mode().IsRegular() {
			if err := os.Link(src.Name(), w.path); err == nil {
				return fi.Size(), nil
			}
		}
	}
	if err := w.open(); err != nil {
		return 0, err
	}
	return io.Copy(w.f, struct{ io.Reader }{r})
}

// Close flushes the file to disk.
func (w *snapshotFile) Close() error {
	if w.f == nil {
		return nil
	}
	err := w.f.Sync()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err != nil && w.dir.err == nil {
		w.dir.err = fmt.Errorf("writing %s: %w", w.path, err)
	}
	return err
}

// chmodFiles gives every regular file below dir the mode perm. A segment
// file linked from the live index shares its mode with it: reading the
// news it holds is harmless.
func chmodFiles(dir string, perm os.FileMode) error {
	return filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		return os.Chmod(p, perm)
	})
}

// syncDir flushes a folder's entries (a rename into it) to disk.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
