package bot

import (
	"hash/maphash"
	"sync"
	"time"
)

// recentIDs remembers the interactions seen until a replay of each could
// no longer pass the signature's freshness check, so that the same signed
// request sent twice is answered once. Memory is bounded: an ID is kept as
// a 64-bit keyed hash with its expiry (about 40 bytes), expired ones are
// swept as the set grows, and at most maxIDs are held.
type recentIDs struct {
	mu      sync.Mutex
	seed    maphash.Seed
	until   map[uint64]int64 // hash of the ID → expiry, Unix nanoseconds
	swept   time.Time
	sweepAt int // size at which to sweep next
	max     int
}

// maxRecentIDs bounds the IDs remembered: a million is about 40 MiB, and
// about 1,700 interactions a second for the ten minutes a signed request
// stays fresh (it may be stamped up to five minutes ahead).
const maxRecentIDs = 1 << 20

func newRecentIDs(max int) *recentIDs {
	return &recentIDs{seed: maphash.MakeSeed(), until: make(map[uint64]int64), sweepAt: 1024, max: max}
}

// seenResult says what first made of an ID.
type seenResult int

const (
	seenFirst seenResult = iota // new: answer it
	seenAgain                   // a replay: refuse it
	seenFull                    // too many to remember: refuse, so no replay gets through
)

// first records id until expiry and reports whether it is new.
func (r *recentIDs) first(id string, now, expiry time.Time) seenResult {
	key := maphash.String(r.seed, id)
	r.mu.Lock()
	defer r.mu.Unlock()
	if until, ok := r.until[key]; ok && until > now.UnixNano() {
		return seenAgain
	}
	if len(r.until) >= r.sweepAt || now.Sub(r.swept) > time.Minute {
		r.sweep(now)
	}
	if len(r.until) >= r.max {
		return seenFull
	}
	r.until[key] = expiry.UnixNano()
	return seenFirst
}

// sweep forgets the expired IDs, into a new map (a Go map does not shrink
// when emptied, so a burst would otherwise hold its memory for good). The
// next sweep comes when the set has doubled, so sweeping costs O(1) an ID.
func (r *recentIDs) sweep(now time.Time) {
	n := now.UnixNano()
	live := make(map[uint64]int64, len(r.until)/2)
	for k, until := range r.until {
		if until > n {
			live[k] = until
		}
	}
	r.until = live
	r.swept = now
	r.sweepAt = max(2*len(r.until), 1024)
}

// size is how many IDs are remembered.
func (r *recentIDs) size() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.until)
}
