#!/usr/bin/env bash
# Fuzzes the Atom parser and the query builder for a bounded time each.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     (default 60)
#
# Not part of CI: it needs cargo-fuzz (`cargo install cargo-fuzz`) and a
# nightly toolchain, or the stable one with RUSTC_BOOTSTRAP=1, which this
# script sets when no nightly is installed. Crashing inputs are saved in
# fuzz/artifacts/<target>/ and the script exits 1; replay one with
# `cargo fuzz run <target> <file>` in fuzz/.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: cargo-fuzz is not installed: cargo install cargo-fuzz" >&2
    exit 2
fi
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    toolchain=(+nightly)
else
    export RUSTC_BOOTSTRAP=1
fi

# Start the parser from every recorded arXiv response.
mkdir -p corpus/atom_parse corpus/query_build
cp "$root"/tests/fixtures/arxiv/*.xml corpus/atom_parse/

status=0
run() {
    local target="$1"
    shift
    echo "== fuzz.sh: $target for ${seconds}s"
    # -timeout: an input taking 10 s is a hang; -rss_limit_mb: a blow-up.
    cargo ${toolchain[@]+"${toolchain[@]}"} fuzz run "$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 "$@" || status=1
}
run atom_parse -max_len=65536 -dict=atom.dict
run query_build -max_len=1024
exit "$status"
