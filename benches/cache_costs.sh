#!/usr/bin/env bash
# What the cache costs when a command touches little of it: a fetch that
# finds nothing new (1 and 5 topics, over a 2,000- and a 100,000-paper
# cache) and the whole-cache commands (stats, export, search, list as JSON,
# ranked, a piped table, BibTeX, Atom and a three-topic Markdown page)
# over the large one. Search is measured twice, with its index (search/)
# in place and with it deleted before each run (the first search builds
# it), interleaved with Python's json.load of the same shards, the
# baseline it is compared with.
# Whole-process figures: median user+sys CPU of each child (from wait4, so
# the feed server's CPU is never counted), median wall beside it, largest
# peak RSS. Never touches the network: fetches go to
# compare_python/feed_server.py on 127.0.0.1, with no pause between requests.
#
#   benches/cache_costs.sh [RUNS]    RUNS defaults to 7 (five times that for the fetches)
#   PAPERS_BEFORE=/path/to/old/papers benches/cache_costs.sh
#       also runs an older binary, paired with this one (A B, B A, ...) on
#       its own copy of each cache, and prints both with their ratio
#   PAPERS_BENCH_PAPERS=20000 benches/cache_costs.sh 3    a quicker look
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-7}"
paper_count="${PAPERS_BENCH_PAPERS:-100000}"
# The small cache is always 2,000 papers; the large one must be larger.
if [[ ! $paper_count =~ ^[0-9]+$ ]] || ((paper_count <= 2000)); then
  echo "cache_costs: PAPERS_BENCH_PAPERS must be a whole number above 2000, not '$paper_count'" >&2
  exit 2
fi
before="${PAPERS_BEFORE:-}"

cargo build --release --locked --bin papers --example synthetic_cache
target_dir="$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"

work="$(mktemp -d "${TMPDIR:-/tmp}/cache_costs.XXXXXX")"
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for size in 2000 "$paper_count"; do
  echo "writing a $size-paper cache..." >&2
  "$target_dir/release/examples/synthetic_cache" \
    --papers "$size" --months 48 --out "$work/cache-$size" >/dev/null
done

# One page of 100 entries, whatever the query: the seed fetch stores them,
# every later fetch finds them all held.
python3 benches/compare_python/feed_server.py --entries 100 --port-file "$work/port" &
server_pid=$!
for _ in $(seq 300); do
  [[ -s $work/port ]] && break
  sleep 0.1
done
[[ -s $work/port ]] || { echo "cache_costs: the feed server did not start" >&2; exit 1; }

python3 - "$target_dir/release/papers" "$before" "$work" "$runs" "$paper_count" "$(<"$work/port")" <<'PY'
import os
import shutil
import statistics
import subprocess
import sys
import time

after, before, work, runs, big, port = sys.argv[1:]
runs, big = int(runs), int(big)
binaries = [("after", after)] + ([("before", before)] if before else [])

# COLUMNS would fit the piped table to a width instead of measuring it.
env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERS_") and k != "COLUMNS"}
env["HOME"] = os.path.join(work, "home")
env["XDG_CONFIG_HOME"] = os.path.join(work, "config")
env["NO_COLOR"] = "1"

TOPICS = ["npu", "edge-inference", "mobile-llm", "llm-acceleration", "moe-inference"]


def config(path, topics):
    with open(path, "w") as out:
        out.write(
            f'[arxiv]\napi_url = "http://127.0.0.1:{port}/api/query"\n'
            "delay_secs = 0.0\npage_size = 100\nmax_results = 100\nretries = 0\n\n"
            # Only arXiv is measured; Hugging Face would be a second host.
            "[huggingface]\nenabled = false\n\n"
        )
        for name in topics:
            out.write(f'[[topics]]\nname = "{name}"\nkeywords = ["{name}"]\n\n')
    return path


one = config(os.path.join(work, "one.toml"), TOPICS[:1])
five = config(os.path.join(work, "five.toml"), TOPICS)


