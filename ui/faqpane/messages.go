package faqpane

import (
	"fyne.io/fyne/v2/lang"

	"switchboard/ui/fields"
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
		return fields.TemplateProblem(template.Problem{Kind: template.ProblemKind(p.Code), Name: str(p.Args["Name"]), Suggest: str(p.Args["Suggest"]),
			Pos: template.Pos{Line: p.Args["Line"].(int), Col: p.Args["Col"].(int)}})
	}
	return p.Message
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
