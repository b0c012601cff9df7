package timex

import (
	"testing"
	"time"
)

func TestEndOf(t *testing.T) {
	begin := time.Date(2011, 10, 20, 0, 0, 0, 0, time.UTC)
	for g, want := range map[Granularity]time.Time{
		Minute:  begin.Add(time.Minute),
		Day:     begin.AddDate(0, 0, 1),
		"":      begin.AddDate(0, 0, 1),
		Week:    begin.AddDate(0, 0, 7),
		Month:   begin.AddDate(0, 1, 0),
		Quarter: begin.AddDate(0, 3, 0),
		Season:  begin.AddDate(0, 3, 0),
		Half:    begin.AddDate(0, 6, 0),
		Year:    begin.AddDate(1, 0, 0),
		Decade:  begin.AddDate(10, 0, 0),
		Century: begin.AddDate(100, 0, 0),
	} {
		if got := EndOf(begin, g); !got.Equal(want) {
			t.Errorf("EndOf(%s, %q) = %s, want %s", begin, g, got, want)
		}
	}
}
