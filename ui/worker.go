package ui

import "sync"

// worker runs the shell's work off the UI goroutine, one task at a time, in order: opening,
// closing and deleting a workspace never interleave with a pane reading its database, and
// a pane's result for the previous workspace can never land after the next one's.
type worker struct {
	// inline runs each task at once on the caller's goroutine. Only for tests: Fyne's test
	// driver runs fyne.Do on the calling goroutine, so a task applying widgets on the worker
	// would race with the event handler that queued it, which in the real driver cannot happen.
	inline bool

	mu      sync.Mutex
	queue   []func()
	running bool
	pending sync.WaitGroup
}

// do queues task and returns at once.
func (w *worker) do(task func()) {
	if w.inline {
		task()
		return
	}
	w.pending.Add(1)
	w.mu.Lock()
	w.queue = append(w.queue, task)
	start := !w.running
	w.running = true
	w.mu.Unlock()
	if start {
		go w.drain()
	}
}

func (w *worker) drain() {
	for {
		w.mu.Lock()
		if len(w.queue) == 0 {
			w.running = false
			w.mu.Unlock()
			return
		}
		task := w.queue[0]
		w.queue = w.queue[1:]
		w.mu.Unlock()
		task()
		w.pending.Done()
	}
}

// wait returns once every queued task, and every task those queued, has run.
func (w *worker) wait() { w.pending.Wait() }