def run_once(argv):
    """CPU seconds (user+sys), wall seconds, peak RSS bytes of one child."""
    with open(os.devnull, "wb") as devnull, open(os.path.join(work, "stderr"), "w+b") as err:
        actions = [(os.POSIX_SPAWN_DUP2, devnull.fileno(), 1), (os.POSIX_SPAWN_DUP2, err.fileno(), 2)]
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.exit(f"{' '.join(argv)} failed: {err.read().decode(errors='replace')}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss * 1024


# Each binary gets its own copy of each cache, seeded by one fetch of all
# five topics (so every topic has its fetch state and the feed's papers).
caches = {}
for label, binary in binaries:
    for size in (2000, big):
        cache = os.path.join(work, f"{label}-{size}")
        shutil.copytree(os.path.join(work, f"cache-{size}"), cache)
        run_once([binary, "--config", five, "--cache-dir", cache, "fetch"])
        caches[label, size] = cache

def papers(args):
    """A papers command line on each binary's copy of the caches."""
    return lambda binary, c: [binary, *args(c)]


# The baseline issue 13 measures search against: Python merely reading every
# shard of the same cache (json.load), run by this script's interpreter.
PYTHON_LOAD = (
    "import glob, json, os, sys\n"
    "for f in glob.glob(os.path.join(sys.argv[1], 'shards', '*.json')):\n"
    "    with open(f) as fh:\n"
    "        json.load(fh)\n"
)


def drop_search_index(c):
    """Untimed, before each run: the search finds no index and builds it."""
    shutil.rmtree(os.path.join(c[big], "search"), ignore_errors=True)


SEARCH = ["search", "sparse attention"]
JSON_LOAD = f"python3 json.load of every shard, {big:,} papers"
FIRST_SEARCH = f"search 'sparse attention', no index yet (builds it), {big:,} papers"
WARM_SEARCH = f"search 'sparse attention', {big:,} papers"
# --author is decided by the papers alone: the search reads every shard.
AUTHOR_SEARCH = f"search 'sparse attention' --author smith (reads the shards), {big:,} papers"
STATS = f"stats, {big:,} papers"
EXPORT = f"export, {big:,} papers"
LIST_JSON = f"list --format json, {big:,} papers"
LIST_SCORE = f"list --sort score -n 20, {big:,} papers"
# The default table, piped (as to grep): widths measured in a first pass.
LIST_TABLE = f"list (a table, piped), {big:,} papers"
LIST_BIBTEX = f"list --format bibtex, {big:,} papers"
LIST_ATOM = f"list --format atom, {big:,} papers"
# The daily topic page's shape: a section per topic, a pass per topic.
PAGE_TOPICS = ["npu", "edge-inference", "moe-inference"]
LIST_PAGE = f"list --format markdown, {len(PAGE_TOPICS)} topics, {big:,} papers"

# Each group's rows are measured interleaved (one run of each, then again),
# so a group shares whatever the machine was doing; (name, command, prepare).
groups = [
    [(f"fetch, nothing new, 1 topic, {2000:,} papers", papers(lambda c: ["--config", one, "--cache-dir", c[2000], "fetch"]), None)],
    [(f"fetch, nothing new, 5 topics, {2000:,} papers", papers(lambda c: ["--config", five, "--cache-dir", c[2000], "fetch"]), None)],
    [(f"fetch, nothing new, 1 topic, {big:,} papers", papers(lambda c: ["--config", one, "--cache-dir", c[big], "fetch"]), None)],
    [(f"fetch, nothing new, 5 topics, {big:,} papers", papers(lambda c: ["--config", five, "--cache-dir", c[big], "fetch"]), None)],
    [(STATS, papers(lambda c: ["--cache-dir", c[big], "stats"]), None)],
    [(EXPORT, papers(lambda c: ["--cache-dir", c[big], "export"]), None)],
    [
        (JSON_LOAD, lambda binary, c: [sys.executable, "-c", PYTHON_LOAD, c[big]], None),
        (FIRST_SEARCH, papers(lambda c: ["--cache-dir", c[big], *SEARCH]), drop_search_index),
        (WARM_SEARCH, papers(lambda c: ["--cache-dir", c[big], *SEARCH]), None),
    ],
    [(AUTHOR_SEARCH, papers(lambda c: ["--cache-dir", c[big], *SEARCH, "--author", "smith"]), None)],
    [(LIST_JSON, papers(lambda c: ["--cache-dir", c[big], "list", "--format", "json"]), None)],
    [(LIST_SCORE, papers(lambda c: ["--cache-dir", c[big], "list", "--sort", "score", "-n", "20"]), None)],
    [(LIST_TABLE, papers(lambda c: ["--cache-dir", c[big], "list"]), None)],
    [(LIST_BIBTEX, papers(lambda c: ["--cache-dir", c[big], "list", "--format", "bibtex"]), None)],
    [(LIST_ATOM, papers(lambda c: ["--cache-dir", c[big], "list", "--format", "atom"]), None)],
    [(LIST_PAGE, papers(lambda c: ["--cache-dir", c[big], "list", "--format", "markdown",
                                   *(arg for topic in PAGE_TOPICS for arg in ("--topic", topic))]), None)],
]
measures = [measure for group in groups for measure in group]
FETCH_RUNS_FACTOR = 5

results = {}
for group in groups:
    samples = {(name, label): [] for name, _, _ in group for label, _ in binaries}

    def run_all(record, backwards=False):
        # Paired, alternating which goes first (A B, B A, ...): a process
        # can run slower right after another, whichever binary it is.
        order = binaries[::-1] if backwards else binaries
        for name, command, prepare in group:
            for label, binary in order:
                cache_of = {s: caches[label, s] for s in (2000, big)}
                if prepare:
                    prepare(cache_of)
                sample = run_once(command(binary, cache_of))
                if record:
                    samples[name, label].append(sample)

    run_all(record=False)  # untimed: warms the page cache
    # A nothing-new fetch is a ~10 ms process whose CPU swings by a third
    # from run to run; its ratios need more runs than the long commands.
    fetches_only = all(name.startswith("fetch") for name, _, _ in group)
    for run in range(runs * FETCH_RUNS_FACTOR if fetches_only else runs):
        run_all(record=True, backwards=run % 2 == 1)
    for (name, label), got in samples.items():
        results[name, label] = (
            statistics.median(s[0] for s in got),
            statistics.median(s[1] for s in got),
            max(s[2] for s in got),
        )

MB = 1e6
cache_mb = int(subprocess.check_output(["du", "-sb", caches["after", big]]).split()[0]) / MB
shards_mb = int(subprocess.check_output(["du", "-sb", os.path.join(caches["after", big], "shards")]).split()[0]) / MB
print(
    f"{runs} paired runs each ({runs * FETCH_RUNS_FACTOR} of the fetches) after one warm-up; "
    "median CPU (user+sys) and wall, largest peak RSS; "
    f"{big:,}-paper cache {cache_mb:.0f} MB (du -sb); load average {os.getloadavg()[0]:.1f} "
    f"on {os.cpu_count()} CPUs"
)
header = "| measure | " + " | ".join(f"{label} CPU | {label} wall | {label} RSS" for label, _ in binaries)
header += " | CPU after/before |" if before else " |"
print(header)
print("|" + "---|" * (1 + 3 * len(binaries) + (1 if before else 0)))
for name, _, _ in measures:
    cells = []
    for label, _ in binaries:
        cpu, wall, rss = results[name, label]
        cells += [f"{cpu * 1e3:.0f} ms", f"{wall * 1e3:.0f} ms", f"{rss / MB:.0f} MB"]
    if before:
        cells.append(f"{results[name, 'after'][0] / results[name, 'before'][0]:.2f}")
    print(f"| {name} | " + " | ".join(cells) + " |")


def ratio(a, b, label):
    return results[a, label][0] / results[b, label][0]


for label, _ in binaries:
    n = lambda topics, size: f"fetch, nothing new, {topics}, {size:,} papers"
    print(
        f"{label}: 5 topics / 1 topic on {big:,}: {ratio(n('5 topics', big), n('1 topic', big), label):.2f}x "
        f"(target <= 1.5); 1 topic {big:,} / {2000:,}: "
        f"{ratio(n('1 topic', big), n('1 topic', 2000), label):.2f}x (target <= 1.3)"
    )

for label, _ in binaries:
    load_wall = results[JSON_LOAD, label][1]
    print(
        f"{label}: search / python json.load, wall: {results[WARM_SEARCH, label][1] / load_wall:.3f}x "
        f"(target < 0.1); first search, building the index: "
        f"{results[FIRST_SEARCH, label][1] / load_wall:.2f}x"
    )

# Issue 13's memory target: whole-cache commands peak under 1.5x the cache
# (taken as its shards alone, the stricter reading).
WHOLE = [("stats", STATS), ("export", EXPORT), ("search", WARM_SEARCH),
         ("first search", FIRST_SEARCH), ("search --author", AUTHOR_SEARCH),
         ("list --format json", LIST_JSON), ("list --sort score -n 20", LIST_SCORE),
         ("list (table)", LIST_TABLE), ("list --format bibtex", LIST_BIBTEX), ("list --format atom", LIST_ATOM),
         ("markdown page", LIST_PAGE)]
for label, _ in binaries:
    shares = ", ".join(f"{short} {results[name, label][2] / MB / shards_mb:.2f}x" for short, name in WHOLE)
    print(f"{label}: peak RSS / shards ({shards_mb:.0f} MB): {shares} (target < 1.5)")
PY
