"""The check's page rules over every page, on every core.

They take most of the check's time outside the browser (0.8 s of CPU for 250 pages), and
each page's findings depend only on that page and the site as read: so a process forked
after the site is read takes a share of the pages, and sends its findings back. The result
is the same set of findings in any split (check_site sorts them).
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Iterable


class PageFindings:
    """The page rules started on every page: ``PageFindings(site, rules)`` forks the processes
    (before the caller starts any thread, so no fork copies one), ``collect()`` checks this
    process's share and gathers the others'."""

    def __init__(self, site, rules: Iterable, workers: int | None = None):
        self.rules = list(rules)
        pages = list(site.pages.values())
        workers = max(1, min(workers or os.cpu_count() or 1, len(pages)))
        self.own = pages[0::workers]
        self.started = []
        context = multiprocessing.get_context("fork")
        for share in range(1, workers):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_share, name=f"check-pages-{share}",
                                      args=(sender, self.rules, pages[share::workers]))
            process.start()
            sender.close()
            self.started.append((receiver, process))

    def collect(self) -> list:
        findings = _findings(self.rules, self.own)
        for receiver, process in self.started:
            try:
                status, value = receiver.recv()
            except EOFError:
                status, value = "crash", f"the process checking pages stopped ({process.name})"
            process.join()
            if status != "ok":
                # A rule that fails fails the check, as it would in one process.
                raise RuntimeError(f"a page rule failed: {value}")
            findings.extend(value)
        return findings


def _findings(rules: list, pages: list) -> list:
    return [finding for rule in rules for page in pages for finding in rule.check(page)]


def _share(sender, rules: list, pages: list) -> None:
    try:
        sender.send(("ok", _findings(rules, pages)))
    except Exception:  # noqa: BLE001 - told to the parent, which raises it
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()
