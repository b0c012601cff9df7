package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/newsbot-dev/newsbot/internal/syncbuf"
	"github.com/newsbot-dev/newsbot/library"
)

func TestUsageErrorsAreShort(t *testing.T) {
	c := newCLI(t)
	for _, args := range [][]string{{"frobnicate"}, {"ask", "--nope", "x"}, {"index", "extra"}} {
		code, _, stderr := c.run("", args...)
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if code != exitUsage || len(lines) != 2 || !strings.Contains(lines[1], "newsbot help") || strings.Contains(stderr, "Usage:") {
			t.Errorf("newsbot %v: exit %d, %d lines:\n%s", args, code, len(lines), stderr)
		}
	}
}

func TestServeHTTPPortWithoutColon(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	c := newCLI(t)
	c.env["DISCORD_PUBLIC_KEY"] = hex.EncodeToString(pub)
	code, _, stderr := c.run("", "serve", "--http", "8080")
	if code != exitUsage || !strings.HasPrefix(stderr, `newsbot: serve --http "8080" is not an address`) || !strings.Contains(stderr, `":8080"`) {
		t.Errorf("serve --http 8080: exit %d:\n%s", code, stderr)
	}
	for _, misleading := range []string{"catching up", "context canceled", "level=ERROR"} {
		if strings.Contains(stderr, misleading) {
			t.Errorf("serve --http 8080 says %q:\n%s", misleading, stderr)
		}
	}
}

func TestChatExitQuitClearHelp(t *testing.T) {
	c := newCLI(t)
	_, stdout, _ := c.run("/help\n", "chat")
	for _, want := range []string{"exit", "quit", "clear"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("/help does not list %q:\n%s", want, stdout)
		}
	}
	for _, word := range []string{"exit", "quit", "Exit", "/quit", "/exit"} {
		code, stdout, stderr := c.run(word+"\nWhy did North Korea blow up the building?\n", "chat")
		if code != exitOK || stdout != "" {
			t.Errorf("%q was not taken as the end of the chat: exit %d, %q %s", word, code, stdout, stderr)
		}
	}
	code, stdout, _ := c.run("clear\n/clear\n", "chat")
	if code != exitOK || stdout != "" {
		t.Errorf("clear was asked as a question: %q", stdout)
	}
}

func TestChatSurvivesHugeLines(t *testing.T) {
	c := newCLI(t)
	huge := "Why " + strings.Repeat("Korea ", 200_000) + "?" // 1.2 MB
	tooLong := strings.Repeat("x", maxLine+10)
	code, stdout, stderr := c.run(huge+"\n"+tooLong+"\n/sources\n", "chat")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "That line is 4194314 bytes long") || !strings.Contains(stdout, "The corpus holds") {
		t.Errorf("chat did not go on past the long lines:\n%s", excerpt(stdout, 2000))
	}
}

// TestChatPromptHasNoSkipWarnings: warnings about files that could not be
// read once landed in the middle of the chat prompt.
func TestChatPromptHasNoSkipWarnings(t *testing.T) {
	terminal, screen := ptyPair(t)
	dir := t.TempDir()
	for name, text := range map[string]string{"good.txt": "Storm hits coast\n\nHigh winds closed the port of Eastbay on Monday.\n", "bad.txt": "\x00binary"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := newCLI(t)
	c.env["NEWSBOT_CORPUS"] = dir
	env := map[string]string{"NEWSBOT_INDEX": c.index}
	for k, v := range c.env {
		env[k] = v
	}
	shown := &syncbuf.Buffer{}
	go io.Copy(shown, screen)
	stderr := &syncbuf.Buffer{}
	code := run(context.Background(), []string{"chat"}, strings.NewReader("/sources\nexit\n"), terminal, stderr, func(k string) string { return env[k] })
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(shown.String(), "The corpus holds") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if strings.Contains(stderr.String(), "skipped article file") {
		t.Errorf("a skipped-file warning went to the terminal:\n%s", stderr.String())
	}
	if !strings.Contains(shown.String(), "(1 file in the corpus could not be read; `newsbot index` lists it and why)") {
		t.Errorf("the session does not start with the count of unread files:\n%s", shown.String())
	}
}

// pty opens a pseudo-terminal and returns its terminal side, which a
// command sees as a person at a terminal.
func pty(t *testing.T) *os.File {
	terminal, _ := ptyPair(t)
	return terminal
}

// ptyPair opens a pseudo-terminal: its terminal side, and the side that
// shows what is written to it.
func ptyPair(t *testing.T) (terminal, screen *os.File) {
	t.Helper()
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, m
}

// TestWhyOnATerminalSaysItReads: `newsbot why` with no question once waited
// for standard input without a word.
func TestWhyOnATerminalSaysItReads(t *testing.T) {
	terminal := pty(t)
	c := newCLI(t)
	env := map[string]string{"NEWSBOT_INDEX": c.index}
	for k, v := range c.env {
		env[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &syncbuf.Buffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"why"}, terminal, io.Discard, stderr, func(k string) string { return env[k] })
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stderr.String(), "reading questions from the terminal, one a line") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel() // as Ctrl-C does: the command stops though the terminal is silent
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("why did not stop when its context ended")
	}
	if !strings.Contains(stderr.String(), "reading questions from the terminal, one a line") {
		t.Errorf("no word on what why waits for: %q", stderr.String())
	}
	// Not on a pipe or /dev/null: output there is for programs.
	_, _, quiet := c.run("", "why")
	if strings.Contains(quiet, "reading questions") {
		t.Errorf("said on a pipe: %q", quiet)
	}
}

