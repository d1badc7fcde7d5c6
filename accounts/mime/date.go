package mime

import (
	"strconv"
	"strings"
	"time"
)

// zones are the named zones real mail carries: RFC 5322's obsolete US zones and the
// ones European, Russian and Asian mailers write. Ambiguous names (IST, CST as China)
// take their most common meaning in mail.
var zones = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
	"AKST": -9, "AKDT": -8, "HST": -10,
	"BST": 1, "IST": 1, "CET": 1, "MET": 1, "WEST": 1, "CEST": 2, "MEST": 2, "EET": 2, "EEST": 3,
	"MSK": 3, "MSD": 4, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AEST": 10, "AEDT": 11,
	"NZST": 12, "NZDT": 13,
}

var months = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// extraDateLayouts are machine formats some mailers and gateways write.
var extraDateLayouts = []string{
	time.RFC3339,
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
}

func (p *parser) date(v string) time.Time {
	v = strings.TrimSpace(strings.ToValidUTF8(v, ""))
	if v == "" {
		p.warn("no Date header")
		return time.Time{}
	}
	if t, ok := parseDate(v); ok {
		return t
	}
	for _, layout := range extraDateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t
		}
	}
	p.warn("unreadable Date %q", v)
	return time.Time{}
}

// parseDate reads the date forms real mail has, in any order of their parts: RFC 5322
// ("Tue, 1 Jul 2003 10:52:37 +0200"), named zones ("EDT", "(EDT) -0400" where the
// comment only names the offset), asctime ("Tue Jul  1 10:52:37 2003"), two-digit years,
// missing seconds and a missing day name. A missing or unknown zone is read as UTC
// (RFC 5322's "-0000": the sender did not say).
func parseDate(v string) (time.Time, bool) {
	var (
		day, year, hour, min, sec = -1, -1, -1, -1, 0
		month                     time.Month
		offset                    = 0
		haveZone                  bool
		commentZone               = -1 << 31
	)
	toks := strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	for _, t := range toks {
		if strings.HasPrefix(t, "(") || strings.HasSuffix(t, ")") {
			// A comment names the zone at most: "(EDT)", "(Pacific Standard Time)".
			if h, ok := zones[strings.ToUpper(strings.Trim(t, "()"))]; ok {
				commentZone = h * 3600
			}
			continue
		}
		switch {
		case strings.Contains(t, ":") && hour < 0 && t[0] >= '0' && t[0] <= '9':
			parts := strings.Split(t, ":")
			h, err1 := strconv.Atoi(parts[0])
			m, err2 := strconv.Atoi(parts[1])
			if err1 != nil || err2 != nil {
				return time.Time{}, false
			}
			hour, min = h, m
			if len(parts) > 2 {
				s, err := strconv.Atoi(strings.SplitN(parts[2], ".", 2)[0])
				if err != nil {
					return time.Time{}, false
				}
				sec = s
			}
		case (t[0] == '+' || t[0] == '-') && len(t) >= 3 && isDigits(strings.ReplaceAll(t[1:], ":", "")):
			d := strings.ReplaceAll(t[1:], ":", "")
			if len(d) == 2 {
				d += "00"
			}
			if len(d) != 4 {
				continue
			}
			hh, _ := strconv.Atoi(d[:2])
			mm, _ := strconv.Atoi(d[2:])
			offset, haveZone = (hh*60+mm)*60, true
			if t[0] == '-' {
				offset = -offset
			}
		case isDigits(t):
			n, _ := strconv.Atoi(t)
			switch {
			case day < 0 && len(t) <= 2 && n >= 1 && n <= 31 && (month != 0 || year < 0):
				day = n
			case year < 0:
				year = n
				if len(t) <= 2 {
					year += 1900
					if n < 50 {
						year += 100
					}
				}
			}
		default:
			up := strings.ToUpper(strings.TrimRight(t, "."))
			if len(up) >= 3 {
				if m, ok := months[strings.ToLower(up[:3])]; ok && month == 0 {
					month = m
					continue
				}
			}
			if h, ok := zones[up]; ok && !haveZone {
				offset, haveZone = h*3600, true
			}
			// Day names and anything else unknown are ignored.
		}
	}
	if !haveZone && commentZone != -1<<31 {
		offset = commentZone
	}
	if day < 1 || month == 0 || year < 1900 || hour < 0 || hour > 23 || min > 59 || sec > 60 {
		return time.Time{}, false
	}
	if sec == 60 {
		sec = 59 // a leap second
	}
	return time.Date(year, month, day, hour, min, sec, 0, time.FixedZone("", offset)), true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
