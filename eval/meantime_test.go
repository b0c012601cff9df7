package eval

import (
	"testing"

	"github.com/newsbot-dev/newsbot/internal/shareddata"
)

// TestMeantimeExtraction scores time-expression extraction on the MEANTIME
// gold annotations; the floors are the targets of the timeline work.
func TestMeantimeExtraction(t *testing.T) {
	docs, err := LoadMeantime(shareddata.Path(t, "meantime/meantime_timex_gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	r := RunMeantime(docs)
	if r.Docs != 120 || r.Gold != 488 {
		t.Fatalf("read %d documents with %d gold expressions, want 120 and 488", r.Docs, r.Gold)
	}
	t.Logf("P %.3f R %.3f F1 %.3f value accuracy %.3f value F1 %.3f", r.Precision, r.Recall, r.F1, r.ValueAccuracy, r.ValueF1)
	if r.F1 < 0.90 {
		t.Errorf("F1 %.3f, want at least 0.90", r.F1)
	}
	if r.ValueAccuracy < 0.85 {
		t.Errorf("value accuracy %.3f, want at least 0.85", r.ValueAccuracy)
	}
}

func TestMeantimeDateLine(t *testing.T) {
	docs, err := LoadMeantime(shareddata.Path(t, "meantime/meantime_timex_gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.DCT.IsZero() {
			t.Errorf("document %s: no publication date from dct or date line", d.ID)
		}
	}
}
