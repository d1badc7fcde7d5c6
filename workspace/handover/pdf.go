package handover

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"
)

// Page layout, millimetres on A4.
const (
	pdfMargin = 18.0
	pdfIndent = 5.0
	pdfLine   = 5.2
)

type rgb struct{ r, g, b int }

var (
	pdfText   = rgb{26, 26, 26}
	pdfMuted  = rgb{90, 90, 90}
	pdfUrgent = rgb{160, 0, 0}
)

// WritePDF writes the note as an A4 PDF with embedded fonts (subsets of DejaVu Sans, and
// of a CJK font found on the machine when the note needs one), so it reads the same on
// any viewer. A band in the workspace's colour heads every page.
func (n Note) WritePDF(w io.Writer) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(pdfMargin, pdfMargin+6, pdfMargin)
	pdf.SetAutoPageBreak(true, pdfMargin)
	pdf.SetTitle(pdfSafe(fmt.Sprintf("Shift note: %s", n.Workspace)), true)
	pdf.SetCreator("Switchboard", true)
	pdf.AddUTF8FontFromBytes("dejavu", "", dejaVuRegular)
	pdf.AddUTF8FontFromBytes("dejavu", "B", dejaVuBold)
	title, period := n.Heading()
	title, period = pdfSafe(title), pdfSafe(period)
	band := parseColor(n.Color)
	pdf.SetHeaderFunc(func() {
		pdf.SetFillColor(band.r, band.g, band.b)
		pdf.Rect(0, 0, 210, 8, "F")
	})
	pdf.AliasNbPages("")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont("dejavu", "", 8)
		pdf.SetTextColor(pdfMuted.r, pdfMuted.g, pdfMuted.b)
		pdf.CellFormat(0, 5, fmt.Sprintf("%s · page %d of {nb}", title, pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	p := &pdfWriter{pdf: pdf, added: map[string]bool{"dejavu": true}}

	p.text(title, 17, true, pdfText, 8)
	p.text(period, 10, false, pdfMuted, pdfLine)
	if r := n.RedactionNotice(); r != "" {
		pdf.Ln(2)
		pdf.SetFillColor(255, 244, 214)
		pdf.SetFont("dejavu", "", 9)
		lines := pdf.SplitText(pdfSafe(r), 210-2*pdfMargin-4)
		pdf.Rect(pdfMargin, pdf.GetY(), 210-2*pdfMargin, float64(len(lines))*4.6+3, "F")
		pdf.SetY(pdf.GetY() + 1.5)
		pdf.SetLeftMargin(pdfMargin + 2)
		p.text(r, 9, false, pdfText, 4.6)
		pdf.SetLeftMargin(pdfMargin)
		pdf.Ln(1.5)
	}
	if g := n.Glance(); len(g) > 0 {
		p.heading("At a glance")
		for _, line := range g {
			p.bullet(line, false, "")
		}
	}
	for _, s := range n.Sections {
		p.heading(s.Title)
		if len(s.Items) == 0 {
			p.text(s.Empty, 10, false, pdfMuted, pdfLine)
			continue
		}
		for _, g := range s.Groups() {
			if g.Name != "" {
				pdf.Ln(1)
				p.text(g.Name, 10, true, pdfMuted, pdfLine)
			}
			for _, it := range g.Items {
				p.bullet(it.Text, it.Urgent, it.Ref)
				if it.Detail != "" {
					pdf.SetLeftMargin(pdfMargin + 2*pdfIndent)
					p.text(it.Detail, 9, false, pdfMuted, 4.4)
					pdf.SetLeftMargin(pdfMargin)
				}
			}
		}
		if s.More > 0 {
			p.text(fmt.Sprintf("… and %d more", s.More), 10, false, pdfMuted, pdfLine)
		}
	}
	return pdf.Output(w)
}

// pdfWriter draws text that may mix scripts: each textRun gets the font that has its letters.
type pdfWriter struct {
	pdf   *fpdf.Fpdf
	added map[string]bool // fallback fonts are embedded only when a note uses them
}

func (p *pdfWriter) heading(title string) {
	p.pdf.Ln(3)
	if p.pdf.GetY() > 297-pdfMargin-25 { // a heading never ends a page alone
		p.pdf.AddPage()
	}
	p.text(title, 12.5, true, pdfText, 6.5)
	y := p.pdf.GetY() + 0.5
	p.pdf.SetDrawColor(200, 200, 200)
	p.pdf.Line(pdfMargin, y, 210-pdfMargin, y)
	p.pdf.SetY(y + 1.5)
}

func (p *pdfWriter) bullet(text string, urgent bool, ref string) {
	p.pdf.SetFont("dejavu", "", 10)
	p.pdf.SetTextColor(pdfMuted.r, pdfMuted.g, pdfMuted.b)
	p.pdf.SetX(pdfMargin + 1)
	p.pdf.Write(pdfLine, "•")
	p.pdf.SetLeftMargin(pdfMargin + pdfIndent)
	p.pdf.SetX(pdfMargin + pdfIndent)
	color := pdfText
	if urgent {
		color = pdfUrgent
	}
	p.write(text, 10, urgent, color, pdfLine)
	if ref != "" {
		p.write("  "+ref, 8, false, pdfMuted, pdfLine)
	}
	p.pdf.Ln(pdfLine + 0.6)
	p.pdf.SetLeftMargin(pdfMargin)
}

// text writes a paragraph and ends the line.
func (p *pdfWriter) text(s string, size float64, bold bool, c rgb, h float64) {
	p.pdf.SetX(p.pdf.GetX())
	p.write(s, size, bold, c, h)
	p.pdf.Ln(h + 0.4)
}

func (p *pdfWriter) write(s string, size float64, bold bool, c rgb, h float64) {
	p.pdf.SetTextColor(c.r, c.g, c.b)
	for _, r := range runs(s) {
		if !p.added[r.face.family] {
			p.pdf.AddUTF8FontFromBytes(r.face.family, "", r.face.data)
			p.added[r.face.family] = true
		}
		style := ""
		if bold && r.face.family == "dejavu" {
			style = "B"
		}
		p.pdf.SetFont(r.face.family, style, size)
		p.pdf.Write(h, r.text)
	}
}

func parseColor(hex string) rgb {
	hex = strings.TrimPrefix(hex, "#")
	if len(hex) != 6 {
		return rgb{80, 80, 80}
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return rgb{80, 80, 80}
	}
	return rgb{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}
}
