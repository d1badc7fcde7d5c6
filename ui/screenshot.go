package ui

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"time"

	"fyne.io/fyne/v2"
)

// screenshot writes the window to Options.Screenshot and quits. It is queued behind
// Start's work, so the workspace and its panes have loaded when it runs. Worker only.
func (s *Shell) screenshot() {
	time.Sleep(700 * time.Millisecond) // the window appears and paints the last fyne.Do
	var img image.Image
	for range 20 {
		got := make(chan image.Image, 1)
		fyne.Do(func() { got <- s.win.Canvas().Capture() })
		img = <-got
		if !uniform(img) {
			break
		}
		time.Sleep(250 * time.Millisecond) // no frame painted yet
	}
	err := writePNG(s.opts.Screenshot, img)
	s.shotMu.Lock()
	s.shotErr = err
	s.shotMu.Unlock()
	fyne.Do(s.app.Quit)
}

// uniform reports a picture of one colour: what the window's buffer holds before it is painted.
func uniform(img image.Image) bool {
	b := img.Bounds()
	if b.Empty() {
		return true
	}
	first := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			if img.At(x, y) != first {
				return false
			}
		}
	}
	return true
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("screenshot %s: %w", path, err)
	}
	return f.Close()
}
