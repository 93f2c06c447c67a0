#!/usr/bin/python3
"""Summarize .eml files as JSON with Python's email package, for HandoutMail's tests.

For each file: decoded From/To/Subject, Message-ID, Date, the longest line, defects
found by the parser, and each leaf part's content type, charset, file name, length
and sha256 of its decoded bytes (and the text of text parts).
"""
import email
import email.policy
import hashlib
import json
import sys


def summarize(path):
    raw = open(path, "rb").read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        entry = {
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "filename": part.get_filename(),
            "disposition": part.get_content_disposition(),
            "length": len(payload),
            "sha256": hashlib.sha256(payload).hexdigest(),
        }
        if part.get_content_maintype() == "text":
            entry["text"] = part.get_content()
        parts.append(entry)
    defects = [type(d).__name__ for d in msg.defects]
    for part in msg.walk():
        defects += [type(d).__name__ for d in part.defects]
    return {
        "path": path,
        "from": str(msg["From"]),
        "from_addresses": [a.addr_spec for a in msg["From"].addresses],
        "to": str(msg["To"]),
        "to_addresses": [a.addr_spec for a in msg["To"].addresses],
        "to_names": [a.display_name for a in msg["To"].addresses],
        "subject": str(msg["Subject"]),
        "message_id": str(msg["Message-ID"]),
        "date": str(msg["Date"]),
        "bcc": msg["Bcc"],
        "content_type": msg.get_content_type(),
        "max_line": max(len(line) for line in raw.split(b"\r\n")),
        "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
        "defects": defects,
        "parts": parts,
    }


print(json.dumps([summarize(p) for p in sys.argv[1:]]))
