#!/usr/bin/env bash
# What the browser tests of `handout serve` need: Debian's headless Chromium and its driver,
# and, pinned in a venv of the project's own (.build-venv/browser), Selenium and axe-core (the
# selenium-axe-python package bundles axe-core 4.9.1). Only what is missing is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
venv=.build-venv/browser
pins=(selenium==4.38.0 selenium-axe-python==2.2.0)
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
installed=$("$venv/bin/pip" freeze 2>/dev/null)
for pin in "${pins[@]}"; do
  grep -qxF "$pin" <<<"$installed" || { "$venv/bin/pip" install -q "${pins[@]}"; break; }
done
