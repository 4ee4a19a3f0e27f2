#!/usr/bin/env bash
# The build benchmark of the book's "Performance" page (docs/src/performance.md): builds synthetic corpora of N pages
# (benches/support/corpus.rs: ~5 KB Markdown pages in four unequal sections, minimal
# templates) into a tmpfs folder and prints, per page count and minify setting, the median
# and range of wall time, CPU time (user + sys), peak memory (max RSS) and pages/s over
# several runs. Also times the copy floor (read every input file, write the same output
# tree with cp) and a cold `reachout build` of the default site (this repository).
#
# Usage: scripts/bench.sh [--pages "1000 10000"] [--runs 5] [--minify off|on|both]
#                         [--theme minimal|default|both] [--seed 42] [--no-floor]
#                         [--no-default-site] [--bin PATH] [--tsv FILE] [--markdown]
#   --pages    page counts to build (default "1000 10000")
#   --runs     timed runs per row, after one untimed warm-up run (default 5)
#   --minify   the site.yaml `minify` setting(s) to build with (default both)
#   --theme    minimal templates (the equivalent of the other generators' benchmark
#              themes), the built-in default theme, or both (default minimal)
#   --bin      an already built reachout binary (default: cargo build --release)
#   --tsv      also write every run as tab-separated values to FILE
#   --markdown also print the results as one Markdown table (for docs/src/performance.md)
# Needs: cargo, python3 (for the timing). Corpora are cached in target/bench/ by count and
# seed; outputs go to /dev/shm (a temporary folder when there is no /dev/shm).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

pages="1000 10000"
runs=5
minify=both
theme=minimal
seed=42
floor=1
default_site=1
bin=""
tsv=""
format=text
while [ $# -gt 0 ]; do
  case "$1" in
    --pages) pages="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --minify) minify="$2"; shift 2 ;;
    --theme) theme="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --no-floor) floor=0; shift ;;
    --no-default-site) default_site=0; shift ;;
    --bin) bin="$2"; shift 2 ;;
    --tsv) tsv="$2"; shift 2 ;;
    --markdown) format=markdown; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$minify" in off) minifies="false" ;; on) minifies="true" ;; both) minifies="false true" ;;
  *) echo "bench.sh: --minify is off, on or both" >&2; exit 2 ;; esac
case "$theme" in minimal|default) themes="$theme" ;; both) themes="minimal default" ;;
  *) echo "bench.sh: --theme is minimal, default or both" >&2; exit 2 ;; esac
[ "$runs" -ge 1 ] 2>/dev/null || { echo "bench.sh: --runs must be a positive integer" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench.sh: python3 is needed for the timing" >&2; exit 1; }

echo "== building (cargo build --release)" >&2
if [ -z "$bin" ]; then
  cargo build --release --quiet --bin reachout --example corpus
  bin="$root/target/release/reachout"
else
  cargo build --release --quiet --example corpus
  bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
fi
gen="$root/target/release/examples/corpus"

if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  work="$(mktemp -d /dev/shm/reachout-bench.XXXXXX)"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/reachout-bench.XXXXXX")"
  echo "bench.sh: no writable /dev/shm; outputs go to $work (not tmpfs)" >&2
fi
trap 'rm -rf "$work"' EXIT
results="$work/results.tsv"
: >"$results"

# One timed run: `measure GROUP LABEL PAGES CMD...` appends wall s, CPU s (user + sys) and
# peak RSS (KiB, of the command and the children it waited for) to the results.
measure_py='
import os, sys, time
group, label, pages, results = sys.argv[1:5]
cmd = sys.argv[5:]
devnull = os.open(os.devnull, os.O_WRONLY)
t0 = time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t0
code = os.waitstatus_to_exitcode(status)
if code != 0:
    sys.exit(f"bench.sh: {cmd} failed with exit code {code}")
with open(results, "a") as f:
    f.write(f"{group}\t{label}\t{pages}\t{wall:.6f}\t{ru.ru_utime + ru.ru_stime:.6f}\t{ru.ru_maxrss}\n")
'
measure() { python3 -c "$measure_py" "$1" "$2" "$3" "$results" "${@:4}"; }

# Prints the results: one table per group, median [min-max] per column.
summary_py='
import sys, statistics
from collections import OrderedDict
groups = OrderedDict()
for line in open(sys.argv[1]):
    g, label, pages, wall, cpu, rss = line.rstrip("\n").split("\t")
    groups.setdefault(g, OrderedDict()).setdefault(label, []).append(
        (int(pages), float(wall), float(cpu), int(rss) / 1024))
def cell(values, fmt):
    med = statistics.median(values)
    return f"{fmt(med)} [{fmt(min(values))}-{fmt(max(values))}]"
s3 = lambda v: f"{v:.3f}"
s0 = lambda v: f"{v:,.0f}"
for g, rows in groups.items():
    n = len(next(iter(rows.values())))
    print(f"\n{g}  ({n} runs: median [min-max])")
    head = ("", "wall s", "CPU s", "peak MiB", "pages/s")
    table = [head]
    for label, runs in rows.items():
        pages = runs[0][0]
        table.append((label, cell([r[1] for r in runs], s3), cell([r[2] for r in runs], s3),
                      cell([r[3] for r in runs], s0),
                      cell([pages / r[1] for r in runs], s0) if pages else "-"))
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    for r in table:
        print("  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
if len(sys.argv) > 2 and sys.argv[2] == "markdown":
    print("\n| build | wall s | CPU s | peak MiB | pages/s |\n|---|---|---|---|---|")
    for g, rows in groups.items():
        for label, runs in rows.items():
            pages = runs[0][0]
            name = g if label == "reachout build" else f"{g}: {label}"
            rate = cell([pages / r[1] for r in runs], s0) if pages else "-"
            print(f"| {name} | {cell([r[1] for r in runs], s3)} | {cell([r[2] for r in runs], s3)} | "
                  f"{cell([r[3] for r in runs], s0)} | {rate} |")
'

# Header: what was measured, on what.
commit="unknown"
if [ -f .git/HEAD ]; then
  head_ref="$(cat .git/HEAD)"
  case "$head_ref" in
    ref:*) ref="${head_ref#ref: }"
      if [ -f ".git/$ref" ]; then commit="$(cut -c1-12 ".git/$ref")"
      elif [ -f .git/packed-refs ]; then commit="$(awk -v r="$ref" '$2 == r { print substr($1, 1, 12) }' .git/packed-refs)"; fi ;;
    *) commit="$(printf '%s' "$head_ref" | cut -c1-12)" ;;
  esac
