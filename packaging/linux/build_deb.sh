#!/usr/bin/env bash
# Build dist/ml-interview-coach_<version>_amd64.deb and a .tar.gz from the PyInstaller bundle.
# Usage: packaging/linux/build_deb.sh BUNDLE_DIR OUT_DIR      (normally run by `make package`)
set -euo pipefail
cd "$(dirname "$0")/../.."
bundle=${1:?bundle folder}
out=${2:?output folder}
name=ml-interview-coach
version=$(python3 -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
mkdir -p "$out"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# The app itself under /opt, a launcher on the PATH, a menu entry and icons in the standard sizes.
mkdir -p "$stage/opt/$name" "$stage/usr/bin" "$stage/usr/share/applications" "$stage/DEBIAN"
cp -a "$bundle/." "$stage/opt/$name/"
ln -s "/opt/$name/mlcoach" "$stage/usr/bin/mlcoach"
install -m 644 resources/$name.desktop "$stage/usr/share/applications/$name.desktop"
for png in resources/icons/app/*.png; do
  size=$(basename "$png" .png)
  install -D -m 644 "$png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/$name.png"
done
install -D -m 644 resources/icons/app.svg "$stage/usr/share/icons/hicolor/scalable/apps/$name.svg"

installed_kb=$(du -sk "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: $name
Version: $version
Section: education
Priority: optional
Architecture: $arch
Maintainer: ML Interview Coach <support@mlcoach.invalid>
Installed-Size: $installed_kb
Depends: libc6 (>= 2.31), libegl1, libgl1, libfontconfig1, libfreetype6, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-render-util0, libxcb-shape0, libxcb-randr0, libxcb-xfixes0, libxcb-xkb1, libx11-xcb1, libdbus-1-3, libglib2.0-0
Description: Practise machine-learning job interviews offline
 A question bank with model answers across 17 topics, spaced-repetition quizzes,
 timed mock interviews with review and history, and your own notes on every
 question, saved as you type. No account and no internet needed.
CONTROL
cat > "$stage/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
exit 0
POSTINST
chmod 755 "$stage/DEBIAN/postinst"
cp "$stage/DEBIAN/postinst" "$stage/DEBIAN/postrm"

deb="$out/${name}_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
tar -C "$(dirname "$bundle")" -czf "$out/$name-$version-linux-$(uname -m).tar.gz" "$(basename "$bundle")"
echo "built $deb ($(du -h "$deb" | cut -f1)) and $out/$name-$version-linux-$(uname -m).tar.gz"
