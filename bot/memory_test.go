package bot

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// heapAfterGC is the live heap once garbage is collected.
func heapAfterGC() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestMemoryFlatOver100kInteractions drives 100,000 interactions, each with
// its own ID and token as on Discord, through the real discordgo client and
// the stand-in, from 1,000 users, and checks that the heap does not grow
// with them: discordgo's per-URL rate-limit buckets (one per interaction
// token with its own InteractionRespond, bwmarrin/discordgo#1333) and the
// per-user rate limiter are the things that could.
func TestMemoryFlatOver100kInteractions(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 interactions take a while; run without -short")
	}
	const (
		total  = 100_000
		warmup = 10_000
		batch  = 250
	)
	stand, _ := connect(t, sampleLibrary(t), GatewayConfig{}, Config{RateBurst: 1 << 20})
	questions := []string{"Why did North Korea blow up the building?", "When did North Korea reopen communication lines?", "North Korea talks"}
	start := time.Now()
	var base uint64
	for sent := 0; sent < total; sent += batch {
		ids := make([]*discordgo.Interaction, 0, batch)
		for k := 0; k < batch; k++ {
			n := sent + k
			var i *discordgo.Interaction
			if n%4 == 3 {
				i = slash(fmt.Sprint(n), "sources", nil, 0)
			} else {
				i = slash(fmt.Sprint(n), []string{"why", "when", "ask"}[n%3], map[string]string{"question": questions[n%3]}, 0)
			}
			i.Member.User.ID = fmt.Sprintf("user-%d", n%1000)
			i.Token = fmt.Sprintf("aW50ZXJhY3Rpb246%020d:token-%d", n, n)
			if err := stand.Interact(i); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, i)
		}
		for _, i := range ids {
			if _, ok := stand.Callbacks(i.ID, 1, 30*time.Second); !ok {
				t.Fatalf("no callback for interaction %s", i.ID)
			}
			stand.Forget(i.ID, i.Token)
		}
		if sent+batch == warmup {
			base = heapAfterGC()
		}
	}
	final := heapAfterGC()
	took := time.Since(start)
	growth := int64(final) - int64(base)
	t.Logf("%d interactions in %s (%.0f/s); heap after %d: %.1f MiB, after %d: %.1f MiB (%+.2f MiB)",
		total, took.Round(time.Millisecond), float64(total)/took.Seconds(), warmup, float64(base)/(1<<20), total, float64(final)/(1<<20), float64(growth)/(1<<20))
	// 90,000 interactions more may not leave more than 4 MiB behind: one
	// discordgo bucket per interaction alone would be several times that.
	if growth > 4<<20 {
		t.Errorf("heap grew %.1f MiB over %d interactions", float64(growth)/(1<<20), total-warmup)
	}
}
