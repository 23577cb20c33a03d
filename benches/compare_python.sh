#!/usr/bin/env bash
# Compares the CPU cost of `papers fetch` with the Python arXiv client
# (the `arxiv` package on PyPI, arxiv.py) fetching and parsing the same N
# papers from the same local feed. Manual benchmark: cargo never runs it.
#
#   benches/compare_python.sh [--entries N] [--runs R] [--page-size P] [--verbose]
#
# Steps: build the release binary; start benches/compare_python/feed_server.py
# on 127.0.0.1 (a port the OS picks) serving an N-entry search feed built from
# tests/fixtures/arxiv; install arxiv into a throw-away venv; then, R times
# each (after one unmeasured warm-up), run both clients as whole processes
# and record their user+sys CPU time. Prints medians and the ratio
# python/papers. When the result fits on one page it also times two
# floors, examples/parse_floor.rs: roxmltree's tree of the saved page and
# nothing else, and the same after a reqwest GET of it; what papers spends
# beyond them is extraction, storing and start-up (timed alone as
# `papers --version`, as `import arxiv` is for Python). Never contacts arxiv.org.
#
# Environment: ENTRIES, RUNS, PAGE_SIZE as defaults for the options;
# ARXIV_VERSION to try another release of the Python package;
# PAPERS_BEFORE=/path/to/older/papers also times that binary, interleaved
# with the others, so a change is measured against its baseline in one run.
set -euo pipefail

# arxiv 4.0.2 is the newest release on PyPI as of 2026-11 (`pip index versions
# arxiv`: 4.0.2, 4.0.1, 4.0.0, 3.0.0, 2.4.1, ...). 4.x parses with lxml, where
# 2.x/3.x used feedparser.
ARXIV_VERSION=${ARXIV_VERSION:-4.0.2}
entries=${ENTRIES:-1000}
runs=${RUNS:-5}
page_size=${PAGE_SIZE:-100}
before=${PAPERS_BEFORE:-}
server_flags=()

die() {
    echo "compare_python.sh: $*" >&2
    exit 1
}

usage() {
    sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"
}

while (($#)); do
    case $1 in
        --entries) entries=${2:?--entries needs a number}; shift 2 ;;
        --runs) runs=${2:?--runs needs a number}; shift 2 ;;
        --page-size) page_size=${2:?--page-size needs a number}; shift 2 ;;
        --verbose) server_flags+=(--verbose); shift ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown argument '$1' (try --help)" ;;
    esac
done

# A whole number from 1 to MAX, or a one-line error. The pattern is checked
# first so that arithmetic never sees arbitrary text.
need_count() { # option, value, MAX
    if [[ ! $2 =~ ^[1-9][0-9]{0,5}$ ]] || (($2 > $3)); then
        die "$1 must be a whole number from 1 to $3, not '$2'"
    fi
}
# papers reads at most 10,000 papers per topic (arXiv pages no deeper) and
# asks for at most 2,000 per request: the bounds of its own config.
need_count --entries "$entries" 10000
need_count --page-size "$page_size" 2000
need_count --runs "$runs" 1000

command -v python3 >/dev/null || die "python3 is not installed; it runs the feed server and the Python client"
python3 -c 'import venv, ensurepip' 2>/dev/null ||
    die "python3 cannot create virtual environments (on Debian/Ubuntu: apt-get install python3-venv)"
command -v cargo >/dev/null || die "cargo is not installed; it builds papers"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
helpers=$here/compare_python

