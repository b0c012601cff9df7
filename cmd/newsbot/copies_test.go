package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestIdenticalFilesAreOneArticle: a file saved twice is one article with
// two locations. The index report lists the copy, answers cite both, and
// the index follows copies added and removed incrementally.
func TestIdenticalFilesAreOneArticle(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	c.env["NEWSBOT_CORPUS"] = dir
	story := "Port strike ends after pay deal\n\nDock workers returned to work on Thursday after the union accepted a 6 percent raise.\n\n" +
		"The strike had closed the port for eleven days.\n"
	saved := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	write := func(name string) { // each file saved a minute after the one before
		t.Helper()
		p := filepath.Join(dir, name)
		saved = saved.Add(time.Minute)
		if err := os.WriteFile(p, []byte(story), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, saved, saved); err != nil {
			t.Fatal(err)
		}
	}
	index := func(want ...string) string {
		t.Helper()
		code, stdout, stderr := c.run("", "index")
		if code != exitOK {
			t.Fatalf("index: exit %d: %s", code, stderr)
		}
		for _, w := range want {
			if !strings.Contains(stdout, w) {
				t.Errorf("index output lacks %q:\n%s", w, stdout)
			}
		}
		return stdout
	}
	copies := func() (article string, paths []string) {
		t.Helper()
		_, stdout, _ := c.run("", "ask", "--json", "How long did the strike close the port?")
		var out struct {
			Passages []struct {
				Article string `json:"article"`
				Copies  []struct {
					Article string `json:"article"`
					Path    string `json:"path"`
				} `json:"copies"`
			} `json:"passages"`
		}
		if err := json.Unmarshal([]byte(stdout), &out); err != nil || len(out.Passages) == 0 {
			t.Fatalf("ask --json: %v: %s", err, stdout)
		}
		for _, cp := range out.Passages[0].Copies {
			paths = append(paths, cp.Path)
		}
		return out.Passages[0].Article, paths
	}

	write("strike.txt")
	index("indexed 1 article, 2 paragraphs", "1 added")
	if a, p := copies(); a != "strike" || len(p) != 0 {
		t.Errorf("one file: cited %s, copies %v", a, p)
	}

	write("wire-strike.txt") // sorts after: the article stays "strike"
	out := index("indexed 1 article, 2 paragraphs", "0 added, 1 updated, 0 removed", "wire-strike.txt: same article as strike.txt (ID wire-strike opens strike)")
	if a, p := copies(); a != "strike" || strings.Join(p, ",") != "wire-strike.txt" {
		t.Errorf("with a copy: cited %s, copies %v\n%s", a, p, out)
	}
	_, text, _ := c.run("", "ask", "How long did the strike close the port?")
	if !strings.Contains(text, "also wire-strike.txt") {
		t.Errorf("text answer does not show the copy:\n%s", text)
	}
	index("0 added, 0 updated, 0 removed, 1 unchanged")

	write("a-strike.txt") // sorts first, but saved later: the article is still cited as "strike"
	index("indexed 1 article, 2 paragraphs", "0 added, 1 updated, 0 removed")
	if a, p := copies(); a != "strike" || strings.Join(p, ",") != "a-strike.txt,wire-strike.txt" {
		t.Errorf("with two copies: cited %s, copies %v", a, p)
	}

	for _, name := range []string{"a-strike.txt", "wire-strike.txt"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	out = index("indexed 1 article, 2 paragraphs", "0 added, 1 updated, 0 removed")
	if strings.Contains(out, "same article") {
		t.Errorf("copies still reported:\n%s", out)
	}
	if a, p := copies(); a != "strike" || len(p) != 0 {
		t.Errorf("copies removed: cited %s, copies %v", a, p)
	}
}
