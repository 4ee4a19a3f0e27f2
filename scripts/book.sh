#!/usr/bin/env bash
# Builds the book (docs/) with mdBook into OUT (default target/book): scripts/test.sh calls it
# to prove the book builds, and the Pages workflow can call it with public/docs to publish the
# book under /docs/ of the project site.
#
# mdBook is packaged neither for Debian nor on PyPI, so the pinned version is compiled once
# into target/mdbook/ (cached with target/) without its default features (serve, watch,
# search), which keeps that one-time compile to a few minutes on two cores.
#
# Usage: scripts/book.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.5.4
out=$(realpath -m "${1:-target/book}")
bin=target/mdbook/bin/mdbook
if ! [ -x "$bin" ] || ! "$bin" --version | grep -qF "$version"; then
  cargo install mdbook --locked --version "$version" --no-default-features --root target/mdbook
fi
"$bin" build docs --dest-dir "$out"
echo "book: $out/index.html"
