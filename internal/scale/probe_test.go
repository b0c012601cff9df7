package scale

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/library"
)

func rollup() string {
	data, _ := os.ReadFile("/proc/self/smaps_rollup")
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "Rss:") || strings.HasPrefix(l, "Anonymous:") {
			out = append(out, strings.Join(strings.Fields(l), " "))
		}
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	mm := ReadMemory()
	return fmt.Sprintf("%v heapAlloc=%dMiB heapInuse=%dMiB heapSys=%dMiB sys=%dMiB rss=%dMiB peak=%dMiB", out, m.HeapAlloc>>20, m.HeapInuse>>20, m.HeapSys>>20, m.Sys>>20, mm.Resident>>20, mm.PeakResident>>20)
}

func heapProfile(name string) {
	f, _ := os.Create("/tmp/i12/" + name + ".pprof")
	runtime.GC()
	pprof.WriteHeapProfile(f)
	f.Close()
}

func TestProbe(t *testing.T) {
	mode := os.Getenv("PROBE")
	if mode == "" {
		t.Skip()
	}
	ctx := context.Background()
	corpusDir := "/tmp/i12/scale/corpus"
	indexDir := "/tmp/i12/scale/index"
	if mode == "build" {
		os.RemoveAll(indexDir)
		stop := make(chan bool)
		go func() {
			var best uint64
			for {
				select {
				case <-stop:
					return
				case <-time.After(1 * time.Second):
				}
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				if m.HeapInuse > best {
					best = m.HeapInuse
					f, _ := os.Create("/tmp/i12/peak.pprof")
					pprof.WriteHeapProfile(f)
					f.Close()
					t.Log("peak so far", rollup())
				}
			}
		}()
		defer close(stop)
		start := time.Now()
		lib, err := library.Open(ctx, corpusDir, indexDir, library.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Log("built", time.Since(start), rollup())
		lib.WaitCompaction()
		heapProfile("afterbuild")
		t.Log("compacted", rollup())
		lib.Close()
		return
	}
	lib, err := library.Open(ctx, corpusDir, indexDir, library.Options{NoBuild: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	t.Log("opened", rollup())
	if _, _, err := lib.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	debug.FreeOSMemory()
	t.Log("cache filled", rollup())
	heapProfile("cache")
	s, err := eval.LoadSQuAD("/work/shared/data/squad-v1.1/dev-v1.1.json")
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range s.Questions {
		if i == 2000 {
			break
		}
		lib.Answer(ctx, answer.Intent(q.Question), q.Question, 3)
	}
	s = nil
	t.Log("queried", rollup())
	debug.FreeOSMemory()
	t.Log("queried+free", rollup())
	heapProfile("served")
}
