//go:build linux

package main

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The image test builds the real Dockerfile with podman and runs the image
// as its non-root user, with the corpus and the index mounted from the
// host. This machine has no Docker engine and no registry, so the base
// images are made here: a builder from the host's Go toolchain with the
// project's modules from the host's module cache served as a file proxy
// (the build runs with --network none), and a runtime image with no more
// than distroless's static image holds. The podman storage, the stand-ins
// and the container's Go build cache are kept in the user's cache folder
// between runs, so that only the first run compiles everything.

// podman runs podman with its own storage, runc and no systemd.
type podman struct {
	t                    *testing.T
	root, runroot, confs string
}

func (p *podman) cmd(ctx context.Context, args ...string) *exec.Cmd {
	full := append([]string{"--root", p.root, "--runroot", p.runroot, "--runtime", "runc",
		"--cgroup-manager", "cgroupfs", "--events-backend", "file"}, args...)
	c := exec.CommandContext(ctx, "podman", full...)
	c.Env = append(os.Environ(), "CONTAINERS_CONF="+p.confs)
	c.WaitDelay = 5 * time.Second
	return c
}

// run runs podman and returns what it printed; it fails the test when
// podman fails.
func (p *podman) run(ctx context.Context, stdin io.Reader, args ...string) string {
	p.t.Helper()
	out, err := p.try(ctx, stdin, args...)
	if err != nil {
		p.t.Fatalf("podman %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (p *podman) try(ctx context.Context, stdin io.Reader, args ...string) (string, error) {
	c := p.cmd(ctx, args...)
	c.Stdin = stdin
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	err := c.Run()
	return out.String(), err
}

// newPodman prepares podman's state folder, or skips the test where podman
// cannot run (CI, which installs it in .ci/run, fails instead).
func newPodman(t *testing.T) (*podman, string) {
	missing := func(why string) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the image test cannot run under CI: %s (.ci/run installs podman and runc)", why)
		}
		t.Skipf("image not built: %s (apt-get install podman runc, as root)", why)
	}
	for _, tool := range []string{"podman", "runc"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing(tool + " is not installed")
		}
	}
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		missing("it runs podman as root on Linux")
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir() // no home folder: kept until the machine is
	}
	state := filepath.Join(cache, "newsbot-imagetest")
	if err := os.MkdirAll(state, 0o755); err != nil {
		t.Fatal(err)
	}
	// One image test at a time on this machine: they share the storage.
	lock, err := os.OpenFile(filepath.Join(state, "lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lock.Close() })
	conf := filepath.Join(state, "containers.conf")
	// Debian's podman asks for ulimits this sandbox does not grant.
	if err := os.WriteFile(conf, []byte("[containers]\ndefault_ulimits = []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return &podman{t: t, root: filepath.Join(state, "storage"), runroot: filepath.Join(state, "run"), confs: conf}, state
}

// tidy removes what earlier runs left: their containers and images, if
// they were killed, and stand-ins and module trees made for another Go
// version or go.sum.
func (p *podman) tidy(ctx context.Context, state, builder string) {
	if out, err := p.try(ctx, nil, "ps", "-a", "--filter", "name=newsbot-test-", "--format", "{{.Names}}"); err == nil {
		for _, name := range strings.Fields(out) {
			p.try(ctx, nil, "rm", "-f", "-t", "0", name)
		}
	}
	if out, err := p.try(ctx, nil, "images", "--format", "{{.Repository}}:{{.Tag}}"); err == nil {
		for _, image := range strings.Fields(out) {
			if strings.HasPrefix(image, "localhost/newsbot-test:") ||
				strings.HasPrefix(image, "localhost/newsbot-test-builder:") && image != builder {
				p.try(ctx, nil, "rmi", "-f", image)
			}
		}
	}
	p.try(ctx, nil, "image", "prune", "-f")
	keep := "modproxy-" + builder[strings.LastIndex(builder, "-")+1:]
	if entries, err := os.ReadDir(state); err == nil {
		for _, e := range entries {
			if (strings.HasPrefix(e.Name(), "modproxy-") && e.Name() != keep) || strings.HasPrefix(e.Name(), "modcache-") {
				os.RemoveAll(filepath.Join(state, e.Name()))
			}
		}
	}
}

// tarball writes a tar stream of files to w. A file maps an archive path to
// a host path; dirs are made with the given modes and owners.
type tarEntry struct {
	name     string // in the archive, without a leading slash
	host     string // a host file or folder to copy; empty for a folder or data
	data     []byte
	mode     int64
	uid, gid int
	dir      bool
}

func writeTar(w io.Writer, entries []tarEntry, skip func(rel string) bool) error {
	tw := tar.NewWriter(w)
	add := func(e tarEntry) error {
		hdr := &tar.Header{Name: e.name, Mode: e.mode, Uid: e.uid, Gid: e.gid, ModTime: time.Unix(0, 0), Format: tar.FormatPAX}
		if e.dir {
			hdr.Typeflag, hdr.Name = tar.TypeDir, e.name+"/"
			return tw.WriteHeader(hdr)
		}
		hdr.Typeflag, hdr.Size = tar.TypeReg, int64(len(e.data))
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		_, err := tw.Write(e.data)
		return err
	}
	for _, e := range entries {
		if e.host == "" {
			if err := add(e); err != nil {
				return err
			}
			continue
		}
		err := filepath.WalkDir(e.host, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(e.host, p)
			if skip != nil && skip(filepath.ToSlash(rel)) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			name := filepath.ToSlash(filepath.Join(e.name, rel))
			fi, err := d.Info()
			if err != nil {
				return err
			}
			switch {
			case d.IsDir():
				return add(tarEntry{name: name, dir: true, mode: int64(fi.Mode().Perm())})
			case d.Type()&fs.ModeSymlink != 0:
				target, err := os.Readlink(p)
				if err != nil {
					return err
				}
				return tw.WriteHeader(&tar.Header{Name: name, Typeflag: tar.TypeSymlink, Linkname: target, Mode: 0o777, ModTime: time.Unix(0, 0)})
			case !d.Type().IsRegular():
				return nil
			}
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := tw.WriteHeader(&tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: int64(fi.Mode().Perm()), Size: fi.Size(), ModTime: time.Unix(0, 0)}); err != nil {
				return err
			}
			_, err = io.Copy(tw, f)
			return err
		})
		if err != nil {
			return err
		}
	}
	return tw.Close()
}

// importImage makes image from a tar stream of entries, unless it exists.
func (p *podman) importImage(ctx context.Context, image string, entries []tarEntry, skip func(string) bool, changes ...string) {
	p.t.Helper()
	if _, err := p.try(ctx, nil, "image", "exists", image); err == nil {
		return
	}
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(writeTar(pw, entries, skip)) }()
	args := []string{"import"}
	for _, c := range changes {
		args = append(args, "--change", c)
	}
	start := time.Now()
	p.run(ctx, pr, append(args, "-", image)...)
	p.t.Logf("made the stand-in %s in %s", image, time.Since(start).Round(100*time.Millisecond))
}

