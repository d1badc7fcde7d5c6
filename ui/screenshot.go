package ui

import (
	"fmt"
	"image"
	"image/png"
	"log"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
)

// screenshot writes the window to Options.Screenshot and quits. It is queued behind
// Start's work, so the workspace and its panes have loaded when it runs. Worker only.
func (s *Shell) screenshot() {
	time.Sleep(time.Second) // the window appears and paints the last fyne.Do
	got := make(chan image.Image, 1)
	fyne.Do(func() { got <- capture(s.win) })
	err := writePNG(s.opts.Screenshot, <-got)
	s.shotMu.Lock()
	s.shotErr = err
	s.shotMu.Unlock()
	fyne.Do(s.app.Quit)
}

// capture is the window's picture. Mesa's software GL (what Xvfb offers) never fills the
// front buffer that Canvas.Capture reads, so a blank capture is redone with Fyne's
// software painter from the same widgets and overlays (without the menu bar). UI goroutine.
func capture(w fyne.Window) image.Image {
	img := w.Canvas().Capture()
	if !uniform(img) {
		return img
	}
	log.Print("screenshot: the GL window could not be read back; rendering with the software painter")
	c := software.NewCanvas()
	c.SetPadded(false)
	c.Resize(w.Canvas().Size())
	overlays := w.Canvas().Overlays().List()
	c.SetContent(w.Content())
	for _, o := range overlays {
		c.Overlays().Add(o)
	}
	return c.Capture()
}

// uniform reports a picture of one colour: what a window's buffer holds before it is painted.
func uniform(img image.Image) bool {
	b := img.Bounds()
	if b.Empty() {
		return true
	}
	first := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y += 5 {
		for x := b.Min.X; x < b.Max.X; x += 5 {
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
