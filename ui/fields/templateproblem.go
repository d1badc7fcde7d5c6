package fields

import (
	"fyne.io/fyne/v2/lang"

	"switchboard/workspace/template"
)

// TemplateProblem says what is wrong with a variable in a text that takes variables (an
// FAQ answer, a holding statement, a prepared answer), in the same words everywhere.
func TemplateProblem(p template.Problem) string {
	// braces go in as data: in a translation they would be read as template actions
	args := map[string]any{"Var": "{{" + p.Name + "}}", "Suggest": "{{" + p.Suggest + "}}", "Line": p.Pos.Line, "Col": p.Pos.Col,
		"Empty": "{{}}", "Open": "{{", "Close": "}}"}
	switch {
	case p.Kind == template.UnknownVariable && p.Suggest != "":
		return lang.L("Unknown variable {{.Var}} (line {{.Line}}, column {{.Col}}): did you mean {{.Suggest}}?", args)
	case p.Kind == template.UnknownVariable:
		return lang.L("Unknown variable {{.Var}} (line {{.Line}}, column {{.Col}}).", args)
	case p.Kind == template.EmptyVariable:
		return lang.L("Empty variable {{.Empty}} (line {{.Line}}, column {{.Col}}).", args)
	}
	return lang.L("“{{.Open}}” at line {{.Line}}, column {{.Col}} is never closed with “{{.Close}}”.", args)
}

// TemplateProblems are probs translated by TemplateProblem; nil when there are none.
func TemplateProblems(probs template.Problems) []string {
	var out []string
	for _, p := range probs {
		out = append(out, TemplateProblem(p))
	}
	return out
}
