#!/usr/bin/env bash
# The README's first command: install the build dependencies (if missing), build, and run the product's
# main job on the embedded default database (SQLite in the user's data folder): a full sync of a sandbox corp.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

scripts/install-deps.sh build

build=build/release
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF \
    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >/dev/null
cmake --build "$build" -j2

app=("$build/bin/integration-console" --no-gui)
echo
echo "\$ integration-console --no-gui sandbox sync"
"${app[@]}" sandbox sync
echo
echo "\$ integration-console --no-gui sync-status sandbox"
"${app[@]}" sync-status sandbox
echo
echo "Built $build/bin/integration-console. Run it without arguments for the window, or with --help."