tmp=$(mktemp -d "${TMPDIR:-/tmp}/compare_python.XXXXXX")
server_pid=
cleanup() {
    if [[ -n $server_pid ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
# Turn Ctrl-C and kill into a normal exit, so the EXIT trap cleans up.
trap 'exit 130' INT
trap 'exit 143' TERM

step() { echo "==> $*" >&2; }

# --- 1. papers ---------------------------------------------------------------
step "building papers (cargo build --release --locked)"
(cd "$repo" && cargo build --release --locked --quiet)
# Wherever CARGO_TARGET_DIR or a cargo config puts the build.
target_dir=$(cd "$repo" && cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
papers=$target_dir/release/papers
[[ -x $papers ]] || die "the build left no binary at $papers"
# The floor rows: roxmltree's tree of the page and nothing else (see
# examples/parse_floor.rs); they need the whole result on one page.
(cd "$repo" && cargo build --release --locked --quiet --example parse_floor)
parse_floor=$target_dir/release/examples/parse_floor
[[ -x $parse_floor ]] || die "the build left no binary at $parse_floor"
papers_version=$("$papers" --version)

# --- 2. the Python client -----------------------------------------------------
step "installing arxiv==$ARXIV_VERSION into a temporary venv"
python3 -m venv "$tmp/venv" || die "python3 -m venv failed"
venv_python=$tmp/venv/bin/python
if ! "$venv_python" -m pip install --quiet --disable-pip-version-check \
    "arxiv==$ARXIV_VERSION" >"$tmp/pip.log" 2>&1; then
    cat "$tmp/pip.log" >&2
    die "pip could not install arxiv==$ARXIV_VERSION"
fi
arxiv_version=$("$venv_python" -c 'import importlib.metadata as m; print(m.version("arxiv"))')

# --- 3. the feed server ---------------------------------------------------------
step "serving $entries entries on 127.0.0.1"
python3 "$helpers/feed_server.py" --entries "$entries" --port-file "$tmp/port" \
    ${server_flags[@]+"${server_flags[@]}"} &
server_pid=$!
# The server writes the port (atomically) once it listens; building 10,000
# entries takes it a moment.
for _ in $(seq 300); do
    [[ -s $tmp/port ]] && break
    kill -0 "$server_pid" 2>/dev/null || die "the feed server exited before listening"
    sleep 0.1
done
[[ -s $tmp/port ]] || die "the feed server did not start listening within 30 s"
port=$(<"$tmp/port")
api_url=http://127.0.0.1:$port/api/query

# Both clients must make ceil(N / page size) requests: the server counts them.
expected_requests=$(((entries + page_size - 1) / page_size))
http_get() { # URL: its body, as bytes, on stdout
    python3 -c 'import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1]).read())' "$1"
}
requests_served() {
    http_get "http://127.0.0.1:$port/_count"
}
page_url="$api_url?search_query=all:benchmark&start=0&max_results=$entries"
floors=$((expected_requests == 1))
if ((floors)); then
    http_get "$page_url" >"$tmp/page.xml" || die "cannot save the page for the floor rows"
fi
requests_served >/dev/null # reset the count

# papers: one topic, no pause between requests (the 3 s minimum only holds
# for arxiv.org hosts), no retries, a limit of exactly N.
cat >"$tmp/papers.toml" <<EOF
[arxiv]
api_url = "$api_url"
delay_secs = 0.0
page_size = $page_size
max_results = $entries
retries = 0
timeout_secs = 60

# The Python client reads arXiv only; so does this run.
[huggingface]
enabled = false

[[topics]]
name = "bench"
keywords = ["benchmark"]
EOF

# --- 4. the runs --------------------------------------------------------------
# Each run appends "user sys wall" to $1 (see timing.py).
run_papers() { # times file, binary (default: this build)
    local cache got served binary=${2:-$papers}
    # A fresh cache each time, so every run is a full first fetch.
    cache=$(mktemp -d "$tmp/cache.XXXXXX")
    if ! python3 "$helpers/timing.py" run "$1" -- \
        "$binary" --config "$tmp/papers.toml" --cache-dir "$cache" --color never fetch \
        >"$tmp/papers.log" 2>&1; then
        cat "$tmp/papers.log" >&2
        die "papers fetch failed"
    fi
    served=$(requests_served)
    got=$("$binary" --config "$tmp/papers.toml" --cache-dir "$cache" list --format json |
        python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
    [[ $got == "$entries" ]] || die "papers cached $got papers, expected $entries"
    [[ $served == "$expected_requests" ]] ||
        die "papers made $served requests, expected $expected_requests"
    rm -rf "$cache"
}

run_python() {
    local got served
    if ! python3 "$helpers/timing.py" run "$1" -- \
        "$venv_python" "$helpers/arxiv_fetch.py" --api-url "$api_url" \
        --entries "$entries" --page-size "$page_size" --delay 0 \
        >"$tmp/python.out" 2>"$tmp/python.log"; then
        cat "$tmp/python.log" >&2
        die "the Python client failed"
    fi
    served=$(requests_served)
    got=$(<"$tmp/python.out")
    [[ $got == "$entries" ]] || die "the Python client got $got distinct papers, expected $entries"
    [[ $served == "$expected_requests" ]] ||
        die "the Python client made $served requests, expected $expected_requests"
}

# What the Python row pays before its first request: the interpreter and the
# imports of arxiv, requests and lxml. Shown for scale, not subtracted.
run_python_import() {
    python3 "$helpers/timing.py" run "$1" -- "$venv_python" -c 'import arxiv' ||
        die "the venv cannot import arxiv"
}

run_papers_version() {
    python3 "$helpers/timing.py" run "$1" -- "$papers" --version >/dev/null ||
        die "papers --version failed"
}

run_floor() { # times file, page file or URL
    local nodes
    nodes=$(python3 "$helpers/timing.py" run "$1" -- "$parse_floor" "$2") ||
        die "parse_floor $2 failed"
    ((nodes > entries)) || die "parse_floor found $nodes nodes in a page of $entries entries"
    requests_served >/dev/null # the URL floor's request is no client's
}

if [[ -n $before ]]; then
    [[ -x $before ]] || die "PAPERS_BEFORE=$before is not an executable"
    before_version="$("$before" --version) (PAPERS_BEFORE)"
fi

step "warm-up run of each client (not measured)"
run_papers "$tmp/warmup.times"
[[ -z $before ]] || run_papers "$tmp/warmup.times" "$before"
run_python "$tmp/warmup.times"
run_python_import "$tmp/warmup.times"
run_papers_version "$tmp/warmup.times"
if ((floors)); then
    run_floor "$tmp/warmup.times" "$tmp/page.xml"
    run_floor "$tmp/warmup.times" "$page_url"
fi

# One run of each client, in order or, every other time, in reverse (A B C
# D, D C B A, ...): a process runs measurably slower right after some
# others (two copies of one binary differed by a fifth when one always ran
# first), and alternating spreads that over every client alike.
run_round() { # forwards | backwards
    local clients=(papers before python import version file_floor http_floor) client
    if [[ $1 == backwards ]]; then
        clients=(http_floor file_floor version import python before papers)
    fi
    for client in "${clients[@]}"; do
        case $client in
            papers) run_papers "$tmp/papers.times" ;;
            before) [[ -z $before ]] || run_papers "$tmp/before.times" "$before" ;;
            python) run_python "$tmp/python.times" ;;
            import) run_python_import "$tmp/import.times" ;;
            version) run_papers_version "$tmp/version.times" ;;
            file_floor) ((!floors)) || run_floor "$tmp/file_floor.times" "$tmp/page.xml" ;;
            http_floor) ((!floors)) || run_floor "$tmp/http_floor.times" "$page_url" ;;
        esac
    done
}

