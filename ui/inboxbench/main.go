// Command inboxbench measures the Inbox pane on a small and a large inbox: time from Load
// to the first page on screen, memory once it shows, and a scroll through every row (each
// page fetched as the list reaches it). It prints both sizes side by side with ratios: the
// first two should stay flat as the inbox grows, the scroll grows with the rows it reads.
//
//	go run ./ui/inboxbench [-small 1000] [-large 100000]
//
// It uses Fyne's test app, so it needs no display.
package main

import (
	_ "switchboard/workspace/locale" // first: fixes LANG=C before Fyne reads it

	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"switchboard/ui/inboxpane"
	"switchboard/ui/inboxpane/inboxtest"
	"switchboard/ui/pane"
	"switchboard/workspace"
)

type result struct {
	n           int
	seed        time.Duration
	firstRows   time.Duration
	heapMB      float64
	rssMB       float64
	scroll      time.Duration
	pages       int
	slowestPage time.Duration
}

func main() {
	small := flag.Int("small", 1000, "conversations in the small inbox")
	large := flag.Int("large", 100000, "conversations in the large inbox")
	flag.Parse()
	dir, err := os.MkdirTemp("", "inboxbench")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	root, err := workspace.OpenRoot(dir)
	if err != nil {
		fail(err)
	}
	test.NewApp()
	// The first window pays Fyne's one-time setup (fonts, theme, text measuring caches):
	// pay it on a throwaway inbox, so the small inbox's figures are not the setup's.
	if _, err := measure(root, 100); err != nil {
		fail(err)
	}
	var res []result
	for _, n := range []int{*small, *large} {
		r, err := measure(root, n)
		if err != nil {
			fail(err)
		}
		res = append(res, r)
	}
	print(res[0], res[1])
}

func measure(root *workspace.Root, n int) (result, error) {
	r := result{n: n}
	ctx := context.Background()
	name := "bench " + strconv.Itoa(n)
	if _, err := root.Create(ctx, name, workspace.CreateOptions{}); err != nil {
		return r, err
	}
	w, err := root.Open(ctx, name)
	if err != nil {
		return r, err
	}
	defer w.Close()
	start := time.Now()
	if _, err := inboxtest.Seed(ctx, w, n, inboxtest.Options{Batch: 5000}); err != nil {
		return r, err
	}
	r.seed = time.Since(start)

	// Tasks run on this goroutine, one after another, as the shell's worker would run them.
	var queue []func(context.Context)
	p := inboxpane.New()
	win := test.NewWindow(p.Content())
	defer win.Close()
	win.Resize(fyne.NewSize(1280, 800))
	env := pane.Env{Root: root, Workspace: w, Window: win, Agent: "Bench",
		Go: func(task func(context.Context)) { queue = append(queue, task) }}
	drain := func() int {
		ran := 0
		for len(queue) > 0 {
			task := queue[0]
			queue = queue[1:]
			task(ctx)
			ran++
		}
		return ran
	}

	runtime.GC()
	start = time.Now()
	if err := p.Load(ctx, env); err != nil {
		return r, err
	}
	r.firstRows = time.Since(start) // Load returns once its one fyne.Do has applied the first page
	drain()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.heapMB = float64(ms.HeapInuse) / (1 << 20)
	r.rssMB = rss()

	start = time.Now()
	for i := 0; i < n; i += 40 { // about a screenful at a time
		p.ScrollTo(i)
		t := time.Now()
		if ran := drain(); ran > 0 {
			r.pages += ran
			r.slowestPage = max(r.slowestPage, time.Since(t))
		}
	}
	p.ScrollTo(n - 1)
	r.pages += drain()
	r.scroll = time.Since(start)
	if !p.Loaded(n - 1) {
		return r, fmt.Errorf("%d conversations: the last row was never fetched", n)
	}
	return r, nil
}

func print(a, b result) {
	fmt.Printf("Inbox pane: open and scroll (Fyne test app, %s/%s, %d CPUs)\n\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	fmt.Printf("%-28s %14s %14s %8s\n", "", fmt.Sprintf("%d convs", a.n), fmt.Sprintf("%d convs", b.n), "ratio")
	row := func(name string, x, y float64, unit string) {
		fmt.Printf("%-28s %11.1f %-2s %11.1f %-2s %7.2fx\n", name, x, unit, y, unit, y/x)
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	row("time to first rows", ms(a.firstRows), ms(b.firstRows), "ms")
	row("heap in use after open", a.heapMB, b.heapMB, "MB")
	row("RSS after open", a.rssMB, b.rssMB, "MB")
	row("scroll through all rows", ms(a.scroll), ms(b.scroll), "ms")
	row("page fetches", float64(a.pages), float64(b.pages), "")
	row("per page fetch (mean)", ms(a.scroll)/float64(max(a.pages, 1)), ms(b.scroll)/float64(max(b.pages, 1)), "ms")
	row("slowest page fetch", ms(a.slowestPage), ms(b.slowestPage), "ms")
	fmt.Printf("\n(generating the inboxes took %s and %s)\n", a.seed.Round(time.Millisecond), b.seed.Round(time.Millisecond))
}

// rss is the resident set size in MB from /proc (Linux); 0 elsewhere.
func rss() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "inboxbench:", err)
	os.Exit(1)
}
