// Package locale gives Fyne a locale it can parse when the environment says "C" or "POSIX"
// (scripts, CI, containers: LANG=C.UTF-8 is their common default). Fyne reads the locale in
// its lang package's init, before main runs, and logs "Error parsing user locale C" for
// every command; so the fix has to be an init that runs earlier. main imports this package
// first. It imports only syscall (what os.Getenv and os.Setenv are made of) so that it is
// ready to initialise long before fyne.io/fyne/v2/lang, whose imports include os, and Go
// initialises a package as soon as its imports are (TestInitRunsBeforeFyne checks it in
// the built binary).
package locale

import "syscall"

func init() { Fix() }

// Fix replaces "C" and "POSIX" locales with en_US.UTF-8 in LC_ALL, LC_MESSAGES and LANG
// (the order in which they win), up to the first real locale, which is left alone.
func Fix() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		switch l, _ := syscall.Getenv(v); {
		case l == "":
			continue
		case l == "C" || l == "POSIX" || len(l) > 2 && l[:2] == "C.":
			syscall.Setenv(v, "en_US.UTF-8")
		default:
			return
		}
	}
}
