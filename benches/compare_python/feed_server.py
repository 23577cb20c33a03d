#!/usr/bin/env python3
"""Serve an N-entry arXiv search feed on 127.0.0.1 for benches/compare_python.sh.

The entries are the real ones from the recorded search responses in
tests/fixtures/arxiv/ (both the current and the classic service's shape),
repeated round-robin. Each copy gets its own new-style id (YYMM.NNNNN) and
submission dates that strictly descend, so the feed looks like one arXiv
search sorted by submittedDate, newest first, and no client can mistake two
copies for the same paper (papers would treat a repeat as arXiv's order
shifting and read the window again).

GET /api/query honours `start` and `max_results` by slicing the list, with
opensearch:totalResults = N, so whatever page size a client asks for gets
the pages arXiv would send. The query itself is ignored: both clients must
receive the very same bytes.

GET /_count answers how many /api/query requests were served since the
previous /_count, so the benchmark can check both clients made the same
number of requests.

The OS picks a free port; the server writes it to --port-file (atomically)
once it is listening. Nothing is logged per request unless --verbose.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

# The search responses recorded from arXiv: 20 entries of the current service
# (since 2025-11-11) and 20 of the classic one.
FIXTURE_GLOBS = ("api2026_search_*.xml", "classic*_search_*.xml")

# The newest submission in the feed; older ones step back from it. Fixed so
# every run serves identical bytes.
NEWEST = dt.datetime(2026, 11, 20, 18, 0, 0, tzinfo=dt.timezone.utc)
# 97 minutes per entry, plus under an hour of per-entry jitter, keeps the
# dates strictly descending while not perfectly regular (10,000 entries span
# about two years, so ids cover many YYMM prefixes).
STEP_SECONDS = 97 * 60
JITTER_SECONDS = 3600

ENTRY_RE = re.compile(rb"<entry>.*?</entry>", re.S)
ID_RE = re.compile(rb"<id>https?://arxiv\.org/abs/(.+?)v(\d+)</id>")
PUBLISHED_RE = re.compile(rb"<published>([^<]+)</published>")
UPDATED_RE = re.compile(rb"<updated>([^<]+)</updated>")

# The three namespaces declared once on <feed>, as the current service does;
# classic entries re-declare arxiv: on their own elements, which is harmless.
FEED_HEAD = (
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
    'xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">\n'
    "  <id>https://arxiv.org/api/benchmark</id>\n"
    "  <title>arXiv Query: search_query=benchmark&amp;id_list=&amp;start={start}"
    "&amp;max_results={max_results}</title>\n"
    "  <updated>2026-11-21T00:00:00Z</updated>\n"
    '  <link href="https://arxiv.org/api/query?search_query=benchmark&amp;start={start}'
    '&amp;max_results={max_results}&amp;id_list=" type="application/atom+xml"/>\n'
    "  <opensearch:itemsPerPage>{max_results}</opensearch:itemsPerPage>\n"
    "  <opensearch:totalResults>{total}</opensearch:totalResults>\n"
    "  <opensearch:startIndex>{start}</opensearch:startIndex>\n"
)
FEED_TAIL = b"</feed>\n"


def parse_time(raw: bytes) -> dt.datetime:
    return dt.datetime.fromisoformat(raw.decode().replace("Z", "+00:00"))


def format_time(when: dt.datetime) -> bytes:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()


def load_templates(fixtures: Path) -> list[bytes]:
    """Every <entry> of the search fixtures, byte for byte."""
    templates = []
    for pattern in FIXTURE_GLOBS:
        for path in sorted(fixtures.glob(pattern)):
            templates.extend(ENTRY_RE.findall(path.read_bytes()))
    if not templates:
        sys.exit(f"feed_server: no <entry> found in {fixtures}/{{{','.join(FIXTURE_GLOBS)}}}")
    return templates


def build_entries(templates: list[bytes], count: int) -> list[bytes]:
    """`count` entries, newest first, each with its own id and dates."""
    published = [
        NEWEST - dt.timedelta(seconds=i * STEP_SECONDS + (i * 7919) % JITTER_SECONDS)
        for i in range(count)
    ]
    # Real ids grow with submission time within a month: number each month's
    # entries from its oldest (the list is newest first).
    per_month: dict[str, int] = {}
    for when in published:
        key = when.strftime("%y%m")
        per_month[key] = per_month.get(key, 0) + 1
    if max(per_month.values()) > 99999:
        sys.exit("feed_server: too many entries per month for YYMM.NNNNN ids")

    entries = []
    seen_in_month: dict[str, int] = {}
    for i, when in enumerate(published):
        template = templates[i % len(templates)]
        month = when.strftime("%y%m")
        number = per_month[month] - seen_in_month.get(month, 0)
        seen_in_month[month] = seen_in_month.get(month, 0) + 1
        new_id = f"{month}.{number:05d}".encode()

        match = ID_RE.search(template)
        if match is None:
            sys.exit("feed_server: a fixture entry has no arxiv.org/abs id")
        old_id, version = match.group(1), int(match.group(2))
        # Keep the fixture's gap between v1 and the returned version.
        old_published = parse_time(PUBLISHED_RE.search(template).group(1))
        old_updated = parse_time(UPDATED_RE.search(template).group(1))
        updated = when + (old_updated - old_published) if version > 1 else when

        # The id appears in <id> and in the abs/pdf link hrefs; old-style ids
        # (cond-mat/0412498) are replaced the same way.
        entry = template.replace(b"/abs/" + old_id + b"v", b"/abs/" + new_id + b"v")
        entry = entry.replace(b"/pdf/" + old_id + b"v", b"/pdf/" + new_id + b"v")
        entry = PUBLISHED_RE.sub(b"<published>" + format_time(when) + b"</published>", entry, 1)
        entry = UPDATED_RE.sub(b"<updated>" + format_time(updated) + b"</updated>", entry, 1)
        entries.append(b"  " + entry + b"\n")
    return entries


class FeedHandler(BaseHTTPRequestHandler):
    # Keep-alive, as arXiv's front end allows: both clients reuse one
    # connection, so connection setup is not what gets measured.
    protocol_version = "HTTP/1.1"
    entries: list[bytes] = []
    verbose = False
    served = 0
    served_lock = threading.Lock()

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        url = urlsplit(self.path)
        if url.path == "/_count":
            with FeedHandler.served_lock:
                count, FeedHandler.served = FeedHandler.served, 0
            self.send(200, "text/plain", f"{count}\n".encode())
            return
        if url.path != "/api/query":
            self.send(404, "text/plain", b"not found\n")
            return
        params = parse_qs(url.query)
        try:
            start = int(params.get("start", ["0"])[0])
            max_results = int(params.get("max_results", ["10"])[0])
        except ValueError:
            self.send(400, "text/plain", b"start and max_results must be integers\n")
            return
        if start < 0 or max_results < 0:
            self.send(400, "text/plain", b"start and max_results must be non-negative\n")
            return
        with FeedHandler.served_lock:
            FeedHandler.served += 1
        total = len(self.entries)
        head = FEED_HEAD.format(start=start, max_results=max_results, total=total).encode()
        body = b"".join([head, *self.entries[start : start + max_results], FEED_TAIL])
        self.send(200, "application/atom+xml; charset=utf-8", body)

    def send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if self.verbose:
            super().log_message(format, *args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000, help="papers in the feed")
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "arxiv",
        help="directory of recorded arXiv responses",
    )
    parser.add_argument("--port-file", type=Path, required=True, help="where to write the port")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args()
    if args.entries < 1:
        sys.exit("feed_server: --entries must be at least 1")

    FeedHandler.entries = build_entries(load_templates(args.fixtures), args.entries)
    FeedHandler.verbose = args.verbose
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    server.daemon_threads = True

    # Written only once listening, and renamed into place so the reader never
    # sees half a number.
    partial = args.port_file.with_name(args.port_file.name + ".partial")
    partial.write_text(f"{server.server_address[1]}\n")
    os.replace(partial, args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
