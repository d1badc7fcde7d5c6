package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"switchboard/assets"
)

var loadTranslations sync.Once

// registerTranslations adds assets/translations once per process; English keys are the
// English text, so a missing translation still reads right.
func registerTranslations() {
	loadTranslations.Do(func() {
		if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
			fyne.LogError("loading translations", err)
		}
	})
}
