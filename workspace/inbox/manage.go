package inbox

// LabelColors are given to new labels in turn; each reads with white or dark text.
var LabelColors = []string{"#2F6FDE", "#C2410C", "#15803D", "#7C3AED", "#B91C1C", "#0E7490", "#A16207"}
