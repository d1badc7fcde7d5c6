// Package pane is the contract between the shell and the panes it shows (Inbox, FAQ,
// Crisis, Schedule, Settings), so each pane lives in its own package.
package pane

import (
	"context"

	"fyne.io/fyne/v2"

	"switchboard/workspace"
)

// Env is what a pane gets when the current workspace changes. Workspace is nil when none
// is open. Everything in it belongs to that one workspace.
type Env struct {
	Root      *workspace.Root
	Workspace *workspace.Workspace
	Window    fyne.Window
	Agent     string // the name of the person using this machine ("my name" in Settings)

	// Go runs task off the UI goroutine, in order with the shell's own work (opening and
	// closing workspaces, loading panes), so a switch never closes the database under a
	// pane's save. ctx ends when this workspace is closed; a task queued for a workspace
	// that has been closed since does not run. Nil only in a test that builds an Env itself.
	Go func(task func(ctx context.Context))
}

// Do runs task with Go, or on a goroutine of its own where Go is nil (a test that builds
// an Env itself), and hands an error it returns to onError on the UI goroutine: a pane's
// reads and saves must not block the window, and their failures must be seen.
func (e Env) Do(task func(ctx context.Context) error, onError func(error)) {
	run := func(ctx context.Context) {
		if err := task(ctx); err != nil {
			fyne.Do(func() { onError(err) })
		}
	}
	if e.Go != nil {
		e.Go(run)
	} else {
		go run(context.Background())
	}
}

// Pane is one navigation target of the shell.
type Pane interface {
	// ID is stable ("inbox", "faq", ...); Title goes through lang.L.
	ID() string
	Title() string
	Icon() fyne.Resource
	// Content is built once, on the UI goroutine.
	Content() fyne.CanvasObject
	// Load is called off the UI goroutine whenever the workspace changes or the pane is shown:
	// it reads what it needs from env (database, never the network) and applies it with one
	// fyne.Do. Tests call it directly and then inspect the widgets.
	Load(ctx context.Context, env Env) error
}
