#!/usr/bin/env bash
# Peak memory of `handout batch` on a large generated CSV (DESIGN: flat memory, < 100 MiB for
# 100,000 rows). Not a unit test: it renders every row, which takes a while on a laptop.
#   scripts/batch_memory.sh [ROWS] [JOBS]      (defaults: 100000 rows, all cores)
# Needs /usr/bin/time (Debian package "time"). Writes into a temp dir, removed at the end
# (set KEEP=1 to keep it). Prints peak RSS, wall time and handouts per second.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-100000}
JOBS=${2:-$(nproc)}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/handout-memory.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT

swift build -c release --product handout >/dev/null
BIN=$(swift build -c release --show-bin-path)/handout

python3 - "$ROWS" > "$WORK/patients.csv" <<'PY'
import sys
rows = int(sys.argv[1])
given = ["María José", "Jean-Luc", "Ελένη", "Дмитрий", "Zoë", "Siobhán", "Kwame", "Anh", "Łukasz", "Ingrid"]
family = ["García-López", "Lefèvre", "Παπαδοπούλου", "Иванов", "Ødegård", "O'Connor", "Mensah", "Nguyễn", "Wiśniewski", "Bjørnstad"]
factors = ["", "instability", "osteoporosis;deformity", "younger-age|single-level-disc-disease|good-alignment"]
print('"Patient ID","First Name","Last Name","DOB","MRN","Email","Clinician","Appointment Date","Appointment Time","Notes","Factors"')
for i in range(rows):
    note = f'"Row {i}: keep walking, 20 minutes a day.\nCall us if the numbness spreads."' if i % 7 == 0 else ""
    appt = ("2026-12-08", "9:30 AM") if i % 3 == 0 else ("", "")
    print(f'P{i:07d},{given[i % 10]},{family[(i // 10) % 10]},19{40 + i % 60:02d}-{1 + i % 12:02d}-{1 + i % 28:02d},'
          f'MRN-{i:07d},p{i}@example.org,"Dr. Priya Raman, MD",{appt[0]},{appt[1]},{note},{factors[i % 4]}')
PY

echo "rows: $ROWS, jobs: $JOBS, input: $(du -h "$WORK/patients.csv" | cut -f1)"
/usr/bin/time -v "$BIN" batch "$WORK/patients.csv" --output-dir "$WORK/out" --clinic Examples/clinic.json \
    --jobs "$JOBS" 2> "$WORK/time.txt" | tail -1
peak_kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
echo "peak RSS: $((peak_kib / 1024)) MiB ($peak_kib KiB)"
grep -E "Elapsed \(wall clock\)|Exit status" "$WORK/time.txt" | sed 's/^\s*//'
echo "output: $(du -sh "$WORK/out" | cut -f1), manifest rows: $(($(wc -l < "$WORK/out/manifest.csv") - 1))"
