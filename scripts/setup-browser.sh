#!/usr/bin/env bash
# Installs what the browser test suite (tests/browser) needs, on a Debian machine with
# node 20 + npm, as root. Idempotent: each step is skipped when its result is there.
#   - Debian's chromium (/usr/bin/chromium): test tools can't download browsers here; skipped
#     when CHROMIUM_PATH names a browser that is already installed.
#   - a headless Java runtime, for the Nu HTML checker (vnu-jar), only if `java` is missing.
#   - the pinned npm packages from tests/browser/package-lock.json (npm ci).
# Usage: bash scripts/setup-browser.sh        (then: cd tests/browser && npm test)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
browser_dir="$root/tests/browser"

log() { printf 'setup-browser: %s\n' "$*" >&2; }

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    log "apt-get update"
    $SUDO apt-get update -qq
    apt_updated=1
  fi
}

apt_install() {
  apt_update_once
  log "apt-get install $*"
  $SUDO apt-get install -y -qq --no-install-recommends "$@"
}

if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
  # A machine with its own Chromium or Chrome (GitHub's Ubuntu runners): the tests use it.
  log "CHROMIUM_PATH: $("$CHROMIUM_PATH" --version 2>/dev/null | tail -n 1)"
elif [ -x /usr/bin/chromium ]; then
  log "chromium present: $(/usr/bin/chromium --version 2>/dev/null | tail -n 1)"
else
  # fonts-liberation: a usable sans/serif set so screenshots and text metrics are stable.
  apt_install chromium fonts-liberation
fi

if command -v java >/dev/null 2>&1; then
  log "java present: $(java -version 2>&1 | head -n 1)"
else
  apt_install default-jre-headless
fi

command -v node >/dev/null 2>&1 || { log "node is missing (node 20 + npm expected)"; exit 1; }
command -v npm >/dev/null 2>&1 || { log "npm is missing"; exit 1; }

# --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime from
# outside the registry; the system java installed above is what the tests use.
log "npm ci in tests/browser"
cd "$browser_dir"
npm ci --ignore-scripts --no-audit --no-fund
log "done"
