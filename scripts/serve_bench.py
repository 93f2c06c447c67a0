#!/usr/bin/env python3
"""Load on `handout serve` over loopback: STAFF browsers each making single handouts back to back
while a ROWS-row batch runs on the batch page, for SECONDS; prints the single handouts' latency
(median, 95th percentile, max), how many took over 2 s, and the batch rows done meanwhile.
Usage: scripts/serve_bench.py HANDOUT_BINARY [STAFF=20] [ROWS=10000] [SECONDS=60]"""
import csv, http.client, io, os, re, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """One staff member's browser: the session cookie and the CSRF token of the last page."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookie = None
        self.csrf = None

    def request(self, method, path, body=None, content_type=None):
        headers = {}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if content_type:
            headers["Content-Type"] = content_type
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        token = re.search(rb'name="csrf" value="([0-9a-f]+)"', data)
        if token:
            self.csrf = token.group(1).decode()
        return response.status, response.getheader("Location"), data

    def post_form(self, path, fields):
        body = urllib.parse.urlencode([("csrf", self.csrf)] + fields)
        return self.request("POST", path, body, "application/x-www-form-urlencoded")


FORM = [("topic", "spinal-fusion"), ("id", "P-000123"), ("givenName", "Maria"), ("familyName", "González-Whitfield"),
        ("birthDate", "1961-04-17"), ("clinician", "Dr. Priya Raman, MD"), ("appointment.date", "2031-12-08"),
        ("factors", "younger-age"), ("language", "en"), ("paper", "letter"), ("kind", "standard")]


def big_csv(rows):
    with open(os.path.join(ROOT, "Examples/patients.csv"), encoding="utf-8", newline="") as source:
        table = list(csv.reader(source))
    header, records = table[0], table[1:]
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for number in range(rows):
        record = list(records[number % len(records)])
        record[0] = f"P-B{number:06d}"
        writer.writerow(record)
    return out.getvalue().encode()


def run_batch(port, rows, state):
    browser = Browser(port)
    browser.request("GET", "/batch")
    boundary = "handout-bench-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{browser.csrf}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"big.csv\"\r\n\r\n").encode()
    body += big_csv(rows) + f"\r\n--{boundary}--\r\n".encode()
    status, location, _ = browser.request("POST", "/batch", body, f"multipart/form-data; boundary={boundary}")
    assert status == 303, f"upload: {status}"
    batch = location.split("?")[0]
    browser.request("GET", batch)
    status, _, _ = browser.post_form(batch + "/start", [])
    assert status == 303, f"start: {status}"
    state["batch"] = (browser, batch)


def staff(port, stop, latencies, errors):
    browser = Browser(port)
    browser.request("GET", "/")
    while not stop.is_set():
        start = time.monotonic()
        status, _, data = browser.post_form("/handout", FORM)
        latencies.append(time.monotonic() - start)
        if status != 200 or not data.startswith(b"%PDF-"):
            errors.append(status)


def main():
    binary = os.path.abspath(sys.argv[1])
    given = sys.argv[2:] + [None] * 3
    staff_count, rows, seconds = int(given[0] or 20), int(given[1] or 10000), int(given[2] or 60)
    with tempfile.TemporaryDirectory() as work:
        config = os.path.join(work, "handout.yaml")
        with open(config, "w") as out:
            out.write('clinic:\n  name: "Riverside Spine & Pain Clinic"\n  phone: "(555) 555-0142"\n')
        port = free_port()
        server = subprocess.Popen([binary, "serve", "--port", str(port), "--config", config, "--audit-log", os.path.join(work, "audit.jsonl")],
                                  env=dict(os.environ, TMPDIR=work), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(300):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            state = {}
            run_batch(port, rows, state)
            stop, latencies, errors = threading.Event(), [], []
            threads = [threading.Thread(target=staff, args=(port, stop, latencies, errors)) for _ in range(staff_count)]
            for thread in threads:
                thread.start()
            time.sleep(seconds)
            stop.set()
            for thread in threads:
                thread.join(timeout=180)
            browser, batch = state["batch"]
            status, _, data = browser.request("GET", batch + "/status")
            done = re.search(rb'"done":(\d+)', data)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    latencies.sort()
    over = sum(1 for latency in latencies if latency > 2)
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else 0
    print(f"serve: {staff_count} staff, {len(latencies)} single handouts in {seconds} s "
          f"({len(latencies) / seconds:.1f}/s): median {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms, {over} over 2 s, {len(errors)} errors; "
          f"batch of {rows} rows meanwhile: {done.group(1).decode() if done else '?'} rows done")
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
