package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/schedule"
)

// scheduleSeed is assets/demo/schedule.json: the brand's hours, holidays, two staff
// shifts, the out-of-hours auto-reply and a week of planned posts (each on the next such
// weekday from today, so the Schedule pane shows a real week ahead). The scheduled reply comes with the triage.
type scheduleSeed struct {
	Hours    string `json:"hours"`
	Holidays []struct {
		Month time.Month `json:"month"`
		Day   int        `json:"day"`
		Name  string     `json:"name"`
	} `json:"holidays"`
	Shifts []struct {
		Staff string `json:"staff"`
		Hours string `json:"hours"`
	} `json:"shifts"`
	AutoReply string `json:"auto_reply"`
	Posts     []struct {
		Weekday  string `json:"weekday"`
		Time     string `json:"time"`
		Channel  string `json:"channel"`
		Status   string `json:"status"`
		Approver string `json:"approver"`
		Text     string `json:"text"`
		Notes    string `json:"notes"`
	} `json:"posts"`
}

func seedSchedule(ctx context.Context, w *workspace.Workspace, seed fs.FS) error {
	b, err := fs.ReadFile(seed, "schedule.json")
	if err != nil {
		return fmt.Errorf("demo schedule: %w", err)
	}
	var sd scheduleSeed
	if err := json.Unmarshal(b, &sd); err != nil {
		return fmt.Errorf("demo schedule.json: %w", err)
	}
	s := schedule.Open(w, schedule.Options{Agent: "Anna Lind"})
	h, err := schedule.ParseHours(sd.Hours)
	if err != nil {
		return fmt.Errorf("demo schedule.json hours: %w", err)
	}
	if err := s.SetHours(ctx, h); err != nil {
		return err
	}
	loc := s.Loc()
	now := time.Now().In(loc)
	for _, hd := range sd.Holidays {
		day := time.Date(now.Year(), hd.Month, hd.Day, 12, 0, 0, 0, loc)
		if day.Before(now.AddDate(0, 0, -1)) {
			day = day.AddDate(1, 0, 0) // the next one
		}
		if _, err := s.AddHoliday(ctx, day.Format(time.DateOnly), hd.Name); err != nil {
			return err
		}
	}
	for _, sh := range sd.Shifts {
		h, err := schedule.ParseHours(sh.Hours)
		if err != nil {
			return fmt.Errorf("demo schedule.json shift of %s: %w", sh.Staff, err)
		}
		for d, ivs := range h {
			for _, iv := range ivs {
				if _, err := s.AddShift(ctx, schedule.Shift{Staff: sh.Staff, Weekday: time.Weekday(d), Interval: iv}); err != nil {
					return err
				}
			}
		}
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	for _, p := range sd.Posts {
		day, err := schedule.ParseHours(p.Weekday + " " + p.Time + "-23:59")
		if err != nil {
			return fmt.Errorf("demo schedule.json post: %w", err)
		}
		for d, ivs := range day {
			if len(ivs) == 0 {
				continue
			}
			offset := (d - int(now.Weekday()) + 7) % 7 // the next such weekday, today included
			at := time.Date(today.Year(), today.Month(), today.Day()+offset, 0, ivs[0].Start, 0, 0, loc)
			if _, err := s.AddPost(ctx, schedule.Post{At: at, Channel: p.Channel, Text: p.Text, Status: p.Status,
				Approver: p.Approver, Notes: p.Notes}); err != nil {
				return err
			}
		}
	}
	on := true
	_, err = s.SetAutoReply(ctx, schedule.AutoReplyChange{Enabled: &on, Template: &sd.AutoReply})
	return err
}
