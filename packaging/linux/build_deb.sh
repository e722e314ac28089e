#!/usr/bin/env bash
# Build dist/ml-interview-coach_<version>_<arch>.deb and a .tar.gz from the PyInstaller bundle.
# Usage: packaging/linux/build_deb.sh BUNDLE_DIR OUT_DIR      (normally run by `make package`)
# Needs dpkg-dev (for dpkg-shlibdeps) and Python 3.11+ ($PYTHON, python3 by default: the standard
# library is enough) to write the man page and the copyright file.
set -euo pipefail
cd "$(dirname "$0")/../.."
bundle=${1:?bundle folder}
out=${2:?output folder}
python=${PYTHON:-python3}
name=ml-interview-coach
metainfo=dev.mlcoach.ml_interview_coach.metainfo.xml
doc=usr/share/doc/$name
version=$("$python" -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
command -v dpkg-shlibdeps >/dev/null || { echo "build_deb: dpkg-shlibdeps is needed: apt-get install dpkg-dev" >&2; exit 1; }
[ -f "$bundle/_internal/THIRD_PARTY_NOTICES.txt" ] || {
  echo "build_deb: $bundle has no _internal/THIRD_PARTY_NOTICES.txt: build it with packaging/mlcoach.spec" >&2; exit 1; }
mkdir -p "$out"
stage=$(mktemp -d)
chmod 755 "$stage"  # mktemp makes it 0700, and dpkg-deb would record that for the package root
work=$(mktemp -d)
trap 'rm -rf "$stage" "$work"' EXIT

# The app itself under /opt, a launcher on the PATH, a menu entry, icons in the standard sizes, and the
# AppStream metadata software centres list it by.
mkdir -p "$stage/opt/$name" "$stage/usr/bin" "$stage/usr/share/applications" "$stage/DEBIAN"
cp -a "$bundle/." "$stage/opt/$name/"
ln -s "/opt/$name/mlcoach" "$stage/usr/bin/mlcoach"
install -m 644 resources/$name.desktop "$stage/usr/share/applications/$name.desktop"
for png in resources/icons/app/*.png; do
  size=$(basename "$png" .png)
  install -D -m 644 "$png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/$name.png"
done
install -D -m 644 resources/icons/app.svg "$stage/usr/share/icons/hicolor/scalable/apps/$name.svg"
install -D -m 644 "resources/$metainfo" "$stage/usr/share/metainfo/$metainfo"

# man mlcoach: written from the parser `mlcoach --help` prints, so the two never drift.
install -d "$stage/usr/share/man/man1"
"$python" packaging/linux/manpage.py "$work/mlcoach.1"
gzip -9n < "$work/mlcoach.1" > "$stage/usr/share/man/man1/mlcoach.1.gz"

# /usr/share/doc: the machine-readable copyright file (from the notices the bundle was built with),
# the changelog, and every bundled component's licence in full.
install -d "$stage/$doc"
"$python" packaging/linux/debian_copyright.py "$bundle" "$stage/$doc/copyright"
gzip -9n < packaging/linux/changelog > "$stage/$doc/changelog.gz"
gzip -9n < "$bundle/_internal/THIRD_PARTY_NOTICES.txt" > "$stage/$doc/THIRD_PARTY_NOTICES.txt.gz"
chmod 644 "$stage/$doc"/* "$stage/usr/share/man/man1/mlcoach.1.gz"

# Depends, computed from the bundle: dpkg-shlibdeps maps each library its ELF files need and do not carry
# to the package providing it, with the lowest version whose symbols they use (libc6 (>= 2.35) when built
# on Ubuntu 22.04). Libraries the bundle carries are found in the package tree (-l, in installed paths)
# and add nothing. Qt plugins for what the app does not need (Wayland's EGL and shell extensions, the GTK
# theme, EGL-only platforms) are left out: Qt skips a plugin whose libraries are missing, and on Wayland
# falls back to X11.
optional='/plugins/(wayland-[^/]*|platformthemes|egldeviceintegrations)/|/plugins/platforms/libq(wayland|eglfs|minimalegl)|/libQt6(Wayland|WlShell|EglFS|EglFs)'
elfs=()
while IFS= read -r -d '' file; do
  [[ $file =~ $optional ]] && continue
  [ "$(od -An -tx1 -N4 "$file" | tr -d ' \n')" = 7f454c46 ] && elfs+=("$file")  # the ELF magic number
done < <(find "$stage/opt/$name" -type f \( -name '*.so*' -o -perm -u+x \) -print0)
[ ${#elfs[@]} -gt 0 ] || { echo "build_deb: no ELF files in $bundle: not a PyInstaller bundle" >&2; exit 1; }
libdirs=()
while IFS= read -r dir; do libdirs+=("-l${dir#"$stage"}"); done < <(
  find "$stage/opt/$name" -name '*.so*' -printf '%h\n' | sort -u)
mkdir -p "$work/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$name" "$name" > "$work/debian/control"
if ! shlibs=$(cd "$work" && dpkg-shlibdeps -O --warnings=0 "${libdirs[@]}" "${elfs[@]}" 2>"$work/shlibdeps.log"); then
  cat "$work/shlibdeps.log" >&2
  echo "build_deb: dpkg-shlibdeps could not compute Depends (above)" >&2
  exit 1
fi
depends=${shlibs#shlibs:Depends=}
[ -n "$depends" ] && [ "$depends" != "$shlibs" ] || { echo "build_deb: no Depends from: $shlibs" >&2; exit 1; }

installed_kb=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: $name
Version: $version
Section: education
Priority: optional
Architecture: $arch
Maintainer: The ML Interview Coach contributors <support@mlcoach.invalid>
Installed-Size: $installed_kb
Depends: $depends
Description: Practise machine-learning job interviews offline
 A question bank with model answers across 20 topics, spaced-repetition quizzes,
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
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
  > "$stage/DEBIAN/md5sums"

deb="$out/${name}_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
tar -C "$(dirname "$bundle")" -czf "$out/$name-$version-linux-$(uname -m).tar.gz" "$(basename "$bundle")"
echo "built $deb ($(du -h "$deb" | cut -f1); Depends: $depends) and $out/$name-$version-linux-$(uname -m).tar.gz"
