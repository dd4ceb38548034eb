"""Debian's Chromium, driven by Playwright, against pages served on 127.0.0.1 only."""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import urlsplit

from trygg.check.browser import CHROMIUM_ARGS, chromium_path


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Watch:
    """Everything a page asked for, and every console complaint (CSP violations included)."""

    def __init__(self, page):
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob", "about")
                and urlsplit(url).hostname != "127.0.0.1"]


def stored_in_browser(page) -> dict:
    return page.evaluate("() => ({local: Object.keys(localStorage), "
                         "session: Object.keys(sessionStorage)})")
