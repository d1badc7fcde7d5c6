// Package workspace is a client brand's local world: a folder under the data root with its
// own workspace.db. Nothing here spans two workspaces, and nothing here talks to a network:
// what this package needs from outside (removing a workspace's keyring secrets, submitting
// mail) it asks for through small interfaces that package accounts implements.
//
// Layout of the data root:
//
//	<root>/
//	  config.json            machine-wide preferences (the agent's own name)
//	  <slug>/workspace.db    one folder per workspace; the folder name never changes
//	  <slug>/workspace.lock  held while a Switchboard process has the workspace open
package workspace
