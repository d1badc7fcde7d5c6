package crisis

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"

	"switchboard/workspace"
)

// SeedDemo adds the demo's playbooks and its early-warning threshold (assets/demo/crisis.json):
// the demo's bitter-batch complaints (seven in a day and a half) then show as a wave
// with its playbook suggested, so the warning, the playbook and an incident can be tried
// offline.
func SeedDemo(ctx context.Context, w *workspace.Workspace, seed fs.FS) error {
	b, err := fs.ReadFile(seed, "crisis.json")
	if err != nil {
		return fmt.Errorf("demo seed crisis.json: %w", err)
	}
	var s struct {
		Settings  map[string]string `json:"settings"`
		Playbooks []Playbook        `json:"playbooks"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return fmt.Errorf("demo seed crisis.json: %w", err)
	}
	for k, v := range s.Settings {
		if err := w.SetSetting(ctx, k, v); err != nil {
			return err
		}
	}
	st := NewStore(w, Options{})
	for _, p := range s.Playbooks {
		if _, err := st.SavePlaybook(ctx, p); err != nil {
			return fmt.Errorf("demo playbook %q: %w", p.Name, err)
		}
	}
	return nil
}
