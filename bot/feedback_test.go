package bot

import (
	"strings"
	"testing"
)

// TestSummarizeSkipsBadLines: a line longer than bufio.Scanner's 64 KiB,
// one longer than MaxFeedbackLine, a torn line and a line that is not a
// vote are each skipped with their line numbers; the votes around them,
// and a last line without a newline, are summarised.
func TestSummarizeSkipsBadLines(t *testing.T) {
	vote := func(voter, v, q string) string {
		return `{"command":"why","question":"` + q + `","vote":"` + v + `","voter":"` + voter + `"}`
	}
	log := strings.Join([]string{
		vote("a", "down", "Why did the port close?"),
		vote("b", "up", strings.Repeat("long question ", 7000)), // ~98 KiB: a vote still
		`{"command":"ask","vote":"down","question":"` + strings.Repeat("x", MaxFeedbackLine+10) + `"}`,
		`{"command":"ask","vote":"do`,
		`{"command":"ask","vote":"meh"}`,
		"",
		vote("c", "down", "Why did the port close?"),
	}, "\n") // no newline after the last vote
	s, err := Summarize(strings.NewReader(log))
	if err != nil {
		t.Fatalf("Summarize: %v", err)
	}
	if s.Up != 1 || s.Down != 2 || s.ByCommand["why"] != [2]int{1, 2} || len(s.Worst) != 1 || s.Worst[0].Down != 2 {
		t.Errorf("summary = %d up, %d down, %v, worst %v", s.Up, s.Down, s.ByCommand, s.Worst)
	}
	if s.Malformed != 3 || len(s.Skipped) != 3 {
		t.Fatalf("skipped %d lines: %+v", s.Malformed, s.Skipped)
	}
	for k, want := range []struct {
		line   int
		reason string
	}{{3, "longer than 1024 KiB"}, {4, "not JSON"}, {5, `not a vote (vote "meh"`}} {
		if got := s.Skipped[k]; got.Line != want.line || !strings.HasPrefix(got.Reason, want.reason) {
			t.Errorf("skipped[%d] = %+v, want line %d: %s…", k, got, want.line, want.reason)
		}
	}
}
