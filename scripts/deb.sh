#!/usr/bin/env bash
# Builds out/handout_<version>_<arch>.deb from a release build made with --static-swift-stdlib
# (so it needs no Swift toolchain): the binary and its resource bundles in /usr/lib/handout,
# /usr/bin/handout linking to it, the man page and the bash and zsh completions (scripts/install.sh
# lays them out). Depends: the Debian packages of the shared libraries it links (dpkg-shlibdeps)
# and the font the handouts are set in; the fallback fonts for other scripts are recommended.
# Usage: scripts/deb.sh [BUILD_DIR]   (default: .build/release; `make deb` builds it first)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-.build/release}"
[ -x "$build/handout" ] || { echo "deb: no $build/handout; build it first (make deb does)" >&2; exit 2; }
if ldd "$build/handout" | grep -q '/opt/swift\|libswiftCore\|libFoundation'; then
  echo "deb: $build/handout links the Swift runtime dynamically; build it with --static-swift-stdlib" >&2
  exit 2
fi

version="$("$build/handout" --version)"
arch="$(dpkg --print-architecture)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"

scripts/install.sh "$root/usr" "$build" >/dev/null
# Symbols are for debugging only: without them the binary is about 70 MB instead of 130 MB.
strip --strip-unneeded "$root/usr/lib/handout/handout"
# Debian's places: zsh completions from packages, compressed man pages, no share/zsh/site-functions.
install -d "$root/usr/share/zsh/vendor-completions" "$root/usr/share/doc/handout"
mv "$root/usr/share/zsh/site-functions/_handout" "$root/usr/share/zsh/vendor-completions/_handout"
rmdir "$root/usr/share/zsh/site-functions"
gzip -9n "$root/usr/share/man/man1/handout.1"
cat >"$root/usr/share/doc/handout/copyright" <<TEXT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: handout
Comment: Print-ready, accessible patient handouts as PDF. The binary statically links the
 Swift standard library and Foundation (Apache-2.0 with Runtime Library Exception) and the
 SwiftPM packages listed in Package.swift.
TEXT
find "$root" -type d -exec chmod 0755 {} +
find "$root/usr/share" -type f -exec chmod 0644 {} +
find "$root/usr/lib/handout" -type f ! -path "$root/usr/lib/handout/handout" -exec chmod 0644 {} +

# dpkg-shlibdeps reads a debian/control; the package's own needs no more than its name.
mkdir -p "$work/src/debian"
printf 'Source: handout\n\nPackage: handout\nArchitecture: any\n' >"$work/src/debian/control"
libraries="$(cd "$work/src" && dpkg-shlibdeps -O "$root/usr/lib/handout/handout" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
[ -n "$libraries" ] || { echo "deb: dpkg-shlibdeps found no libraries" >&2; exit 1; }

install -d "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<TEXT
Package: handout
Version: $version
Architecture: $arch
Maintainer: Handout maintainers <handout@localhost>
Section: misc
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $libraries, fontconfig, fonts-noto-core
Recommends: fonts-noto-cjk, fonts-noto-color-emoji, fonts-dejavu-core
Description: print-ready, accessible patient handouts as PDF
 Renders tagged (PDF/UA) patient handouts from a patient record or a CSV export
 of thousands, optionally encrypted, and mails them over SMTP with TLS.
TEXT

mkdir -p out
deb="out/handout_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
