#!/usr/bin/env bash
# The build benchmark of the book's "Performance" page (docs/src/performance.md): builds
# corpora of N pages into a tmpfs folder and prints, per page count, theme and minify
# setting, the median and range of wall time, CPU time (user + sys), peak memory (max RSS)
# and pages/s over several runs, and the output's size (bytes, bytes per page). Also times
# the copy floor (read every input file, write the same output tree with cp) and a cold
# `reachout build` of the default site (this repository).
#
# Usage: scripts/bench.sh [--pages "1000 10000"] [--runs 5] [--minify off|on|both]
#                         [--theme minimal|default|both] [--corpus issue17|synthetic]
#                         [--seed S] [--zola PATH] [--no-floor] [--no-default-site]
#                         [--bin PATH] [--tsv FILE] [--markdown]
#   --pages    page counts to build (default "1000 10000")
#   --runs     timed runs per row, after one untimed warm-up run (default 5)
#   --minify   the site.yaml `minify` setting(s) to build with (default both)
#   --theme    minimal templates (the equivalent of the other generators' benchmark
#              themes), the built-in default theme, or both (default both)
#   --corpus   issue17 (default): scripts/corpus.py, issue 17's corpus (days 5%, myths 20%,
#              messages 50%, pages 25%; 4-6 KB pages; seed 20240101), the one Zola builds
#              too; synthetic: benches/support/corpus.rs (the corpus of issue 6; seed 42)
#   --seed     the corpus seed (default: the corpus's own)
#   --zola     a Zola binary (0.22), or `npm` for scripts/get-zola.sh's: builds the same
#              issue17 corpus in the same runs, interleaved with reachout's, and prints
#              reachout/Zola ratios
#   --bin      an already built reachout binary (default: cargo build --release)
#   --tsv      also write every run as tab-separated values to FILE
#   --markdown also print the results as one Markdown table (for docs/src/performance.md)
# Needs: cargo, python3 (for the timing and the issue17 corpus). Corpora are cached in
# target/bench/ by corpus, count, seed and theme; outputs go to /dev/shm (a temporary folder
# when there is no /dev/shm).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

pages="1000 10000"
runs=5
minify=both
theme=both
corpus=issue17
seed=""
zola=""
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
    --corpus) corpus="$2"; shift 2 ;;
    --zola) zola="$2"; shift 2 ;;
    --no-floor) floor=0; shift ;;
    --no-default-site) default_site=0; shift ;;
    --bin) bin="$2"; shift 2 ;;
    --tsv) tsv="$2"; shift 2 ;;
    --markdown) format=markdown; shift ;;
    -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$minify" in off) minifies="false" ;; on) minifies="true" ;; both) minifies="false true" ;;
  *) echo "bench.sh: --minify is off, on or both" >&2; exit 2 ;; esac
case "$theme" in minimal|default) themes="$theme" ;; both) themes="minimal default" ;;
  *) echo "bench.sh: --theme is minimal, default or both" >&2; exit 2 ;; esac
case "$corpus" in issue17) seed="${seed:-20240101}" ;; synthetic) seed="${seed:-42}" ;;
  *) echo "bench.sh: --corpus is issue17 or synthetic" >&2; exit 2 ;; esac
if [ -n "$zola" ]; then
  [ "$corpus" = issue17 ] || { echo "bench.sh: --zola needs --corpus issue17" >&2; exit 2; }
  [ "$zola" = npm ] && zola="$(scripts/get-zola.sh)"
  zola="$(command -v "$zola" || true)"
  [ -x "$zola" ] || { echo "bench.sh: --zola: no such program" >&2; exit 2; }
