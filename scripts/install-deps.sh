#!/usr/bin/env bash
# Installs what Integration Console needs from Debian's package archive, only if something is missing.
#   scripts/install-deps.sh build   compilers, Qt 6, QtKeychain, QCoro, SQL drivers
#   scripts/install-deps.sh test    the above plus database servers, the keyring, D-Bus and fonts for tests
#   scripts/install-deps.sh screenshots   the build packages plus Xvfb and a CJK font (scripts/screenshots.sh)
# Runs apt-get as root (directly, or through sudo when available).
set -euo pipefail

what=${1:-build}

build_packages=(
    cmake g++ ninja-build ccache pkg-config file
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-l10n-tools qt6-svg-dev libgl-dev
    qtkeychain-qt6-dev qcoro-qt6-dev
    libqt6sql6-sqlite libqt6sql6-psql libqt6sql6-mysql libqt6svg6 qt6-translations-l10n
    libcpp-httplib-dev libssl-dev
)
test_packages=(
    postgresql mariadb-server mariadb-client
    gnome-keyring dbus libsecret-tools
    fonts-wqy-microhei clang-format git
)
screenshot_packages=(xvfb xauth fonts-wqy-microhei)

case "$what" in
build) packages=("${build_packages[@]}") ;;
test) packages=("${build_packages[@]}" "${test_packages[@]}") ;;
screenshots) packages=("${build_packages[@]}" "${screenshot_packages[@]}") ;;
*)
    echo "usage: $0 build|test|screenshots" >&2
    exit 2
    ;;
esac

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "error: these packages are missing and installing them needs root (no sudo found): ${missing[*]}" >&2
    exit 1
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
