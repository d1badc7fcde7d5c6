package fields

import "fyne.io/fyne/v2"

// Column centres obj horizontally, at most width wide: forms stretched over a 1280-pixel
// window are hard to read.
func Column(width float32, obj fyne.CanvasObject) fyne.CanvasObject {
	return &fyne.Container{Layout: &columnLayout{width: width}, Objects: []fyne.CanvasObject{obj}}
}

type columnLayout struct{ width float32 }

func (l *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, l.width)
	x := (size.Width - w) / 2
	for _, o := range objs {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

func (l *columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}
