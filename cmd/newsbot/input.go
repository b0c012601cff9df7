package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
)

// maxLine is the longest line chat and batch mode take; a longer one is
// read to its end and skipped, with a message. (Discord takes 6,000
// characters in a question; a line of a megabyte is still answered.)
const maxLine = 4 << 20

// line is one line of input: its text without the line end, or how long it
// was when it was over maxLine.
type line struct {
	text    string
	tooLong int // bytes, when over maxLine; text is then empty
}

// lineReader reads lines of any length on its own goroutine, so that a
// command waiting for input (a terminal, a pipe nobody writes to) still
// stops when its context ends: the read itself cannot be interrupted. When
// ctx ends the goroutine ends too, once its read returns, rather than wait
// for good to hand over a line nobody will take.
type lineReader struct {
	lines chan line
	err   error // set before lines is closed: nil at the end of input
}

func newLineReader(ctx context.Context, r io.Reader) *lineReader {
	lr := &lineReader{lines: make(chan line)}
	go func() {
		defer close(lr.lines)
		give := func(l line) bool {
			select {
			case lr.lines <- l:
				return true
			case <-ctx.Done():
				return false
			}
		}
		br := bufio.NewReaderSize(r, 64<<10)
		for {
			l, err := readLine(br)
			if err != nil && (l.text != "" || l.tooLong > 0) {
				if !give(l) { // the last line, without a line end
					return
				}
			}
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				lr.err = err
				return
			}
			if !give(l) {
				return
			}
		}
	}()
	return lr
}

// next returns the next line; ok is false at the end of the input or when
// ctx ends (ctx.Err() tells which), err when reading failed. Once ctx has
// ended no more lines come, even those already read.
func (lr *lineReader) next(ctx context.Context) (l line, ok bool, err error) {
	if ctx.Err() != nil {
		return line{}, false, nil
	}
	select {
	case <-ctx.Done():
		return line{}, false, nil
	case l, ok := <-lr.lines:
		if !ok {
			if ctx.Err() != nil {
				return line{}, false, nil
			}
			if lr.err != nil {
				return line{}, false, fmt.Errorf("reading standard input: %w", lr.err)
			}
			return line{}, false, nil
		}
		return l, true, nil
	}
}

// readLine reads up to the next line end, keeping at most maxLine bytes of
// the line; a longer one comes back with only its length.
func readLine(br *bufio.Reader) (line, error) {
	var buf []byte
	total := 0
	for {
		chunk, err := br.ReadSlice('\n')
		total += len(chunk)
		if len(buf) <= maxLine+1 {
			buf = append(buf, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		textLen := total
		if bytes.HasSuffix(chunk, []byte("\n")) {
			textLen--
		}
		if textLen > maxLine {
			return line{tooLong: textLen}, err
		}
		text := bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte("\n")), []byte("\r"))
		return line{text: string(text)}, err
	}
}

// readAll reads r to its end, or to limit+1 bytes, unless ctx ends first.
func readAll(ctx context.Context, r io.Reader, limit int64) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := io.ReadAll(io.LimitReader(r, limit+1))
		done <- result{data, err}
	}()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-done:
		return r.data, r.err
	}
}
