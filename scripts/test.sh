#!/usr/bin/env bash
# The full test suite, exactly as CI runs it: formatting, lints, unit and integration tests,
# then the browser tests against the release build. Installs what it needs on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== setup (chromium, java, npm packages)"
bash scripts/setup-browser.sh

echo "== cargo fmt"
cargo fmt --all -- --check

echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings

echo "== cargo test"
cargo test --locked

echo "== workflows (actionlint + shellcheck)"
bash scripts/lint-workflows.sh target/debug/reachout

echo "== cargo doc (rustdoc warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked

echo "== the book (docs/)"
bash scripts/book.sh

echo "== tracker unit tests (node)"
node --test tests/tracker/

echo "== browser tests"
cargo build --release --locked
(cd tests/browser && REACHOUT_BIN="$PWD/../../target/release/reachout" npm test)
