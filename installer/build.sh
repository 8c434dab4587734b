#!/usr/bin/env bash
# Builds the installed app (run by `mvn -Pinstaller package`, see pom.xml): a jlink runtime with only the modules
# the jars need, a jpackage app image around it, and a .deb when dpkg-deb and fakeroot are present.
#   build.sh INPUT_DIR TARGET_DIR VERSION [auto|false]   (INPUT_DIR: glimpse-app-*.jar and its runtime dependencies;
#   the last: whether to build the .deb, auto when the tools are there)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
input="$1"; target="$2"; deb="${4:-auto}"; version="${3%%-*}" # jpackage takes numbers only: 0.1.0-SNAPSHOT is 0.1.0
[ "$(uname -s)" = Linux ] || { echo "build.sh: Linux only here; see README (Install) for macOS and Windows" >&2; exit 2; }
main_jar="$(cd "$input" && ls glimpse-app-*.jar | head -1)"
rm -rf "$target/runtime" "$target/image" "$target/deb" "$target/icons" "$target/deb-resources"

# Modules: what jdeps finds in the jars (the JavaFX jars are on the class path, so they count as jars),
# plus what only shows at run time: the Vector API (--add-modules below), sun.misc.Signal for Ctrl+C
# (jdk.unsupported) and java.desktop (Java2D / ImageIO, reached through the JavaFX Swing bridge too).
found="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps -R --class-path "$input/*" "$input/$main_jar")"
modules="$(tr , "\n" <<<"$found,jdk.incubator.vector,jdk.unsupported,java.desktop,java.logging" | sort -u | paste -sd, -)"
echo "installer: jlink modules: $modules"
jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$target/runtime"

java "$here/src/icon/RenderIcon.java" "$target/icons" 16 32 48 64 128 256

# The options ./glimpse passes: the Vector API for float16 greedy decoding, Serial GC for the short batch
# jobs of the command line (G1 commits ~150 MB more heap for nothing).
jpackage --type app-image --name glimpse --app-version "$version" \
  --vendor "Glimpse" --description "Local workbench for image and video question answering" \
  --input "$input" --main-jar "$main_jar" --main-class io.glimpse.app.cli.DesktopMain \
  --java-options '--add-modules jdk.incubator.vector' --java-options '-XX:+UseSerialGC' \
  --runtime-image "$target/runtime" --icon "$target/icons/glimpse-256.png" --dest "$target/image"
app="$target/image/glimpse"
# the desktop entry and the icons in the freedesktop layout, under lib/ (jpackage's .deb keeps only bin/ and
# lib/ of an app image): the .deb's postinst copies them into /usr/share, an unpacked image's user can too
desk="$app/lib/desktop"
mkdir -p "$desk/icons/hicolor/scalable/apps"
cp "$here/src/linux/glimpse.desktop" "$desk/glimpse.desktop"
cp "$here/src/icon/glimpse.svg" "$desk/icons/hicolor/scalable/apps/glimpse.svg"
for s in 16 32 48 64 128 256; do
  mkdir -p "$desk/icons/hicolor/${s}x${s}/apps"
  cp "$target/icons/glimpse-$s.png" "$desk/icons/hicolor/${s}x${s}/apps/glimpse.png"
done
echo "installer: app image $app ($(du -sh "$app" | cut -f1))"

if [ "$deb" = false ]; then
  echo "installer: no .deb (-Dinstaller.deb=false); the app image is $app"
elif command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
  # our postinst and prerm (src/linux/deb) register the entry and icons; no --linux-shortcut, whose
  # xdg-desktop-menu call fails the install on a machine without a desktop environment's menu
  jpackage --type deb --name glimpse --app-version "$version" --vendor "Glimpse" \
    --description "Local workbench for image and video question answering" \
    --app-image "$app" --resource-dir "$here/src/linux/deb" \
    --linux-package-deps libgtk-3-0 --linux-app-category graphics --dest "$target/deb"
  echo "installer: deb $(ls "$target"/deb/*.deb) ($(du -h "$target"/deb/*.deb | cut -f1))"
else
  echo "installer: no .deb (dpkg-deb or fakeroot missing); the app image is $app"
fi
