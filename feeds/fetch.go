package feeds

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/netip"
	"net/url"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/temoto/robotstxt"
	"golang.org/x/sync/singleflight"
)

// fetcher makes polite HTTP requests: at most one at a time per host, with a
// delay between them (longer when robots.txt asks for a Crawl-delay);
// robots.txt read once a day per host and obeyed for every request,
// redirects included; redirects followed by hand and limited; a timeout on
// every request and a cap on every body.
type fetcher struct {
	// client makes requests; publicClient those that may connect only to
	// public addresses (publicOnlyKey).
	client, publicClient *http.Client
	userAgent            string
	delay                time.Duration
	maxBytes             int64
	maxRedirects         int
	log                  *slog.Logger
	now                  func() time.Time

	// nonPublic tells the addresses a feed on the public web may not lead
	// to (nonPublic in production; tests replace it).
	nonPublic func(netip.Addr) bool

	mu     sync.Mutex
	hosts  map[string]*hostGate    // by siteKey
	robots map[string]*robotsEntry // by hostKey
	flight singleflight.Group
}

// hostGate lets one request at a time go to a host.
type hostGate struct {
	turn chan struct{} // holding its one slot is the holder's turn
	last time.Time     // when the previous request ended (real time); read and written in turn
	// until is when a host that answered 429 or 503 may be asked again
	// (real time); read and written in turn.
	until time.Time
	// crawlDelay is what the host's robots.txt asks for (guarded by fetcher.mu).
	crawlDelay time.Duration
}

// robotsEntry is a host's robots.txt as last read.
type robotsEntry struct {
	data    *robotstxt.RobotsData
	expires time.Time
	// unreachable says why nothing may be fetched from the host for now
	// (robots.txt could not be read); empty when data decides.
	unreachable string
}

// How long robots.txt is trusted: a day when it was read (RFC 9309 asks
// for no longer), a minute when it could not be.
const (
	robotsTTL      = 24 * time.Hour
	robotsRetryTTL = time.Minute
	maxRobotsBytes = 512 << 10 // RFC 9309: parse at least 500 KiB
	maxCrawlDelay  = time.Minute
	// hostRest is how long a site that answered 429 or 503 without a
	// Retry-After is left alone.
	hostRest = time.Minute
)

