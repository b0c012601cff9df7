package library

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/newsbot-dev/newsbot"
)

// openedBelow counts the files below dir that this process holds open
// (descriptors) or mapped (mmaps), read from /proc; a file removed since
// still counts.
func openedBelow(t *testing.T, dir string) (fds, maps int) {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc/self/fd: %v", err)
	}
	for _, e := range entries {
		if target, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name())); err == nil && strings.HasPrefix(target, dir+string(filepath.Separator)) {
			fds++
		}
	}
	data, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Skipf("no /proc/self/maps: %v", err)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if i := strings.Index(line, dir+string(filepath.Separator)); i >= 0 && !seen[line[i:]] {
			seen[line[i:]] = true
			maps++
		}
	}
	return fds, maps
}

// TestReplicaSwapsLeakNothing swaps 200 snapshots into a replica while
// askers question it: every question is answered, and afterwards the
// replica holds open and mapped only the files of the snapshot it serves,
// not those of the 199 it swapped out (which the writer has pruned: a
// leaked one would stay on disk, and in memory, while the process runs).
func TestReplicaSwapsLeakNothing(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("counts open files in /proc")
	}
	ctx := context.Background()
	writer, err := Open(ctx, "../corpus/articles", filepath.Join(t.TempDir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	dir := filepath.Join(t.TempDir(), "snapshots")
	if err := writer.PublishNow(ctx, dir, 2); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReplica(ctx, dir, ReplicaOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !r.Ready() {
		t.Fatal("the replica did not open the snapshot")
	}
	oneFds, oneMaps := openedBelow(t, dir)
	if oneFds == 0 {
		t.Fatal("the replica holds no file of its snapshot open: the count is wrong")
	}

	stop := make(chan struct{})
	var asked, failed atomic.Int64
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				ans, err := r.Answer(ctx, newsbot.Why, "Why did North Korea blow up the building?", 3)
				if err != nil || len(ans.Passages) == 0 {
					failed.Add(1)
					t.Errorf("a question failed during the swaps: %v", err)
					return
				}
				asked.Add(1)
			}
		}()
	}
	const swaps = 200
	for n := range swaps {
		if err := writer.PublishNow(ctx, dir, 2); err != nil {
			t.Fatal(err)
		}
		if _, ok := r.followOnce(ctx); !ok {
			t.Fatalf("swap %d: the newer snapshot was not swapped in: %+v", n, r.Status())
		}
	}
	close(stop)
	wg.Wait()
	r.bg.Wait() // the swapped-out snapshots are closed in the background

	fds, maps := openedBelow(t, dir)
	t.Logf("%d swaps, %d questions answered meanwhile; files of the snapshots open: %d (one snapshot: %d), mapped: %d (one snapshot: %d)",
		swaps, asked.Load(), fds, oneFds, maps, oneMaps)
	if fds > oneFds || maps > oneMaps {
		t.Errorf("after %d swaps the replica holds %d files open and %d mapped, one snapshot's worth is %d and %d", swaps, fds, maps, oneFds, oneMaps)
	}
	if st := r.Status(); st.SnapshotSwaps != swaps || !st.Ready || failed.Load() > 0 {
		t.Errorf("status after the swaps: %+v; %d questions failed", st, failed.Load())
	}
}
