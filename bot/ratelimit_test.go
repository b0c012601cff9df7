package bot

import (
	"fmt"
	"testing"
	"time"
)

// TestLimiterForgetsIdleUsers: the limiter's memory follows the users
// active in the last window, not every user ever seen.
func TestLimiterForgetsIdleUsers(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	l := newUserLimiter(5, 10*time.Second)
	l.nowFunc = func() time.Time { return now }
	for i := 0; i < 5000; i++ {
		l.allow(fmt.Sprintf("user-%d", i))
	}
	if n := l.size(); n != 5000 {
		t.Fatalf("remembers %d users, want 5000", n)
	}
	now = now.Add(time.Minute) // all idle longer than the window
	for i := 0; i < 2048; i++ {
		l.allow("active") // sweeps every 1,024 checks
	}
	if n := l.size(); n != 1 {
		t.Errorf("remembers %d users after they went idle, want only the active one", n)
	}
	// A forgotten user starts again with a full burst.
	for k := 0; k < 5; k++ {
		if !l.allow("user-1") {
			t.Fatalf("returning user refused at question %d", k+1)
		}
	}
	if l.allow("user-1") {
		t.Error("sixth question in a burst allowed")
	}
}
