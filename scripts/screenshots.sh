#!/usr/bin/env bash
# Pictures of every page of the window with a synced sandbox corp, in English and in Chinese, for reviewers.
#   scripts/screenshots.sh [OUT_DIR]        default OUT_DIR: build/screenshots (then OUT_DIR/en, OUT_DIR/zh_CN)
# Builds the screenshot program if needed (build dir: $IC_BUILD_DIR, default build/dev, configured with the dev
# preset when missing), installs Xvfb and a CJK font from Debian when missing (scripts/install-deps.sh screenshots),
# and runs the program under a virtual X server (xvfb-run), so it works on a machine without a display.
set -euo pipefail

cd "$(dirname "$0")/.."
out=${1:-build/screenshots}
build_dir=${IC_BUILD_DIR:-build/dev}

scripts/install-deps.sh screenshots

if [ ! -f "$build_dir/build.ninja" ] && [ ! -f "$build_dir/Makefile" ]; then
    cmake --preset dev
fi
cmake --build "$build_dir" --target ic_screenshots -j"${IC_JOBS:-2}"

program="$build_dir/tests/gui/screenshots/ic_screenshots"
for lang in en zh_CN; do
    mkdir -p "$out/$lang"
    echo "== $lang -> $out/$lang"
    # The real X platform (xcb) under a virtual screen; the window's own settings and keychain are not touched.
    env -u WAYLAND_DISPLAY QT_QPA_PLATFORM=xcb LANG=C.UTF-8 \
        xvfb-run -a -s "-screen 0 1400x900x24" "$program" --lang "$lang" --out "$out/$lang"
done
echo "Screenshots saved under $out"
