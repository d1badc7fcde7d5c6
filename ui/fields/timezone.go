package fields

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// commonZones are offered in the drop-down: where the users' clients mostly are. Any IANA
// name can be typed.
var commonZones = []string{
	"Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Europe/Helsinki", "Europe/Prague",
	"Europe/Madrid", "Europe/Lisbon", "Europe/London", "Europe/Moscow", "America/Sao_Paulo",
	"America/New_York", "UTC",
}

// CheckTimeZone accepts IANA names only ("Local" and "" mean whatever machine runs it).
func CheckTimeZone(tz string) error {
	tz = strings.TrimSpace(tz)
	if tz == "" || tz == "Local" {
		return errors.New(lang.L("Enter a time zone such as Europe/Stockholm"))
	}
	if _, err := time.LoadLocation(tz); err != nil {
		return errors.New(lang.L("Unknown time zone: use a name such as Europe/Stockholm or America/Sao_Paulo"))
	}
	return nil
}

// NewTimeZoneEntry is an entry with common zones in its drop-down, validated as typed.
func NewTimeZoneEntry() *widget.SelectEntry {
	e := widget.NewSelectEntry(commonZones)
	e.Validator = CheckTimeZone
	return e
}
