#!/usr/bin/env bash
# Installs a built handout under PREFIX, relocatable: PREFIX/lib/handout holds the binary and
# its resource bundles (found next to the binary, not in the build folder), PREFIX/bin/handout
# links to it; a man page (help2man) and bash and zsh completions go where those tools look.
# Usage: scripts/install.sh PREFIX [BUILD_DIR]   (BUILD_DIR default: .build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:?usage: install.sh PREFIX [BUILD_DIR]}"
build="${2:-.build/release}"
[ -x "$build/handout" ] || { echo "install: no $build/handout; build it first (make install does)" >&2; exit 2; }
lib="$prefix/lib/handout"
install -d "$lib" "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions"
install -m 0755 "$build/handout" "$lib/handout"
for bundle in "$build"/Handout_*.resources; do
  rm -rf "$lib/$(basename "$bundle")"
  cp -R "$bundle" "$lib/"
done
ln -sfn ../lib/handout/handout "$prefix/bin/handout"
help2man --no-info --name "print-ready, accessible patient handouts as PDF" "$lib/handout" >"$prefix/share/man/man1/handout.1"
"$lib/handout" --generate-completion-script bash >"$prefix/share/bash-completion/completions/handout"
"$lib/handout" --generate-completion-script zsh >"$prefix/share/zsh/site-functions/_handout"
echo "installed handout in $prefix (run $prefix/bin/handout)"
