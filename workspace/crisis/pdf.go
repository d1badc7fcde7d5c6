package crisis

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// DejaVu Sans covers Latin (with the Czech, Swedish, Spanish and Portuguese letters) and
// Cyrillic, so a Russian customer's subject prints as written. License: fonts/LICENSE.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

// PDF writes the report as an A4 document: the same sections as Markdown, laid out.
func (r Report) PDF(w io.Writer) error {
	loc := r.Zone
	if loc == nil {
		loc = time.UTC
	}
	t := func(at time.Time) string { return at.In(loc).Format("2006-01-02 15:04 MST") }
	inc := r.Incident
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(r.Generated)
	pdf.SetTitle("Incident report: "+inc.PlaybookName, true)
	pdf.SetAuthor("Switchboard", true)
	pdf.AddUTF8FontFromBytes("dejavu", "", fontRegular)
	pdf.AddUTF8FontFromBytes("dejavu", "B", fontBold)
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 18)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont("dejavu", "", 8)
		pdf.SetTextColor(110, 110, 110)
		pdf.CellFormat(0, 5, fmt.Sprintf("%s · %s · page %d of {nb}", r.Workspace, inc.PlaybookName, pdf.PageNo()), "", 0, "C", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.AddPage()
	width := 210.0 - 36

	heading := func(s string) {
		if _, y := pdf.GetXY(); y > 297-18-35 { // never a heading alone at the foot of a page
			pdf.AddPage()
		}
		pdf.Ln(3)
		pdf.SetFont("dejavu", "B", 13)
		pdf.CellFormat(0, 8, s, "B", 1, "L", false, 0, "")
		pdf.Ln(2)
		pdf.SetFont("dejavu", "", 10)
	}
	para := func(s string) { pdf.MultiCell(0, 5, s, "", "L", false) }
	field := func(k, v string) {
		pdf.SetFont("dejavu", "B", 10)
		pdf.CellFormat(32, 6, k, "", 0, "L", false, 0, "")
		pdf.SetFont("dejavu", "", 10)
		pdf.MultiCell(0, 6, v, "", "L", false)
	}

	pdf.SetFont("dejavu", "B", 18)
	pdf.MultiCell(0, 9, "Incident report: "+inc.PlaybookName, "", "L", false)
	pdf.Ln(2)
	field("Client", r.Workspace)
	field("Severity", inc.Severity)
	field("State", inc.State)
	field("Started", t(inc.StartedAt))
	if !inc.ResolvedAt.IsZero() {
		field("Resolved", t(inc.ResolvedAt))
	}
	if !inc.ClosedAt.IsZero() {
		field("Closed", t(inc.ClosedAt))
	}
	field("Reason", inc.Reason)
	if inc.Summary != "" {
		heading("Summary")
		para(inc.Summary)
	}

	heading("Figures")
	figures := [][2]string{
		{"Conversations handled", fmt.Sprint(len(r.Handled))},
		{"Customer messages / our replies", fmt.Sprintf("%d / %d", r.Inbound, r.Outbound)},
		{"Holding statements", fmt.Sprint(len(r.Statements))},
	}
	if len(times(r)) > 0 {
		figures = append(figures, [2]string{"First response (median / slowest)",
			Duration(r.FirstResponseMedian) + " / " + Duration(r.FirstResponseMax)})
	}
	if r.Unanswered > 0 {
		figures = append(figures, [2]string{"Still without a reply", fmt.Sprint(r.Unanswered)})
	}
	label := "Resolution time"
	if inc.ResolvedAt.IsZero() {
		label = "Open for"
	}
	figures = append(figures, [2]string{label, Duration(r.Resolution)})
	for _, f := range figures {
		pdf.CellFormat(80, 6, f[0], "", 0, "L", false, 0, "")
		pdf.SetFont("dejavu", "B", 10)
		pdf.CellFormat(0, 6, f[1], "", 1, "L", false, 0, "")
		pdf.SetFont("dejavu", "", 10)
	}

	heading("Checklist")
	done, total := inc.Progress()
	para(fmt.Sprintf("%d of %d steps done.", done, total))
	pdf.Ln(1)
	for _, st := range inc.Steps {
		mark := "☐"
		if st.Done() {
			mark = "☑"
		}
		text := fmt.Sprintf("%s  %d. %s", mark, st.Step, st.Text)
		if st.Owner != "" {
			text += " (" + st.Owner + ")"
		}
		para(text)
	}

	heading("Conversations")
	if len(r.Handled) == 0 {
		para("No conversation was linked to the incident.")
	} else {
		cols := []float64{width - 122, 56, 14, 14, 38}
		pdf.SetFont("dejavu", "B", 9)
		pdf.SetFillColor(235, 235, 235)
		for i, h := range []string{"Conversation", "Customer", "In", "Out", "First response"} {
			pdf.CellFormat(cols[i], 7, h, "1", 0, "L", true, 0, "")
		}
		pdf.Ln(-1)
		pdf.SetFont("dejavu", "", 9)
		for _, h := range r.Handled {
			fr := "—"
			if h.Waiting {
				fr = "not yet"
			}
			if h.Answered {
				fr = Duration(h.FirstResponse)
			}
			cells := []string{fit(pdf, h.Subject, cols[0]-2), fit(pdf, h.Customer, cols[1]-2), fmt.Sprint(h.In), fmt.Sprint(h.Out), fr}
			for i, c := range cells {
				pdf.CellFormat(cols[i], 6, c, "1", 0, "L", false, 0, "")
			}
			pdf.Ln(-1)
		}
		pdf.SetFont("dejavu", "", 10)
	}

	heading("Timeline")
	for _, e := range r.Timeline {
		pdf.SetFont("dejavu", "B", 9)
		pdf.CellFormat(0, 5, t(e.At)+" · "+e.Actor, "", 1, "L", false, 0, "")
		pdf.SetFont("dejavu", "", 9)
		pdf.MultiCell(0, 4.6, e.Text, "", "L", false)
		pdf.Ln(1.2)
	}
	pdf.Ln(3)
	pdf.SetFont("dejavu", "", 8)
	pdf.SetTextColor(110, 110, 110)
	para("Report generated " + t(r.Generated) + " by Switchboard.")

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("writing the PDF: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// fit shortens s with an ellipsis to fit width (mm) in the current font.
func fit(pdf *fpdf.Fpdf, s string, width float64) string {
	s = oneLine(s)
	if pdf.GetStringWidth(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && pdf.GetStringWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}
