package bot

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"sync"
	"time"
)

// Vote is one 👍 or 👎 on an answer, as the feedback log keeps it: no user
// names or IDs.
type Vote struct {
	Time     time.Time `json:"time"`
	Command  string    `json:"command"`
	Question string    `json:"question"`
	// Passages are the passages shown, as "article#paragraph".
	Passages []string `json:"passages"`
	Vote     string   `json:"vote"` // "up" or "down"
}

// FeedbackLog appends votes to a JSON Lines file.
type FeedbackLog struct {
	mu   sync.Mutex
	path string
}

// NewFeedbackLog logs to path; an empty path logs nothing.
func NewFeedbackLog(path string) *FeedbackLog { return &FeedbackLog{path: path} }

// Record appends v to the log.
func (f *FeedbackLog) Record(v Vote) error {
	if f == nil || f.path == "" {
		return nil
	}
	line, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("feedback: %w", err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	file, err := os.OpenFile(f.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("feedback: %w", err)
	}
	if _, err := file.Write(append(line, '\n')); err != nil {
		file.Close()
		return fmt.Errorf("feedback: %w", err)
	}
	if err := file.Close(); err != nil {
		return fmt.Errorf("feedback: %w", err)
	}
	return nil
}

// FeedbackSummary counts votes overall, per command, and the questions with
// the most 👎.
type FeedbackSummary struct {
	Up, Down  int
	Malformed int
	ByCommand map[string][2]int // command → up, down
	// Worst are the questions with the most down votes, most first.
	Worst []QuestionVotes
}

// QuestionVotes is one question's tally.
type QuestionVotes struct {
	Question string
	Up, Down int
}

// Summarize reads a feedback log. Lines that are not votes are counted as
// malformed and skipped.
func Summarize(r io.Reader) (*FeedbackSummary, error) {
	s := &FeedbackSummary{ByCommand: map[string][2]int{}}
	perQuestion := map[string]*QuestionVotes{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		var v Vote
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil || (v.Vote != "up" && v.Vote != "down") {
			s.Malformed++
			continue
		}
		q := perQuestion[v.Question]
		if q == nil {
			q = &QuestionVotes{Question: v.Question}
			perQuestion[v.Question] = q
		}
		c := s.ByCommand[v.Command]
		if v.Vote == "up" {
			s.Up++
			q.Up++
			c[0]++
		} else {
			s.Down++
			q.Down++
			c[1]++
		}
		s.ByCommand[v.Command] = c
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading feedback: %w", err)
	}
	for _, q := range perQuestion {
		if q.Down > 0 {
			s.Worst = append(s.Worst, *q)
		}
	}
	sort.Slice(s.Worst, func(i, j int) bool {
		if s.Worst[i].Down != s.Worst[j].Down {
			return s.Worst[i].Down > s.Worst[j].Down
		}
		return s.Worst[i].Question < s.Worst[j].Question
	})
	if len(s.Worst) > 10 {
		s.Worst = s.Worst[:10]
	}
	return s, nil
}
