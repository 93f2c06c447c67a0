#!/usr/bin/env bash
# Speed of Handout against the C floor (../shared/bench: Pango + Cairo called directly from
# C), in the same run, on one core, release build, then the CPU time of each stage of one
# handout (handout-render-bench: compose and lay out, draw, finish). Usage: scripts/bench.sh [N]
# With BASELINE_BIN=path/to/an/older/handout, that build renders the same rows in the same run
# too, taking turns with this one, and the change against it is printed (what a change costs,
# measured, not guessed).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
floor_dir="${HANDOUT_FLOOR_DIR:-../shared/bench}"
csv="$floor_dir/patients.csv"

swift build -c release --product handout >/dev/null
swift build -c release --product handout-render-bench >/dev/null
bin=.build/release/handout
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

floor_ms=$("$floor_dir/floor.sh" "$n" "$work/floor-build" | awk '{print $2}')

# ms per handout of one build: renders the first n rows on core 0 (the batch and its renderer
# process share it), writes peak RSS and the PDFs' mean size to $work/<label>.{rss,bytes}.
measure() {
  local label=$1 binary=$2
  local start end made
  rm -rf "${work:?}/$label"
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$work/$label.rss" taskset -c 0 "$binary" batch "$csv" --output-dir "$work/$label" --jobs 1 --limit "$n" \
    --clinic Examples/clinic.json >/dev/null 2>"$work/$label.log" || { cat "$work/$label.log" >&2; exit 1; }
  end=$(date +%s%N)
  made=$(find "$work/$label" -name '*.pdf' | wc -l)
  [ "$made" -eq "$n" ] || { echo "bench: $label made $made PDFs, expected $n" >&2; exit 1; }
  du -cb "$work/$label"/*.pdf | tail -1 | awk -v n="$n" '{ printf "%.0f", $1 / n }' >"$work/$label.bytes"
  awk -v ns=$((end - start)) -v n="$n" 'BEGIN { printf "%.3f", ns / 1e6 / n }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# With a baseline the two builds take turns, three runs each, and each reports its median: a
# shared machine's load then weighs on both alike.
rounds=1
[ -n "${BASELINE_BIN:-}" ] && rounds=3
for round in $(seq "$rounds"); do
  measure ours "$bin" >>"$work/ours.ms"; echo >>"$work/ours.ms"
  if [ -n "${BASELINE_BIN:-}" ]; then measure baseline "$BASELINE_BIN" >>"$work/baseline.ms"; echo >>"$work/baseline.ms"; fi
done
ours_ms=$(median <"$work/ours.ms")
echo "handouts                 $n (one core, release build)"
echo "c_floor_ms_per_handout   $floor_ms"
echo "handout_ms_per_handout   $ours_ms"
echo "ratio_to_floor           $(awk -v a="$ours_ms" -v b="$floor_ms" 'BEGIN { printf "%.2f", a / b }')"
echo "peak_rss_mib             $(awk '{ printf "%.1f", $1 / 1024 }' "$work/ours.rss")"
echo "bytes_per_pdf            $(cat "$work/ours.bytes")"
# Where one handout's time goes, in this thread's CPU time: the finishing pass's share.
taskset -c 0 .build/release/handout-render-bench --count "$(( n < 300 ? n : 300 ))"
if [ -n "${BASELINE_BIN:-}" ]; then
  base_ms=$(median <"$work/baseline.ms")
  echo "baseline_ms_per_handout  $base_ms ($BASELINE_BIN)"
  echo "change_vs_baseline       $(awk -v a="$ours_ms" -v b="$base_ms" 'BEGIN { printf "%+.1f%%", (a / b - 1) * 100 }')"
fi
