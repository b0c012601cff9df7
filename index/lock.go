package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// ErrInUse is returned by Open when another process has the index open:
// Bleve's files take one writer at a time.
var ErrInUse = errors.New("the index is in use by another process")

// InUseError says which process holds an index, as far as it can tell.
type InUseError struct {
	Dir string
	// PID and Command are those of the newsbot holding the index; zero and
	// empty when unknown (a process that does not write the lock file).
	PID     int
	Command string
	Since   time.Time
}

func (e *InUseError) Error() string {
	who := "another process"
	if e.PID > 0 {
		who = fmt.Sprintf("another newsbot (pid %d", e.PID)
		if e.Command != "" {
			who += ", " + strconv.Quote(e.Command)
		}
		if !e.Since.IsZero() {
			who += ", since " + e.Since.Format("15:04:05 on 2 Jan")
		}
		who += ")"
	}
	return fmt.Sprintf("the index %s is in use by %s: only one newsbot at a time can use an index folder. Stop the other one, "+
		"or give this one its own folder with --index DIR (or NEWSBOT_INDEX); it builds its own index there", e.Dir, who)
}

// Is makes errors.Is(err, ErrInUse) true.
func (e *InUseError) Is(target error) bool { return target == ErrInUse }

// lockPath is the lock file of the index in dir: beside the folder, not in
// it, as a rebuild deletes the folder.
func lockPath(dir string) string { return filepath.Clean(dir) + ".lock" }

// boltTimeout bounds the wait for Bleve's own file lock, for a process that
// holds the index without taking newsbot's lock file (the lock file is
// taken first, so newsbots never wait on it).
const boltTimeout = 3 * time.Second

// lockIndex takes the lock file of the index in dir, without waiting: it
// fails at once with an *InUseError naming the process that holds it. The
// lock is the file's flock (github.com/gofrs/flock), so it goes with the
// process however it ends; the file holds the holder's pid, start time and
// command line for the message.
func lockIndex(dir string) (*flock.Flock, error) {
	path := lockPath(dir)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("index lock: %w", err)
	}
	lock := flock.New(path, flock.SetFlag(os.O_CREATE|os.O_RDWR), flock.SetPermissions(0o644))
	locked, err := lock.TryLock()
	if err != nil {
		return nil, fmt.Errorf("index lock %s: %w", path, err)
	}
	if !locked {
		return nil, readHolder(dir, path)
	}
	holder := fmt.Sprintf("%d\n%s\n%s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339), strings.Join(os.Args, " "))
	_ = os.WriteFile(path, []byte(holder), 0o644) // for the message only: a failure costs nothing else
	return lock, nil
}

// readHolder reads who holds the lock file at path.
func readHolder(dir, path string) error {
	e := &InUseError{Dir: dir}
	raw, err := os.ReadFile(path)
	if err != nil {
		return e
	}
	lines := strings.SplitN(string(raw), "\n", 3)
	if len(lines) == 3 {
		e.PID, _ = strconv.Atoi(lines[0])
		e.Since, _ = time.Parse(time.RFC3339, lines[1])
		e.Command = strings.TrimSpace(lines[2])
		if len(e.Command) > 200 {
			e.Command = e.Command[:200] + "…"
		}
		e.Since = e.Since.Local()
	}
	return e
}
