package workspace

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
)

// AmbiguousError says a workspace reference matches more than one workspace folder at the
// same step of the resolution order. Nothing was opened: guessing here is how one client's
// account ends up in another client's workspace.
type AmbiguousError struct {
	Ref        string
	By         string // "id", "name" or "folder": the step that matched more than once
	Candidates []Info
}

func (e *AmbiguousError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q matches %d workspace folders by %s, so nothing was done:", e.Ref, len(e.Candidates), e.By)
	for _, c := range e.Candidates {
		fmt.Fprintf(&b, " %q (folder %s, id %s);", c.Name, filepath.Base(c.Dir), c.ID)
	}
	if e.By == "id" {
		b.WriteString(" folders with one id are a copy of one workspace (a backup):")
	}
	fmt.Fprintf(&b, " name the folder you mean instead, for example %q", filepath.Base(e.Candidates[0].Dir))
	return b.String()
}

// resolve picks the workspace ref names from list, in the one order every caller uses:
//  1. the folder's full path (what a caller that already resolved a workspace passes on),
//  2. the workspace id,
//  3. the display name,
//  4. the folder name,
//
// each compared case-insensitively. The first step with any match decides; a step with
// several matches is an *AmbiguousError listing them, never a silent pick. The stored slug
// is not compared: a copied folder keeps its original's slug, so it names two folders.
func resolve(list []Info, ref string) (Info, error) {
	steps := []struct {
		by    string
		match func(Info) bool
	}{
		{"path", func(i Info) bool { return filepath.IsAbs(ref) && filepath.Clean(ref) == i.Dir }},
		{"id", func(i Info) bool { return strings.EqualFold(i.ID, ref) }},
		{"name", func(i Info) bool { return strings.EqualFold(i.Name, ref) }},
		{"folder", func(i Info) bool { return strings.EqualFold(filepath.Base(i.Dir), ref) }},
	}
	for _, s := range steps {
		var found []Info
		for _, i := range list {
			if s.match(i) {
				found = append(found, i)
			}
		}
		switch {
		case len(found) == 1:
			return found[0], nil
		case len(found) > 1:
			return Info{}, &AmbiguousError{Ref: ref, By: s.by, Candidates: found}
		}
	}
	return Info{}, errNotFound
}

var errNotFound = fmt.Errorf("not found")

// Find resolves a workspace reference (see resolve for the order), archived workspaces
// included. A reference naming a folder that cannot be read returns that folder's problem.
func (r *Root) Find(ctx context.Context, ref string) (Info, error) {
	list, problems := r.List(ctx, true)
	info, err := resolve(list, strings.TrimSpace(ref))
	if err != errNotFound {
		return info, err
	}
	for _, p := range problems {
		if strings.EqualFold(p.Dir, ref) || (filepath.IsAbs(ref) && filepath.Join(r.dir, p.Dir) == filepath.Clean(ref)) {
			if _, dup := p.Err.(*DuplicateError); !dup {
				return Info{}, p
			}
		}
	}
	return Info{}, fmt.Errorf("%w: %q (see `switchboard workspace list --all`)", ErrNotFound, ref)
}
