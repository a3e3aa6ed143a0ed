#!/bin/sh
# Installs what the browser tests (tests/viz, marker `browser`) need: Debian's Chromium, its driver and
# a CJK font (without one, headless Chromium draws every Chinese label as empty boxes).
# Idempotent: installs only the packages that are missing.
set -eu
missing=""
for pkg in chromium chromium-driver fonts-noto-cjk; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $pkg"
  fi
done
if [ -z "$missing" ]; then
  echo "install-browser: chromium, chromium-driver, fonts-noto-cjk already installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-browser: installing$missing"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
test -x /usr/bin/chromium
