#!/usr/bin/env bash
# Make dist/ml-interview-coach-<version>-macos-<arch>.dmg from the PyInstaller .app (run on macOS).
# Usage: packaging/macos/make_dmg.sh "build/dist/ML Interview Coach.app" dist [ARCH]
# ARCH (arm64 for Apple Silicon, x86_64 for Intel) defaults to this Mac's: the release workflow builds
# one of each, natively.
set -euo pipefail
cd "$(dirname "$0")/../.."
app=${1:?path to ML Interview Coach.app}
out=${2:-dist}
arch=${3:-$(uname -m)}
version=$(python3 -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
[ -d "$app/Contents/MacOS" ] || { echo "not an app bundle: $app" >&2; exit 1; }
mkdir -p "$out"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
ditto "$app" "$stage/$(basename "$app")"  # keeps symlinks, extended attributes and the signature intact
ln -s /Applications "$stage/Applications"  # drag the app onto this to install
dmg="$out/ml-interview-coach-$version-macos-$arch.dmg"
hdiutil create -volname "ML Interview Coach $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"
echo "built $dmg"
