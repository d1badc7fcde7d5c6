// Package secrets keeps credentials (passwords, app passwords, tokens) in the
// OS keyring and nowhere else.
//
// Each workspace gets its own keyring service, "switchboard:<workspaceID>",
// and each secret in it is keyed by a caller-chosen key such as an account
// id. Deleting a workspace deletes its whole service, so one client's
// credentials can never outlive it or be read under another client.
//
// Every call runs on a goroutine of its own with a deadline: on Linux the
// Secret Service may pop up an unlock prompt and block until the user answers,
// and the UI must never wait on that. Errors never contain a secret.
package secrets
