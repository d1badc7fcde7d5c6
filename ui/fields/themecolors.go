package fields

import "fyne.io/fyne/v2"

// ColorNameOutbound is the background of our own messages in a thread. The shell's theme
// gives it a colour every text colour reads on (at least 4.5:1, checked by a test); a
// theme without it gives none, and the message is drawn on the input background.
const ColorNameOutbound fyne.ThemeColorName = "switchboard-outbound"
