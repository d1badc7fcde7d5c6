package crosscopy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/crisis"
)

// Playbook is the kind for crisis playbooks.
const Playbook Kind = "playbook"

// PlanPlaybooks previews copying the named playbooks (names or global ids) into to: one
// the target has under the same name is replaced, any other is added. Saving counts as
// reviewing it (the crisis rule), so the person copying reads the preview first.
func PlanPlaybooks(ctx context.Context, from, to *workspace.Workspace, refs []string) (*Plan, error) {
	if from.ID() == to.ID() {
		return nil, fmt.Errorf("copying from %q into itself: choose two different workspaces", from.Info().Name)
	}
	if len(refs) == 0 {
		return nil, fmt.Errorf("name the playbooks to copy (see `switchboard playbook list --workspace %q`)", from.Info().Name)
	}
	src := crisis.NewStore(from, crisis.Options{})
	dst := crisis.NewStore(to, crisis.Options{})
	p := &Plan{Kind: Playbook, From: from.Info(), To: to.Info()}
	seen := map[string]bool{}
	for _, ref := range refs {
		pb, err := src.Playbook(ctx, ref)
		if err != nil {
			return nil, err
		}
		if seen[pb.ID] {
			continue
		}
		seen[pb.ID] = true
		p.ids = append(p.ids, pb.ID)
		line := Line{Action: "add", What: pb.Name, Detail: fmt.Sprintf("%s, %d steps", pb.Severity, len(pb.Steps))}
		existing, err := dst.Playbook(ctx, pb.Name)
		switch {
		case err == nil:
			line.Action = "replace"
			pb.ID = existing.ID
		case errors.Is(err, crisis.ErrNotFound):
			pb.ID = ""
		default:
			return nil, err
		}
		pb.ReviewBy = time.Time{} // the target's own review period starts now
		p.playbooks = append(p.playbooks, pb)
		p.Lines = append(p.Lines, line)
	}
	return p, nil
}

func applyPlaybooks(ctx context.Context, p *Plan, to *workspace.Workspace, who string, now time.Time) error {
	dst := crisis.NewStore(to, crisis.Options{Agent: who, Now: func() time.Time { return now }})
	for _, pb := range p.playbooks {
		if _, err := dst.SavePlaybook(ctx, pb); err != nil {
			return fmt.Errorf("copying playbook %q: %w", pb.Name, err)
		}
	}
	return nil
}
