#!/usr/bin/env bash
# The README's second command, and what CI runs (.ci/run):
#  1. installs what the tests need (build dependencies, PostgreSQL, MariaDB, gnome-keyring, D-Bus);
#  2. checks formatting;
#  3. builds twice: with the window, warnings as errors, AddressSanitizer and UBSan (build/ci), and headless
#     only with BUILD_GUI=OFF (build/ci-headless), and checks that the headless binary loads no Qt Gui/Widgets;
#  4. starts throwaway PostgreSQL and MariaDB servers on loopback;
#  5. runs the whole ctest suite of both builds inside a private D-Bus session with an unlocked gnome-keyring (tests
#     labelled heavy only in the optimised headless build);
#  6. stops the servers (also on failure).
# Options: IC_TEST_SKIP_ASAN=1 builds build/ci without sanitizers (faster local runs).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

scripts/install-deps.sh test

echo "== formatting"
scripts/check-format.sh

echo "== build: window, -Werror, ASan+UBSan (build/ci)"
sanitize=ON
[ "${IC_TEST_SKIP_ASAN:-0}" = 1 ] && sanitize=OFF
cmake --preset ci -DIC_SANITIZE=$sanitize >/dev/null
cmake --build --preset ci

echo "== build: headless, BUILD_GUI=OFF, -Werror (build/ci-headless)"
cmake --preset ci-headless >/dev/null
cmake --build --preset ci-headless

echo "== the headless binary links no Qt Gui or Widgets"
headless=build/ci-headless/bin/integration-console
if ldd "$headless" | grep -E 'libQt6(Gui|Widgets|OpenGL)'; then
    echo "error: $headless loads Qt Gui/Widgets libraries" >&2
    exit 1
fi
env -u DISPLAY -u WAYLAND_DISPLAY "$headless" --no-gui --version

echo "== database servers"
export IC_TEST_SERVERS_DIR=${IC_TEST_SERVERS_DIR:-$(mktemp -d -t ic-test-servers.XXXXXX)}
trap 'scripts/test-servers.sh stop || true' EXIT
scripts/test-servers.sh start
eval "$(scripts/test-servers.sh env)"
export IC_TEST_REQUIRE_SERVERS=1
export IC_TEST_REQUIRE_KEYCHAIN=1

# A private keyring: its own data folder, unlocked with a throwaway password, inside its own D-Bus session.
keyring_home=$(mktemp -d -t ic-keyring.XXXXXX)
export IC_KEYRING_HOME=$keyring_home
echo "== tests (inside a D-Bus session with an unlocked gnome-keyring)"
dbus-run-session -- bash -c '
    set -euo pipefail
    export XDG_DATA_HOME="$IC_KEYRING_HOME/data" XDG_CONFIG_HOME="$IC_KEYRING_HOME/config"
    mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
    eval "$(printf %s "ic-test-keyring" | gnome-keyring-daemon --unlock --components=secrets)"
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1
    export LSAN_OPTIONS=suppressions='"$root"'/tests/sanitizers/lsan.supp:print_suppressions=0
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    status=0
    # Tests labelled heavy (the real binary killed during 100,000-contact syncs) run in the optimised headless build
    # only: under the sanitizers they would take most of the time budget and prove nothing more.
    ctest --test-dir build/ci --output-on-failure -j2 -LE heavy || status=1
    ctest --test-dir build/ci-headless --output-on-failure -j2 || status=1
    exit $status
'
rm -rf "$keyring_home"
