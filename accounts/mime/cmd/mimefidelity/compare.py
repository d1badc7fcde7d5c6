#!/usr/bin/env python3
"""Compare Switchboard's MIME parser with Python's email package (policy.default).

Usage: python3 accounts/mime/cmd/mimefidelity/compare.py [-v] DIR...

Runs `go run ./accounts/mime/cmd/mimefidelity DIR...` from the repository root, parses
every file again with Python, and counts messages whose subject, sender, date, body or
attachment names differ. Bodies are compared as word sequences (two HTML-to-text
converters never agree on spacing), attachment names as sets. -v prints each difference.
Python is a reference, not an oracle: read the differences before fixing them.
"""
import difflib
import email
import email.policy
import email.utils
import html
import json
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))


def ws(s):
    return " ".join((s or "").split())


def words(s):
    s = unicodedata.normalize("NFC", s or "")
    return re.findall(r"\w+", s.lower())


def html_text(s):
    s = re.sub(r"(?is)<(script|style|head|title)\b.*?</\1\s*>", " ", s)
    s = re.sub(r"(?s)<!--.*?-->", " ", s)
    s = re.sub(r"(?s)<[^>]*>", " ", s)
    return html.unescape(s)


def safe_name(n):
    # Switchboard sanitises names for saving: compare what a user would see.
    n = n.replace("\\", "/").split("/")[-1]
    n = "".join(c for c in n if unicodedata.category(c) not in ("Cc", "Cf"))
    n = re.sub(r'[<>:"|?*]', "_", n)
    return n.strip(". ")


def reference(path):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    out = {}
    try:
        out["subject"] = ws(str(msg.get("subject", "") or ""))
    except Exception as e:
        out["subject"] = None
    try:
        frm = msg.get("from")
        addrs = frm.addresses if frm is not None else ()
        a = addrs[0] if addrs else None
        out["from"] = (ws(a.display_name), a.addr_spec.lower()) if a else ("", "")
    except Exception:
        out["from"] = None
    try:
        d = msg.get("date")
        dt = d.datetime if d is not None else None
        out["date"] = int(dt.timestamp()) if dt is not None and dt.tzinfo is not None else (
            int(dt.replace(tzinfo=__import__("datetime").timezone.utc).timestamp()) if dt is not None else 0)
    except Exception:
        out["date"] = None
    texts = []
    try:
        for part in msg.walk():
            if part.is_multipart():
                continue
            ctype = part.get_content_type()
            if ctype not in ("text/plain", "text/html"):
                continue
            if part.get_content_disposition() == "attachment":
                continue
            try:
                t = part.get_content()
            except Exception:
                t = part.get_payload(decode=True).decode("latin-1", "replace")
            if not isinstance(t, str):
                continue
            texts.append(html_text(t) if ctype == "text/html" else t)
    except Exception:
        texts = None
    out["texts"] = texts
    names = set()
    try:
        for part in msg.walk():
            n = part.get_filename()
            if n:
                names.add(safe_name(str(n)))
    except Exception:
        names = None
    out["attachments"] = names
    return out


def body_differs(ours, texts):
    """Python lists every text part; ours keeps one alternative. The body differs when a
    substantial Python text part is missing from ours, or ours has words Python never saw."""
    ow = words(ours)
    if texts is None:
        return False
    if not texts:
        return False
    best = 0.0
    for t in texts:
        tw = words(t)
        if not tw:
            best = max(best, 1.0)
            continue
        sm = difflib.SequenceMatcher(None, tw[:3000], ow[:6000], autojunk=False)
        matched = sum(b.size for b in sm.get_matching_blocks())
        best = max(best, matched / len(tw[:3000]))
    return best < 0.9


def python_lost(v):
    s = repr(v)
    return "\ufffd" in str(v) or "\\udc" in s


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    dirs = [a for a in args if a != "-v"]
    got = subprocess.run(["go", "run", "./accounts/mime/cmd/mimefidelity"] + [os.path.abspath(d) for d in dirs],
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
    counts = {"subject": 0, "sender": 0, "date": 0, "body": 0, "attachments": 0}
    total = differing = ref_worse = 0
    for line in got.splitlines():
        ours = json.loads(line)
        ref = reference(ours["file"])
        total += 1
        diffs = []
        if ref["subject"] is not None and ws(ours["subject"]) != ref["subject"]:
            diffs.append(("subject", ours["subject"][:120], ref["subject"][:120]))
        if ref["from"] is not None and (ws(ours["from_name"]), ours["from_email"].lower()) != ref["from"]:
            diffs.append(("sender", (ours["from_name"], ours["from_email"]), ref["from"]))
        if ref["date"] is not None and ours["date"] != ref["date"]:
            diffs.append(("date", ours["date"], ref["date"]))
        if body_differs(ours["text"], ref["texts"]):
            diffs.append(("body", ours["text"][:200], " | ".join(t[:200] for t in ref["texts"])))
        names = {n for n in ours["attachments"] if n not in ("attachment", "message.eml")}
        if ref["attachments"] is not None and names != ref["attachments"]:
            diffs.append(("attachments", sorted(names), sorted(ref["attachments"])))
        # Where Python itself lost bytes (U+FFFD or surrogate escapes) and ours did not, the
        # reference is the one that is wrong: counted apart.
        lost = [d for d in diffs if python_lost(d[2]) and not python_lost(d[1])]
        ref_worse += bool(lost) and len(lost) == len(diffs)
        if diffs:
            differing += 1
            for kind, *_ in diffs:
                counts[kind] += 1
            if verbose:
                print(os.path.relpath(ours["file"], ROOT))
                for kind, a, b in diffs:
                    print(f"  {kind}:\n    ours:   {a!r}\n    python: {b!r}")
    print(f"messages: {total}, differing from Python: {differing}"
          f" (of which {ref_worse} only where Python shows replacement characters and we do not)")
    for k, v in counts.items():
        print(f"  {k}: {v}")


if __name__ == "__main__":
    main()
