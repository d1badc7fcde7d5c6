package locale_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"switchboard/workspace/locale"
)

func TestFixReplacesOnlyCAndPOSIX(t *testing.T) {
	for _, c := range []struct{ all, msgs, lang, wantAll, wantMsgs, wantLang string }{
		{"", "", "C.UTF-8", "", "", "en_US.UTF-8"},
		{"", "", "C", "", "", "en_US.UTF-8"},
		{"POSIX", "", "sv_SE.UTF-8", "en_US.UTF-8", "", "sv_SE.UTF-8"},
		{"", "cs_CZ.UTF-8", "C.UTF-8", "", "cs_CZ.UTF-8", "C.UTF-8"}, // the winner is real
		{"", "", "ru_RU.UTF-8", "", "", "ru_RU.UTF-8"},
	} {
		t.Setenv("LC_ALL", c.all)
		t.Setenv("LC_MESSAGES", c.msgs)
		t.Setenv("LANG", c.lang)
		locale.Fix()
		if a, m, l := os.Getenv("LC_ALL"), os.Getenv("LC_MESSAGES"), os.Getenv("LANG"); a != c.wantAll || m != c.wantMsgs || l != c.wantLang {
			t.Errorf("%+v: got %q %q %q", c, a, m, l)
		}
	}
}

// The real binary under LANG=C.UTF-8 prints no Fyne locale error, and GODEBUG=inittrace
// shows this package's init running before Fyne's lang package reads the locale.
func TestInitRunsBeforeFyne(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "switchboard")
	build := exec.Command("go", "build", "-o", bin, "switchboard")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "help")
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=", "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("switchboard help: %v\n%s", err, stderr.String())
	}
	if strings.Contains(stderr.String(), "locale") && strings.Contains(stderr.String(), "Fyne error") {
		t.Fatalf("Fyne still complains about the locale:\n%s", stderr.String())
	}
	trace := stderr.String()
	ours, fyne := strings.Index(trace, "init switchboard/workspace/locale "), strings.Index(trace, "init fyne.io/fyne/v2/lang ")
	if ours < 0 || fyne < 0 || ours > fyne {
		t.Fatalf("init order: locale at %d, fyne lang at %d (want locale first)", ours, fyne)
	}
}
