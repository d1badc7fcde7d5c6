package mailtest

import "testing"

// SetDovecotSbinForTest points the /usr/sbin fallback elsewhere for tb.
func SetDovecotSbinForTest(tb testing.TB, path string) {
	old := dovecotSbin
	dovecotSbin = path
	tb.Cleanup(func() { dovecotSbin = old })
}
