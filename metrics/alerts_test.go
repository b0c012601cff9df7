package metrics

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// readmeAlertRules returns the alert rules the README gives operators: the
// yaml block that starts with "# newsbot-alerts.yml".
func readmeAlertRules(t *testing.T) string {
	t.Helper()
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "```yaml\n# newsbot-alerts.yml\n")
	if !ok {
		t.Fatal(`the README has no yaml block starting "# newsbot-alerts.yml"`)
	}
	block, _, ok = strings.Cut(block, "\n```\n")
	if !ok {
		t.Fatal("the README's alert rules block is not closed")
	}
	return block + "\n"
}

// TestREADMEAlertRules checks the README's alert rules against what
// newsbot exports: every newsbot_ metric they name exists. Where promtool
// is installed (Debian's prometheus package), the rules are also checked
// and unit-tested with it (testdata/alerts_test.yml: each alert fires on
// the series it is for, and not on others).
func TestREADMEAlertRules(t *testing.T) {
	rules := readmeAlertRules(t)

	m := New(func() Status { return Status{Role: "writer", LastUpdate: time.Now()} })
	families, err := m.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	exported := map[string]bool{}
	for _, f := range families {
		exported[f.GetName()] = true
	}
	named := regexp.MustCompile(`\bnewsbot_[a-z_]+`).FindAllString(rules, -1)
	if len(named) < 5 {
		t.Fatalf("the alert rules name %d newsbot metrics: %v", len(named), named)
	}
	for _, name := range named {
		base := name
		for _, suffix := range []string{"_bucket", "_count", "_sum"} {
			if b, ok := strings.CutSuffix(name, suffix); ok && exported[b] {
				base = b
			}
		}
		if !exported[base] {
			t.Errorf("the README's alert rules use %s, which newsbot does not export", name)
		}
	}

	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("promtool is not installed (apt-get install prometheus): the rules' PromQL is not checked")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "newsbot-alerts.yml"), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	tests, err := os.ReadFile("testdata/alerts_test.yml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "alerts_test.yml"), tests, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	for _, args := range [][]string{{"check", "rules", "newsbot-alerts.yml"}, {"test", "rules", "alerts_test.yml"}} {
		cmd := exec.CommandContext(ctx, promtool, args...)
		cmd.Dir = dir
		cmd.WaitDelay = 10 * time.Second
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("promtool %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}