func TestReportsQuoteStrangeNames(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	files := map[string]string{
		"good.txt":                             "Storm hits coast\n\nHigh winds closed the port of Eastbay on Monday.\n",
		"forged\nskipped 0 files\n  x.txt.txt": "\x00binary",
		"two\nlines.txt":                       "Flood in the valley\n\nThe river Aldane burst its banks at Westmoor on Tuesday.\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c.env["NEWSBOT_CORPUS"] = dir
	code, stdout, stderr := c.run("", "index")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `"forged\nskipped 0 files\n  x.txt.txt": binary`) {
		t.Errorf("a file name with line breaks is not quoted in the report:\n%s", stdout)
	}
	for _, l := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(l, "skipped 0 files") {
			t.Errorf("a file name forged a line of the report:\n%s", stdout)
		}
	}
	_, stdout, _ = c.run("", "ask", "Where did the river Aldane burst its banks?")
	if !strings.Contains(stdout, `["two\nlines"]`) {
		t.Errorf("the citation does not quote the ID:\n%s", stdout)
	}
}

// TestSecondNewsbotOnTheSameIndex runs `newsbot ask` while `newsbot chat`
// has the index open: it once waited forever, deaf to Ctrl-C.
func TestSecondNewsbotOnTheSameIndex(t *testing.T) {
	c := newCLI(t)
	env := map[string]string{"NEWSBOT_INDEX": c.index}
	for k, v := range c.env {
		env[k] = v
	}
	stdin, w := io.Pipe() // chat waits for a line that does not come
	chatOut := &syncbuf.Buffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), []string{"chat"}, stdin, chatOut, chatOut, func(k string) string { return env[k] })
	}()
	defer func() {
		w.Close()
		<-done
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if raw, _ := os.ReadFile(c.index + ".lock"); bytes.HasPrefix(raw, []byte(fmt.Sprint(os.Getpid()))) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("chat never opened the index: %s", chatOut.String())
		}
		time.Sleep(10 * time.Millisecond)
	}

	start := time.Now()
	finished := make(chan struct{})
	var code int
	var stderr string
	go func() {
		code, _, stderr = c.run("", "ask", "Why did North Korea blow up the building?")
		close(finished)
	}()
	select {
	case <-finished:
	case <-time.After(10 * time.Second):
		t.Fatal("a second newsbot on the index is still waiting after 10 s")
	}
	t.Logf("the second newsbot stopped after %s: %s", time.Since(start).Round(time.Millisecond), strings.TrimSpace(stderr))
	for _, want := range []string{"in use by another newsbot", fmt.Sprintf("pid %d", os.Getpid()), "--index"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the message does not say %q: %s", want, stderr)
		}
	}
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
}

