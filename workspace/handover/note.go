package handover

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/journal"
)

// Note is a shift note: plain data, rendered by Markdown, HTML and PDF.
type Note struct {
	Workspace string    `json:"workspace"`
	Zone      string    `json:"time_zone"`
	Color     string    `json:"color"`  // the workspace's, heading the PDF's pages
	Author    string    `json:"author"` // the outgoing person
	Since     time.Time `json:"since"`
	Until     time.Time `json:"until"` // when the note was made
	Redacted  bool      `json:"redacted"`
	Sections  []Section `json:"sections"`
	loc       *time.Location
}

// Section is one part of the note ("Waiting for an answer", "Promised", ...).
type Section struct {
	ID      string `json:"id"` // stable: "notes", "unanswered", "promises", ...
	Title   string `json:"title"`
	Summary string `json:"summary,omitempty"` // for the at-a-glance list: "4 waiting, 2 overdue"
	Empty   string `json:"empty,omitempty"`   // said instead of items when there are none
	Items   []Item `json:"items"`
	More    int    `json:"more,omitempty"` // items left out to keep the note short
}

// Item is one line of a section.
type Item struct {
	Group  string `json:"group,omitempty"` // a sub-heading within the section ("Next 24 hours")
	Text   string `json:"text"`
	Detail string `json:"detail,omitempty"` // quoted below the line (a snippet, a note); never when redacted
	Ref    string `json:"ref,omitempty"`    // short conversation id, the start of its global id
	Urgent bool   `json:"urgent,omitempty"` // overdue, failed, burning
}

// Options choose the window and the form of a note.
type Options struct {
	Since   time.Time     // start of the window (the start of the shift)
	Now     time.Time     // end of the window and the clock; zero is time.Now
	Author  string        // the outgoing person's name ("my name" on this machine)
	Redact  bool          // for notes that leave the agency
	Horizon time.Duration // how far ahead promises are listed; zero is 48 hours
	Limit   int           // items per long section; zero is 25
}

// Source is what a Provider reads: the workspace, the window and the journal entries in it.
type Source struct {
	W       *workspace.Workspace
	DB      *sql.DB // the read pool
	Since   time.Time
	Now     time.Time
	Horizon time.Duration
	Loc     *time.Location
	Redact  bool
	Author  string
	Limit   int
	Journal []journal.Entry // entries in [Since, Now), oldest first
	names   *redactor
}

// Provider makes one section of the note. Sections with nothing to say still come back
// (with Empty set): "nothing overdue" is news for the next person too.
type Provider func(ctx context.Context, s *Source) (Section, error)

// Providers make the note's sections, in order. Crisis and Schedule add theirs here.
var Providers = []Provider{
	ownNotes,
	incidents,
	unanswered,
	promises,
	onSchedule,
	opened,
	answered,
	conversationNotes,
	faqChanges,
	contactActions,
	mostActive,
}

// Build makes the shift note of w for opt's window.
func Build(ctx context.Context, w *workspace.Workspace, opt Options) (Note, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.Horizon <= 0 {
		opt.Horizon = 48 * time.Hour
	}
	if opt.Limit <= 0 {
		opt.Limit = 25
	}
	if !opt.Since.Before(opt.Now) {
		return Note{}, fmt.Errorf("the shift start %s is not before now (%s): pick an earlier time",
			opt.Since.Format(time.RFC3339), opt.Now.Format(time.RFC3339))
	}
	info := w.Info()
	s := &Source{W: w, DB: w.DB().Read(), Since: opt.Since, Now: opt.Now, Horizon: opt.Horizon, Loc: info.Location(),
		Redact: opt.Redact, Author: opt.Author, Limit: opt.Limit}
	var err error
	if s.Journal, err = journal.List(ctx, s.DB, journal.Filter{Since: opt.Since, Until: opt.Now}); err != nil {
		return Note{}, err
	}
	if opt.Redact {
		if s.names, err = newRedactor(ctx, s.DB); err != nil {
			return Note{}, err
		}
	}
	n := Note{Workspace: info.Name, Zone: info.TimeZone, Color: info.Color, Author: opt.Author, Since: opt.Since.UTC(), Until: opt.Now.UTC(),
		Redacted: opt.Redact, loc: s.Loc}
	for _, p := range Providers {
		sec, err := p(ctx, s)
		if err != nil {
			return Note{}, fmt.Errorf("shift note, %s: %w", sec.ID, err)
		}
		n.Sections = append(n.Sections, sec)
	}
	return n, nil
}

// Location is the workspace's zone, in which the note shows every time.
func (n Note) Location() *time.Location {
	if n.loc != nil {
		return n.loc
	}
	if loc, err := time.LoadLocation(n.Zone); err == nil {
		return loc
	}
	return time.UTC
}
