package schedulecmd

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/schedule"
)

var coverageUsage = []string{
	"coverage --workspace W [--json]",
	`coverage --workspace W [--hours "mon-fri 09:00-12:00,13:00-17:00; sat 10:00-14:00"] [--holiday 2026-12-24[=NAME]]... [--remove-holiday DAY]... [--import-holidays FILE.ics]`,
	`coverage --workspace W [--shift "Anna mon-wed 09:00-13:00"]... [--remove-shift ID]... [--shift-exception "ID 2026-12-14 [NAME]"]...`,
	"coverage --workspace W [--auto-reply-file F] [--auto-reply-days N] [--auto-reply-cap N] [--auto-reply on|off]",
}

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ", ") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func runCoverage(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	fs := flag.NewFlagSet("coverage", flag.ContinueOnError)
	hours := fs.String("hours", "", "business hours per weekday, several spans a day for split shifts")
	var holidays, removeHolidays, shifts, removeShifts, exceptions multi
	fs.Var(&holidays, "holiday", "a closed day, YYYY-MM-DD or YYYY-MM-DD=Name (repeatable)")
	fs.Var(&removeHolidays, "remove-holiday", "open a day again (repeatable)")
	importICS := fs.String("import-holidays", "", "add the all-day events of an .ics file as holidays")
	fs.Var(&shifts, "shift", `a weekly shift: "NAME DAYS HH:MM-HH:MM" (repeatable)`)
	fs.Var(&removeShifts, "remove-shift", "remove a shift by id (repeatable)")
	fs.Var(&exceptions, "shift-exception", `"ID DAY [NAME]": that day NAME covers, or nobody (repeatable)`)
	arFile := fs.String("auto-reply-file", "", "the out-of-hours auto-reply text ({{next_open}}, {{first_name}}, {{brand}}); switches it on")
	arDays := fs.Int("auto-reply-days", 0, "at most one auto-reply per sender in N days (default 4, at least 1)")
	arCap := fs.Int("auto-reply-cap", 0, "at most N auto-replies an hour for the workspace (default 30)")
	arOn := fs.String("auto-reply", "", "on or off")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return cmdline.UsageOf(coverageUsage, "coverage takes flags only, got %q", pos[0])
	}
	s := schedule.Open(w, schedule.Options{Agent: agent(e)})
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *hours != "" || set["hours"] {
		h, err := schedule.ParseHours(*hours)
		if err != nil {
			return cmdline.UsageOf(coverageUsage, "--hours: %v", err)
		}
		if err := s.SetHours(ctx, h); err != nil {
			return err
		}
	}
	for _, h := range holidays {
		day, name, _ := strings.Cut(h, "=")
		if _, err := schedule.ParseDay(day); err != nil {
			return cmdline.UsageOf(coverageUsage, "--holiday: %v", err)
		}
		if _, err := s.AddHoliday(ctx, day, strings.TrimSpace(name)); err != nil {
			return err
		}
	}
	for _, d := range removeHolidays {
		if err := s.RemoveHoliday(ctx, d); err != nil {
			return err
		}
	}
	if *importICS != "" {
		f, err := os.Open(*importICS)
		if err != nil {
			return err
		}
		n, err := s.ImportHolidays(ctx, f)
		f.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stderr, "%d holidays imported from %s\n", n, *importICS)
	}
	for _, spec := range shifts {
		list, err := parseShift(spec)
		if err != nil {
			return cmdline.UsageOf(coverageUsage, "--shift: %v", err)
		}
		for _, sh := range list {
			if _, err := s.AddShift(ctx, sh); err != nil {
				return err
			}
		}
	}
	for _, id := range removeShifts {
		if err := s.RemoveShift(ctx, id); err != nil {
			return err
		}
	}
	for _, spec := range exceptions {
		f := strings.Fields(spec)
		if len(f) < 2 {
			return cmdline.UsageOf(coverageUsage, `--shift-exception %q: "ID DAY [NAME]"`, spec)
		}
		if err := s.SetException(ctx, f[0], f[1], strings.Join(f[2:], " ")); err != nil {
			return err
		}
	}
	var ch schedule.AutoReplyChange
	if *arFile != "" {
		b, err := os.ReadFile(*arFile)
		if err != nil {
			return err
		}
		text, on := string(b), true
		ch.Template, ch.Enabled = &text, &on
	}
	if set["auto-reply-days"] {
		ch.Days = arDays
	}
	if set["auto-reply-cap"] {
		ch.Cap = arCap
	}
	switch *arOn {
	case "":
	case "on", "off":
		on := *arOn == "on"
		ch.Enabled = &on
	default:
		return cmdline.UsageOf(coverageUsage, "--auto-reply %q: on or off", *arOn)
	}
	if ch.Template != nil || ch.Days != nil || ch.Cap != nil || ch.Enabled != nil {
		if _, err := s.SetAutoReply(ctx, ch); err != nil {
			return err
		}
	}
	return showCoverage(ctx, e, s, *asJSON)
}

