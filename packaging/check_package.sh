#!/usr/bin/env bash
# Unpack the built .deb and .tar.gz into throw-away folders and check them as a user and a distribution
# would: the files in place (launcher, menu entry, icons, AppStream metadata, man page, copyright,
# changelog, notices), Depends covering the bundle's newest glibc symbol, the menu entry naming the
# window's real class, the app passing --smoke-test from both, and every coding exercise running through the
# frozen executable's hidden --run-exercise flag (no system Python).
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
[ "$size" -le $((70 * 1000 * 1000)) ] || fail "the .deb is over the 70 MB budget"
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

[ -f "$root/opt/$name/_internal/bank-cache/bank.cache" ] || fail "no prepared bank"
[ -f "$root/opt/$name/_internal/bank-cache/pdf-fragments.cache" ] || fail "no prepared PDF fragments"
XDG_CACHE_HOME="$work/cache" "$root/opt/$name/mlcoach" --smoke-test --data-dir "$work/data-deb"
# The shipped bank was used: a launch that had to parse would have written one to the user's cache.
! compgen -G "$work/cache/ml-interview-coach/bank-*.cache" >/dev/null || fail "the prepared bank was not used"
# And the shipped questions' HTML: an export that had to render them would have saved them in the user's cache.
XDG_CACHE_HOME="$work/cache" "$root/opt/$name/mlcoach" export pdf "$work/bank.pdf" --data-dir "$work/data-deb" >/dev/null
[ ! -e "$work/cache/ml-interview-coach/pdf-fragments.cache" ] || fail "the prepared PDF fragments were not used"

echo "check: $tgz"
tar -C "$work" -xzf "$tgz"
"$work/$name/mlcoach" --smoke-test --data-dir "$work/data-tgz"
"$work/$name/mlcoach" check-content >/dev/null
# Coding exercises run through the frozen executable's hidden flag, from the bundle's own bank: every
# exercise's reference solution passes (so whatever its code imports is bundled), and a starter fails.
app="$work/$name/mlcoach"
block() {  # the ```python block of section $2 of exercise file $1
  awk -v want="## $2" '$0 == want {s = 1; next} s && /^```python/ {c = 1; next} c && /^```/ {exit} c' "$1"
}
ran=0
while IFS= read -r md; do
  id=$(basename "$md" .md)
  block "$md" Solution > "$work/solution.py"
  PATH=/nonexistent "$app" exercise run "$id" "$work/solution.py" --json --data-dir "$work/data-tgz" > "$work/run.json" \
    && grep -q '"status": "passed"' "$work/run.json" \
    || { cat "$work/run.json"; echo "FAIL: the solution of $id does not pass in the frozen bundle"; exit 1; }
  ran=$((ran + 1))
done < <(grep -l '^## Tests$' "$work"/$name/_internal/content/*/*.md)
[ "$ran" -ge 1 ] || { echo "FAIL: no exercises found in the bundle"; exit 1; }
"$app" exercise list --data-dir "$work/data-tgz" | grep -q "^implement-softmax-cross-entropy " \
  || { echo "FAIL: exercise list"; exit 1; }
block "$work"/$name/_internal/content/coding-from-scratch/implement-softmax-cross-entropy.md Starter \
  > "$work/starter.py"
status=0
"$app" exercise run implement-softmax-cross-entropy "$work/starter.py" --data-dir "$work/data-tgz" \
  > "$work/starter.txt" || status=$?
[ "$status" = 1 ] && grep -q "NotImplementedError" "$work/starter.txt" || {
  cat "$work/starter.txt"; echo "FAIL: the starter should fail its tests (exit 1), got exit $status"; exit 1; }
# The child starts without Qt (the spec keeps PyInstaller's PySide6 run-time hook out of it), and SQL
# exercises have sqlite3: a small deck of checks, run as a user's imported deck.
checks="$work/data-tgz/decks/checks"
mkdir -p "$checks/checks"
printf -- '- id: checks\n  title: Package checks\n' > "$checks/categories.yaml"
cat > "$checks/checks/child-imports-no-qt.md" <<'MD'
---
id: child-imports-no-qt
category: checks
difficulty: easy
---
# The exercise child imports no Qt and has sqlite3

## Answer
Checked by packaging/check_package.sh.

## Key points
- no Qt in the child

## Starter
```python
QT = None
```

## Solution
```python
import sqlite3
import sys

QT = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6", "desktop.app")))
ONE = sqlite3.connect(":memory:").execute("SELECT 1").fetchone()[0]
```

## Tests
```python
from solution import ONE, QT


def test_no_qt():
    assert QT == [], QT


def test_sqlite():
    assert ONE == 1
```
MD
block "$checks/checks/child-imports-no-qt.md" Solution > "$work/no_qt.py"
"$app" exercise run child-imports-no-qt "$work/no_qt.py" --data-dir "$work/data-tgz" > "$work/no_qt.txt" \
  || { cat "$work/no_qt.txt"; echo "FAIL: the frozen exercise child imports Qt (or lacks sqlite3)"; exit 1; }
status=0
"$app" --run-exercise 2>/dev/null || status=$?  # the hidden flag is handled before the app (and Qt) start
[ "$status" = 2 ] || { echo "FAIL: --run-exercise without a folder should exit 2, got $status"; exit 1; }
echo "check: every exercise in the bundle passes in the frozen app ($ran)"
echo "package check: ok"
