#!/usr/bin/env bash
# Set up everything the app (and, with --test, its test suite) needs on a fresh Debian/Ubuntu machine:
# the system libraries Qt loads, then a virtual environment in .venv with the Python dependencies.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
want_package=0
[ "${1:-}" = "--test" ] && want_tests=1
[ "${1:-}" = "--package" ] && want_package=1

# Qt's libraries: offscreen rendering needs the first group, a real X11 window the second
# (and the end-to-end tests type into a real window on Xvfb with xdotool). The third builds and checks
# the installers: NSIS compiles the Windows one; dpkg-dev computes the .deb's Depends; the rest check the
# menu entry, the AppStream metadata, the man page, the package (lintian) and the window's class (xprop).
qt_libs=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 fonts-dejavu-core)
x11_libs=(xvfb xauth xdotool libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0
          libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1)
package_tools=(nsis dpkg-dev desktop-file-utils appstream man-db lintian x11-utils binutils)
bench_tools=(valgrind)  # counts a launch's instructions: a start-up figure the machine's load does not move
missing=()
if command -v dpkg >/dev/null 2>&1; then
  for pkg in "${qt_libs[@]}" "${x11_libs[@]}" "${package_tools[@]}" "${bench_tools[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing system libraries for Qt: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing system libraries for Qt (sudo): ${missing[*]}"
    sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bootstrap: please install these system packages for Qt: ${missing[*]}" >&2
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv"
  "$python" -m venv .venv
fi
extra=""
[ $want_tests = 1 ] && extra="[test]"
[ $want_package = 1 ] && extra="[package]"
stamp=.venv/.installed${extra:+-${extra//[\[\]]/}}
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "bootstrap: installing Python dependencies${extra:+ with $extra}"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  # compat mode: a plain path entry instead of setuptools' import-hook finder (~8 ms at every start)
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$extra" \
    --config-settings editable_mode=compat
  touch "$stamp"
fi
