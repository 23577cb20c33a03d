#!/usr/bin/env python3
"""Timing helpers for benches/compare_python.sh.

    timing.py run TIMES_FILE -- COMMAND [ARG]...
        Runs COMMAND (stdin, stdout and stderr inherited) and appends
        "user sys wall" in seconds to TIMES_FILE. The CPU times are the
        child's own rusage from wait4(), including anything it waited for,
        and nothing of this helper or of the shared feed server; microsecond
        resolution, where /usr/bin/time rounds to 10 ms. Exits with the
        command's status; a failed run is not recorded.

    timing.py report ROW_FILE...
        Prints the comparison table. Each ROW_FILE holds "label", "papers"
        and "times" lines (see compare_python.sh); the first is the
        reference the others' ratio is taken against, and the one with a
        "python yes" line the one each row's "python / CPU" divides.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def run(times_file: Path, command: list[str]) -> int:
    started = time.perf_counter()
    child = subprocess.Popen(command)
    # wait4 rather than Popen.wait: it hands back this child's rusage alone.
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    child.returncode = code
    if code != 0:
        # A failed run is no measurement; a signal shows as 128 + its number.
        return code if code > 0 else 128 - code
    with times_file.open("a") as out:
        out.write(f"{usage.ru_utime:.6f} {usage.ru_stime:.6f} {wall:.6f}\n")
    return 0


def read_row(path: Path) -> dict:
    row = {"times": []}
    for line in path.read_text().splitlines():
        key, _, value = line.partition(" ")
        if key == "times":
            user, system, wall = (float(v) for v in value.split())
            row["times"].append((user + system, wall))
        else:
            row[key] = value
    return row


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def report(paths: list[Path]) -> None:
    rows = [read_row(p) for p in paths]
    for row in rows:
        row["cpu"] = statistics.median(cpu for cpu, _ in row["times"])
        row["wall"] = statistics.median(wall for _, wall in row["times"])
    reference = rows[0]["cpu"]
    python = next((row["cpu"] for row in rows if row.get("python") == "yes"), None)
    table = [
        ("client", "runs", "median CPU (user+sys)", "median wall", "papers", "CPU ratio", "python / CPU")
    ]
    for row in rows:
        ratio = "1.00" if row is rows[0] else f"{row['cpu'] / reference:.2f}"
        table.append(
            (
                row["label"],
                str(len(row["times"])),
                ms(row["cpu"]),
                ms(row["wall"]),
                row.get("papers", "-"),
                ratio,
                "-" if python is None else f"{python / row['cpu']:.2f}",
            )
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    for n, line in enumerate(table):
        # Text columns left-aligned, numbers right-aligned.
        cells = [
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths))
        ]
        print("  ".join(cells).rstrip())
        if n == 0:
            print("  ".join("-" * width for width in widths))


def main() -> None:
    args = sys.argv[1:]
    if len(args) >= 3 and args[0] == "run" and args[2] == "--":
        sys.exit(run(Path(args[1]), args[3:]))
    if len(args) >= 2 and args[0] == "report":
        report([Path(a) for a in args[1:]])
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
