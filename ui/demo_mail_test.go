package ui

import (
	"switchboard/accounts/imapsync"
	"switchboard/workspace/demo"
)

// The shell's tests open the demo (the welcome screen, "Reset the demo", the smoke
// test's seed); main.go wires the demo's mail importer the same way.
func init() { demo.ImportMail = imapsync.ImportRaw }
