package mime

import (
	"sort"
	"strconv"
	"strings"
)

// mediaType parses a Content-Type or Content-Disposition value leniently: unquoted
// specials and spaces in values, duplicate parameters (the first wins), RFC 2231
// continuations and charsets (any charset, not only UTF-8: filename*=iso-8859-1”Fr%F6sche.txt),
// and encoded words or raw 8-bit bytes in values, which many mailers send in file names.
func (p *parser) mediaType(v, fallback, where string) (string, map[string]string) {
	params := map[string]string{}
	if strings.TrimSpace(v) == "" {
		return fallback, params
	}
	parts := splitOutside(v, ';')
	t := strings.ToLower(strings.Join(strings.Fields(stripComments(parts[0])), ""))
	if fallback != "" && !strings.Contains(t, "/") {
		p.warn("%s: invalid content type %q; read as %s", where, v, fallback)
		t = fallback
	}
	type piece struct {
		n       int
		encoded bool
		value   string
	}
	ext := map[string][]piece{} // RFC 2231 pieces by parameter name
	for _, kv := range parts[1:] {
		k, val, ok := strings.Cut(kv, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok || k == "" {
			continue
		}
		val = strings.TrimSpace(val)
		if len(val) >= 2 && val[0] == '"' {
			val, _ = quoted(val, 0)
		}
		if name, rest, isExt := strings.Cut(k, "*"); isExt {
			pc := piece{encoded: strings.HasSuffix(k, "*")}
			num := strings.TrimSuffix(rest, "*")
			if num != "" {
				n, err := strconv.Atoi(num)
				if err != nil {
					continue
				}
				pc.n = n
			}
			pc.value = val
			ext[name] = append(ext[name], pc)
			continue
		}
		if _, dup := params[k]; !dup {
			params[k] = p.words(val, where+" "+k)
		}
	}
	for name, pieces := range ext {
		sort.SliceStable(pieces, func(i, j int) bool { return pieces[i].n < pieces[j].n })
		var raw []byte
		charset := ""
		for i, pc := range pieces {
			val := pc.value
			if pc.encoded {
				if i == 0 {
					// charset'language'value
					if cs, rest, ok := strings.Cut(val, "'"); ok {
						charset = cs
						_, val, _ = strings.Cut(rest, "'")
					}
				}
				raw = append(raw, percentDecode(val)...)
			} else {
				raw = append(raw, val...)
			}
		}
		// The RFC 2231 form is the more precise one: it wins over a plain duplicate.
		if charset == "" {
			params[name] = p.words(string(raw), where+" "+name)
		} else {
			params[name] = p.toUTF8(charset, raw, where+" "+name)
		}
	}
	return t, params
}

func percentDecode(s string) []byte {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return b
}