// moduleProxy lays out the modules the build needs as a GOPROXY file tree
// (what `go mod download` and `go build` fetch inside the builder, which
// has no network): the go command fetches them into an empty module cache
// from the host's, through the module proxy only for what the host lacks.
// It is kept in state, keyed by the Go version and go.sum.
func moduleProxy(t *testing.T, repo, state string) (dir, key string) {
	t.Helper()
	h := sha256.New()
	io.WriteString(h, runtime.Version())
	for _, f := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(repo, f))
		if err != nil {
			t.Fatal(err)
		}
		h.Write(data)
	}
	key = hex.EncodeToString(h.Sum(nil))[:12]
	dir = filepath.Join(state, "modproxy-"+key)
	if _, err := os.Stat(dir); err == nil {
		return dir, key
	}
	goenv := func(name string) string {
		out, err := exec.Command("go", "env", name).Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(out))
	}
	hostDownload := filepath.Join(goenv("GOMODCACHE"), "cache", "download")
	upstream := goenv("GOPROXY")
	tmp, err := os.MkdirTemp(state, "modcache-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	for _, args := range [][]string{{"mod", "download"}, {"list", "-deps", "./cmd/newsbot"}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GOMODCACHE="+tmp, "GOFLAGS=-modcacherw -mod=readonly", // never touches go.sum
			"GOPROXY=file://"+filepath.ToSlash(hostDownload)+","+upstream)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if err := os.Rename(filepath.Join(tmp, "cache", "download"), dir); err != nil {
		t.Fatal(err)
	}
	return dir, key
}

