package corpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
)

func TestParsePageTakesTheHeaderCharset(t *testing.T) {
	// The server says ISO-8859-1; the page itself says nothing.
	page := "<html><head><title>Caf\xe9 opens on the pier</title></head><body><article><p>The caf\xe9 on the pier opened on Friday, the owner said, after a year of repairs to the old harbour building and its terrace.</p><p>It serves cr\xe8me br\xfbl\xe9e and coffee to the dock workers from six in the morning, every day of the week except Sunday.</p></article></body></html>"
	a, _, err := ParsePage([]byte(page), "text/html; charset=ISO-8859-1")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Café opens on the pier" || !strings.Contains(a.Paragraphs[len(a.Paragraphs)-1].Text, "crème brûlée") {
		t.Errorf("page = %q %+v", a.Title, a.Paragraphs)
	}
	if _, _, err := ParsePage([]byte("<html><body><nav><a href='/'>Home</a></nav></body></html>"), ""); err == nil || !strings.Contains(err.Error(), "no article text") {
		t.Errorf("a page of navigation: err = %v", err)
	}
}

func TestParseFragment(t *testing.T) {
	a, _, err := ParseFragment(Fragment{Title: " Crane inspection finished ", URL: "https://port-notices.example/77", Source: "Port Notices",
		Published: time.Date(2026, 3, 17, 0, 0, 0, 0, time.UTC),
		HTML:      `<p>Inspectors found no storm damage to the cranes on Tuesday.</p><script>track()</script><figure><figcaption>A crane</figcaption></figure><p>Work resumes on Wednesday.</p>`})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Crane inspection finished" || a.URL != "https://port-notices.example/77" || a.Source != "Port Notices" || len(a.Paragraphs) != 2 ||
		a.Paragraphs[1].Text != "Work resumes on Wednesday." || len(a.Paragraphs[0].Dates) == 0 {
		t.Errorf("fragment = %+v", a)
	}
	if _, _, err := ParseFragment(Fragment{Title: "Nothing", HTML: "<script>x()</script>"}); err == nil {
		t.Error("a fragment without text was read")
	}
}

func TestReplaceKeepsTheFile(t *testing.T) {
	dir := t.TempDir()
	a, _, err := ParseFragment(Fragment{Title: "Harbour reopens", HTML: "<p>Busan harbour reopened on Monday after the storm.</p>"})
	if err != nil {
		t.Fatal(err)
	}
	written, err := Add(dir, []newsbot.Article{a})
	if err != nil {
		t.Fatal(err)
	}
	// A new version with a new title stays in the same file.
	b, _, _ := ParseFragment(Fragment{Title: "Harbour reopens after two days", HTML: "<p>Busan harbour reopened on Monday after the storm, two days after it closed.</p>"})
	changed, err := Replace(written[0], b)
	if err != nil || !changed {
		t.Fatalf("Replace = %v, %v", changed, err)
	}
	if changed, err := Replace(written[0], b); err != nil || changed {
		t.Errorf("replacing with the same article: %v, %v; want no write", changed, err)
	}
	fi, err := os.Stat(written[0])
	if err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("replaced file: %v, %v", fi, err)
	}
	res, err := Load(context.Background(), dir, Options{})
	if err != nil || len(res.Articles) != 1 || res.Articles[0].Title != "Harbour reopens after two days" ||
		res.Articles[0].ID != strings.TrimSuffix(filepath.Base(written[0]), ".md") {
		t.Fatalf("corpus after Replace: %+v, %v", res, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}

func TestWriteFileReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	for _, data := range []string{"first\n", "second, longer than the first\n"} {
		if err := WriteFile(path, []byte(data)); err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(path); err != nil || string(got) != data {
			t.Errorf("read back %q, %v; want %q", got, err, data)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode: %v, %v", fi, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
	if err := WriteFile(filepath.Join(dir, "missing", "x"), []byte("x")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("writing into a missing folder: %v", err)
	}
}
