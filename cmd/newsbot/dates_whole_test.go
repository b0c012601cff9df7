package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// `newsbot timeline` places a wire story's later steps ("Two days
// later …", "The next day …", in paragraphs that name no date) on the days
// counted from the date an earlier paragraph names, in that order, and the
// lede on its dateline's day.
func TestTimelineCountsFromEarlierParagraphs(t *testing.T) {
	dir := t.TempDir()
	story := `---
date: 2026-03-20
---
Ruritania's parliament dissolves the cabinet after weeks of protests

STRELSAU, Ruritania, March 20 (Reuters) - Ruritania's parliament voted to dissolve the cabinet of Prime Minister Rudolf Elphberg, capping weeks of protests in the capital.

Students chanted “Elphberg out!” in the capital’s square — the protests in Ruritania began on March 2, 2026, when thousands marched on the parliament building.

Two days later Ruritania's parliament voted to open an inquiry into the police.

The next day, Ruritania's prime minister sacked the interior minister, his spokesman said.
`
	if err := os.WriteFile(filepath.Join(dir, "ruritania.txt"), []byte(story), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newCLI(t)
	c.env["NEWSBOT_CORPUS"] = dir
	code, stdout, stderr := c.run("", "timeline", "--json", "Ruritania parliament")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Events []struct {
			Date string `json:"date"`
			Text string `json:"text"`
		} `json:"events"`
	}
	if err := json.NewDecoder(strings.NewReader(stdout)).Decode(&out); err != nil {
		t.Fatalf("decoding %q: %v", stdout, err)
	}
	var got []string
	for _, e := range out.Events {
		words := strings.Fields(e.Text)
		got = append(got, e.Date+" "+strings.Join(words[:min(2, len(words))], " "))
	}
	want := []string{
		"2026-03-02 Students chanted",
		"2026-03-04 Two days",             // read alone: 2026-03-22, after publication
		"2026-03-05 The next",             // read alone: 2026-03-21
		"2026-03-20 STRELSAU, Ruritania,", // the lede, on its dateline's day
	}
	if !slices.Equal(got, want) {
		t.Errorf("timeline:\n got %q\nwant %q\n%s", got, want, stdout)
	}
}
