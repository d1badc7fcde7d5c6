// Package clientpkg moves a whole workspace to another machine or agency as one .zip,
// the client package, and makes a new workspace from one.
//
// # What a package holds
//
//	manifest.json            format, version, the source workspace, and every other file
//	                         with its size and SHA-256
//	README.md                for the recipient: what is inside and how to open it
//	workspace.db             a consistent snapshot of the database (VACUUM INTO, taken
//	                         while the app keeps running and syncing)
//	messages/<conv>/<n>.eml  every stored message, the raw RFC 5322 bytes as received
//	attachments/<conv>/...   each attachment as its own file (when an extractor is wired)
//	faq.csv                  the FAQ, as the FAQ pane exports it
//	voice.md                 the brand's voice rules
//	playbooks/*.md, schedule.ics   when the workspace has them (Crisis, Schedule)
//
// No credential is ever in a package: passwords live only in the OS keyring, which an
// export never reads. An imported workspace gets a new id, so nothing in the keyring
// matches it, and its accounts ask for their passwords.
//
// Import checks every file against the manifest before it makes anything; a truncated
// or altered package is refused. The new workspace is built in a hidden folder of the
// data root and renamed into place only when complete, so a failure leaves nothing
// that looks like a workspace.
package clientpkg
