package feeds

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
)

// maxURLLength is the longest feed or article URL newsbot takes.
const maxURLLength = 2000

// ParseFeedURL checks a feed URL as a user gives it: an absolute http or
// https URL with a host and no user name or password. The fragment is
// dropped.
func ParseFeedURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, errors.New("empty URL")
	}
	if len(raw) > maxURLLength {
		return nil, fmt.Errorf("URL longer than %d characters", maxURLLength)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("not a URL: %q", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("not a web address (want http:// or https://): %q", raw)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("no host in %q", raw)
	}
	if u.User != nil {
		return nil, errors.New("a feed URL may not carry a user name or password")
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// trackingParams are query parameters that say where a reader came from,
// not which article they read; they are dropped from article URLs.
func isTrackingParam(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "utm_") || n == "fbclid" || n == "gclid" || n == "mc_cid" || n == "mc_eid" || n == "cmpid"
}

// cleanURL is an article URL as newsbot writes it: the fragment and
// tracking parameters taken off. A URL that does not parse is returned
// as it is.
func cleanURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.TrimSpace(raw)
	}
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		q := u.Query()
		dropped := false
		for k := range q {
			if isTrackingParam(k) {
				q.Del(k)
				dropped = true
			}
		}
		if dropped {
			u.RawQuery = q.Encode()
		}
	}
	return u.String()
}

// urlKey is what two URLs of the same article share: host (lower case,
// without a default port) and path and query, tracking parameters and
// fragment dropped; http and https are the same. "" when raw is not an
// absolute web URL.
func urlKey(raw string) string {
	u, err := url.Parse(cleanURL(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	host := siteKey(u)
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	key := host + path
	if u.RawQuery != "" {
		key += "?" + u.Query().Encode() // sorted
	}
	return key
}

// siteKey names the server u is on, as politeness counts servers: the
// host in lower case, with its port when it is not the scheme's default,
// so that http:// and https:// of one site are one server.
func siteKey(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	if port := u.Port(); port != "" && !(u.Scheme == "http" && port == "80") && !(u.Scheme == "https" && port == "443") {
		host = net.JoinHostPort(host, port)
	}
	return host
}

// hostKey names what a robots.txt covers: scheme, host and port (RFC 9309).
func hostKey(u *url.URL) string {
	return u.Scheme + "://" + strings.ToLower(u.Host)
}

// nonPublic reports whether ip is an address a feed followed from Discord
// must not point at: loopback, private networks, link-local (where cloud
// metadata services answer), unspecified or multicast, the other ranges
// the public internet does not route (this network, carrier-grade NAT,
// benchmarking, reserved), and an IPv4 address of these in a NAT64 or 6to4
// address.
func nonPublic(ip netip.Addr) bool {
	ip = ip.Unmap()
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast() {
		return true
	}
	for _, p := range nonPublicRanges {
		if p.Contains(ip) {
			return true
		}
	}
	if ip.Is6() {
		b := ip.As16()
		switch {
		case nat64.Contains(ip):
			return nonPublic(netip.AddrFrom4([4]byte(b[12:16])))
		case sixToFour.Contains(ip):
			return nonPublic(netip.AddrFrom4([4]byte(b[2:6])))
		}
	}
	return false
}

// nonPublicRanges are the IPv4 ranges beside the standard library's tests
// that the public internet does not route (RFC 6890).
var nonPublicRanges = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),     // this network
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),   // reserved, and broadcast
}

// IPv6 ranges that carry an IPv4 address.
var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)

// checkPublic refuses a URL whose host is, or resolves to, an address on
// this machine or a private network, so that Discord users cannot make the
// bot read its own network.
func checkPublic(ctx context.Context, u *url.URL) error {
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || strings.HasSuffix(host, ".local") || strings.HasSuffix(host, ".internal") {
		return fmt.Errorf("%s is a local name: only public web addresses can be followed from Discord", host)
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if nonPublic(ip) {
			return fmt.Errorf("%s is not a public address: only public web addresses can be followed from Discord", host)
		}
		return nil
	}
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return fmt.Errorf("cannot find the host %s", host)
	}
	for _, ip := range addrs {
		if nonPublic(ip) {
			return fmt.Errorf("%s points to a non-public address: only public web addresses can be followed from Discord", host)
		}
	}
	return nil
}
