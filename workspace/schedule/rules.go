package schedule

import (
	"bufio"
	"bytes"
	"net/textproto"
	"strings"
)

// Header is a message's header fields as read from its raw bytes (canonical keys).
type Header = textproto.MIMEHeader

// ReadHeader reads the header of raw RFC 5322 bytes; a damaged header gives what could be
// read (a message that cannot be read is not answered: see Suppressed's missing
// Return-Path rule).
func ReadHeader(raw []byte) Header {
	r := textproto.NewReader(bufio.NewReader(bytes.NewReader(raw)))
	h, _ := r.ReadMIMEHeader()
	if h == nil {
		h = Header{}
	}
	return h
}

// Suppressed says why a message must not get an automatic reply, or "" when it may. It
// follows RFC 3834 and what helpdesks learned from mail loops: never answer machines,
// lists, bulk mail, bounces, or ourselves. own are the workspace's own addresses.
func Suppressed(h Header, own []string) string {
	if v := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); v != "" && v != "no" {
		return "Auto-Submitted: " + v
	}
	switch p := strings.ToLower(strings.TrimSpace(h.Get("Precedence"))); p {
	case "bulk", "list", "junk", "auto_reply":
		return "Precedence: " + p
	}
	for k := range h {
		if strings.HasPrefix(k, "List-") {
			return k + " (mailing list)"
		}
	}
	for _, k := range []string{"X-Auto-Response-Suppress", "X-Autoreply", "X-Autorespond"} {
		if _, ok := h[textproto.CanonicalMIMEHeaderKey(k)]; ok {
			return k
		}
	}
	rp, ok := h["Return-Path"]
	if !ok || len(rp) == 0 {
		return "no Return-Path"
	}
	path := bareAddress(rp[0])
	if path == "" {
		return "null Return-Path (a bounce)"
	}
	from := bareAddress(h.Get("From"))
	for _, a := range []string{path, from} {
		if a == "" {
			continue
		}
		if why := machineSender(a); why != "" {
			return why
		}
		for _, o := range own {
			if strings.EqualFold(a, o) {
				return "our own address " + a
			}
		}
	}
	if from == "" {
		return "no From address"
	}
	return ""
}

// machineSender names senders that are machines by their local part.
func machineSender(addr string) string {
	local, _, _ := strings.Cut(strings.ToLower(addr), "@")
	switch {
	case local == "mailer-daemon" || local == "postmaster":
		return "sender " + addr + " is a mail system"
	case local == "no-reply" || local == "noreply" || strings.HasPrefix(local, "no-reply") || strings.HasPrefix(local, "noreply") ||
		local == "donotreply" || local == "do-not-reply":
		return "sender " + addr + " takes no replies"
	case strings.HasPrefix(local, "owner-") || strings.HasSuffix(local, "-request"):
		return "sender " + addr + " is a mailing list"
	}
	return ""
}

// bareAddress is the address inside "Name <a@b>" or "<a@b>", lower case; "" for "<>".
func bareAddress(v string) string {
	v = strings.TrimSpace(v)
	if i := strings.LastIndexByte(v, '<'); i >= 0 {
		v = v[i+1:]
		if j := strings.IndexByte(v, '>'); j >= 0 {
			v = v[:j]
		}
	}
	v = strings.ToLower(strings.TrimSpace(v))
	if !strings.Contains(v, "@") {
		return ""
	}
	return v
}
