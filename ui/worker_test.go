package ui

import (
	"sync/atomic"
	"testing"
)

func TestWorkerRunsTasksInOrderOneAtATime(t *testing.T) {
	var w worker
	var running atomic.Int32
	var order []int
	for i := range 100 {
		w.do(func() {
			if running.Add(1) != 1 {
				t.Error("two tasks ran at once")
			}
			order = append(order, i)
			if i%10 == 0 {
				w.do(func() {}) // a task may queue more; wait covers them
			}
			running.Add(-1)
		})
	}
	w.wait()
	for i, v := range order {
		if v != i {
			t.Fatalf("task %d ran at position %d", v, i)
		}
	}
	if len(order) != 100 {
		t.Fatalf("%d of 100 tasks ran", len(order))
	}
}
