"""The check's page rules over every page, on every core.

They take most of the check's time outside the browser (0.8 s of CPU for 250 pages), and
each page's findings depend only on that page and the site as read: so processes forked
after the site is read take a share of the pages each, and send their findings back. The
result is the same set of findings in any split (check_site sorts them).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..forked import Forked


class PageFindings:
    """The page rules started on every page: ``PageFindings(site, rules)`` forks the processes
    (before the caller starts any thread, so no fork copies one), ``collect()`` checks this
    process's share and gathers the others'. A rule that fails raises here, as it would in
    one process."""

    def __init__(self, site, rules: Iterable, workers: int | None = None):
        self.rules = list(rules)
        pages = list(site.pages.values())
        workers = max(1, min(workers or os.cpu_count() or 1, len(pages)))
        self.own = pages[0::workers]
        self.others = [Forked(_findings, self.rules, pages[share::workers],
                              name=f"check-pages-{share}") for share in range(1, workers)]

    def collect(self) -> list:
        findings = _findings(self.rules, self.own)
        for other in self.others:
            findings.extend(other.result())
        return findings


def _findings(rules: list, pages: list) -> list:
    return [finding for rule in rules for page in pages for finding in rule.check(page)]
