package handover

import (
	"html/template"
	"io"
)

var htmlPage = template.Must(template.New("note").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body { font-family: "Noto Sans", "DejaVu Sans", system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 1.8rem; }
h3 { font-size: 1rem; color: #444; margin: 1rem 0 .3rem; }
ul { padding-left: 1.2rem; }
li { margin: .3rem 0; }
.urgent { color: #a00000; font-weight: 600; }
.ref { font-family: monospace; color: #666; font-size: .85em; }
.detail { color: #444; border-left: 3px solid #ddd; margin: .2rem 0 0; padding-left: .5rem; }
.empty { color: #555; }
.redacted { background: #fff4d6; padding: .4rem .6rem; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p>{{.Period}}</p>
{{with .Notice}}<p class="redacted">{{.}}</p>{{end}}
{{with .Glance}}<h2>At a glance</h2>
<ul>{{range .}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{range .Sections}}<h2>{{.Title}}</h2>
{{if not .Items}}<p class="empty">{{.Empty}}</p>{{else}}{{range .Groups}}{{with .Name}}<h3>{{.}}</h3>{{end}}
<ul>{{range .Items}}<li{{if .Urgent}} class="urgent"{{end}}>{{.Text}}{{with .Ref}} <span class="ref">{{.}}</span>{{end}}{{with .Detail}}<div class="detail">{{.}}</div>{{end}}</li>
{{end}}</ul>{{end}}{{if .More}}<p class="empty">… and {{.More}} more</p>{{end}}{{end}}
{{end}}
</body>
</html>
`))

// Group is a run of a section's items under one sub-heading ("" for none).
type Group struct {
	Name  string
	Items []Item
}

// Groups splits a section's items at each change of sub-heading.
func (s Section) Groups() []Group {
	var out []Group
	for _, it := range s.Items {
		if len(out) == 0 || out[len(out)-1].Name != it.Group {
			out = append(out, Group{Name: it.Group})
		}
		out[len(out)-1].Items = append(out[len(out)-1].Items, it)
	}
	return out
}

// WriteHTML writes the note as one self-contained HTML page (no scripts, nothing fetched).
func (n Note) WriteHTML(w io.Writer) error {
	title, period := n.Heading()
	return htmlPage.Execute(w, map[string]any{"Title": title, "Period": period, "Notice": n.RedactionNotice(),
		"Glance": n.Glance(), "Sections": n.Sections})
}
