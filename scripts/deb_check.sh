#!/usr/bin/env bash
# Checks the Debian package: its control data and files, that apt can satisfy its Depends
# here (simulated), then installs it with dpkg into a throw-away root (its own dpkg database, so
# the machine's /usr is untouched), renders a handout and runs a one-row batch with the installed
# binary while the build folder is moved aside, removes it and checks that nothing is left.
# Usage: scripts/deb_check.sh [out/handout_<version>_<arch>.deb]   (default: the newest in out/)
set -euo pipefail
cd "$(dirname "$0")/.."
deb="${1:-$(ls -t out/handout_*.deb 2>/dev/null | head -1)}"
[ -f "$deb" ] || { echo "deb_check: no package; run make deb" >&2; exit 2; }
fail() { echo "deb_check: $*" >&2; exit 1; }

info="$(dpkg-deb -I "$deb")"
for field in Package Version Architecture Depends Description; do
  grep -q "^ $field: " <<<"$info" || fail "the control data has no $field"
done
grep -q "^ Depends: .*libpango-1.0-0.*fonts-noto-core" <<<"$info" || fail "Depends lacks pango or the font: $(grep '^ Depends' <<<"$info")"
files="$(dpkg-deb -c "$deb")"
for path in ./usr/lib/handout/handout ./usr/bin/handout ./usr/share/man/man1/handout.1.gz \
            ./usr/share/bash-completion/completions/handout ./usr/share/zsh/vendor-completions/_handout \
            ./usr/lib/handout/Handout_HandoutCore.resources/Resources/Content/spinal-fusion.en.yaml; do
  grep -q " $path\( -> \|$\)" <<<"$files" || fail "the package has no $path"
done
grep -q "root/root" <<<"$files" || fail "the files are not owned by root"
if command -v lintian >/dev/null; then lintian --fail-on error "$deb"; fi
apt-get install --simulate --no-install-recommends "./$deb" >/dev/null 2>&1 || fail "apt cannot satisfy its Depends here: $(apt-get install --simulate "./$deb" 2>&1 | tail -3)"

root="$(mktemp -d)"
work="$(mktemp -d)"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
touch "$root/var/lib/dpkg/status"
moved=""
cleanup() { [ -z "$moved" ] || mv .build-hidden-for-deb-check .build; rm -rf "$root" "$work"; }
trap cleanup EXIT
# --force-depends: the throw-away root's database lists none of the machine's libraries
# (the simulated apt install above checked them against the real one).
dpkg --root="$root" --force-depends --force-script-chrootless -i "$deb" >"$work/dpkg.log" 2>&1 || fail "dpkg -i failed: $(tail -3 "$work/dpkg.log")"
[ -L "$root/usr/bin/handout" ] || fail "no /usr/bin/handout link after install"
if [ -d .build ]; then mv .build .build-hidden-for-deb-check; moved=1; fi
env -u LD_LIBRARY_PATH PATH=/usr/bin:/bin "$root/usr/bin/handout" render --patient Examples/patient.json --output "$work/handout.pdf" >/dev/null
head -2 Examples/patients.csv >"$work/one.csv"
env -u LD_LIBRARY_PATH PATH=/usr/bin:/bin "$root/usr/bin/handout" batch "$work/one.csv" --output-dir "$work/batch" --clinic Examples/clinic.json --jobs 1 >/dev/null
[ "$(find "$work/batch" -name '*.pdf' | wc -l)" -eq 1 ] || fail "the installed batch made no PDF"
pdfinfo "$work/handout.pdf" >/dev/null || fail "the installed render wrote no readable PDF"
dpkg --root="$root" --force-depends --force-script-chrootless -r handout >"$work/dpkg.log" 2>&1 || fail "dpkg -r failed: $(tail -3 "$work/dpkg.log")"
left="$(find "$root" -path "$root/var" -prune -o \( -type f -o -type l \) -print)"
[ -z "$left" ] || fail "files left after removal: $(head -3 <<<"$left")"
echo "deb_check: $deb installs, renders, batches and removes cleanly"