// buildNewsbot builds the command once for the tests that run it as a
// process.
func buildNewsbot(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "newsbot")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestCommandsStopOnSignals runs commands that wait (for input that does
// not come, for Discord) as processes, and checks that SIGINT and SIGTERM
// end each within a few seconds. Reading a terminal or a pipe once held
// them past Ctrl-C.
func TestCommandsStopOnSignals(t *testing.T) {
	bin := buildNewsbot(t)
	abs, _ := filepath.Abs("../../corpus/articles")
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	big := t.TempDir() // for a catch-up still running at the signal
	for i := 0; i < 2000; i++ {
		text := fmt.Sprintf("Harbour report number %d\n\nThe harbour master logged ship %d arriving with cargo code Q%05d on Tuesday.\n", i, i, i)
		if err := os.WriteFile(filepath.Join(big, fmt.Sprintf("r%04d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name   string
		args   []string
		corpus string
		sig    syscall.Signal
		input  string // written first, when set; the command then waits for more
		ready  string // on stdout or stderr: wait for it before the signal
	}{
		{"chat", []string{"chat"}, abs, syscall.SIGINT, "/sources\n", "The corpus holds"},
		{"ask in batch mode", []string{"ask"}, abs, syscall.SIGTERM, "Why did North Korea blow up the building?\n", "ask: Why did North Korea"},
		{"dates", []string{"dates"}, abs, syscall.SIGINT, "", ""},
		{"add from stdin", []string{"add", "-"}, abs, syscall.SIGTERM, "", ""},
		{"serve --http", []string{"serve", "--http", "127.0.0.1:0"}, abs, syscall.SIGTERM, "", "serving Discord interactions over HTTP"},
		{"serve during the catch-up", []string{"serve", "--http", "127.0.0.1:0"}, big, syscall.SIGTERM, "", "building the index from the corpus"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(bin, c.args...)
			cmd.Env = append(os.Environ(), "NEWSBOT_CORPUS="+c.corpus, "NEWSBOT_INDEX="+filepath.Join(dir, "index"),
				"NEWSBOT_FEEDBACK=off", "DISCORD_PUBLIC_KEY="+hex.EncodeToString(pub), "DISCORD_TOKEN=")
			cmd.Dir = dir
			stdin, err := cmd.StdinPipe() // held open: nothing more comes
			if err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			stderr, stdout := &syncbuf.Buffer{}, &syncbuf.Buffer{}
			cmd.Stderr, cmd.Stdout = stderr, stdout
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if c.input != "" {
				io.WriteString(stdin, c.input)
			}
			deadline := time.Now().Add(20 * time.Second)
			for c.ready != "" && !strings.Contains(stderr.String()+stdout.String(), c.ready) {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatalf("not ready after 20 s:\n%s", stderr.String())
				}
				time.Sleep(5 * time.Millisecond)
			}
			if c.ready == "" {
				time.Sleep(time.Second) // reading standard input by now
			}
			sent := time.Now()
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			select {
			case <-exited:
			case <-time.After(5 * time.Second):
				cmd.Process.Kill()
				<-exited
				t.Fatalf("still running 5 s after %v:\n%s", c.sig, stderr.String())
			}
			t.Logf("stopped %s after %v", time.Since(sent).Round(time.Millisecond), c.sig)
			if strings.Contains(stderr.String(), "level=ERROR") {
				t.Errorf("an error logged on the way out:\n%s", stderr.String())
			}
		})
	}
}

func TestPrintProgressOnLongBuilds(t *testing.T) {
	var out bytes.Buffer
	report := printProgress(&out, "corpus/big")
	report(library.BuildProgress{Elapsed: 2 * time.Second})
	report(library.BuildProgress{Indexed: 100, Total: 5000, Elapsed: 4 * time.Second}) // within ten seconds: quiet
	report(library.BuildProgress{Indexed: 2500, Total: 5000, Elapsed: 12 * time.Second})
	report(library.BuildProgress{Indexed: 5000, Total: 5000, Elapsed: 19 * time.Second, Done: true})
	want := "newsbot: building the index of corpus/big (only the first time; later runs read only what changed)…\n" +
		"newsbot: … reading the articles (2s)\n" +
		"newsbot: … 2500 of 5000 articles indexed (12s)\n" +
		"newsbot: built the index: 5000 articles in 19s\n"
	if out.String() != want {
		t.Errorf("progress:\n%s\nwant:\n%s", out.String(), want)
	}
	// A short build says nothing.
	out.Reset()
	report = printProgress(&out, "corpus/articles")
	report(library.BuildProgress{Indexed: 2, Total: 2, Elapsed: 50 * time.Millisecond, Done: true})
	if out.Len() != 0 {
		t.Errorf("a short build said %q", out.String())
	}
}

// TestFeedbackCountsEachVoterOnce votes in the chat as one user on one
// answer, again and again: the summary counts the last vote only.
func TestFeedbackCountsEachVoterOnce(t *testing.T) {
	c := newCLI(t)
	in := "/why Why did North Korea blow up the building?\n/vote down\n/vote down\n/vote up\n"
	code, stdout, stderr := c.run(in, "chat")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Thanks, your vote is recorded.", "You have already voted this way on this answer", "Your vote on this answer is changed"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("chat output lacks %q:\n%s", want, stdout)
		}
	}
	_, stdout, _ = c.run("", "feedback")
	if !strings.HasPrefix(stdout, "1 vote: 1 👍, 0 👎") || !strings.Contains(stdout, "1 vote was replaced by a later vote") {
		t.Errorf("feedback = %q", stdout)
	}
}

// TestFeedbackSummarisesAroundAnOverlongLine: one over-long line in the
// feedback log is reported with its line number; the rest is summarised.
func TestFeedbackSummarisesAroundAnOverlongLine(t *testing.T) {
	c := newCLI(t)
	path := filepath.Join(t.TempDir(), "feedback.jsonl")
	log := `{"command":"why","question":"Why did the port close?","vote":"down","voter":"a"}` + "\n" +
		`{"command":"ask","vote":"up","question":"` + strings.Repeat("y", 2<<20) + `"}` + "\n" +
		`{"command":"ask","question":"Who won?","vote":"up","voter":"b"}` + "\n"
	if err := os.WriteFile(path, []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := c.run("", "feedback", path)
	if code != exitOK || !strings.HasPrefix(stdout, "2 votes: 1 👍, 1 👎") ||
		!strings.Contains(stdout, "1 line that is not a vote was skipped:\n  line 2: longer than 1024 KiB\n") {
		t.Errorf("feedback = %d %q %q", code, stdout, stderr)
	}
}
