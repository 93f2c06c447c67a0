#!/usr/bin/env python3
"""A renderer process for the worker-pool tests: speaks the batch's frame protocol (4-byte
big-endian length, then a kind byte and payload) and misbehaves on cue, by the patient's
given name: CRASH aborts, HANG sleeps, WAIT waits (at most 60 s) for a file named
handout-release-<family name> in the temporary folder, SEGV faults; any other patient gets a small fake PDF
and, as page images, one fake image per page (two pages)."""
import ctypes, json, os, struct, sys, tempfile, time

READY, RENDERED, INPUT_ERROR, FAILURE = 0, 1, 2, 3
inp, out = sys.stdin.buffer, sys.stdout.buffer

def frame(kind, payload=b""):
    out.write(struct.pack(">I", len(payload) + 1) + bytes([kind]) + payload)
    out.flush()

def read_exactly(n):
    data = b""
    while len(data) < n:
        chunk = inp.read(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data

# The batch's first frame says what the run is (the hello); this worker needs none of it.
hello = read_exactly(4)
if hello is None:
    sys.exit(2)
read_exactly(struct.unpack(">I", hello)[0])
frame(READY)
while True:
    header = read_exactly(4)
    if header is None:
        break
    request = json.loads(read_exactly(struct.unpack(">I", header)[0]))
    name = request["patient"]["givenName"]
    if name == "CRASH":
        os.abort()
    if name == "SEGV":
        ctypes.string_at(0)
    if name == "HANG":
        time.sleep(30)
    if name == "WAIT":
        release = os.path.join(tempfile.gettempdir(), "handout-release-" + request["patient"]["familyName"])
        for _ in range(600):
            if os.path.exists(release):
                break
            time.sleep(0.1)
    pdf = f"%PDF-fake {request['patient']['id']} pid {os.getpid()}\n".encode()
    images = [f"image {page} of {request['patient']['id']}".encode() for page in (1, 2)]
    # Pages, images, each image's length; then the PDF, then the images.
    head = struct.pack(">II", 2, len(images)) + b"".join(struct.pack(">I", len(image)) for image in images)
    frame(RENDERED, head + pdf + b"".join(images))
