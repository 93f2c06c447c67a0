#!/usr/bin/env bash
# The independent PDF/UA and PDF/A checkers the tests run, pinned, in a venv of the project's
# own (.build-venv/validators); only what is missing is installed (safe to run again).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build-venv/validators
pins=(outloud==0.2.1 page-validation==0.11.0 pdfua==0.1.3 pdfplumber==0.11.7)
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
installed=$("$venv/bin/pip" freeze 2>/dev/null)
for pin in "${pins[@]}"; do
  grep -qxF "$pin" <<<"$installed" || { "$venv/bin/pip" install -q "${pins[@]}"; break; }
done
