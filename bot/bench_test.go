package bot

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/internal/samples"
	"github.com/newsbot-dev/newsbot/internal/shareddata"
	"github.com/newsbot-dev/newsbot/library"
)

// BenchmarkInteraction handles SQuAD dev questions as signed HTTP
// interactions over the index of all 2,067 SQuAD paragraphs: request in
// (signature and timestamp checked, JSON read), answer, response payload
// out (embed rendered within limits, JSON written). It reports the p50 and
// p99 latency of one interaction.
func BenchmarkInteraction(b *testing.B) {
	s, err := eval.LoadSQuAD(shareddata.Path(b, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		b.Fatal(err)
	}
	ix := samples.IndexArticles(b, s.Articles)
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	h := NewHTTPHandler(New(library.FromIndex(ix), Config{RateBurst: 1 << 30}), HTTPConfig{PublicKey: pub, AnswerWithin: time.Minute})
	defer h.Close()

	type request struct {
		body       []byte
		sig, stamp string
	}
	// One request per iteration, each with its own ID (a repeated ID is
	// refused as a replay), over the first 2,000 questions.
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	reqs := make([]request, 0, b.N)
	for n := 0; n < b.N; n++ {
		q := s.Questions[n%min(2000, len(s.Questions))]
		i := slash(strconv.Itoa(n), string(answer.Intent(q.Question)), map[string]string{"question": q.Question}, 0)
		body, _ := json.Marshal(i)
		reqs = append(reqs, request{body: body, stamp: stamp, sig: hex.EncodeToString(ed25519.Sign(priv, append([]byte(stamp), body...)))})
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		r := reqs[n]
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(r.body))
		req.Header.Set("X-Signature-Ed25519", r.sig)
		req.Header.Set("X-Signature-Timestamp", r.stamp)
		w := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(w, req)
		lat = append(lat, time.Since(start))
		if w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) }
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}
