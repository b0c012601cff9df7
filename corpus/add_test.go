package corpus

import (
	"os"
	"testing"

	"github.com/newsbot-dev/newsbot"
)

// Added articles are readable by everyone, like any file copied into the
// corpus: a bot running as another user (the image runs as 65532) reads
// them.
func TestAddWritesReadableFiles(t *testing.T) {
	dir := t.TempDir()
	written, err := Add(dir, []newsbot.Article{{Title: "Zebras escape from the city zoo",
		Paragraphs: []newsbot.Paragraph{{N: 1, Text: "Three zebras escaped from the city zoo on Tuesday."}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 1 {
		t.Fatalf("written = %v", written)
	}
	fi, err := os.Stat(written[0])
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("%s has mode %v, want 0644", written[0], fi.Mode().Perm())
	}
}
