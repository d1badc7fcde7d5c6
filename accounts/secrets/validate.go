package secrets

import (
	"errors"
	"fmt"
	"unicode"
)

const maxNameLen = 256

// Validate checks a workspace id and key before they become keyring
// attributes: both non-empty, short, and free of control characters (which
// would make `secret-tool` output and logs ambiguous).
func Validate(workspaceID, key string) error {
	if err := validName("workspace id", workspaceID); err != nil {
		return err
	}
	return validName("key", key)
}

func validName(what, s string) error {
	if s == "" {
		return errors.New("secrets: " + what + " is empty")
	}
	if len(s) > maxNameLen {
		return fmt.Errorf("secrets: %s is %d bytes long; at most %d are allowed", what, len(s), maxNameLen)
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return fmt.Errorf("secrets: %s %q contains a control character or invalid UTF-8", what, s)
		}
	}
	return nil
}