func newFetcher(cfg Config) *fetcher {
	f := &fetcher{
		userAgent:    cfg.userAgent(),
		delay:        cfg.Delay,
		maxBytes:     cfg.MaxBytes,
		maxRedirects: cfg.MaxRedirects,
		log:          cfg.Logger,
		now:          cfg.Now,
		hosts:        map[string]*hostGate{},
		robots:       map[string]*robotsEntry{},
		nonPublic:    cfg.nonPublic,
	}
	if f.nonPublic == nil {
		f.nonPublic = nonPublic
	}
	newClient := func() *http.Client {
		dialer := &net.Dialer{Timeout: 10 * time.Second, ControlContext: f.checkDial}
		transport := http.DefaultTransport.(*http.Transport).Clone()
		transport.DialContext = dialer.DialContext
		transport.ResponseHeaderTimeout = cfg.Timeout
		transport.MaxIdleConnsPerHost = 1
		return &http.Client{
			Transport: transport,
			Timeout:   cfg.Timeout,
			// Redirects are followed by hand: each hop is checked against
			// robots.txt, waits its host's turn and is counted.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	// Addresses are vetted when a connection is made, so the requests that
	// may go only to public addresses keep connections of their own: one
	// kept open after a request to this machine is never theirs.
	f.client, f.publicClient = newClient(), newClient()
	return f
}

// publicOnlyKey marks a request's context: it may connect only to public
// addresses.
type publicOnlyKey struct{}

// errNonPublic is a connection refused because a feed on the public web
// led to an address on this machine or a private network.
var errNonPublic = errors.New("a feed on the public web may not lead to this machine or a private network")

// checkDial vets every address a request connects to, after the name was
// resolved (so a name that changes address cannot get around it): never a
// link-local address, where cloud metadata services answer, whatever a
// feed or a redirect names; and only public addresses for what a feed on
// the public web leads to.
func (f *fetcher) checkDial(ctx context.Context, _, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return nil
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return nil
	}
	ip = ip.Unmap()
	if ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified() || ip.IsMulticast() {
		return fmt.Errorf("refusing to connect to %s (link-local, unspecified or multicast)", ip)
	}
	if only, _ := ctx.Value(publicOnlyKey{}).(bool); only && f.nonPublic(ip) {
		return fmt.Errorf("refusing to connect to %s: %w", ip, errNonPublic)
	}
	return nil
}

// fetchError is a request that did not give a usable response.
type fetchError struct {
	msg string
	// temporary errors (timeouts, refused connections, 5xx, 429) may go
	// away; the others (404, robots.txt, too large) will not by waiting.
	temporary  bool
	disallowed bool          // robots.txt forbids the URL
	retryAfter time.Duration // what a 429 or 503 asked for
	// deferred: not requested, as the site asked for a rest (429, 503).
	deferred bool
	// err is the cause that callers tell apart (errNonPublic), if any.
	err error
}

func (e *fetchError) Error() string { return e.msg }
func (e *fetchError) Unwrap() error { return e.err }

// isDeferred reports whether err is a request not made because the site
// asked for a rest.
func isDeferred(err error) bool {
	var fe *fetchError
	return errors.As(err, &fe) && fe.deferred
}

// isTemporary reports whether err may go away by itself.
func isTemporary(err error) bool {
	var fe *fetchError
	if errors.As(err, &fe) {
		return fe.temporary
	}
	return true
}

// request is what to fetch and how.
type request struct {
	url    *url.URL
	accept string
	// etag and lastModified make a conditional GET.
	etag, lastModified string
	// truncate keeps the first maxBytes of a larger body instead of
	// failing (for robots.txt).
	limit    int64
	truncate bool
	// robots is false only for robots.txt itself.
	robots bool
	// anyStatus returns 4xx and 5xx responses instead of failing.
	anyStatus bool
	// publicOnly lets the request (robots.txt and redirects included)
	// connect only to public addresses.
	publicOnly bool
}

// response is a fetched resource.
type response struct {
	url    *url.URL // after redirects
	status int
	header http.Header
	body   []byte
	// remote is the address the response came from (a proxy's, behind one).
	remote netip.Addr
}

// get fetches req.url, following up to maxRedirects redirects, each hop
// allowed by its host's robots.txt.
func (f *fetcher) get(ctx context.Context, req request) (*response, error) {
	if req.limit <= 0 {
		req.limit = f.maxBytes
	}
	if req.publicOnly {
		ctx = context.WithValue(ctx, publicOnlyKey{}, true)
	}
	u := req.url
	seen := map[string]bool{u.String(): true}
	for hop := 0; ; hop++ {
		if req.robots {
			if err := f.allowed(ctx, u); err != nil {
				return nil, err
			}
		}
		resp, err := f.once(ctx, u, req)
		if err != nil {
			return nil, err
		}
		switch resp.status {
		case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
			loc := resp.header.Get("Location")
			next, err := u.Parse(loc)
			if loc == "" || err != nil || (next.Scheme != "http" && next.Scheme != "https") {
				return nil, &fetchError{msg: fmt.Sprintf("%s: redirect to a bad location %q", u, loc)}
			}
			next.Fragment, next.RawFragment = "", ""
			if seen[next.String()] {
				return nil, &fetchError{msg: fmt.Sprintf("%s: redirect loop (back to %s)", req.url, next)}
			}
			if hop >= f.maxRedirects {
				return nil, &fetchError{msg: fmt.Sprintf("%s: more than %d redirects", req.url, f.maxRedirects)}
			}
			seen[next.String()] = true
			u = next
			continue
		}
		resp.url = u
		if resp.status >= 400 && !req.anyStatus {
			fe := &fetchError{msg: fmt.Sprintf("%s: HTTP %d %s", u, resp.status, http.StatusText(resp.status)),
				temporary: resp.status == http.StatusTooManyRequests || resp.status >= 500 || resp.status == http.StatusRequestTimeout}
			if resp.status == http.StatusTooManyRequests || resp.status == http.StatusServiceUnavailable {
				fe.retryAfter = retryAfter(resp.header.Get("Retry-After"), f.now())
			}
			return nil, fe
		}
		return resp, nil
	}
}

// once makes one request when it is the host's turn and the delay since
// the host's last request has passed.
func (f *fetcher) once(ctx context.Context, u *url.URL, req request) (*response, error) {
	g := f.gate(u)
	select {
	case g.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if time.Now().Before(g.until) {
		<-g.turn
		return nil, &fetchError{msg: fmt.Sprintf("%s: not asked for: the site asked newsbot to wait until %s", u, g.until.UTC().Format("15:04:05 UTC")),
			temporary: true, deferred: true}
	}
	// The delay is real time, not the crawler's clock (Config.Now), which
	// dates its records and may be set.
	defer func() {
		g.last = time.Now()
		<-g.turn
	}()
	f.mu.Lock()
	delay := max(f.delay, g.crawlDelay)
	f.mu.Unlock()
	if !g.last.IsZero() {
		if wait := time.Until(g.last.Add(delay)); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return nil, ctx.Err()
			}
		}
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &fetchError{msg: fmt.Sprintf("%s: %v", u, err)}
	}
	hreq.Header.Set("User-Agent", f.userAgent)
	if req.accept != "" {
		hreq.Header.Set("Accept", req.accept)
	}
	if req.etag != "" {
		hreq.Header.Set("If-None-Match", req.etag)
	}
	if req.lastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.lastModified)
	}
	var remote netip.Addr
	hreq = hreq.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if ap, err := netip.ParseAddrPort(info.Conn.RemoteAddr().String()); err == nil {
			remote = ap.Addr().Unmap()
		}
	}}))
	client := f.client
	if only, _ := ctx.Value(publicOnlyKey{}).(bool); only {
		client = f.publicClient
	}
	start := time.Now()
	resp, err := client.Do(hreq)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if errors.Is(err, errNonPublic) {
			return nil, &fetchError{msg: fmt.Sprintf("%s: %v", u, errNonPublic), err: errNonPublic}
		}
		return nil, &fetchError{msg: describeNetError(u, err, f.client.Timeout), temporary: true}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, req.limit+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &fetchError{msg: describeNetError(u, err, f.client.Timeout), temporary: true}
	}
	if int64(len(body)) > req.limit {
		if !req.truncate {
			return nil, &fetchError{msg: fmt.Sprintf("%s: larger than %d bytes; not read", u, req.limit)}
		}
		body = body[:req.limit]
	}
	f.log.Debug("fetched", "url", u.String(), "status", resp.StatusCode, "bytes", len(body), "took", time.Since(start).Round(time.Millisecond))
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		// The site asks for a rest: nothing more is asked of it until it
		// is over (Retry-After, else a minute).
		g.until = time.Now().Add(cmp.Or(retryAfter(resp.Header.Get("Retry-After"), time.Now()), hostRest))
		f.log.Info("site asked to wait; not asking it again until then", "host", siteKey(u), "status", resp.StatusCode, "until", g.until.Round(time.Second))
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: body, remote: remote}, nil
}

