package workspace

import (
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
	LastOpen  string `json:"last_open,omitempty"` // workspace id opened last, reopened at start
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
