#!/usr/bin/env bash
# The render-pipeline refactor (issue 9) changes no byte: renders the example handout (plain,
# --lang es, --large-print, --paper a4) and a batch of Examples/patients.csv with the built
# binary and compares their SHA-256 with scripts/same_bytes.sha256, taken before the refactor.
# The batch manifest is compared with its rows sorted (they are written in the order records
# finish) and without record_sha256 and options_sha256: those are keyed with the output
# directory's random .handout-resume-key, so they differ from run to run by design (as does
# reads_sha256, keyed with the ledger's random key); nor warnings,
# whose appointment-in-past depends on the day of the run.
# Usage: scripts/same_bytes.sh [--record]   (HANDOUT_BIN overrides .build/debug/handout)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${HANDOUT_BIN:-.build/debug/handout}"
sums=scripts/same_bytes.sha256
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1767225600

render() {
  local name="$1"; shift
  "$bin" render --patient Examples/patient.json "$@" --output "$work/$name.pdf" >/dev/null
}
render patient
render patient-es --lang es
render patient-large-print --large-print
render patient-a4 --paper a4
"$bin" batch Examples/patients.csv --output-dir "$work/batch" --clinic Examples/clinic.json >/dev/null 2>&1 || true
{ head -1 "$work/batch/manifest.csv"; tail -n +2 "$work/batch/manifest.csv" | sort; } \
  | python3 -c 'import csv, sys
rows = list(csv.reader(sys.stdin))
keep = [i for i, name in enumerate(rows[0]) if name not in ("record_sha256", "options_sha256", "reads_sha256", "warnings")]
out = csv.writer(sys.stdout, lineterminator="\n")
for row in rows: out.writerow([row[i] for i in keep])' > "$work/batch/manifest-without-keyed-digests.csv"
rm "$work/batch/manifest.csv"

now="$(cd "$work" && find . -type f ! -name '.*' | LC_ALL=C sort | xargs sha256sum)"
if [ "${1:-}" = "--record" ]; then
  printf '%s\n' "$now" > "$sums"
  echo "same_bytes: recorded $(wc -l < "$sums") checksums in $sums"
  exit 0
fi
if diff "$sums" <(printf '%s\n' "$now"); then
  echo "same_bytes: all $(wc -l < "$sums") outputs byte-identical"
else
  echo "same_bytes: outputs differ from $sums (lines < recorded, > now)" >&2
  exit 1
fi
