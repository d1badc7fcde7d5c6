package mime

import (
	"regexp"
	"strings"
)

// replyPrefix matches one reply or forward prefix as written by mail clients
// in the languages we serve, with an optional counter ("Re[2]:", "AW(3):").
// Full-width colons come from CJK clients.
var replyPrefix = regexp.MustCompile(`(?i)^(re|fwd?|aw|wg|sv|vs|odp|res|rv|enc|tr|antw|ответ|отв)\s*(\[\d+\]|\(\d+\))?\s*[:：]\s*`)

// replyOnly are the prefixes that mean "reply" (not "forward").
var replyOnly = regexp.MustCompile(`(?i)^(re|aw|sv|vs|odp|res|rv|antw|ответ|отв)\s*(\[\d+\]|\(\d+\))?\s*[:：]`)

// listTag matches a leading "[list-name]" tag.
var listTag = regexp.MustCompile(`^\[[^\]]*\]\s*`)

// NormalizeSubject strips reply and forward prefixes and mailing-list tags,
// and collapses whitespace, so "AW: [team] Re:  Offer" and "Offer" compare
// equal. It keeps case; compare with SubjectKey.
func NormalizeSubject(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for {
		t := replyPrefix.ReplaceAllString(s, "")
		t = listTag.ReplaceAllString(t, "")
		if t == s {
			return s
		}
		s = t
	}
}

// SubjectKey is the case-folded NormalizeSubject, the fallback threading key
// for mail without References or In-Reply-To.
func SubjectKey(s string) string {
	return strings.ToLower(NormalizeSubject(s))
}

// ReplySubject returns the subject for a reply: "Re: " is added unless the
// subject already starts with a reply prefix in any of our languages.
func ReplySubject(subject string) string {
	subject = strings.Join(strings.Fields(subject), " ")
	if replyOnly.MatchString(subject) {
		return subject
	}
	return "Re: " + subject
}
