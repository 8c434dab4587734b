#!/usr/bin/env bash
# Builds the installed app (run by `mvn -Pinstaller package`, see pom.xml): a jlink runtime with only the modules
# the jars need, a jpackage app image around it, and a .deb when dpkg-deb and fakeroot are present.
#   build.sh INPUT_DIR TARGET_DIR VERSION     (INPUT_DIR: glimpse-app-*.jar and its runtime dependencies)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
input="$1"; target="$2"; version="${3%%-*}" # jpackage takes numbers only: 0.1.0-SNAPSHOT is 0.1.0
[ "$(uname -s)" = Linux ] || { echo "build.sh: Linux only here; see README (Install) for macOS and Windows" >&2; exit 2; }
main_jar="$(cd "$input" && ls glimpse-app-*.jar | head -1)"
rm -rf "$target/runtime" "$target/image" "$target/deb" "$target/icons"

# Modules: what jdeps finds in the jars (the JavaFX jars are on the class path, so they count as jars),
# plus what only shows at run time: the Vector API (--add-modules below), sun.misc.Signal for Ctrl+C
# (jdk.unsupported) and java.desktop (Java2D / ImageIO, reached through the JavaFX Swing bridge too).
found="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps -R --class-path "$input/*" "$input/$main_jar")"
modules="$found,jdk.incubator.vector,jdk.unsupported,java.desktop,java.logging"
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
# the desktop entry and the icons in the freedesktop layout, for an unpacked image as well as the .deb
mkdir -p "$app/share/applications" "$app/share/icons/hicolor/scalable/apps"
cp "$here/src/linux/glimpse.desktop" "$app/share/applications/glimpse.desktop"
cp "$here/src/icon/glimpse.svg" "$app/share/icons/hicolor/scalable/apps/glimpse.svg"
for s in 16 32 48 64 128 256; do
  mkdir -p "$app/share/icons/hicolor/${s}x${s}/apps"
  cp "$target/icons/glimpse-$s.png" "$app/share/icons/hicolor/${s}x${s}/apps/glimpse.png"
done
echo "installer: app image $app ($(du -sh "$app" | cut -f1))"

if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
  # the resource folder holds the .desktop entry jpackage installs (its own would lack the MIME types)
  res="$target/deb-resources"
  rm -rf "$res"; mkdir -p "$res"
  cp "$here/src/linux/glimpse.desktop" "$res/glimpse.desktop"
  cp "$target/icons/glimpse-256.png" "$res/glimpse.png"
  jpackage --type deb --name glimpse --app-version "$version" --vendor "Glimpse" \
    --description "Local workbench for image and video question answering" \
    --app-image "$app" --resource-dir "$res" --linux-shortcut --linux-menu-group "Graphics;Viewer" \
    --linux-package-deps libgtk-3-0 --linux-app-category graphics --icon "$target/icons/glimpse-256.png" \
    --dest "$target/deb"
  echo "installer: deb $(ls "$target"/deb/*.deb) ($(du -h "$target"/deb/*.deb | cut -f1))"
else
  echo "installer: no .deb (dpkg-deb or fakeroot missing); the app image is $app"
fi
