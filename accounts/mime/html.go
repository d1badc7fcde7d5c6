package mime

import (
	"strings"

	"golang.org/x/net/html"
)

// dropped are elements whose content is never shown. head is ended early by
// <body>, since broken mail often never closes it.
var dropped = map[string]bool{
	"script": true, "style": true, "head": true, "title": true, "template": true,
	"noscript": true, "iframe": true, "object": true, "svg": true, "math": true,
	"select": true, "textarea": true,
}

// blocks are elements that start on a line of their own.
var blocks = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "center": true,
	"dd": true, "div": true, "dl": true, "dt": true, "fieldset": true, "figure": true,
	"footer": true, "form": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "header": true, "hr": true, "li": true, "main": true,
	"nav": true, "ol": true, "p": true, "pre": true, "section": true, "table": true,
	"tr": true, "ul": true,
}

// paragraphs are blocks that also get a blank line around them.
var paragraphs = map[string]bool{
	"p": true, "blockquote": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "table": true, "pre": true, "hr": true,
}

// HTMLToText renders HTML mail as plain text for display. Nothing is ever
// fetched: images become their alt text and links "text (url)" when the url
// says something the text does not.
func HTMLToText(s string) string {
	z := html.NewTokenizer(strings.NewReader(strings.ToValidUTF8(s, "\uFFFD")))
	var w textWriter
	skip := ""   // the dropped element we are inside
	pre := 0     // depth of <pre>, where whitespace is kept
	href := ""   // the open link's target
	linkAt := -1 // where the open link's text starts in w
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		name, _ := z.TagName()
		tag := string(name)
		if skip != "" {
			if tt == html.EndTagToken && tag == skip || skip == "head" && tt == html.StartTagToken && tag == "body" {
				skip = ""
			}
			continue
		}
		switch tt {
		case html.TextToken:
			w.text(string(z.Text()), pre > 0)
		case html.StartTagToken, html.SelfClosingTagToken:
			attrs := attributes(z)
			switch {
			case dropped[tag]:
				if tt == html.StartTagToken {
					skip = tag
				}
			case tag == "br":
				w.newlines(1)
			case tag == "img":
				if alt := strings.TrimSpace(attrs["alt"]); alt != "" {
					w.space()
					w.text("["+alt+"]", false)
					w.space()
				}
			case tag == "a":
				if linkAt >= 0 {
					w.link(linkAt, href)
				}
				href, linkAt = attrs["href"], w.mark()
			case tag == "td" || tag == "th":
				w.space()
			case blocks[tag]:
				w.block(paragraphs[tag])
				if tag == "li" {
					w.text("•", false)
					w.space()
				}
				if tag == "pre" && tt == html.StartTagToken {
					pre++
				}
			}
		case html.EndTagToken:
			switch {
			case tag == "a" && linkAt >= 0:
				w.link(linkAt, href)
				linkAt = -1
			case blocks[tag]:
				w.block(paragraphs[tag])
				if tag == "pre" && pre > 0 {
					pre--
				}
			}
		}
	}
	if linkAt >= 0 {
		w.link(linkAt, href)
	}
	return w.String()
}

func attributes(z *html.Tokenizer) map[string]string {
	attrs := map[string]string{}
	for {
		k, v, more := z.TagAttr()
		if _, dup := attrs[string(k)]; !dup {
			attrs[string(k)] = string(v)
		}
		if !more {
			return attrs
		}
	}
}
