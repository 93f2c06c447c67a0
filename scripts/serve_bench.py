#!/usr/bin/env python3
"""Load on `handout serve` over loopback: STAFF staff members (each a session of their own, with its
CSRF token) making single handouts back to back through wrk (STAFF connections, each request
posting the form and checked to be a PDF) while a ROWS-row batch runs on the batch page, for
SECONDS; prints the single handouts' latency (median, 95th percentile, max), how many took over
2 s, and the batch rows done meanwhile.
Usage: scripts/serve_bench.py HANDOUT_BINARY [STAFF=20] [ROWS=10000] [SECONDS=60]"""
import contextlib, csv, http.client, io, os, re, socket, subprocess, sys, tempfile, time, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@contextlib.contextmanager
def running_server(binary, arguments, work):
    """`handout serve` with `arguments` on a free port, its ledger and batches in `work`; yields the
    port once it accepts connections, and stops the server after."""
    port = free_port()
    errors_path = os.path.join(work, "serve.err")
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--ledger", os.path.join(work, "handout-ledger.sqlite")] + arguments, env=dict(os.environ, TMPDIR=work),
                              stdout=subprocess.DEVNULL, stderr=open(errors_path, "w"))
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None:
                    with open(errors_path) as errors:
                        sys.exit(f"{os.path.basename(sys.argv[0])}: the server did not start: {errors.read()}")
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """One staff member's browser: the session cookie and the CSRF token of the last page."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.origin = f"http://127.0.0.1:{port}"
        self.cookie = None
        self.csrf = None

    def request(self, method, path, body=None, content_type=None):
        headers = {}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if content_type:
            headers["Content-Type"] = content_type
        if method != "GET":
            headers["Origin"] = self.origin
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


# Each wrk thread posts the form with each session in turn and counts what is not a PDF; the
# report adds up the threads' counts and the requests over 2 s from wrk's own latency record.
WRK_SCRIPT = """
local sessions, form, origin = {SESSIONS}, {FORM}, {ORIGIN}
local requests, turn, threads = {}, 0, {}
bad = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for i, session in ipairs(sessions) do
    requests[i] = wrk.format("POST", "/handout", {
      ["Cookie"] = session[1], ["Content-Type"] = "application/x-www-form-urlencoded", ["Origin"] = origin}, "csrf=" .. session[2] .. "&" .. form)
  end
end

function request()
  turn = turn % #requests + 1
  return requests[turn]
end

function response(status, headers, body)
  if status ~= 200 or body:sub(1, 5) ~= "%PDF-" then bad = bad + 1 end
end

function done(summary, latency, requests)
  local notPDF, over = 0, 0
  for _, thread in ipairs(threads) do notPDF = notPDF + thread:get("bad") end
  for i = 1, #latency do
    local value, count = latency(i)
    if value > 2000000 then over = over + count end
  end
  local errors = summary.errors
  io.write(string.format("WRK %d %d %d %d %d %d %d\\n", summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(95), latency.max, over, notPDF + errors.connect + errors.read + errors.write + errors.timeout))
end
"""


def lua_string(text):
    return '"' + "".join(ch if ch.isalnum() or ch in "-_.=&%+" else "\\%03d" % ord(ch) for ch in text) + '"'


def staff_load(port, count, seconds, work):
    """wrk with one session per staff member; returns its numbers (microseconds)."""
    sessions = []
    for _ in range(count):
        browser = Browser(port)
        browser.request("GET", "/")
        sessions.append("{" + lua_string(browser.cookie) + ", " + lua_string(browser.csrf) + "}")
    script = os.path.join(work, "staff.lua")
    with open(script, "w") as out:
        out.write(WRK_SCRIPT.replace("{SESSIONS}", "{" + ", ".join(sessions) + "}").replace("{FORM}", lua_string(urllib.parse.urlencode(FORM)))
                  .replace("{ORIGIN}", lua_string(f"http://127.0.0.1:{port}")))
    result = subprocess.run(["wrk", "-t", "2", "-c", str(count), "-d", f"{seconds}s", "--timeout", "30s", "-s", script,
                             f"http://127.0.0.1:{port}/handout"], capture_output=True, text=True, timeout=seconds + 120)
    line = next((line for line in result.stdout.splitlines() if line.startswith("WRK ")), None)
    if result.returncode != 0 or line is None:
        sys.exit(f"serve_bench: wrk failed: {result.stdout}{result.stderr}")
    requests, duration, median, p95, slowest, over, errors = (int(float(value)) for value in line.split()[1:])
    return requests, duration, median, p95, slowest, over, errors


def main():
    binary = os.path.abspath(sys.argv[1])
    given = sys.argv[2:] + [None] * 3
    staff_count, rows, seconds = int(given[0] or 20), int(given[1] or 10000), int(given[2] or 60)
    with tempfile.TemporaryDirectory() as work:
        config = os.path.join(work, "handout.yaml")
        with open(config, "w") as out:
            out.write('clinic:\n  name: "Riverside Spine & Pain Clinic"\n  phone: "(555) 555-0142"\n')
        with running_server(binary, ["--config", config, "--audit-log", os.path.join(work, "audit.jsonl")], work) as port:
            state = {}
            run_batch(port, rows, state)
            requests, duration, median, p95, slowest, over, errors = staff_load(port, staff_count, seconds, work)
            browser, batch = state["batch"]
            status, _, data = browser.request("GET", batch + "/status")
            done = re.search(rb'"done":(\d+)', data)
    print(f"serve (wrk): {staff_count} staff, {requests} single handouts in {duration / 1e6:.0f} s "
          f"({requests / (duration / 1e6):.1f}/s): median {median / 1000:.0f} ms, "
          f"p95 {p95 / 1000:.0f} ms, max {slowest / 1000:.0f} ms, {over} over 2 s, {errors} errors; "
          f"batch of {rows} rows meanwhile: {done.group(1).decode() if done else '?'} rows done")
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
