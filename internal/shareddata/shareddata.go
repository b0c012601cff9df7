// Package shareddata finds the project's evaluation data (the shared/
// folder beside the repository) for tests and benchmarks.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// Path returns the path of rel inside the shared data folder: $NEWSBOT_SHARED
// if set, else the first shared/data found walking up from the working
// directory. When it is missing the test fails under CI (CI=true), where the
// data is always present, and is skipped elsewhere.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	if root := os.Getenv("NEWSBOT_SHARED"); root != "" {
		return filepath.Join(root, rel)
	}
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		p := filepath.Join(dir, "shared", "data", rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	if os.Getenv("CI") != "" {
		tb.Fatalf("evaluation data %s not found above the working directory (set NEWSBOT_SHARED)", rel)
	}
	tb.Skipf("evaluation data %s not found (set NEWSBOT_SHARED to the shared folder)", rel)
	return ""
}
