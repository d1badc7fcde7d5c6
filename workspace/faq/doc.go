// Package faq is a workspace's FAQ: the brand's prepared answers, with alternative
// phrasings of each question, tags, a language, an owner and a review date; full-text
// search; usage counts fed by the Inbox; suggestions of questions customers keep asking
// that no entry answers; and CSV/Markdown exchange with the content team.
//
// Everything goes through a Store over one workspace's own database, so one brand's
// answers can never show in another's. Answers are templates (package template): a
// variable the Inbox cannot fill is caught when the entry is saved or imported.
package faq
