//go:build unix

package timeline_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, on every core: on a
// machine shared with other work it varies less than the time on the
// clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
