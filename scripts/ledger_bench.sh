#!/usr/bin/env bash
# What the ledger adds to a week's work: batch + mail (to an outbox) of N rows (default 2,000),
# this build against a build without the ledger, taking turns, three runs each, medians; and the
# ledger's size per handout (one made, one delivery; after a checkpoint folds the WAL in), with
# each table's and index's share (SQLite's dbstat).
# Usage: [BASELINE_BIN=path/to/handout] scripts/ledger_bench.sh [N]
# Without BASELINE_BIN the baseline is the last commit before the ledger (the first parent of
# the ledger's merge), checked out and built once in .build/ledger-baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-2000}"
if [ -z "${BASELINE_BIN:-}" ]; then
  tree=.build/ledger-baseline
  if [ ! -d "$tree" ]; then
    merge=$(git log --merges --format=%H --grep='^Merge ledger' -1)
    git worktree add --detach "$tree" "$merge^1" >/dev/null
  fi
  (cd "$tree" && swift build -c release --product handout >/dev/null)
  BASELINE_BIN="$tree/.build/release/handout"
fi
base="$BASELINE_BIN"
swift build -c release --product handout >/dev/null
bin=.build/release/handout
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# N rows cycled from the example export, each with its own id and address.
python3 - "$n" Examples/patients.csv >"$work/patients.csv" <<'PY'
import csv, sys
n, source = int(sys.argv[1]), sys.argv[2]
rows = list(csv.DictReader(open(source, encoding="utf-8-sig")))
out = csv.DictWriter(sys.stdout, fieldnames=rows[0].keys(), quoting=csv.QUOTE_ALL)
out.writeheader()
for i in range(n):
    row = dict(rows[i % len(rows)])
    row["Patient ID"], row["Email"] = f"B-{i:06d}", f"patient{i}@example.org"
    out.writerow(row)
PY

# Milliseconds of one batch + mail --outbox, in a fresh folder and a fresh ledger.
measure() {
  local label=$1 binary=$2 start end
  rm -rf "${work:?}/$label" "$work/$label.sqlite"*
  start=$(date +%s%N)
  HANDOUT_LEDGER="$work/$label.sqlite" "$binary" batch "$work/patients.csv" --output-dir "$work/$label/batch" --jobs 2 \
    --clinic Examples/clinic.json >/dev/null 2>"$work/$label.log" || { cat "$work/$label.log" >&2; exit 1; }
  HANDOUT_LEDGER="$work/$label.sqlite" "$binary" mail --batch "$work/$label/batch" --csv "$work/patients.csv" --clinic Examples/clinic.json \
    --from "Clinic <care@clinic.example>" --outbox "$work/$label/eml" >/dev/null 2>>"$work/$label.log" || { cat "$work/$label.log" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for round in 1 2 3; do
  measure base "$base" >>"$work/base.ms"
  measure ledger "$bin" >>"$work/ledger.ms"
done
base_ms=$(median <"$work/base.ms")
ledger_ms=$(median <"$work/ledger.ms")
sqlite3 "$work/ledger.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
handouts=$(sqlite3 "$work/ledger.sqlite" "SELECT count(*) FROM handout;")
bytes=$(stat -c %s "$work/ledger.sqlite")
echo "rows=$n baseline_ms=$base_ms ledger_ms=$ledger_ms added_percent=$(awk -v a="$ledger_ms" -v b="$base_ms" 'BEGIN { printf "%.1f", (a - b) * 100 / b }')"
echo "ledger_bytes=$bytes handouts=$handouts bytes_per_handout=$(awk -v s="$bytes" -v h="$handouts" 'BEGIN { printf "%.0f", s / h }')"
sqlite3 "$work/ledger.sqlite" "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC;" |
  awk -F'|' -v h="$handouts" '{ printf "  %-28s %6.1f bytes per handout\n", $1, $2 / h }'
