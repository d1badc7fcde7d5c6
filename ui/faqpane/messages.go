package faqpane

import (
	"fyne.io/fyne/v2/lang"

	"switchboard/workspace/faq"
	"switchboard/workspace/template"
)

// problemText translates a validation problem; codes without a translation keep the
// store's English message.
func problemText(p faq.Problem) string {
	switch p.Code {
	case "empty_question":
		return lang.L("Write the question.")
	case "empty_answer":
		return lang.L("Write the answer.")
	case "duplicate_question":
		return lang.L("Another entry already has this question: “{{.Question}}”.", p.Args)
	case "bad_lang":
		return lang.L("“{{.Lang}}” is not a language code such as en, sv or pt-br.", p.Args)
	case string(template.UnknownVariable), string(template.EmptyVariable), string(template.Unclosed):
		return templateProblem(template.Problem{Kind: template.ProblemKind(p.Code), Name: str(p.Args["Name"]), Suggest: str(p.Args["Suggest"]),
			Pos: template.Pos{Line: p.Args["Line"].(int), Col: p.Args["Col"].(int)}})
	}
	return p.Message
}

func templateProblem(p template.Problem) string {
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

func str(v any) string {
	s, _ := v.(string)
	return s
}