// describeNetError says briefly what went wrong with a request.
func describeNetError(u *url.URL, err error, timeout time.Duration) string {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Sprintf("%s: no answer within %s", u, timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Sprintf("%s: %v", u, err)
}

// retryAfter reads a Retry-After header: seconds or an HTTP date; at most
// an hour.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.Atoi(v); err == nil {
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), maxBackoff)
}

// gate is the turn of u's server.
func (f *fetcher) gate(u *url.URL) *hostGate {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.gateLocked(u)
}

// allowed returns an error when the host's robots.txt forbids u, or could
// not be read (then nothing is fetched from the host, as RFC 9309 asks).
func (f *fetcher) allowed(ctx context.Context, u *url.URL) error {
	key := hostKey(u)
	f.mu.Lock()
	e := f.robots[key]
	f.mu.Unlock()
	if e == nil || f.now().After(e.expires) {
		// A request that may connect only to public addresses reads it in
		// a flight of its own: its refusal is not another request's answer.
		flight := key
		if only, _ := ctx.Value(publicOnlyKey{}).(bool); only {
			flight += " public-only"
		}
		v, err, _ := f.flight.Do(flight, func() (any, error) { return f.readRobots(ctx, u) })
		if err != nil {
			return err
		}
		e = v.(*robotsEntry)
	}
	if e.unreachable != "" {
		return &fetchError{msg: fmt.Sprintf("%s: not fetched: %s", u, e.unreachable), temporary: true}
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !e.data.TestAgent(path, robotsAgent) {
		return &fetchError{msg: fmt.Sprintf("%s: robots.txt disallows it", u), disallowed: true}
	}
	return nil
}

// readRobots reads and remembers the robots.txt of u's host. A 4xx means
// no rules; a 5xx or no answer means nothing may be fetched for now.
func (f *fetcher) readRobots(ctx context.Context, u *url.URL) (*robotsEntry, error) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	resp, err := f.get(ctx, request{url: ru, accept: "text/plain", limit: maxRobotsBytes, truncate: true, anyStatus: true})
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if errors.Is(err, errNonPublic) {
		// Not this request's to read: nothing is learnt of the rules, and
		// nothing is remembered for the requests that may connect there.
		return nil, err
	}
	e := &robotsEntry{expires: f.now().Add(robotsTTL)}
	switch {
	case err != nil && !isTemporary(err):
		// A redirect loop or too many redirects: RFC 9309 lets a crawler
		// take robots.txt as unavailable, which means no rules.
		e.data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	case err != nil:
		e.unreachable = "robots.txt could not be read (" + err.Error() + ")"
		e.expires = f.now().Add(robotsRetryTTL)
	case resp.status >= 500:
		e.unreachable = fmt.Sprintf("robots.txt answered HTTP %d", resp.status)
		e.expires = f.now().Add(robotsRetryTTL)
	case resp.status >= 400 || resp.status < 200 || resp.status >= 300:
		e.data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil) // no rules
	default:
		data, perr := robotstxt.FromBytes(resp.body)
		if perr != nil {
			f.log.Warn("robots.txt does not parse; following no rules from it", "host", hostKey(u), "err", perr)
			data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
		}
		e.data = data
	}
	if e.unreachable != "" {
		f.log.Warn("robots.txt unreadable; nothing is fetched from the site until it is", "host", hostKey(u), "reason", e.unreachable)
	}
	f.mu.Lock()
	f.robots[hostKey(u)] = e
	if e.data != nil { // the rules as read now: a Crawl-delay taken out ends
		f.gateLocked(u).crawlDelay = min(max(e.data.FindGroup(robotsAgent).CrawlDelay, 0), maxCrawlDelay)
	}
	f.mu.Unlock()
	return e, nil
}

// gateLocked is the turn of u's server (siteKey): one for http:// and
// https:// of a host. f.mu is held.
func (f *fetcher) gateLocked(u *url.URL) *hostGate {
	key := siteKey(u)
	g := f.hosts[key]
	if g == nil {
		g = &hostGate{turn: make(chan struct{}, 1)}
		f.hosts[key] = g
	}
	return g
}
