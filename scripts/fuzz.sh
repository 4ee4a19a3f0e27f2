#!/usr/bin/env bash
# The long fuzz run: mutated site.yaml, front matter, Markdown bodies and static files of the
# default site, and the security review's crash inputs, through `reachout check` (every build
# step but the writing). Reports cases, aborts, hangs over 2 s and problems without a line.
#   scripts/fuzz.sh --minutes 20            # as many cases as fit
#   scripts/fuzz.sh --cases 100000 --seed 7
#   scripts/fuzz.sh --case 1234 --seed 7    # replay one case
#   scripts/fuzz.sh --show 1234 --seed 7    # print the file that case writes
# Exit 0 when no case aborted or hung. The test suite runs a short fixed run of the same cases.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --example fuzz >&2
exec target/release/examples/fuzz "$@"
