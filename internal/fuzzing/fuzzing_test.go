package fuzzing

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// fuzzTime is how long each fuzz test runs, but for those in longerFuzzTime.
// NEWSBOT_FUZZTIME overrides both (any -fuzztime value: "1m", "5000x"). The
// time includes running the seeds first (FuzzParse's 220 take about 5 s on
// two busy cores), and so is not all fuzzing.
const fuzzTime = "5s"

// longerFuzzTime are the fuzz tests of what comes from outside: Discord's
// requests, chat lines, article files. They get longer than the rest, whose
// functions are small and were fuzzed for a long time when they were made.
var longerFuzzTime = map[string]string{
	"FuzzHTTPInteraction": "8s",
	"FuzzChatLine":        "8s",
	"FuzzParse":           "10s",
}

// childEnv marks the go test processes this test starts, so that none of
// them starts another.
const childEnv = "NEWSBOT_FUZZ_CHILD"

// fuzzTarget is a fuzz test and the package it is in.
type fuzzTarget struct{ pkg, name string }

var fuzzFunc = regexp.MustCompile(`(?m)^func (Fuzz\w*)\(\w+ \*testing\.F\)`)

// targets finds every fuzz test below the module root.
func targets(t *testing.T, root string) []fuzzTarget {
	var out []fuzzTarget
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, filepath.Dir(p))
		if err != nil {
			return err
		}
		for _, m := range fuzzFunc.FindAllSubmatch(src, -1) {
			out = append(out, fuzzTarget{pkg: "./" + filepath.ToSlash(rel), name: string(m[1])})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].pkg+out[i].name < out[j].pkg+out[j].name })
	return out
}

// moduleRoot is the folder holding go.mod, above this package.
func moduleRoot(t *testing.T) string {
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

// TestFuzzBriefly runs each fuzz test of the module for fuzzTime, one after
// another. A failure shows go test's output, with the input that failed,
// which go test saves under the package's testdata/fuzz (commit it: it then
// runs with every go test as a regression case).
func TestFuzzBriefly(t *testing.T) {
	if testing.Short() {
		t.Skip("fuzzing is skipped with -short")
	}
	if os.Getenv(childEnv) != "" {
		t.Skip("already inside a fuzzing run")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("fuzzing needs the go command on PATH: %v", err)
	}
	override := os.Getenv("NEWSBOT_FUZZTIME")
	root := moduleRoot(t)
	found := targets(t, root)
	if len(found) == 0 {
		t.Fatal("no fuzz tests found")
	}
	for _, target := range found {
		t.Run(strings.TrimPrefix(target.pkg, "./")+"/"+target.name, func(t *testing.T) {
			// Building the instrumented test binary takes a while on a
			// busy machine; the fuzzing itself is fuzzFor.
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			fuzzFor := fuzzTime
			if v, ok := longerFuzzTime[target.name]; ok {
				fuzzFor = v
			}
			if override != "" {
				fuzzFor = override
			}
			// The inputs go test found interesting in earlier runs are kept
			// in its cache (GOCACHE/fuzz) and all run again first, within
			// the fuzz time: they grow by about ten a target a run, until a
			// run is nothing but them. A cache of this run's own keeps the
			// time for fuzzing. (A failing input is saved under the
			// package's testdata/fuzz all the same.)
			cmd := exec.CommandContext(ctx, goTool, "test", "-run=^$", "-fuzz=^"+target.name+"$", "-fuzztime="+fuzzFor, target.pkg,
				"-args", "-test.fuzzcachedir="+t.TempDir())
			cmd.Dir = root
			cmd.Env = append(os.Environ(), childEnv+"=1")
			start := time.Now()
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("go test -fuzz=%s %s: %v\n%s", target.name, target.pkg, err, out)
			}
			t.Logf("%s: fuzzed for %s (%s in all)", target.name, fuzzFor, time.Since(start).Round(time.Second))
		})
	}
}