// freePort returns a loopback port that nothing listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func TestImageBuildsRunsAndStops(t *testing.T) {
	if testing.Short() {
		t.Skip("the image test builds an image: not in -short")
	}
	p, state := newPodman(t)
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}

	// The stand-ins for the base images.
	goenv, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	goroot := strings.TrimSpace(string(goenv))
	proxy, modKey := moduleProxy(t, repo, state)
	builder := fmt.Sprintf("localhost/newsbot-test-builder:%s-%s", runtime.Version(), modKey)
	p.tidy(ctx, state, builder)
	p.importImage(ctx, builder, []tarEntry{
		{name: "usr/local/go", host: goroot},
		{name: "goproxy", host: proxy},
		{name: "tmp", dir: true, mode: 0o1777},
		{name: "root", dir: true, mode: 0o700},
	}, func(rel string) bool { return slices.Contains([]string{"test", "api", "doc", "misc"}, rel) },
		"ENV PATH=/usr/local/go/bin:/usr/bin:/bin", "ENV HOME=/root", "ENV GOPROXY=file:///goproxy",
		"ENV GOSUMDB=off", "ENV GOTOOLCHAIN=local", "WORKDIR /")
	certs, err := os.ReadFile("/etc/ssl/certs/ca-certificates.crt")
	if err != nil {
		certs = nil // only for reaching Discord, which the test does not
	}
	staticImage := "localhost/newsbot-test-static:1"
	p.importImage(ctx, staticImage, []tarEntry{
		{name: "etc", dir: true, mode: 0o755},
		{name: "etc/passwd", data: []byte("root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n"), mode: 0o644},
		{name: "etc/group", data: []byte("root:x:0:\nnonroot:x:65532:\n"), mode: 0o644},
		{name: "etc/ssl", dir: true, mode: 0o755},
		{name: "etc/ssl/certs", dir: true, mode: 0o755},
		{name: "etc/ssl/certs/ca-certificates.crt", data: certs, mode: 0o644},
		{name: "tmp", dir: true, mode: 0o1777},
		{name: "home", dir: true, mode: 0o755},
		{name: "home/nonroot", dir: true, mode: 0o700, uid: 65532, gid: 65532},
	}, nil, "USER 65532:65532", "WORKDIR /home/nonroot")

	// The real Dockerfile, offline.
	image := fmt.Sprintf("localhost/newsbot-test:%d", time.Now().UnixNano())
	gocache := filepath.Join(state, "gocache")
	if err := os.MkdirAll(gocache, 0o755); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	p.run(ctx, nil, "build", "--network", "none", "--pull=never", "--layers=false",
		"--build-arg", "BUILDER_IMAGE="+builder, "--build-arg", "RUNTIME_IMAGE="+staticImage,
		"--volume", gocache+":/root/.cache/go-build", // the container's build cache, kept between runs
		"-t", image, "-f", filepath.Join(repo, "Dockerfile"), repo)
	t.Logf("image built in %s", time.Since(start).Round(100*time.Millisecond))
	defer p.try(context.Background(), nil, "rmi", "-f", image)
	var config []struct {
		Config struct {
			User       string
			Entrypoint []string
			Cmd        []string
			Volumes    map[string]struct{}
		}
	}
	if err := json.Unmarshal([]byte(p.run(ctx, nil, "image", "inspect", image)), &config); err != nil || len(config) != 1 {
		t.Fatalf("image inspect: %v", err)
	}
	if c := config[0].Config; c.User != "65532:65532" || strings.Join(c.Entrypoint, " ") != "/newsbot" || strings.Join(c.Cmd, " ") != "serve" || len(c.Volumes) != 2 {
		t.Errorf("image config: %+v", c)
	}

	// A new named volume takes its folder's owner from the image: the
	// index folder must belong to the image's user.
	mnt := strings.TrimSpace(p.run(ctx, nil, "image", "mount", image))
	for _, dir := range []string{"data/index", "data/snapshots", "data/corpus"} {
		fi, err := os.Stat(filepath.Join(mnt, dir))
		if err != nil {
			t.Errorf("/%s in the image: %v", dir, err)
			continue
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); !ok || st.Uid != 65532 || st.Gid != 65532 || !fi.IsDir() {
			t.Errorf("/%s in the image: mode %v, owner %+v; want a folder owned by 65532", dir, fi.Mode(), fi.Sys())
		}
	}
	p.run(ctx, nil, "image", "unmount", image)

	// The volumes, from the host: the corpus readable, the index writable
	// by the image's user.
	host := t.TempDir()
	corpusDir, indexDir := filepath.Join(host, "corpus"), filepath.Join(host, "index")
	if err := os.CopyFS(corpusDir, os.DirFS("../../corpus/articles")); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{corpusDir, indexDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chown(indexDir, 65532, 65532); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(corpusDir)
	for _, e := range entries {
		os.Chmod(filepath.Join(corpusDir, e.Name()), 0o644)
	}

	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	httpPort, adminPort := freePort(t), freePort(t)
	name := fmt.Sprintf("newsbot-test-%d", time.Now().UnixNano())
	// Host networking, bound to loopback: the test talks to the container
	// the way a load balancer on the machine would. The root file system
	// is read-only: newsbot writes only to its volumes.
	p.run(ctx, nil, "run", "-d", "--name", name, "--network", "host", "--read-only",
		"-v", corpusDir+":/data/corpus", "-v", indexDir+":/data/index",
		"-e", "DISCORD_PUBLIC_KEY="+hex.EncodeToString(pub),
		image, "serve", "--http", fmt.Sprintf("127.0.0.1:%d", httpPort), "--admin", fmt.Sprintf("127.0.0.1:%d", adminPort))
	defer p.try(context.Background(), nil, "rm", "-f", "-t", "0", name)
	logs := func() string { out, _ := p.try(context.Background(), nil, "logs", name); return out }
	base, admin := fmt.Sprintf("http://127.0.0.1:%d", httpPort), fmt.Sprintf("http://127.0.0.1:%d", adminPort)

	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := httpClient.Get(admin + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the container is not ready after 60 s:\n%s", logs())
		}
		time.Sleep(100 * time.Millisecond)
	}
	desc, _, err := askHTTP(base, key, "1", "why", "Why did North Korea blow up the building?")
	if err != nil || !strings.Contains(desc, "The immediate issue seems to be") {
		t.Fatalf("question to the container: %q, %v\n%s", desc, err, logs())
	}

	// Articles added on the host while it runs: one written by hand (as
	// rsync or an editor would), one by `newsbot add`.
	if err := os.WriteFile(filepath.Join(corpusDir, "giraffes.txt"), []byte("Giraffes return to the savanna reserve\n\nNAIROBI, Kenya - March 5th, 2026 - Eleven giraffes returned to the savanna reserve after rangers repaired the northern fence.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(host, "zebras.txt")
	if err := os.WriteFile(src, []byte("Zebras escape from the city zoo\n\nSEOUL, South Korea - March 3rd, 2026 - Three zebras escaped from the city zoo on Tuesday after keepers left a broken gate open.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"add", src}, strings.NewReader(""), &out, &errOut, func(k string) string {
		return map[string]string{"NEWSBOT_CORPUS": corpusDir}[k]
	}); code != exitOK {
		t.Fatalf("newsbot add: %d %s", code, errOut.String())
	}
	for _, q := range []struct{ question, want string }{
		{"Why did the giraffes return to the reserve?", "rangers repaired the northern fence"},
		{"How did the zebras escape from the city zoo?", "left a broken gate open"},
	} {
		start := time.Now()
		for n := 0; ; n++ {
			desc, _, err := askHTTP(base, key, fmt.Sprintf("q%d", n), "ask", q.question)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(strings.ReplaceAll(desc, "**", ""), q.want) {
				t.Logf("%q answered by the container %s after the article was added", q.question, time.Since(start).Round(time.Millisecond))
				break
			}
			if time.Since(start) > 15*time.Second {
				t.Fatalf("%q not answered after 15 s (%q); container log:\n%s", q.question, desc, logs())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	_, metricsText := getText(t, admin+"/metrics")
	if !strings.Contains(metricsText, `newsbot_interactions_total{command="why",outcome="answered"} 1`) || !strings.Contains(metricsText, "newsbot_index_articles 4") {
		t.Errorf("container metrics:\n%s", metricsText)
	}
	// What the container wrote on the host belongs to its user.
	var foreign []string
	filepath.WalkDir(indexDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			if fi, err := d.Info(); err == nil {
				if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Uid != 65532 {
					foreign = append(foreign, p)
				}
			}
		}
		return nil
	})
	if len(foreign) > 0 {
		t.Errorf("files in the index volume not owned by 65532: %v", foreign)
	}

	// SIGTERM (podman stop): it drains, closes the index and exits 0.
	start = time.Now()
	p.run(ctx, nil, "stop", "-t", "30", name)
	code := strings.TrimSpace(p.run(ctx, nil, "inspect", name, "--format", "{{.State.ExitCode}}"))
	log := logs()
	if code != "0" || !strings.Contains(log, "shutting down") || !strings.Contains(log, "index closed; newsbot stopped") {
		t.Fatalf("stop: exit code %s after %s\n%s", code, time.Since(start), log)
	}
	t.Logf("stopped by SIGTERM in %s, exit code 0", time.Since(start).Round(time.Millisecond))
}
