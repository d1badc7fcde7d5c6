package workspace

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Config is machine-wide: who is sitting at this machine, not anything of a client.
type Config struct {
	AgentName string `json:"agent_name"`
	// KeepInTray: closing the window keeps Switchboard running in the system tray, so
	// scheduled replies, follow-ups and auto-replies go on (Settings, `switchboard tray`).
	KeepInTray bool   `json:"keep_in_tray,omitempty"`
	LastOpen   string `json:"last_open,omitempty"` // workspace id opened last (older configs have only this)
	// LastOpenDir is the folder (its name under the data root) opened last, reopened at
	// start. The id alone is not enough: a backup copy in the data root has the same id.
	LastOpenDir string `json:"last_open_dir,omitempty"`
}

// Remember notes info as the workspace opened last.
func (c *Config) Remember(info Info) {
	c.LastOpen, c.LastOpenDir = info.ID, filepath.Base(info.Dir)
}

// LastOpened is the workspace c says was open last: its folder, when it still holds that
// workspace; else the id (configs written before the folder was remembered, or a folder
// renamed since). When the id names several folders, which a backup copy in the data root
// does, it is the original of which the others are copies (see DuplicateError), when
// that can be told; otherwise the *AmbiguousError.
func (r *Root) LastOpened(ctx context.Context, c Config) (Info, error) {
	if c.LastOpen == "" && c.LastOpenDir == "" {
		return Info{}, fmt.Errorf("%w: no workspace was opened before", ErrNotFound)
	}
	if c.LastOpenDir != "" && filepath.Base(c.LastOpenDir) == c.LastOpenDir {
		info, err := r.Find(ctx, filepath.Join(r.dir, c.LastOpenDir))
		if err == nil && (c.LastOpen == "" || info.ID == c.LastOpen) {
			return info, nil
		}
	}
	info, err := r.Find(ctx, c.LastOpen)
	var amb *AmbiguousError
	if errors.As(err, &amb) && amb.By == "id" {
		var originals []Info
		for _, i := range amb.Candidates {
			if filepath.Base(i.Dir) == i.Slug {
				originals = append(originals, i)
			}
		}
		if len(originals) == 1 {
			return originals[0], nil
		}
	}
	return info, err
}

func (r *Root) configPath() string { return filepath.Join(r.dir, "config.json") }

// Config reads config.json; a missing file is an empty config.
func (r *Root) Config() (Config, error) {
	var c Config
	b, err := os.ReadFile(r.configPath())
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("%s is not valid JSON (%v): fix or remove it", r.configPath(), err)
	}
	return c, nil
}

// SaveConfig writes config.json atomically, so a crash or a full disk never leaves half a file.
func (r *Root) SaveConfig(c Config) error {
	c.AgentName = strings.TrimSpace(c.AgentName)
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(r.dir, ".config-*.json")
	if err != nil {
		return err
	}
	_, err = tmp.Write(append(b, '\n'))
	err = errors.Join(err, tmp.Sync(), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), r.configPath())
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("saving %s: %w", r.configPath(), err)
	}
	return nil
}