fi
cpu_model="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
mem_gib="$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)"
echo "reachout build benchmark, $(date -u +%Y-%m-%d), commit ${commit:-unknown}"
echo "$("$bin" --version), $(nproc) cores (${cpu_model:-unknown cpu}), ${mem_gib:-?} GiB, output in $work"
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') (other work on the machine skews the numbers)"

corpus_dir() { # COUNT THEME
  local dir="$root/target/bench/corpus-$1-seed$seed-$2"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    local extra=()
    [ "$2" = default ] && extra+=(--default-theme)
    "$gen" "$1" "$seed" "$dir" "${extra[@]}" >&2
    touch "$dir/.complete"
  fi
  printf '%s' "$dir"
}

for n in $pages; do
  for th in $themes; do
    echo "== $n pages, $th templates" >&2
    dir="$(corpus_dir "$n" "$th")"
    total=$((n + 5)) # + the home page and the four section intros
    for m in $minifies; do
      sed -i "s/^minify: .*/minify: $m/" "$dir/site.yaml"
      out="$work/out-$n-$th-$m"
      label="reachout build"
      [ "$m" = true ] && mlabel="minify on" || mlabel="minify off"
      group="$n pages, $th templates, $mlabel"
      "$bin" build -r "$dir" -o "$out" >/dev/null # warm-up: page cache, and fails loudly
      for _ in $(seq "$runs"); do
        rm -rf "$out"
        measure "$group" "$label" "$total" "$bin" build -r "$dir" -o "$out"
      done
      if [ "$floor" = 1 ] && [ "$m" = false ] && [ "$th" = minimal ]; then
        # The copy floor: read every input file, write the same output tree (same files,
        # same bytes) with cp. No generator can beat it on this machine.
        for _ in $(seq "$runs"); do
          rm -rf "$work/floor"
          measure "$group" "copy floor" "$total" sh -c \
            'find "$1/content" -type f -exec cat {} + >/dev/null && cp -r "$2" "$3"' \
            sh "$dir" "$out" "$work/floor"
        done
        rm -rf "$work/floor"
      fi
      rm -rf "$out"
    done
  done
done

if [ "$default_site" = 1 ]; then
  echo "== the default site" >&2
  group="the default site (this repository), cold process"
  out="$work/default-site"
  "$bin" build -r "$root" -o "$out" >/dev/null
  default_runs=$((runs < 10 ? 10 : runs))
  for _ in $(seq "$default_runs"); do
    rm -rf "$out"
    measure "$group" "reachout build" 0 "$bin" build -r "$root" -o "$out"
  done
fi

if [ -n "$tsv" ]; then
  { printf 'group\tlabel\tpages\twall_s\tcpu_s\tpeak_kib\n'; cat "$results"; } >"$tsv"
fi
python3 -c "$summary_py" "$results" "$format"
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
