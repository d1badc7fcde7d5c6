package inbox

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// Workspace settings keys of the Inbox (strings in the settings table).
const (
	SettingResponseTarget = "support.first_response_minutes" // shared with Settings; default 240
	SettingWarnTemplate   = "inbox.warn_template"            // the abuse warning, a template
)

// DefaultResponseTarget is how long a customer may wait for an answer before the
// conversation is Overdue, when the workspace sets nothing. Four hours: within a working
// day, the common promise of community teams.
const DefaultResponseTarget = 4 * time.Hour

// ResponseTarget is the workspace's response-time target.
func (s *Store) ResponseTarget(ctx context.Context) (time.Duration, error) {
	v, ok, err := s.w.Setting(ctx, SettingResponseTarget)
	if err != nil || !ok {
		return DefaultResponseTarget, err
	}
	m, err := strconv.Atoi(v)
	if err != nil || m <= 0 {
		return DefaultResponseTarget, nil // a damaged setting must not hide every overdue customer
	}
	return time.Duration(m) * time.Minute, nil
}

// SetResponseTarget stores the target, whole minutes, at least one.
func (s *Store) SetResponseTarget(ctx context.Context, d time.Duration) error {
	if d < time.Minute {
		return fmt.Errorf("a response-time target of %v is too short: at least one minute", d)
	}
	return s.w.SetSetting(ctx, SettingResponseTarget, strconv.Itoa(int(d/time.Minute)))
}

// DefaultWarning is the warning sent when the workspace has no template of its own.
const DefaultWarning = "Hello {{first_name|there}},\n\nwe want this to be a friendly place for everyone, and some of your recent messages went against that. Please keep the conversation respectful; otherwise we will stop answering messages from this address.\n\n{{brand}}"
