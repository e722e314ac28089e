#!/usr/bin/env bash
# Unpack the built .deb and .tar.gz into throw-away folders and check them as a user and a distribution
# would: the files in place (launcher, menu entry, icons, AppStream metadata, man page, copyright,
# changelog, notices), Depends covering the bundle's newest glibc symbol, the menu entry naming the
# window's real class, and the app passing --smoke-test from both.
# Usage: packaging/check_package.sh [DIST_DIR]     (run by `make package-check` and CI)
# Needs man, lintian, appstreamcli (appstream), desktop-file-validate, readelf, Xvfb, xdotool and xprop;
# $PYTHON (python3 by default) with the app's dependencies installed, to check the notices.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-dist}
python=${PYTHON:-python3}
name=ml-interview-coach
doc=usr/share/doc/$name
# Globs, not `ls | head`: with pipefail a reader that stops early kills the writer with SIGPIPE (exit 141).
debs=("$dist"/"$name"_*.deb); deb=${debs[0]}
tgzs=("$dist"/"$name"-*-linux-*.tar.gz); tgz=${tgzs[0]}
[ -f "$deb" ] && [ -f "$tgz" ] || { echo "FAIL: no .deb or .tar.gz in $dist (run make package)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
for tool in man lintian appstreamcli desktop-file-validate dpkg-parsechangelog readelf Xvfb xdotool xprop; do
  command -v "$tool" >/dev/null || fail "$tool is needed: apt-get install man-db lintian appstream desktop-file-utils dpkg-dev binutils xvfb xdotool x11-utils"
done
export QT_QPA_PLATFORM=offscreen

echo "check: $deb ($(du -h "$deb" | cut -f1))"
size=$(stat -c %s "$deb")
[ "$size" -le $((60 * 1000 * 1000)) ] || fail "the .deb is over the 60 MB budget"
[ "$(dpkg-deb --field "$deb" Package)" = $name ] || fail "wrong package name"
dpkg-deb -x "$deb" "$work/root"
root=$work/root
for f in usr/share/applications/$name.desktop usr/share/icons/hicolor/48x48/apps/$name.png \
         usr/share/icons/hicolor/scalable/apps/$name.svg opt/$name/mlcoach \
         usr/share/metainfo/dev.mlcoach.ml_interview_coach.metainfo.xml usr/share/man/man1/mlcoach.1.gz \
         $doc/copyright $doc/changelog.gz $doc/THIRD_PARTY_NOTICES.txt.gz \
         opt/$name/_internal/THIRD_PARTY_NOTICES.txt opt/$name/_internal/LICENSE.txt; do
  [ -e "$root/$f" ] || fail "$f is missing from the package"
done
[ "$(readlink "$root/usr/bin/mlcoach")" = /opt/$name/mlcoach ] || fail "launcher"
[ "$(stat -c %a "$root")" = 755 ] || fail "the package root is not 0755"

# The menu entry and the software-centre metadata, as desktop environments read them.
desktop-file-validate "$root/usr/share/applications/$name.desktop"
appstreamcli validate-tree --no-net "$root" >/dev/null || { appstreamcli validate-tree --no-net "$root"; fail "AppStream"; }

# The man page renders without a warning and documents every command of `mlcoach --help`.
warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$root/usr/share/man/man1/mlcoach.1.gz" 2>&1 >"$work/man.txt")
[ -z "$warnings" ] || fail "man page: $warnings"
for command in check-content export import --data-dir --theme --read-only --smoke-test; do
  grep -q -- "$command" "$work/man.txt" || fail "the man page does not mention $command"
done

# The machine-readable copyright, the changelog in Debian's format, the notices for every runtime
# distribution the bundle was built from.
head -1 "$root/$doc/copyright" | grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' \
  || fail "copyright is not machine-readable (DEP-5)"
if ! "$python" -c 'import debian.copyright' 2>/dev/null; then
  echo "copyright: python-debian is not installed, so only its Format line was checked"
else
  "$python" - "$root/$doc/copyright" <<'PY' || fail "copyright does not parse as DEP-5"
import sys
from debian.copyright import Copyright
with open(sys.argv[1], encoding="utf-8") as f:
    parsed = Copyright(f, strict=True)
print(f"copyright: {len(list(parsed.all_files_paragraphs()))} Files paragraphs, parsed as DEP-5")
PY
fi
zcat "$root/$doc/changelog.gz" > "$work/changelog"
[ "$(dpkg-parsechangelog -l "$work/changelog" -S Version)" = "$(dpkg-deb --field "$deb" Version)" ] \
  || fail "the changelog's version is not the package's"
zcat "$root/$doc/THIRD_PARTY_NOTICES.txt.gz" > "$work/notices.txt"
"$python" packaging/third_party_notices.py --check "$work/notices.txt"
cmp -s "$work/notices.txt" "$root/opt/$name/_internal/THIRD_PARTY_NOTICES.txt" || fail "two different notices"

# lintian: a tag may only be about a file of the PyInstaller bundle under /opt (Python byte code, Qt's and
# the build system's libraries as they are, the bootloader); any other (about the copyright, changelog,
# man page, menu entry, metadata or control file) fails.
lintian --tag-display-limit 0 "$deb" > "$work/lintian.txt" 2>/dev/null || true
grep -E '^[EW]: ' "$work/lintian.txt" | grep -vF "[opt/$name/" > "$work/lintian-ours.txt" \
  && { cat "$work/lintian-ours.txt"; fail "lintian (above)"; }
echo "lintian: $(grep -cE '^[EW]: ' "$work/lintian.txt") tags, each about a file of the bundle in /opt"

# Depends: computed from the bundle, so libc6's version covers the newest glibc symbol any ELF file uses.
depends=$(dpkg-deb --field "$deb" Depends)
needed=$(find "$root/opt/$name" -type f \( -name '*.so*' -o -perm -u+x \) -exec readelf -W -V {} + 2>/dev/null \
         | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1)
declared=$(sed -n 's/.*libc6 (>= \([^)]*\)).*/\1/p' <<<"$depends")
[ -n "$declared" ] && dpkg --compare-versions "$declared" ge "$needed" \
  || fail "Depends says libc6 (>= ${declared:-nothing}) but the bundle needs GLIBC $needed"
echo "depends: $depends (the bundle's newest glibc symbol: $needed)"

# The window's class is what the menu entry says, so docks group the window under its icon.
wanted=$(sed -n 's/^StartupWMClass=//p' "$root/usr/share/applications/$name.desktop")
actual=$(packaging/linux/window_class.sh "$root/opt/$name/mlcoach" --data-dir "$work/data-wm")
[ "$actual" = "$wanted" ] || fail "the window's class is '$actual', the desktop entry says '$wanted'"
echo "window class: $actual"

"$root/opt/$name/mlcoach" --smoke-test --data-dir "$work/data-deb"

echo "check: $tgz"
tar -C "$work" -xzf "$tgz"
"$work/$name/mlcoach" --smoke-test --data-dir "$work/data-tgz"
"$work/$name/mlcoach" check-content >/dev/null
echo "package check: ok"
