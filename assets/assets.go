// Package assets embeds what the binary ships: translations, the icon and the demo
// workspace's seed data.
package assets

import (
	"embed"
	"io/fs"
)

// Translations holds translations/<lang>.json for fyne's lang.AddTranslationsFS.
//
//go:embed translations
var Translations embed.FS

// Demo holds the fictional brand the demo workspace is seeded from.
//
//go:embed demo
var Demo embed.FS

// Icon is the application icon (256×256 PNG).
//
//go:embed icon.png
var Icon []byte

// DemoSeed is the demo folder itself, so seeders name files as "faq.csv", not "demo/faq.csv".
func DemoSeed() fs.FS {
	sub, err := fs.Sub(Demo, "demo")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}
