package index

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2/document"

	"github.com/newsbot-dev/newsbot/timex"
)

// storedDate is a time expression as the index stores it: short keys, so a
// paragraph's dates cost a few dozen bytes.
type storedDate struct {
	Start  int    `json:"s"`
	End    int    `json:"e"`
	Text   string `json:"x"`
	Type   string `json:"t"`
	Gran   string `json:"g,omitempty"`
	Value  string `json:"v,omitempty"`
	Begin  int64  `json:"b,omitempty"` // Unix seconds
	Until  int64  `json:"u,omitempty"`
	Unit   string `json:"ru,omitempty"`
	N      int    `json:"rn,omitempty"`
	Around bool   `json:"ra,omitempty"`
	Rel    bool   `json:"r,omitempty"`
}

func encodeDates(exprs []timex.Expression) (string, error) {
	out := make([]storedDate, len(exprs))
	for i, e := range exprs {
		d := storedDate{Start: e.Start, End: e.End, Text: e.Text, Type: string(e.Type), Gran: string(e.Granularity), Value: e.Value}
		if e.Resolved() {
			d.Begin, d.Until = e.Begin.Unix(), e.Until.Unix()
		}
		if r := e.Relative; r != nil {
			d.Rel, d.Unit, d.N, d.Around = true, string(r.Unit), r.N, r.Around
		}
		out[i] = d
	}
	raw, err := json.Marshal(out)
	if err != nil {
		return "", fmt.Errorf("encoding dates: %w", err)
	}
	return string(raw), nil
}

func decodeDates(raw string) ([]timex.Expression, error) {
	if raw == "" {
		return []timex.Expression{}, nil // searched, and none found
	}
	var in []storedDate
	if err := json.Unmarshal([]byte(raw), &in); err != nil {
		return nil, fmt.Errorf("decoding dates: %w", err)
	}
	out := make([]timex.Expression, len(in))
	for i, d := range in {
		e := timex.Expression{Start: d.Start, End: d.End, Text: d.Text, Type: timex.Type(d.Type), Granularity: timex.Granularity(d.Gran), Value: d.Value}
		if d.Begin != 0 || d.Until != 0 {
			e.Begin, e.Until = time.Unix(d.Begin, 0).UTC(), time.Unix(d.Until, 0).UTC()
		}
		if d.Rel {
			e.Relative = &timex.Offset{Unit: timex.Granularity(d.Unit), N: d.N, Around: d.Around}
		}
		out[i] = e
	}
	return out, nil
}

// eventDates are the dates a paragraph's events happen on: the start of
// every resolved date or time it mentions that Bleve can hold (it stores
// dates as Unix nanoseconds: years 1678 to 2262). Earlier dates stay in
// the stored expressions, for answers and timelines.
func eventDates(exprs []timex.Expression) []time.Time {
	var out []time.Time
	seen := make(map[time.Time]bool, len(exprs))
	for _, e := range exprs {
		if seen[e.Begin] {
			continue
		}
		if e.Begin.Before(document.MinTimeRepresentable) || e.Begin.After(document.MaxTimeRepresentable) {
			continue
		}
		if e.Resolved() && (e.Type == timex.Date || e.Type == timex.Time) {
			seen[e.Begin] = true
			out = append(out, e.Begin)
		}
	}
	return out
}
