package library

import (
	"math"
	"os"
	"runtime/debug"
	"strings"
	"sync"
)

// DefaultBuildMemoryLimit is the soft limit on the Go runtime's memory
// (debug.SetMemoryLimit) while the index is being written or compacted,
// unless GOMEMLIMIT says otherwise. A build of 100,000 paragraphs keeps
// about 100–120 MiB of its heap live; without a limit Go lets the heap grow
// to twice that before collecting, which with the index's mapped files
// took the build's peak over 400 MiB on a busy machine (see the README's
// scale section). The limit is soft: when more is live, Go exceeds it
// rather than fail, collecting more often (at most about half the CPU).
const DefaultBuildMemoryLimit = 192 << 20

// memoryLimiter applies a soft memory limit while index work runs. The
// memory limit is the process's, so one limiter serves all the libraries
// of a process: the first holder sets it, the last one restores what was
// there before, and a limit set by GOMEMLIMIT (or by the program) is left
// alone.
type memoryLimiter struct {
	mu       sync.Mutex
	holders  int
	previous int64
	applied  bool
	// setLimit and getenv are debug.SetMemoryLimit and os.Getenv but in
	// tests.
	setLimit func(int64) int64
	getenv   func(string) string
}

// buildMemory is the process's limiter: the memory limit it guards is
// process-wide, so there is exactly one.
var buildMemory = &memoryLimiter{setLimit: debug.SetMemoryLimit, getenv: os.Getenv}

// hold applies limit (bytes; 0 or less: none) until the returned function
// is called, unless a memory limit is already set: by GOMEMLIMIT in the
// environment (even "off", and even when only a .env file set it, too
// late for the runtime to read), or by the program.
func (m *memoryLimiter) hold(limit int64) (release func()) {
	if limit <= 0 {
		return func() {}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.holders == 0 {
		m.applied = false
		current := m.setLimit(-1) // -1 reads the limit without changing it
		if strings.TrimSpace(m.getenv("GOMEMLIMIT")) == "" && current == math.MaxInt64 {
			m.previous = m.setLimit(limit)
			m.applied = true
		}
	}
	m.holders++
	var once sync.Once
	return func() {
		once.Do(func() {
			m.mu.Lock()
			defer m.mu.Unlock()
			m.holders--
			if m.holders == 0 && m.applied {
				m.setLimit(m.previous)
				m.applied = false
			}
		})
	}
}
