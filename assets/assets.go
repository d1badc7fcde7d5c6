// Package assets embeds what the binary ships: translations, the icon and the demo
// workspace's seed data.
package assets

import "embed"

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