fi
[ "$runs" -ge 1 ] 2>/dev/null || { echo "bench.sh: --runs must be a positive integer" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench.sh: python3 is needed for the timing" >&2; exit 1; }

# The corpus example writes the synthetic corpus and the minimal templates: built only then.
needs_gen=0
{ [ "$corpus" = synthetic ] || [ "$theme" != default ]; } && needs_gen=1
echo "== building (cargo build --release)" >&2
if [ -z "$bin" ]; then
  cargo build --release --quiet --bin reachout --example corpus
  bin="$root/target/release/reachout"
else
  [ "$needs_gen" = 1 ] && cargo build --release --quiet --example corpus
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

# Prints the results: one table per group, median [min-max] per column, the output's size,
# and reachout/Zola ratios when Zola ran. Arguments: RESULTS FORMAT SIZES.
summary_py='
import sys, statistics
from collections import OrderedDict
groups = OrderedDict()
for line in open(sys.argv[1]):
    g, label, pages, wall, cpu, rss = line.rstrip("\n").split("\t")
    groups.setdefault(g, OrderedDict()).setdefault(label, []).append(
        (int(pages), float(wall), float(cpu), int(rss) / 1024))
sizes = {}
for line in open(sys.argv[3]):
    g, label, size, files = line.rstrip("\n").split("\t")
    sizes[(g, label)] = (int(size), int(files))
def cell(values, fmt):
    med = statistics.median(values)
    return f"{fmt(med)} [{fmt(min(values))}-{fmt(max(values))}]"
s3 = lambda v: f"{v:.3f}"
s0 = lambda v: f"{v:,.0f}"
def out_cells(g, label, pages):
    size = sizes.get((g, label))
    if not size:
        return ("-", "-")
    return (f"{size[0] / 1e6:,.1f}", f"{size[0] / pages / 1024:,.1f}" if pages else "-")
def row(g, label, runs):
    pages = runs[0][0]
    return (cell([r[1] for r in runs], s3), cell([r[2] for r in runs], s3),
            cell([r[3] for r in runs], s0),
            cell([pages / r[1] for r in runs], s0) if pages else "-") + out_cells(g, label, pages)
def ratios(g, rows):
    if "reachout build" not in rows or "zola build" not in rows:
        return None
    med = lambda runs, k: statistics.median(r[k] for r in runs)
    a, z = rows["reachout build"], rows["zola build"]
    parts = [f"{name} {med(a, k) / med(z, k):.2f}x" for name, k in (("wall", 1), ("CPU", 2), ("peak RSS", 3))]
    sa, sz = sizes.get((g, "reachout build")), sizes.get((g, "zola build"))
    if sa and sz:
        parts.append(f"output bytes {sa[0] / sz[0]:.2f}x")
    return "reachout / Zola (paired, medians): " + ", ".join(parts)
head = ("", "wall s", "CPU s", "peak MiB", "pages/s", "output MB", "KB/page")
for g, rows in groups.items():
    n = len(next(iter(rows.values())))
    print(f"\n{g}  ({n} runs: median [min-max])")
    table = [head] + [(label,) + row(g, label, runs) for label, runs in rows.items()]
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    for r in table:
        print("  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    if ratios(g, rows):
        print("  " + ratios(g, rows))
if len(sys.argv) > 2 and sys.argv[2] == "markdown":
    print("\n| build | wall s | CPU s | peak MiB | pages/s | output MB | KB/page |\n|---|---|---|---|---|---|---|")
    for g, rows in groups.items():
        for label, runs in rows.items():
            name = g if label == "reachout build" else f"{g}: {label}"
            print("| " + " | ".join((name,) + row(g, label, runs)) + " |")
    for g, rows in groups.items():
        if ratios(g, rows):
            print(f"\n{g}: {ratios(g, rows)}")
'

# Header: what was measured, on what.
commit="$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
if [ "$commit" = unknown ] && [ -f .git/HEAD ]; then
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

# The site folder of a corpus (cached): COUNT THEME. An issue17 corpus also holds the same
# pages as a Zola site in ../zola.
corpus_dir() {
  local dir="$root/target/bench/$corpus-$1-seed$seed-$2"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$corpus" = issue17 ]; then
      python3 "$root/scripts/corpus.py" "$1" "$dir/site" --seed "$seed" --zola "$dir/zola" >&2
      if [ "$2" = minimal ]; then # the synthetic corpus's minimal templates, no pages
        "$gen" 0 "$seed" "$dir/templates-only" >/dev/null
        mv "$dir/templates-only/templates" "$dir/site/templates"
        rm -rf "$dir/templates-only"
      fi
    else
      local extra=()
      [ "$2" = default ] && extra+=(--default-theme)
      "$gen" "$1" "$seed" "$dir/site" "${extra[@]}" >&2
    fi
    touch "$dir/.complete"
  fi
  printf '%s' "$dir"
}

# Records the size of an output folder: GROUP LABEL DIR (bytes and files, for the summary).
sizes="$work/sizes.tsv"
: >"$sizes"
record_size() {
  local bytes files
  bytes="$(find "$3" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')"
  files="$(find "$3" -type f | wc -l)"
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$bytes" "$files" >>"$sizes"
}

for n in $pages; do
  for th in $themes; do
    echo "== $n pages, $th templates ($corpus corpus)" >&2
    dir="$(corpus_dir "$n" "$th")"
    site="$dir/site"
    total=$((n + 5)) # + the home page and the four section pages
    # Zola builds its own bare templates: it runs beside the default theme, the issue's target.
    with_zola=0
    [ -n "$zola" ] && [ "$th" = default ] && with_zola=1
    for m in $minifies; do
      sed -i "s/^minify: .*/minify: $m/" "$site/site.yaml"
      out="$work/out-$n-$th-$m"
      zout="$work/zola-$n-$m"
      label="reachout build"
      [ "$m" = true ] && mlabel="minify on" || mlabel="minify off"
      group="$n pages, $th templates, $mlabel"
      "$bin" build -r "$site" -o "$out" >/dev/null # warm-up: page cache, and fails loudly
      if [ "$with_zola" = 1 ]; then
        sed -i "s/^minify_html = .*/minify_html = $m/" "$dir/zola/config.toml"
        "$zola" --root "$dir/zola" build --output-dir "$zout" --force >/dev/null
      fi
      for _ in $(seq "$runs"); do
        rm -rf "$out"
        measure "$group" "$label" "$total" "$bin" build -r "$site" -o "$out"
        if [ "$with_zola" = 1 ]; then # interleaved: both see the same machine load
          rm -rf "$zout"
          measure "$group" "zola build" "$total" "$zola" --root "$dir/zola" build --output-dir "$zout" --force
        fi
      done
      record_size "$group" "$label" "$out"
      [ "$with_zola" = 1 ] && record_size "$group" "zola build" "$zout"
      if [ "$floor" = 1 ] && [ "$m" = false ] && [ "$th" = minimal ]; then
        # The copy floor: read every input file, write the same output tree (same files,
        # same bytes) with cp. No generator can beat it on this machine.
        for _ in $(seq "$runs"); do
          rm -rf "$work/floor"
          measure "$group" "copy floor" "$total" sh -c \
            'find "$1/content" -type f -exec cat {} + >/dev/null && cp -r "$2" "$3"' \
            sh "$site" "$out" "$work/floor"
        done
        rm -rf "$work/floor"
      fi
      rm -rf "$out" "$zout"
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
  record_size "$group" "reachout build" "$out"
fi

if [ -n "$tsv" ]; then
  { printf 'group\tlabel\tpages\twall_s\tcpu_s\tpeak_kib\n'; cat "$results"; } >"$tsv"
fi
python3 -c "$summary_py" "$results" "$format" "$sizes"
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
