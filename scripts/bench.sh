#!/usr/bin/env bash
# Speed of Handout against the C floor (../shared/bench: Pango + Cairo called directly from
# C), in the same run, on one core, release build. Usage: scripts/bench.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
floor_dir="${HANDOUT_FLOOR_DIR:-../shared/bench}"
csv="$floor_dir/patients.csv"

swift build -c release --product handout >/dev/null
bin=.build/release/handout
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

floor_ms=$("$floor_dir/floor.sh" "$n" "$work/floor-build" | awk '{print $2}')

start=$(date +%s%N)
/usr/bin/time -f "%M" -o "$work/rss" taskset -c 0 "$bin" batch "$csv" --output-dir "$work/out" --jobs 1 --limit "$n" \
  --clinic Examples/clinic.json >/dev/null 2>"$work/batch.log" || { cat "$work/batch.log" >&2; exit 1; }
end=$(date +%s%N)
made=$(find "$work/out" -name '*.pdf' | wc -l)
[ "$made" -eq "$n" ] || { echo "bench: made $made PDFs, expected $n" >&2; exit 1; }
ours_ms=$(awk -v ns=$((end - start)) -v n="$n" 'BEGIN { printf "%.3f", ns / 1e6 / n }')
bytes=$(du -cb "$work"/out/*.pdf | tail -1 | awk -v n="$n" '{ printf "%.0f", $1 / n }')

echo "handouts                 $n (one core, release build)"
echo "c_floor_ms_per_handout   $floor_ms"
echo "handout_ms_per_handout   $ours_ms"
echo "ratio_to_floor           $(awk -v a="$ours_ms" -v b="$floor_ms" 'BEGIN { printf "%.2f", a / b }')"
echo "peak_rss_mib             $(awk '{ printf "%.1f", $1 / 1024 }' "$work/rss")"
echo "bytes_per_pdf            $bytes"
