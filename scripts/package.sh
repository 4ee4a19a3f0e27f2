#!/usr/bin/env bash
# Packages one release asset of reachout, in the layout cargo-dist uses (so `cargo binstall`
# finds it with no extra metadata):
#
#   reachout-TARGET.tar.xz          (Windows: reachout-TARGET.zip)
#     reachout-TARGET/reachout      (Windows: reachout.exe)
#     reachout-TARGET/LICENSE  README.md  CHANGELOG.md
#   reachout-TARGET.tar.xz.sha256   one `sha256sum` line: "HASH  reachout-TARGET.tar.xz"
#
# Usage:
#   scripts/package.sh                      build for the host with the release profile, package it
#   scripts/package.sh --target TRIPLE      build for TRIPLE (its toolchain must be installed)
#   scripts/package.sh --binary PATH        package an already built binary (no build)
#   scripts/package.sh --out DIR            where the archive goes (default: target/dist)
# XZ_LEVEL (0-9, default 9) trades archive size for time; tests use 0 on a debug binary.
# The release workflow (.github/workflows/release.yml) runs this once per target; tests run it
# on the host's binary. Prints the archive's path on its last line.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target=""
binary=""
out="$root/target/dist"

die() { printf 'package: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --target) target="${2:?--target needs a target triple}"; shift 2 ;;
    --binary) binary="${2:?--binary needs a path}"; shift 2 ;;
    --out) out="${2:?--out needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

if [ -z "$target" ]; then
  target="$(rustc -vV | sed -n 's/^host: //p')"
  [ -n "$target" ] || die "cannot tell the host target from 'rustc -vV'"
fi
case "$target" in
  *-windows-*) exe="reachout.exe"; archive_ext="zip" ;;
  *) exe="reachout"; archive_ext="tar.xz" ;;
esac

if [ -z "$binary" ]; then
  (cd "$root" && cargo build --release --locked --target "$target") >&2
  binary="$root/target/$target/release/$exe"
fi
[ -f "$binary" ] || die "no binary at $binary"

name="reachout-$target"
archive="$name.$archive_ext"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

mkdir "$stage/$name"
cp "$binary" "$stage/$name/$exe"
chmod 755 "$stage/$name/$exe"
for doc in LICENSE README.md CHANGELOG.md; do
  cp "$root/$doc" "$stage/$name/"
done

rm -f "$out/$archive" "$out/$archive.sha256"
if [ "$archive_ext" = zip ]; then
  if command -v 7z >/dev/null 2>&1; then
    (cd "$stage" && 7z a -tzip -bso0 "$out/$archive" "$name") >&2
  else
    (cd "$stage" && zip -qr "$out/$archive" "$name")
  fi
else
  # With GNU tar (gtar on macOS): sorted names, fixed owner and the commit's time, so the same
  # binary gives the same archive. Another tar still makes a correct, if less tidy, archive.
  tar_cmd=tar
  command -v gtar >/dev/null 2>&1 && tar_cmd=gtar
  tar_flags=()
  if "$tar_cmd" --version 2>/dev/null | grep -q 'GNU tar'; then
    mtime="@$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)"
    tar_flags=(--sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime")
  fi
  (cd "$stage" && "$tar_cmd" ${tar_flags[@]+"${tar_flags[@]}"} -cf - "$name" | xz "-${XZ_LEVEL:-9}" -T1 > "$out/$archive")
fi

# The .sha256 names the archive without a folder, so `sha256sum -c` works beside it.
if command -v sha256sum >/dev/null 2>&1; then
  (cd "$out" && sha256sum "$archive" > "$archive.sha256")
else
  (cd "$out" && shasum -a 256 "$archive" > "$archive.sha256")
fi
echo "$out/$archive"
