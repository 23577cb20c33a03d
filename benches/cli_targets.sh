#!/usr/bin/env bash
# Whole-process performance targets of `papers` over a synthetic cache:
# builds the release binary, writes a 100,000-paper cache into a temporary
# directory with examples/synthetic_cache.rs, runs each measured command
# RUNS times (after one untimed run to warm the page cache) and prints the
# medians against the targets. Never touches the network.
#
#   benches/cli_targets.sh [RUNS]          RUNS defaults to 10
#   PAPERS_BENCH_PAPERS=20000 benches/cli_targets.sh 3    a quicker look
#
# Exits 1 when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-10}"
paper_count="${PAPERS_BENCH_PAPERS:-100000}"

cargo build --release --locked --bin papers --example synthetic_cache
# Honours CARGO_TARGET_DIR and cargo config alike.
target_dir="$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "writing a $paper_count-paper cache..." >&2
"$target_dir/release/examples/synthetic_cache" \
  --papers "$paper_count" --months 48 --out "$work/cache" >/dev/null

python3 - "$target_dir/release/papers" "$work" "$runs" <<'PY'
import os
import statistics
import subprocess
import sys
import time

papers, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
cache = os.path.join(work, "cache")

# The built-in default config, whatever the user has: no PAPERS_* variables
# and an empty config home.
env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERS_")}
env["HOME"] = os.path.join(work, "home")
env["XDG_CONFIG_HOME"] = os.path.join(work, "config")
env["NO_COLOR"] = "1"


def run_once(args):
    """Wall seconds, CPU seconds (user+sys) and peak RSS bytes of one run.

    wait4 reports the rusage of that one child, so each run's peak RSS is its
    own (RUSAGE_CHILDREN would give the maximum over all runs so far)."""
    argv = [papers, *args]
    with open(os.devnull, "wb") as devnull, open(os.path.join(work, "stderr"), "w+b") as err:
        actions = [
            (os.POSIX_SPAWN_DUP2, devnull.fileno(), 1),
            (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
        ]
        start = time.perf_counter()
        pid = os.posix_spawn(papers, argv, env, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.exit(f"{' '.join(argv)} failed ({status}): {err.read().decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def measure(args):
    """Median wall, median CPU, largest peak RSS."""
    run_once(args)  # untimed: warms the page cache like any repeated use
    samples = [run_once(args) for _ in range(runs)]
    return (
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
        max(s[2] for s in samples),
    )


cache_bytes = int(subprocess.check_output(["du", "-sb", cache]).split()[0])
topic_args = ["--cache-dir", cache, "list", "--topic", "npu", "--since", "30d"]
all_json_args = ["--cache-dir", cache, "list", "--format", "json"]
listed = subprocess.run(
    [papers, *topic_args, "--format", "csv"], env=env, capture_output=True, check=True
).stdout.count(b"\r\n") - 1

topic_wall, topic_cpu, topic_rss = measure(topic_args)
json_wall, json_cpu, json_rss = measure(all_json_args)
help_wall, help_cpu, _ = measure(["--help"])

MB = 1e6
rows = [
    (
        "list --topic npu --since 30d: wall",
        f"{topic_wall * 1e3:.0f} ms (cpu {topic_cpu * 1e3:.0f})",
        "< 250 ms",
        topic_wall < 0.25,
    ),
    (
        "list --format json (all): wall",
        f"{json_wall * 1e3:.0f} ms (cpu {json_cpu * 1e3:.0f})",
        "< 1000 ms",
        json_wall < 1.0,
    ),
    (
        "list --topic npu --since 30d: peak RSS",
        f"{topic_rss / MB:.0f} MB ({topic_rss / cache_bytes:.2f}x)",
        "< 3x cache",
        topic_rss < 3 * cache_bytes,
    ),
    (
        "list --format json (all): peak RSS",
        f"{json_rss / MB:.0f} MB ({json_rss / cache_bytes:.2f}x)",
        "< 3x cache",
        json_rss < 3 * cache_bytes,
    ),
    (
        "papers --help: wall",
        f"{help_wall * 1e3:.1f} ms (cpu {help_cpu * 1e3:.1f})",
        "< 10 ms",
        help_wall < 0.010,
    ),
]

load = os.getloadavg()[0]
print(
    f"cache: {cache_bytes / MB:.0f} MB on disk (du -sb), "
    f"{listed} papers in npu since 30d; {runs} runs each (median wall and user+sys cpu, "
    f"largest peak RSS); "
    f"load average {load:.1f} on {os.cpu_count()} CPUs"
)
header = ("measure", "measured", "target")
widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
print(f"{header[0]:<{widths[0]}}  {header[1]:>{widths[1]}}  {header[2]:<{widths[2]}}  result")
for name, value, target, ok in rows:
    print(f"{name:<{widths[0]}}  {value:>{widths[1]}}  {target:<{widths[2]}}  {'pass' if ok else 'FAIL'}")
sys.exit(0 if all(row[3] for row in rows) else 1)
PY
