#!/usr/bin/env bash
# Sign with a Developer ID (hardened runtime, secure timestamp), notarize with Apple, and staple the ticket,
# so Gatekeeper opens the app without a warning, even offline. Run on macOS by the release workflow:
#   packaging/macos/sign_and_notarize.sh app "build/dist/ML Interview Coach.app"   (before make_dmg.sh)
#   packaging/macos/sign_and_notarize.sh dmg dist/ml-interview-coach-<version>-macos-<arch>.dmg
# From the environment (the workflow's secrets):
#   MACOS_CERTIFICATE           the Developer ID Application certificate and key, a .p12 in base64
#   MACOS_CERTIFICATE_PASSWORD  its password
#   MACOS_SIGNING_IDENTITY      "Developer ID Application: Name (TEAMID)"
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   for notarytool (an app-specific password)
# With none of them set it signs nothing, says so, and exits 0: the build goes on unsigned (README:
# "Installing on macOS" says what users then see). With only some set it fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
what=${1:?app or dmg}
target=${2:?path to the .app or .dmg}
needed=(MACOS_CERTIFICATE MACOS_CERTIFICATE_PASSWORD MACOS_SIGNING_IDENTITY APPLE_ID APPLE_TEAM_ID APPLE_APP_PASSWORD)
missing=()
for var in "${needed[@]}"; do [ -n "${!var:-}" ] || missing+=("$var"); done
if [ ${#missing[@]} -eq ${#needed[@]} ]; then
  echo "::warning title=Unsigned macOS build::Not signing or notarizing $target: no Developer ID secrets are set" \
       "(${needed[*]}). Gatekeeper will say the app cannot be opened because Apple cannot check it for" \
       "malicious software; README, Installing on macOS, tells users how to open it."
  exit 0
fi
[ ${#missing[@]} -eq 0 ] || { echo "sign_and_notarize: set all of ${needed[*]}; missing: ${missing[*]}" >&2; exit 1; }
[ "$(uname -s)" = Darwin ] || { echo "sign_and_notarize: run this on macOS" >&2; exit 1; }
[ -e "$target" ] || { echo "sign_and_notarize: no $target" >&2; exit 1; }

work=$(mktemp -d)
keychain="$work/signing.keychain-db"
cleanup() { security delete-keychain "$keychain" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# A throw-away keychain holding only the certificate, first in the search list while this runs.
keychain_password=$(uuidgen)
echo "$MACOS_CERTIFICATE" | base64 --decode > "$work/certificate.p12"
security create-keychain -p "$keychain_password" "$keychain"
security set-keychain-settings -lut 3600 "$keychain"
security unlock-keychain -p "$keychain_password" "$keychain"
security import "$work/certificate.p12" -k "$keychain" -P "$MACOS_CERTIFICATE_PASSWORD" -T /usr/bin/codesign
security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$keychain_password" "$keychain" >/dev/null
searched=()  # (no mapfile: macOS's own bash is 3.2)
while IFS= read -r line; do searched+=("$line"); done < <(security list-keychains -d user | tr -d '" ')
security list-keychains -d user -s "$keychain" "${searched[@]}"

sign() {  # sign [--entitlements FILE] PATH
  codesign --force --timestamp --options runtime --keychain "$keychain" --sign "$MACOS_SIGNING_IDENTITY" "$@"
}

notarize() {  # notarize FILE: submit, wait, and fail with Apple's log unless it is accepted
  xcrun notarytool submit "$1" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" --password "$APPLE_APP_PASSWORD" \
    --wait --timeout 45m --output-format json > "$work/notary.json"
  cat "$work/notary.json"
  if ! grep -q '"status" *: *"Accepted"' "$work/notary.json"; then
    id=$(sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p' "$work/notary.json" | head -1)
    [ -n "$id" ] && xcrun notarytool log "$id" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
      --password "$APPLE_APP_PASSWORD" || true
    echo "sign_and_notarize: Apple did not accept $1" >&2
    exit 1
  fi
}

case $what in
  app)
    entitlements=packaging/macos/entitlements.plist
    # Inside out: every Mach-O file (deepest first), then each framework, then the app, which seals them.
    find "$target/Contents" -type f -print0 | while IFS= read -r -d '' f; do
      file -b "$f" | grep -q 'Mach-O' && printf '%s\t%s\n' "$(tr -cd / <<<"$f" | wc -c)" "$f"
    done | sort -rn | cut -f2- > "$work/binaries"
    while IFS= read -r f; do sign --entitlements "$entitlements" "$f"; done < "$work/binaries"
    find "$target/Contents" -type d -name '*.framework' | awk '{print length, $0}' | sort -rn | cut -d' ' -f2- \
      | while IFS= read -r framework; do sign "$framework"; done
    sign --entitlements "$entitlements" "$target"
    codesign --verify --deep --strict --verbose=2 "$target"
    ditto -c -k --keepParent "$target" "$work/app.zip"
    notarize "$work/app.zip"
    xcrun stapler staple "$target"  # the ticket travels with the app: Gatekeeper needs no network to check it
    spctl --assess --type execute --verbose=2 "$target"
    ;;
  dmg)
    sign "$target"
    notarize "$target"
    xcrun stapler staple "$target"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$target"
    ;;
  *) echo "sign_and_notarize: say app or dmg, not $what" >&2; exit 2 ;;
esac
echo "signed, notarized and stapled: $target"
