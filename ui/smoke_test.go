package ui

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"switchboard/accounts/imapsync"
	"switchboard/workspace"
	"switchboard/workspace/demo"
)

// TestSmokeRealWindowUnderXvfb builds the real binary, runs it under a real X server with
// --screenshot, and checks the pictures: the first-run screen, and the demo workspace with
// each pane. Set SWITCHBOARD_SCREENSHOTS=DIR to keep the PNGs and look at them.
func TestSmokeRealWindowUnderXvfb(t *testing.T) {
	display := startXvfb(t)
	bin := buildBinary(t)

	empty := t.TempDir()
	demoRoot := t.TempDir()
	root, err := workspace.OpenRoot(demoRoot)
	if err != nil {
		t.Fatal(err)
	}
	info, err := demo.Create(context.Background(), root, imapsync.ImportRaw)
	if err != nil {
		t.Fatal(err)
	}
	keep := os.Getenv("SWITCHBOARD_SCREENSHOTS")
	brand := color.NRGBA{0x0F, 0x6E, 0x5C, 0xff}
	for _, shot := range []struct{ name, data, pane string }{
		{"first-run", empty, ""},
		{"inbox", demoRoot, "inbox"},
		{"faq", demoRoot, "faq"},
		{"crisis", demoRoot, "crisis"},
		{"schedule", demoRoot, "schedule"},
		{"settings", demoRoot, "settings"},
	} {
		t.Run(shot.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), shot.name+".png")
			if keep != "" {
				out = filepath.Join(keep, shot.name+".png")
			}
			args := []string{"--data", shot.data, "--screenshot", out}
			if shot.pane != "" {
				args = append(args, "--pane", shot.pane)
			}
			runWindow(t, bin, display, args)
			img := readPNG(t, out)
			if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 800 {
				t.Fatalf("screenshot is %dx%d, want 1280x800", b.Dx(), b.Dy())
			}
			colours, brandPixels := census(img, brand)
			if colours < 40 {
				t.Errorf("screenshot has %d distinct colours: blank or nearly", colours)
			}
			if shot.data == demoRoot && brandPixels < 1280*40 {
				t.Errorf("only %d pixels of %s's colour %s: the band is missing", brandPixels, info.Name, info.Color)
			}
		})
	}
}

// TestSmokeGLWindowPaints runs the real binary without --screenshot and reads what the X
// server itself shows (Xvfb's framebuffer file): the GL window really paints the demo
// workspace, band colour included, not just the software render of the same widgets.
func TestSmokeGLWindowPaints(t *testing.T) {
	fbdir := t.TempDir()
	display := startXvfb(t, "-fbdir", fbdir)
	bin := buildBinary(t)
	data := t.TempDir()
	root, err := workspace.OpenRoot(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Create(context.Background(), root, imapsync.ImportRaw); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--data", data)
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8", "FYNE_SCALE=1", "XDG_CONFIG_HOME="+t.TempDir())
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); cmd.Wait() }() // the window runs until killed
	brand := color.NRGBA{0x0F, 0x6E, 0x5C, 0xff}
	var colours, brandPixels int
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		img, err := readXWD(filepath.Join(fbdir, "Xvfb_screen0"))
		if err != nil {
			t.Fatal(err)
		}
		if colours, brandPixels = census(img, brand); colours >= 40 && brandPixels >= 1000*40 {
			return
		}
	}
	t.Fatalf("after 90s the X server shows %d colours and %d pixels of the brand colour: the window did not paint\n%s", colours, brandPixels, out.String())
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "switchboard")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// readXWD decodes the X window dump Xvfb keeps of its screen with -fbdir: a big-endian
// header, a colour map, then 32-bit pixels in the server's byte order.
func readXWD(path string) (image.Image, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) < 100 {
		return nil, fmt.Errorf("%s: %d bytes, not an XWD dump", path, len(b))
	}
	field := func(i int) int { return int(binary.BigEndian.Uint32(b[i*4:])) }
	headerSize, lsbFirst, w, h, bpp, stride, ncolors := field(0), field(7) == 0, field(4), field(5), field(11), field(12), field(19)
	if bpp != 32 {
		return nil, fmt.Errorf("%s: %d bits per pixel, want 32 (start Xvfb with depth 24)", path, bpp)
	}
	start := headerSize + ncolors*12
	if len(b) < start+stride*h {
		return nil, fmt.Errorf("%s: truncated", path)
	}
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			p := b[start+y*stride+x*4:]
			if lsbFirst {
				img.SetNRGBA(x, y, color.NRGBA{p[2], p[1], p[0], 0xff})
			} else {
				img.SetNRGBA(x, y, color.NRGBA{p[1], p[2], p[3], 0xff})
			}
		}
	}
	return img, nil
}

// startXvfb starts an X server on a display number it picks itself (-displayfd).
func startXvfb(t *testing.T, extra ...string) string {
	t.Helper()
	path, err := exec.LookPath("Xvfb")
	if err != nil {
		t.Fatal("Xvfb is not installed: run `make deps` (it installs xvfb and the GL libraries)")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command(path, append([]string{"-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp"}, extra...)...)
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			t.Fatal("Xvfb exited without reporting a display")
		}
		return ":" + n
	case <-time.After(30 * time.Second):
		t.Fatal("Xvfb did not report a display within 30s")
	}
	return ""
}

func runWindow(t *testing.T, bin, display string, args []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = ".." // FyneApp.toml is read from here in development builds
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8", "FYNE_SCALE=1",
		"XDG_CONFIG_HOME="+t.TempDir()) // Fyne's own preferences stay out of the user's home
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("switchboard %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	if strings.Contains(string(out), "Error in Fyne call thread") {
		t.Errorf("switchboard %s touched widgets off the UI goroutine:\n%s", strings.Join(args, " "), out)
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// census counts distinct colours and the pixels of exactly brand.
func census(img image.Image, brand color.NRGBA) (colours, brandPixels int) {
	seen := map[color.NRGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			seen[c] = true
			if c == brand {
				brandPixels++
			}
		}
	}
	return len(seen), brandPixels
}
