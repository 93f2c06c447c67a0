#!/bin/sh
# Benchmark HandoutMail: send COUNT (default 1000) handouts over STARTTLS + AUTH to a
# local aiosmtpd server (scripts/smtp_test_server.py) and print messages_per_second.
# Needs /usr/bin/python3 with python3-aiosmtpd, and openssl.
set -eu
count=${1:-1000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$root/scripts/make_test_certs.sh" "$work/certs"
cd "$root"
swift build -c release --product handout-mail-bench >/dev/null
bench=$(swift build -c release --show-bin-path)/handout-mail-bench

/usr/bin/python3 "$root/scripts/smtp_test_server.py" --port 0 --maildir "$work/maildir" \
    --cert "$work/certs/server.pem" --key "$work/certs/server.key" --auth bench:bench >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
    grep -q READY "$work/server.out" 2>/dev/null && break
    sleep 0.1
done
port=$(awk '/^READY/ {print $2}' "$work/server.out")
[ -n "$port" ] || { echo "test SMTP server did not start:" >&2; cat "$work/server.out" >&2; exit 2; }

"$bench" --port "$port" --ca-file "$work/certs/ca.pem" --user bench --password bench --count "$count"
