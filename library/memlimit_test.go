package library

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/newsbot-dev/newsbot/internal/samples"
)

// fakeRuntime stands in for debug.SetMemoryLimit and the environment.
type fakeRuntime struct {
	limit int64
	env   map[string]string
	sets  int // calls that changed the limit
}

func (f *fakeRuntime) limiter() *memoryLimiter {
	return &memoryLimiter{
		setLimit: func(n int64) int64 {
			old := f.limit
			if n >= 0 {
				f.limit = n
				f.sets++
			}
			return old
		},
		getenv: func(k string) string { return f.env[k] },
	}
}

func TestMemoryLimitAppliedAndRestored(t *testing.T) {
	f := &fakeRuntime{limit: math.MaxInt64}
	m := f.limiter()
	release := m.hold(100 << 20)
	if f.limit != 100<<20 {
		t.Fatalf("limit while held = %d, want %d", f.limit, 100<<20)
	}
	// A second holder (a compaction after the build) keeps it; the first
	// release does not end it, the last restores "no limit".
	release2 := m.hold(100 << 20)
	release()
	release() // twice: no effect
	if f.limit != 100<<20 {
		t.Fatalf("limit after the first of two releases = %d, want it kept", f.limit)
	}
	release2()
	if f.limit != math.MaxInt64 {
		t.Fatalf("limit after the last release = %d, want none (MaxInt64)", f.limit)
	}
	if f.sets != 2 {
		t.Fatalf("limit set %d times, want 2 (applied once, restored once)", f.sets)
	}
}

func TestMemoryLimitRespectsGOMEMLIMIT(t *testing.T) {
	for _, env := range []string{"300MiB", "off"} {
		f := &fakeRuntime{limit: math.MaxInt64, env: map[string]string{"GOMEMLIMIT": env}}
		if env != "off" {
			f.limit = 300 << 20 // what the runtime read at start-up
		}
		before := f.limit
		m := f.limiter()
		release := m.hold(100 << 20)
		if f.limit != before || f.sets != 0 {
			t.Fatalf("GOMEMLIMIT=%s: limit %d while held (%d changes), want it left at %d", env, f.limit, f.sets, before)
		}
		release()
		if f.limit != before || f.sets != 0 {
			t.Fatalf("GOMEMLIMIT=%s: limit %d after release, want %d", env, f.limit, before)
		}
	}
	// A limit the program set (no GOMEMLIMIT) is left too.
	f := &fakeRuntime{limit: 500 << 20}
	f.limiter().hold(100 << 20)()
	if f.limit != 500<<20 || f.sets != 0 {
		t.Fatalf("program's limit became %d (%d changes), want it left", f.limit, f.sets)
	}
	// No limit asked for: nothing done.
	f = &fakeRuntime{limit: math.MaxInt64}
	f.limiter().hold(0)()
	if f.sets != 0 {
		t.Fatalf("a zero limit changed the runtime's %d times", f.sets)
	}
}

// TestBuildRunsUnderMemoryLimit builds the sample corpus with the real
// runtime: the limit is in force while the index is written and restored
// after.
func TestBuildRunsUnderMemoryLimit(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOMEMLIMIT is set: the build leaves the limit to it (TestMemoryLimitRespectsGOMEMLIMIT)")
	}
	before := debug.SetMemoryLimit(-1)
	if before != math.MaxInt64 {
		t.Skipf("a memory limit (%d) is already set", before)
	}
	var during []int64
	const limit = 150 << 20
	l, err := Open(context.Background(), samples.Dir(), filepath.Join(t.TempDir(), "index"), Options{
		BuildMemoryLimit: limit,
		Progress:         func(BuildProgress) { during = append(during, debug.SetMemoryLimit(-1)) },
	})
	if err != nil {
		t.Fatal(err)
	}
	l.WaitCompaction()
	defer l.Close()
	if len(during) == 0 {
		t.Fatal("no progress reported during the build")
	}
	for _, got := range during {
		if got != limit {
			t.Fatalf("memory limit during the build = %d, want %d", got, limit)
		}
	}
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("memory limit after the build = %d, want it restored to %d", got, before)
	}
}
