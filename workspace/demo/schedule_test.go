package demo_test

import (
	"context"
	"testing"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/schedule"
)

func TestDemoHasARealWeekAhead(t *testing.T) {
	withDemo(t, func(ctx context.Context, w *workspace.Workspace) {
		s := schedule.Open(w, schedule.Options{})
		cv, err := s.Coverage(ctx)
		if err != nil || !cv.Defined() || len(cv.Holidays) == 0 {
			t.Fatalf("coverage %+v, %v: want hours and a holiday", cv, err)
		}
		shifts, _ := s.Shifts(ctx)
		staff := map[string]bool{}
		for _, sh := range shifts {
			staff[sh.Staff] = true
		}
		if len(staff) != 2 {
			t.Errorf("shifts of %v, want two staff members", staff)
		}
		now := time.Now()
		posts, _ := s.Posts(ctx, now.Add(-24*time.Hour), now.AddDate(0, 0, 7))
		if len(posts) < 5 {
			t.Errorf("%d planned posts in the week ahead", len(posts))
		}
		items, _ := s.Items(ctx, schedule.Filter{})
		if len(items) == 0 || items[0].Kind != schedule.KindReply || items[0].State != schedule.Pending {
			t.Errorf("scheduled items %+v, want a pending scheduled reply", items)
		}
		if ar, _ := s.AutoReply(ctx); !ar.Enabled {
			t.Error("the demo's out-of-hours auto-reply is off")
		}
	})
}
