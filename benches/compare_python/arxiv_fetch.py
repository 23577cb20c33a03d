#!/usr/bin/env python3
"""The Python side of benches/compare_python.sh: fetch N results with arxiv.py.

Runs inside the benchmark's venv. Points `arxiv.Client` at the local feed
server (arxiv 2.x-4.x build every page URL from the `query_url_format`
class attribute), pages through one search sorted by submission date, newest
first, and reads every field of every result, so the comparison with
`papers fetch` (which parses and stores every field) is like for like.

Prints the number of distinct papers received; exits non-zero on any error.
"""

from __future__ import annotations

import argparse
import sys

import arxiv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api-url", required=True, help="e.g. http://127.0.0.1:PORT/api/query")
    parser.add_argument("--entries", type=int, required=True, help="results to fetch")
    parser.add_argument("--page-size", type=int, required=True, help="results per request")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds between requests")
    args = parser.parse_args()

    # num_retries=0: papers runs with retries = 0 too; a failure should show,
    # not be retried into the timings.
    client = arxiv.Client(page_size=args.page_size, delay_seconds=args.delay, num_retries=0)
    client.query_url_format = args.api_url + "?{}"
    # The query papers sends for a topic with keywords = ["benchmark"]; the
    # server ignores it, it is here for realism.
    search = arxiv.Search(
        query='(ti:"benchmark" OR abs:"benchmark")',
        max_results=args.entries,
        sort_by=arxiv.SortCriterion.SubmittedDate,
        sort_order=arxiv.SortOrder.Descending,
    )

    ids = set()
    touched = 0  # a use of every field, so nothing can be skipped as unused
    for result in client.results(search):
        ids.add(result.get_short_id())
        touched += len(result.entry_id) + len(result.title) + len(result.summary)
        touched += result.published.year + result.updated.year
        for author in result.authors:
            touched += len(author.name) + sum(len(a) for a in author.affiliation)
        touched += sum(len(c) for c in result.categories) + len(result.primary_category)
        for link in result.links:
            touched += len(link.href) + len(link.title or "") + len(link.rel)
        for optional in (result.comment, result.journal_ref, result.doi, result.pdf_url):
            touched += len(optional or "")
    if touched == 0:
        sys.exit("arxiv_fetch: received nothing")
    print(len(ids))


if __name__ == "__main__":
    main()
