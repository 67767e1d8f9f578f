#!/bin/sh
# Disk image of build/bundle/简报编排器.app (made by `python dev.py bundle` on macOS).
#   packaging/macos/make_dmg.sh [VERSION]        → build/bundle/简报编排器-VERSION.dmg
# Signing and notarisation run when their settings are given (an Apple Developer ID is needed):
#   CODESIGN_IDENTITY="Developer ID Application: …"  NOTARY_PROFILE=<notarytool keychain profile>
set -eu
cd "$(dirname "$0")/../.."
version=${1:-0.1.0}
app="build/bundle/简报编排器.app"
dmg="build/bundle/简报编排器-$version.dmg"
[ -d "$app" ] || { echo "没有 $app：请先运行 python dev.py bundle" >&2; exit 1; }
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$app"
fi
stage=$(mktemp -d)
cp -R "$app" "$stage/"
ln -s /Applications "$stage/应用程序"
rm -f "$dmg"
hdiutil create -volname "简报编排器" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"
rm -rf "$stage"
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --sign "$CODESIGN_IDENTITY" --timestamp "$dmg"
fi
if [ -n "${NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$dmg" --keychain-profile "$NOTARY_PROFILE" --wait
  xcrun stapler staple "$dmg"
fi
echo "已生成 $dmg"
