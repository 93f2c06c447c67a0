#!/usr/bin/env bash
# Fuzzes the patient JSON → PDF path, the CSV reader and the server's request parsers (form,
# multipart, headers) with libFuzzer for a bounded time (FUZZ_SECONDS per target, default 30;
# the request parsers, far quicker per input, REQUEST_FUZZ_SECONDS, default 20), after
# replaying every saved regression input.
# A crash stops with exit 1 and names the input to add to Tests/Fuzz/regressions/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
scratch=.build-fuzz
swift build --product handout-fuzz --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
fuzzer="$scratch/debug/handout-fuzz"
for target in patient csv form multipart headers; do
  case "$target" in patient|csv) budget=$seconds ;; *) budget=${REQUEST_FUZZ_SECONDS:-20} ;; esac
  corpus="$scratch/corpus/$target"
  crashes="$scratch/crashes/$target/"
  mkdir -p "$corpus" "$crashes"
  regressions=(Tests/Fuzz/regressions/"$target"/*)
  timeout 300 "$fuzzer" "$target" -rss_limit_mb=2048 -timeout=30 "${regressions[@]}"
  echo "fuzz: $target for ${budget} s"
  if ! timeout $((budget + 120)) "$fuzzer" "$target" -max_total_time="$budget" -max_len=8192 -rss_limit_mb=2048 -timeout=30 \
      -artifact_prefix="$crashes" -print_final_stats=1 "$corpus" "Tests/Fuzz/seeds/$target" 2> "$scratch/fuzz-$target.log"; then
    tail -n 30 "$scratch/fuzz-$target.log" >&2
    echo "fuzz: $target found a crash: $(ls "$crashes" | head -n 1); add it to Tests/Fuzz/regressions/$target/ and fix it" >&2
    exit 1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$scratch/fuzz-$target.log" | sed "s/^/fuzz: $target /"
done
echo "fuzz: 5 targets, no crash"
