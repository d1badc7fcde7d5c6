// Package panetest starts what a pane's tests stand on: a test app that speaks through
// assets/translations, as the real window does.
package panetest

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"switchboard/assets"
)

// App is a fresh test app, gone when t ends, with the translations loaded.
func App(t testing.TB) fyne.App {
	t.Helper()
	a := test.NewTempApp(t)
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		t.Fatal(err)
	}
	return a
}
