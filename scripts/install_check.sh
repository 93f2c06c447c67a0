#!/usr/bin/env bash
# The install works without the build folder: installs the debug build into a temporary
# prefix, moves the build folder aside, renders a handout and runs a one-row batch with the
# installed binary (its renderer processes included), then puts the build folder back.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="$(mktemp -d)"
work="$(mktemp -d)"
scripts/install.sh "$prefix" .build/debug >/dev/null
mv .build .build-hidden-for-install-check
trap 'mv .build-hidden-for-install-check .build; rm -rf "$prefix" "$work"' EXIT
"$prefix/bin/handout" render --patient Examples/patient.json --output "$work/handout.pdf" >/dev/null
head -2 Examples/patients.csv >"$work/one.csv"
"$prefix/bin/handout" batch "$work/one.csv" --output-dir "$work/batch" --clinic Examples/clinic.json --jobs 1 >/dev/null
[ "$(find "$work/batch" -name '*.pdf' | wc -l)" -eq 1 ] || { echo "install_check: the installed batch made no PDF" >&2; exit 1; }
man -l "$prefix/share/man/man1/handout.1" >/dev/null 2>&1 || grep -q "^.TH HANDOUT" "$prefix/share/man/man1/handout.1"
grep -q "_handout" "$prefix/share/zsh/site-functions/_handout"
echo "install_check: the installed handout renders and batches without the build folder"
