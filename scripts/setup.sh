#!/usr/bin/env bash
# Installs what Handout needs on Debian 12, only what is missing (safe to run again).
set -euo pipefail

packages=(
  pkg-config libpango1.0-dev libcairo2-dev libfontconfig-dev libqpdf-dev   # build
  librsvg2-dev libxml2-dev libqrencode-dev                                 # build: SVG logos (drawn, checked), QR codes
  libsqlite3-dev                                                           # build: the ledger (GRDB over SQLite)
  fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core  # fonts: Latin, Greek, Cyrillic, Arabic, Hebrew, Devanagari, CJK, emoji
  qpdf poppler-utils zbar-tools unzip                                      # PDF checks in tests (zbarimg reads the QR code); ZIP checks
  python3 python3-aiosmtpd python3-pypdf openssl                           # mail tests: a real SMTP server with TLS
  time wrk curl                                                            # benchmarks: peak memory, HTTP load on handout serve; curl: install check
  help2man                                                                 # the man page of make install
  icc-profiles-free                                                        # the sRGB profile of --archive (PDF/A)
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

command -v swift >/dev/null || { echo "setup: Swift 6 is required (https://swift.org/install/linux/)" >&2; exit 2; }