// parseShift reads "Anna mon-wed 09:00-13:00" (the name may have spaces) into one shift
// per weekday.
func parseShift(spec string) ([]schedule.Shift, error) {
	f := strings.Fields(spec)
	if len(f) < 3 {
		return nil, fmt.Errorf(`%q: write "NAME DAYS HH:MM-HH:MM", e.g. "Anna mon-wed 09:00-13:00"`, spec)
	}
	name := strings.Join(f[:len(f)-2], " ")
	h, err := schedule.ParseHours(f[len(f)-2] + " " + f[len(f)-1])
	if err != nil {
		return nil, err
	}
	var out []schedule.Shift
	for d, ivs := range h {
		for _, iv := range ivs {
			out = append(out, schedule.Shift{Staff: name, Weekday: time.Weekday(d), Interval: iv})
		}
	}
	return out, nil
}

type coverageView struct {
	TimeZone    string                   `json:"time_zone"`
	Hours       string                   `json:"hours"`
	Holidays    []schedule.Holiday       `json:"holidays"`
	Shifts      []schedule.Shift         `json:"shifts"`
	AutoReply   schedule.AutoReplyConfig `json:"auto_reply"`
	OpenNow     bool                     `json:"open_now"`
	NextOpening time.Time                `json:"next_opening,omitzero"`
	OnShift     []string                 `json:"on_shift"`
}

func showCoverage(ctx context.Context, e *cmdline.Env, s *schedule.Store, asJSON bool) error {
	cv, err := s.Coverage(ctx)
	if err != nil {
		return err
	}
	v := coverageView{TimeZone: s.Loc().String(), Hours: cv.Hours.String()}
	if v.Holidays, err = s.Holidays(ctx); err != nil {
		return err
	}
	if v.Shifts, err = s.Shifts(ctx); err != nil {
		return err
	}
	if v.AutoReply, err = s.AutoReply(ctx); err != nil {
		return err
	}
	now := time.Now()
	v.OpenNow = cv.Defined() && cv.Open(now)
	if t, ok := cv.NextOpening(now); ok {
		v.NextOpening = t
	}
	if v.OnShift, err = schedule.OnShift(ctx, s.Workspace(), now); err != nil {
		return err
	}
	if v.OnShift == nil {
		v.OnShift = []string{}
	}
	if asJSON {
		return printJSON(e.Stdout, v)
	}
	loc := s.Loc()
	out := e.Stdout
	fmt.Fprintf(out, "Time zone: %s\nHours:     %s\n", v.TimeZone, v.Hours)
	switch {
	case !cv.Defined():
		fmt.Fprintln(out, "           (no hours set: every hour counts for the response target, and no auto-reply goes out)")
	case v.OpenNow:
		fmt.Fprintln(out, "Now:       open")
	case !v.NextOpening.IsZero():
		fmt.Fprintf(out, "Now:       closed; opens %s\n", v.NextOpening.In(loc).Format("Mon 2 Jan 15:04 MST"))
	}
	if len(v.OnShift) > 0 {
		fmt.Fprintf(out, "On shift:  %s\n", strings.Join(v.OnShift, ", "))
	}
	fmt.Fprintln(out, "Holidays:")
	if len(v.Holidays) == 0 {
		fmt.Fprintln(out, "  none")
	}
	for _, h := range v.Holidays {
		fmt.Fprintf(out, "  %s  %s\n", h.Day, h.Name)
	}
	fmt.Fprintln(out, "Shifts:")
	if len(v.Shifts) == 0 {
		fmt.Fprintln(out, "  none")
	}
	for _, sh := range v.Shifts {
		fmt.Fprintf(out, "  %s  %-3s %s  %s", sh.GID[:8], sh.Weekday.String()[:3], sh.Interval, sh.Staff)
		for day, cover := range sh.Exceptions {
			if cover == "" {
				cover = "nobody"
			}
			fmt.Fprintf(out, " (%s: %s)", day, cover)
		}
		fmt.Fprintln(out)
	}
	ar := v.AutoReply
	state := "off"
	switch {
	case ar.Enabled && ar.PausedBy != "":
		state = "PAUSED: " + ar.PausedBy
	case ar.Enabled:
		state = "on since " + ar.EnabledAt.In(loc).Format("2006-01-02 15:04")
	}
	fmt.Fprintf(out, "Out-of-hours auto-reply: %s (one per sender per %d days, at most %d an hour, {{next_open}} in %s)\n", state, ar.Days, ar.Cap, ar.Language)
	if ar.Template != "" {
		for _, line := range strings.Split(strings.TrimRight(ar.Template, "\n"), "\n") {
			fmt.Fprintf(out, "  | %s\n", line)
		}
	}
	return nil
}
