#!/usr/bin/env python3
"""Does one user stall the others? While SIGNINS sign-ins (each a session of its own, each name
unknown so each costs a bcrypt) and two uploads of UPLOAD_MB each are checked, a static file is
fetched again and again; prints that request's median and worst time (goal: under 100 ms),
and how long the sign-ins and uploads took. Report only: nothing here fails on a time.
Usage: scripts/serve_stall_bench.py HANDOUT_BINARY [SIGNINS=60] [UPLOAD_MB=40]"""
import http.client, os, statistics, subprocess, sys, tempfile, threading, time, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_bench import Browser, running_server  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def big_export(path, megabytes):
    with open(os.path.join(ROOT, "Examples", "patients.csv"), encoding="utf-8") as example:
        header, *rows = example.read().splitlines()
    with open(path, "w", encoding="utf-8") as out:
        out.write(header + "\n")
        written, number = 0, 0
        while written < megabytes * 1_000_000:
            line = rows[number % len(rows)].replace('"P-', f'"B{number}-', 1) + "\n"
            out.write(line)
            written += len(line.encode())
            number += 1


def sign_in(port, name, results):
    browser = Browser(port)
    browser.request("GET", "/login")
    start = time.monotonic()
    browser.request("POST", "/login", urllib.parse.urlencode({"csrf": browser.csrf, "user": name, "password": "not the password"}),
                    "application/x-www-form-urlencoded")
    results.append(time.monotonic() - start)


def upload(port, path, results):
    browser = Browser(port)
    browser.request("GET", "/login")
    browser.request("POST", "/login", urllib.parse.urlencode({"csrf": browser.csrf, "user": "maria", "password": "a long passphrase"}),
                    "application/x-www-form-urlencoded")
    browser.request("GET", "/batch")
    boundary = "----stall-bench"
    with open(path, "rb") as export:
        data = export.read()
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{browser.csrf}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"export.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    start = time.monotonic()
    status, _, _ = browser.request("POST", "/batch", body, f"multipart/form-data; boundary={boundary}")
    results.append((time.monotonic() - start, status))


def main():
    binary = os.path.abspath(sys.argv[1])
    given = sys.argv[2:] + [None] * 2
    signins, megabytes = int(given[0] or 60), int(given[1] or 40)
    with tempfile.TemporaryDirectory() as work:
        config = os.path.join(work, "handout.yaml")
        with open(config, "w") as out:
            out.write('clinic:\n  name: "Riverside Spine"\n  phone: "(555) 555-0142"\nupload-limit-mb: %d\n' % (megabytes + 10))
        users = os.path.join(work, "users.txt")
        subprocess.run([binary, "user", "add", "maria", "--users", users], input="a long passphrase\na long passphrase\n",
                       text=True, check=True, stdout=subprocess.DEVNULL)
        export = os.path.join(work, "export.csv")
        big_export(export, megabytes)
        with running_server(binary, ["--config", config, "--users", users, "--audit-log", os.path.join(work, "audit.jsonl")], work) as port:
            signin_times, upload_results, static_times = [], [], []
            load = [threading.Thread(target=upload, args=(port, export, upload_results)) for _ in range(2)]
            load += [threading.Thread(target=sign_in, args=(port, f"staff{n}", signin_times)) for n in range(signins)]
            for thread in load:
                thread.start()
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            while any(thread.is_alive() for thread in load):
                start = time.monotonic()
                probe.request("GET", "/static/style.css")
                probe.getresponse().read()
                static_times.append(time.monotonic() - start)
                time.sleep(0.02)
            for thread in load:
                thread.join()
    statuses = sorted({status for _, status in upload_results})
    print(f"serve stall: a static file while {signins} sign-ins and 2 uploads of {megabytes} MB were checked: "
          f"{len(static_times)} requests, median {statistics.median(static_times) * 1000:.1f} ms, "
          f"max {max(static_times) * 1000:.1f} ms (goal: under 100 ms); sign-ins took up to {max(signin_times):.1f} s, "
          f"uploads {max(t for t, _ in upload_results):.1f} s (answers {statuses})")


if __name__ == "__main__":
    main()
