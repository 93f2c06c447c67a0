#!/usr/bin/env bash
# The browser tests of `handout serve` (scripts/browser_test.py), with what they need installed
# first (scripts/setup-browser.sh); bounded to 10 minutes in all.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-browser.sh
timeout 600 .build-venv/browser/bin/python scripts/browser_test.py "${1:-.build/debug/handout}"
