#!/usr/bin/env bash
# Unpack the built .deb and .tar.gz into throw-away folders and run each as a user would:
# the launcher and desktop entry must be in place, and the app must pass --smoke-test.
# Usage: packaging/check_package.sh [DIST_DIR]     (run by `make package-check` and CI)
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-dist}
# Globs, not `ls | head`: with pipefail a reader that stops early kills the writer with SIGPIPE (exit 141).
debs=("$dist"/ml-interview-coach_*.deb); deb=${debs[0]}
tgzs=("$dist"/ml-interview-coach-*-linux-*.tar.gz); tgz=${tgzs[0]}
[ -f "$deb" ] && [ -f "$tgz" ] || { echo "FAIL: no .deb or .tar.gz in $dist (run make package)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen

echo "check: $deb ($(du -h "$deb" | cut -f1))"
size=$(stat -c %s "$deb")
[ "$size" -le $((60 * 1000 * 1000)) ] || { echo "FAIL: the .deb is over the 60 MB budget"; exit 1; }
[ "$(dpkg-deb --field "$deb" Package)" = ml-interview-coach ] || { echo "FAIL: wrong package name"; exit 1; }
dpkg-deb -x "$deb" "$work/root"
for f in usr/share/applications/ml-interview-coach.desktop usr/share/icons/hicolor/48x48/apps/ml-interview-coach.png \
         usr/share/icons/hicolor/scalable/apps/ml-interview-coach.svg opt/ml-interview-coach/mlcoach; do
  [ -e "$work/root/$f" ] || { echo "FAIL: $f is missing from the package"; exit 1; }
done
[ "$(readlink "$work/root/usr/bin/mlcoach")" = /opt/ml-interview-coach/mlcoach ] || { echo "FAIL: launcher"; exit 1; }
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$work/root/usr/share/applications/ml-interview-coach.desktop"
fi
[ -f "$work/root/opt/ml-interview-coach/_internal/bank-cache/bank.cache" ] || { echo "FAIL: no prepared bank"; exit 1; }
XDG_CACHE_HOME="$work/cache" "$work/root/opt/ml-interview-coach/mlcoach" --smoke-test --data-dir "$work/data-deb"
# The shipped bank was used: a launch that had to parse would have written one to the user's cache.
! compgen -G "$work/cache/ml-interview-coach/bank-*.cache" >/dev/null || { echo "FAIL: the prepared bank was not used"; exit 1; }

echo "check: $tgz"
tar -C "$work" -xzf "$tgz"
"$work/ml-interview-coach/mlcoach" --smoke-test --data-dir "$work/data-tgz"
"$work/ml-interview-coach/mlcoach" check-content >/dev/null
echo "package check: ok"
