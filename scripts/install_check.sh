#!/usr/bin/env bash
# The install works without the build folder: installs the debug build into a temporary
# prefix, moves the build folder aside, renders a handout, runs a one-row batch and makes a
# handout through `handout serve`'s form with the installed binary (their renderer processes
# included), then puts the build folder back.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="$(mktemp -d)"
work="$(mktemp -d)"
scripts/install.sh "$prefix" .build/debug >/dev/null
mv .build .build-hidden-for-install-check
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null; mv .build-hidden-for-install-check .build; rm -rf "$prefix" "$work"' EXIT
"$prefix/bin/handout" render --patient Examples/patient.json --output "$work/handout.pdf" >/dev/null
head -2 Examples/patients.csv >"$work/one.csv"
"$prefix/bin/handout" batch "$work/one.csv" --output-dir "$work/batch" --clinic Examples/clinic.json --jobs 1 >/dev/null
[ "$(find "$work/batch" -name '*.pdf' | wc -l)" -eq 1 ] || { echo "install_check: the installed batch made no PDF" >&2; exit 1; }
# The form of the installed server: a session, its CSRF token, one handout back as a PDF.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
printf 'clinic:\n  name: "Riverside Spine"\n  phone: "(555) 555-0142"\n' >"$work/handout.yaml"
TMPDIR="$work" "$prefix/bin/handout" serve --port "$port" --config "$work/handout.yaml" --audit-log "$work/audit.jsonl" 2>"$work/serve.err" &
server=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
csrf="$(curl -s -c "$work/cookies" "http://127.0.0.1:$port/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)"
curl -s -b "$work/cookies" -o "$work/served.pdf" --max-time 60 -H "Origin: http://127.0.0.1:$port" "http://127.0.0.1:$port/handout" \
  --data-urlencode "csrf=$csrf" --data-urlencode "id=P-1" --data-urlencode "givenName=Ana" --data-urlencode "familyName=Ruiz" \
  --data-urlencode "birthDate=1961-04-17" --data-urlencode "topic=spinal-fusion" --data-urlencode "language=en"
[ "$(head -c 5 "$work/served.pdf")" = "%PDF-" ] || { echo "install_check: the installed server made no PDF: $(head -c 300 "$work/served.pdf") $(cat "$work/serve.err")" >&2; exit 1; }
man -l "$prefix/share/man/man1/handout.1" >/dev/null 2>&1 || grep -q "^.TH HANDOUT" "$prefix/share/man/man1/handout.1"
grep -q "_handout" "$prefix/share/zsh/site-functions/_handout"
echo "install_check: the installed handout renders, batches and serves a handout without the build folder"
