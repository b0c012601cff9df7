package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsbot-dev/newsbot"
)

func TestTruncate(t *testing.T) {
	cases := []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"North Korea blew up the building", 20, "North Korea blew…"},
		{"Pyongyang", 5, "Pyon…"},
		{"", 5, ""},
		{"abc", 0, ""},
		{"한국어 텍스트 입니다", 6, "한국어…"},
		{"مرحبا بالعالم كله اليوم", 12, "مرحبا…"},
		{`a\*b\*c\*d\*e`, 5, `a\*b…`},
		{`ab\*cd`, 4, `ab…`},
		{`ab\*cd`, 4, `ab…`},
	}
	for _, c := range cases {
		got := Truncate(c.in, c.limit)
		if got != c.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", c.in, c.limit, got, c.want)
		}
		if !utf8.ValidString(got) || Runes(got) > max(c.limit, 0) {
			t.Errorf("Truncate(%q, %d) = %q: invalid or too long", c.in, c.limit, got)
		}
	}
}

func FuzzTruncate(f *testing.F) {
	f.Add("North Korea 👋🏽 blew up", 7)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if limit > 5000 || limit < -5 || !utf8.ValidString(s) {
			return
		}
		got := Truncate(s, limit)
		if !utf8.ValidString(got) || Runes(got) > max(limit, 0) {
			t.Fatalf("Truncate(%q, %d) = %q", s, limit, got)
		}
		if Runes(s) <= limit && got != s {
			t.Fatalf("Truncate changed a short string")
		}
	})
}

func TestEscape(t *testing.T) {
	in := "**bold** _it_ `code` [link](http://x) @everyone <@123> ~~s~~ ||spoiler|| back\\slash\n> quote\n# heading\n- item, re-established"
	got := Escape(in)
	// Every special character is escaped exactly once, and removing the
	// escapes gives the text back.
	var plain strings.Builder
	escaped := false
	for _, r := range got {
		if !escaped && r == '\\' {
			escaped = true
			continue
		}
		if !escaped && strings.ContainsRune("*_~`|[]<@", r) {
			t.Errorf("%q left unescaped in %q", r, got)
		}
		escaped = false
		plain.WriteRune(r)
	}
	if plain.String() != in {
		t.Errorf("unescaping %q gives %q, want %q", got, plain.String(), in)
	}
	for _, want := range []string{"\\> quote", "\\# heading", "\\- item, re-established"} {
		if !strings.Contains(got, want) {
			t.Errorf("line start not escaped: want %q in %q", want, got)
		}
	}
	if Escape("plain words, re-established: 50%") != "plain words, re-established: 50%" {
		t.Error("Escape changed plain text")
	}
}

func TestQuoteFitsAndKeepsBoldClosed(t *testing.T) {
	text := "North Korea blew up the liaison office near Kaesong, officials said."
	spans := []newsbot.Span{{Start: 0, End: 5}, {Start: 6, End: 11}, {Start: 17, End: 19}}
	for limit := 1; limit <= 120; limit++ {
		got := quote(text, spans, limit)
		if Runes(got) > limit {
			t.Fatalf("quote(limit %d) = %q: %d runes", limit, got, Runes(got))
		}
		if strings.Count(got, "**")%2 != 0 {
			t.Fatalf("quote(limit %d) = %q leaves bold open", limit, got)
		}
		if limit >= 10 && got == "" {
			t.Fatalf("quote(limit %d) is empty", limit)
		}
	}
	if got := quote(text, spans, 200); got != "**North** **Korea** blew **up** the liaison office near Kaesong, officials said." {
		t.Errorf("quote = %q", got)
	}
}

func TestRedactHidesTokens(t *testing.T) {
	token := "MTEyMzQ1Njc4OTAxMjM0NTY3OA.GabcdE.abcdefghijklmnopqrstuvwxyz0123456789AB"
	for _, in := range []string{
		"error connecting with " + token + " now",
		`Post "https://discord.com/api/v9/interactions/123456/aW50ZXJhY3Rpb246MTIzNDU2Nzg5:secret-token/callback": EOF`,
		`Patch "https://discord.com/api/v9/webhooks/777/aW50ZXJhY3Rpb246secret.token-value/messages/@original": 500`,
	} {
		out := Redact(in)
		for _, secret := range []string{token, "secret-token", "secret.token-value", "aW50ZXJhY3Rpb246"} {
			if strings.Contains(out, secret) {
				t.Errorf("Redact(%q) = %q still shows %q", in, out, secret)
			}
		}
		if !strings.Contains(out, "[token]") {
			t.Errorf("Redact(%q) = %q marks nothing", in, out)
		}
	}
}
