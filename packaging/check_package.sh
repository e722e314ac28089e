#!/usr/bin/env bash
# Unpack the built .deb and .tar.gz into throw-away folders and run each as a user would:
# the launcher and desktop entry must be in place, the app must pass --smoke-test, and a coding
# exercise must run through the frozen executable's hidden --run-exercise flag (no system Python).
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
[ "$size" -le $((70 * 1000 * 1000)) ] || { echo "FAIL: the .deb is over the 70 MB budget"; exit 1; }
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
"$work/root/opt/ml-interview-coach/mlcoach" --smoke-test --data-dir "$work/data-deb"

echo "check: $tgz"
tar -C "$work" -xzf "$tgz"
"$work/ml-interview-coach/mlcoach" --smoke-test --data-dir "$work/data-tgz"
"$work/ml-interview-coach/mlcoach" check-content >/dev/null

# Coding exercises run through the frozen executable's hidden flag, from the bundle's own bank: every
# exercise's reference solution passes (so whatever its code imports is bundled), and a starter fails.
app="$work/ml-interview-coach/mlcoach"
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
done < <(grep -l '^## Tests$' "$work"/ml-interview-coach/_internal/content/*/*.md)
[ "$ran" -ge 1 ] || { echo "FAIL: no exercises found in the bundle"; exit 1; }
"$app" exercise list --data-dir "$work/data-tgz" | grep -q "^implement-softmax-cross-entropy " \
  || { echo "FAIL: exercise list"; exit 1; }
block "$work"/ml-interview-coach/_internal/content/coding-from-scratch/implement-softmax-cross-entropy.md Starter \
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
