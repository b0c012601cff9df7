package bot

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
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
	// Voter stands for one user's vote on one answer: a keyed hash of the
	// user's ID and the answer message's ID (see FeedbackLog.Cast). It
	// tells a repeated vote from a new one, and cannot be turned back into
	// the user, or matched with the same user's votes on other answers.
	Voter string `json:"voter,omitempty"`
}

// FeedbackLog appends votes to a JSON Lines file.
type FeedbackLog struct {
	mu   sync.Mutex
	path string
	// key keys the voter hashes; kept in the file path+".key" (mode 0600)
	// so that a vote repeated after a restart is still known; in memory
	// only when nothing is logged.
	key []byte
	// voted are the latest votes cast through this log, by voter, for
	// the replies; bounded (two generations of maxRememberedVotes).
	voted, votedBefore map[string]string
}

// maxRememberedVotes bounds the votes Cast keeps in memory per generation;
// a vote repeated after both generations are gone is still counted once by
// Summarize, through its voter hash.
const maxRememberedVotes = 50_000

// NewFeedbackLog logs to path; an empty path logs nothing.
func NewFeedbackLog(path string) *FeedbackLog {
	return &FeedbackLog{path: path, voted: map[string]string{}, votedBefore: map[string]string{}}
}

// CastResult says what became of a vote.
type CastResult int

// What Cast did with a vote.
const (
	VoteRecorded CastResult = iota // the user's first vote on this answer
	VoteChanged                    // the user had voted the other way; this one counts now
	VoteRepeated                   // the same vote again: not recorded twice
)

// Cast records user's vote v on the answer message answerID, once: the
// same vote again is not recorded; the other vote replaces the first (the
// summary counts a voter's last vote). The log holds neither ID, only the
// voter hash (Vote.Voter).
func (f *FeedbackLog) Cast(user, answerID string, v Vote) (CastResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	key, err := f.voterKey()
	if err != nil {
		return VoteRecorded, fmt.Errorf("feedback: %w", err)
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(user))
	mac.Write([]byte{0})
	mac.Write([]byte(answerID))
	v.Voter = hex.EncodeToString(mac.Sum(nil)[:16])
	before, ok := f.voted[v.Voter]
	if !ok {
		before, ok = f.votedBefore[v.Voter]
	}
	if ok && before == v.Vote {
		return VoteRepeated, nil
	}
	if err := f.appendLocked(v); err != nil {
		return VoteRecorded, err
	}
	if len(f.voted) >= maxRememberedVotes {
		f.votedBefore, f.voted = f.voted, map[string]string{}
	}
	f.voted[v.Voter] = v.Vote
	if ok {
		return VoteChanged, nil
	}
	return VoteRecorded, nil
}

// voterKey returns the key of the voter hashes: read from path+".key", or
// made and written there on first use; random and in memory when nothing
// is logged.
func (f *FeedbackLog) voterKey() ([]byte, error) {
	if f.key != nil {
		return f.key, nil
	}
	if f.path == "" {
		f.key = make([]byte, 32)
		_, err := rand.Read(f.key)
		return f.key, err
	}
	keyPath := f.path + ".key"
	raw, err := os.ReadFile(keyPath)
	if err == nil {
		if key, err := hex.DecodeString(strings.TrimSpace(string(raw))); err == nil && len(key) >= 16 {
			f.key = key
			return key, nil
		}
		return nil, fmt.Errorf("%s is not a voter key (64 hex digits); remove it to make a new one", keyPath)
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.WriteFile(keyPath, []byte(hex.EncodeToString(key)+"\n"), 0o600); err != nil {
		return nil, err
	}
	f.key = key
	return key, nil
}

// Record appends v to the log.
func (f *FeedbackLog) Record(v Vote) error {
	if f == nil || f.path == "" {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.appendLocked(v)
}

// appendLocked appends v to the log; f.mu is held.
func (f *FeedbackLog) appendLocked(v Vote) error {
	if f.path == "" {
		return nil
	}
	line, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("feedback: %w", err)
	}
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
// the most 👎. A voter's vote on an answer counts once: the last one.
type FeedbackSummary struct {
	Up, Down int
	// Malformed counts the lines that were not votes (or were longer
	// than MaxFeedbackLine), which were skipped.
	Malformed int
	// Skipped says which lines were skipped and why: the first
	// MaxSkippedLines of them, in file order.
	Skipped []SkippedLine
	// Superseded counts the votes a later vote of the same voter on the
	// same answer replaced (or repeated), which are not counted.
	Superseded int
	ByCommand  map[string][2]int // command → up, down
	// Worst are the questions with the most down votes, most first.
	Worst []QuestionVotes
}

// SkippedLine is a line of a feedback log that is not a vote.
type SkippedLine struct {
	// Line is the 1-based line number.
	Line int
	// Reason says why it was skipped.
	Reason string
}

// MaxFeedbackLine is the longest feedback log line read as a vote; a
// longer one is skipped without being held in memory. A vote line is a
// question (at most a few thousand characters) and the passages shown.
const MaxFeedbackLine = 1 << 20

// MaxSkippedLines bounds FeedbackSummary.Skipped.
const MaxSkippedLines = 20

// QuestionVotes is one question's tally.
type QuestionVotes struct {
	Question string
	Up, Down int
}

// Summarize reads a feedback log. Lines that are not votes, or are longer
// than MaxFeedbackLine, are counted as malformed, noted with their line
// numbers and skipped; the rest are summarised. Only a failure to read
// the log is an error.
func Summarize(r io.Reader) (*FeedbackSummary, error) {
	s := &FeedbackSummary{ByCommand: map[string][2]int{}}
	perQuestion := map[string]*QuestionVotes{}
	skip := func(n int, reason string) {
		s.Malformed++
		if len(s.Skipped) < MaxSkippedLines {
			s.Skipped = append(s.Skipped, SkippedLine{Line: n, Reason: reason})
		}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	var votes []Vote
	last := map[string]int{} // voter → index of their last vote
	var line []byte
	for n := 1; ; n++ {
		line = line[:0]
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if !tooLong {
				if len(line)+len(chunk) > MaxFeedbackLine+1 { // +1: the newline
					tooLong, line = true, line[:0]
				} else {
					line = append(line, chunk...)
				}
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("reading feedback line %d: %w", n, err)
		}
		if err == io.EOF && len(line) == 0 && !tooLong {
			break
		}
		switch text := bytes.TrimRight(line, "\r\n"); {
		case tooLong:
			skip(n, fmt.Sprintf("longer than %d KiB", MaxFeedbackLine>>10))
		case len(bytes.TrimSpace(text)) == 0:
			// A blank line is no vote and no harm.
		default:
			var v Vote
			if jerr := json.Unmarshal(text, &v); jerr != nil {
				skip(n, "not JSON: "+jerr.Error())
				break
			}
			if v.Vote != "up" && v.Vote != "down" {
				skip(n, fmt.Sprintf("not a vote (vote %q, want \"up\" or \"down\")", Truncate(v.Vote, 20)))
				break
			}
			if v.Voter != "" {
				if _, ok := last[v.Voter]; ok {
					s.Superseded++
				}
				last[v.Voter] = len(votes)
			}
			votes = append(votes, v)
		}
		if err == io.EOF {
			break
		}
	}
	for k, v := range votes {
		if v.Voter != "" && last[v.Voter] != k {
			continue // replaced by the voter's later vote
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