step "$runs measured runs of each client, interleaved, alternating the order"
for ((i = 1; i <= runs; i++)); do
    if ((i % 2)); then run_round forwards; else run_round backwards; fi
done

# --- 5. the table -------------------------------------------------------------
row() { # label, papers fetched, times file
    printf 'label %s\npapers %s\n' "$1" "$2"
    sed 's/^/times /' "$3"
}
row "$papers_version" "$entries" "$tmp/papers.times" >"$tmp/papers.row"
# The row every "python / CPU" is taken against.
{ row "python arxiv $arxiv_version" "$entries" "$tmp/python.times"; echo "python yes"; } >"$tmp/python.row"
rows=("$tmp/papers.row")
if [[ -n $before ]]; then
    row "$before_version" "$entries" "$tmp/before.times" >"$tmp/before.row"
    rows+=("$tmp/before.row")
fi
row "python: import arxiv only" "-" "$tmp/import.times" >"$tmp/import.row"
row "papers: --version only" "-" "$tmp/version.times" >"$tmp/version.row"
floor_rows=()
if ((floors)); then
    row "floor: reqwest GET + roxmltree tree" "-" "$tmp/http_floor.times" >"$tmp/http_floor.row"
    row "floor: roxmltree tree of the file" "-" "$tmp/file_floor.times" >"$tmp/file_floor.row"
    floor_rows=("$tmp/http_floor.row" "$tmp/file_floor.row")
fi

echo
echo "$entries papers, page size $page_size ($expected_requests requests per fetch), no delay," \
    "local server on 127.0.0.1; $(nproc) CPUs, $(python3 --version)"
echo "CPU = user+sys of the whole client process; ratio = CPU / papers' CPU;"
echo "python / CPU = how many times less CPU than the Python client"
((floors)) || echo "(no floor rows: they need the whole result on one page, --page-size >= --entries)"
echo
python3 "$helpers/timing.py" report "${rows[@]}" "$tmp/python.row" "$tmp/import.row" "$tmp/version.row" \
    ${floor_rows[@]+"${floor_rows[@]}"}
