package bot

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// userLimiter allows each user a burst of questions, refilled over a window
// (5 per 10 s by default). Users idle for longer than the window are
// forgotten, so its memory follows the active users, not all users ever.
type userLimiter struct {
	mu      sync.Mutex
	every   rate.Limit
	burst   int
	idle    time.Duration
	users   map[string]*userBucket
	checks  int
	nowFunc func() time.Time
}

type userBucket struct {
	limiter *rate.Limiter
	last    time.Time
}

func newUserLimiter(burst int, window time.Duration) *userLimiter {
	return &userLimiter{
		every:   rate.Every(window / time.Duration(burst)),
		burst:   burst,
		idle:    window,
		users:   make(map[string]*userBucket),
		nowFunc: time.Now,
	}
}

// allow reports whether user may ask now, and takes a token if so.
func (l *userLimiter) allow(user string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.nowFunc()
	l.checks++
	if l.checks%1024 == 0 {
		l.sweep(now)
	}
	b, ok := l.users[user]
	if !ok {
		b = &userBucket{limiter: rate.NewLimiter(l.every, l.burst)}
		l.users[user] = b
	}
	b.last = now
	return b.limiter.AllowN(now, 1)
}

// sweep forgets users idle long enough for their bucket to be full again.
func (l *userLimiter) sweep(now time.Time) {
	for id, b := range l.users {
		if now.Sub(b.last) > l.idle {
			delete(l.users, id)
		}
	}
}

// size is how many users the limiter remembers.
func (l *userLimiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.users)
}
