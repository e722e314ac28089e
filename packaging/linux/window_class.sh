#!/usr/bin/env bash
# Print the X11 window class (WM_CLASS, second part) of the app's main window: the value the .desktop
# file's StartupWMClass must have so docks and menus match the window to its entry.
# Usage: packaging/linux/window_class.sh COMMAND [ARGS...]   (e.g. build/dist/ml-interview-coach/mlcoach
#        --data-dir /tmp/x). Starts its own Xvfb; needs Xvfb, xdotool and xprop (x11-utils).
set -euo pipefail
for tool in Xvfb xdotool xprop; do
  command -v "$tool" >/dev/null || { echo "window_class: $tool is needed (apt-get install xvfb xdotool x11-utils)" >&2; exit 2; }
done
display_file=$(mktemp)
Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp > "$display_file" 2>/dev/null &  # prints its display
xvfb=$!
app=
trap 'kill $app $xvfb 2>/dev/null || true; rm -f "$display_file"' EXIT
for _ in $(seq 100); do [ -s "$display_file" ] && break; sleep 0.1; done
DISPLAY=":$(head -1 "$display_file")"
export DISPLAY
unset WAYLAND_DISPLAY QT_QPA_PLATFORM
"$@" >/dev/null 2>&1 &
app=$!
# The title ends with the app's name; the mode on screen may come first ("Browse — ML Interview Coach").
# Searched again until found, not with --sync: a window that goes away while xdotool walks the tree (one
# Qt makes and drops while starting) ends the whole search with an X error (BadWindow in QueryTree).
window=
for _ in $(seq 300); do
  window=$(xdotool search --onlyvisible --name 'ML Interview Coach$' 2>/dev/null | head -1) || true
  [ -n "$window" ] && break
  sleep 0.2
done
[ -n "$window" ] || { echo "window_class: no window titled '... ML Interview Coach' within 60 s" >&2; exit 1; }
# WM_CLASS(STRING) = "instance", "class"
xprop -id "$window" WM_CLASS | sed -n 's/^WM_CLASS(STRING) = "[^"]*", "\(.*\)"$/\1/p'
