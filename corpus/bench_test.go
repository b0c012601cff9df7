package corpus

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsbot-dev/newsbot/internal/shareddata"
)

// BenchmarkLoadSQuAD reads the 2,067 SQuAD paragraphs as 48 article files,
// from nothing (no cache): parsing, cleaning, dates and the decisions
// across articles. It reports paragraphs per second.
func BenchmarkLoadSQuAD(b *testing.B) {
	raw, err := os.ReadFile(shareddata.Path(b, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		b.Fatal(err)
	}
	var squad struct {
		Data []struct {
			Title      string `json:"title"`
			Paragraphs []struct {
				Context string `json:"context"`
			} `json:"paragraphs"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &squad); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for i, a := range squad.Data {
		var s strings.Builder
		s.WriteString(a.Title + "\n")
		for _, p := range a.Paragraphs {
			s.WriteString("\n" + strings.TrimSpace(p.Context) + "\n")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.txt", i)), []byte(s.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	paragraphs := 0
	for b.Loop() {
		res, err := Load(context.Background(), dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		paragraphs = res.Paragraphs()
	}
	b.ReportMetric(float64(paragraphs*b.N)/b.Elapsed().Seconds(), "paragraphs/s")
}
