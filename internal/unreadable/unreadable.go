// Package unreadable makes, for tests, a folder whose contents cannot be
// listed: with no permissions for a user other than root; for root, which
// may read anything, a folder nested so deep that its path is longer than
// the system allows (PATH_MAX), which no path-based call can open. Either
// way the corpus reader and the watcher meet the error they would meet on
// a folder they may not read.
package unreadable

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Folder makes the folder name in parent, with an article in it that
// cannot be read, and returns its path; the test's cleanup makes it
// removable again.
func Folder(tb testing.TB, parent, name string) string {
	tb.Helper()
	dir := filepath.Join(parent, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if os.Geteuid() != 0 {
		if err := os.WriteFile(filepath.Join(dir, "hidden-news.txt"), []byte("Hidden\n\nNobody can read this.\n"), 0o644); err != nil {
			tb.Fatal(err)
		}
		if err := os.Chmod(dir, 0); err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { os.Chmod(dir, 0o755) })
		return dir
	}
	// Root: 17 levels of 250-letter names is past PATH_MAX (4,096 bytes).
	// bash makes them one level at a time, relative to the last (dash cannot cd so deep).
	level := strings.Repeat("d", 250)
	script := `set -e; for i in $(seq 1 17); do mkdir "$1"; cd "$1"; done; printf 'Hidden\n\nNobody can read this.\n' > hidden-news.txt`
	cmd := exec.Command("bash", "-c", script, "bash", level)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("making a folder too deep to read: %v\n%s", err, out)
	}
	return dir
}
