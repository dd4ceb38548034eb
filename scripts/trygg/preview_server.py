"""The preview's web server on 127.0.0.1: the newest complete build, and a reload on change.

Each rebuild is merged into a new folder, and the server switches to it in one step
(``Shown.show``); a request reads from the folder that was current when it arrived, so a
reader never gets a half-written page. The previous folder is removed one switch later.

Reloading: the site's Content-Security-Policy runs scripts only from the site's own address
and no inline script, so MkDocs' inline livereload script could not run. The server adds
``<script src="/.trygg-preview/reload.js">`` to each page as it sends it (never to a file:
the site ``make site`` builds has no trace of it, and every page's policy is unchanged). The
script asks ``/.trygg-preview/changes`` (a request that waits until a rebuild, or 25 s) and
reloads the page when its language was rebuilt. Both addresses are the preview's own, so the
policy's ``'self'`` allows them.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .crash import unexpected

PREFIX = "/.trygg-preview/"
WAIT_SECONDS = 25
RELOAD_SCRIPT = b"""\
// trygg serve only: reload this page when the preview has rebuilt its language.
(function () {
  var seen = document.currentScript.getAttribute("data-generation");
  var lang = document.documentElement.lang;
  function wait() {
    fetch("/.trygg-preview/changes?after=" + seen + "&lang=" + encodeURIComponent(lang),
          {cache: "no-store"})
      .then(function (answer) { return answer.json(); })
      .then(function (answer) {
        if (answer.reload) { window.location.reload(); } else { wait(); }
      })
      .catch(function () { setTimeout(wait, 1000); });  // the preview restarts or stops
  }
  wait();
})();
"""


class Shown:
    """The folder the server serves, numbered, and which languages each new one changed."""

    def __init__(self):
        self._condition = threading.Condition()
        self.number, self.folder, self._closed = 0, None, False
        self._languages: dict[int, set[str]] = {}
        self._previous: Path | None = None

    def show(self, folder: Path, languages: set[str]) -> None:
        with self._condition:
            if self._previous:  # the one before the current stays: a request may read it
                shutil.rmtree(self._previous, ignore_errors=True)
            self._previous = self.folder
            self.number += 1
            self.folder = folder
            self._languages[self.number] = set(languages)
            self._condition.notify_all()

    def current(self) -> tuple[int, Path | None]:
        with self._condition:
            return self.number, self.folder

    def wait(self, after: int, lang: str, timeout: float) -> bool:
        """Whether ``lang`` was rebuilt after folder number ``after`` (waits for it)."""
        def rebuilt():
            return self._closed or any(n > after and lang in langs
                                       for n, langs in self._languages.items())
        with self._condition:
            return self._condition.wait_for(rebuilt, timeout) and not self._closed

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._condition.notify_all()


class _Handler(http.server.SimpleHTTPRequestHandler):
    shown: Shown

    def __init__(self, *args, **kwargs):
        self.generation, folder = self.shown.current()
        super().__init__(*args, directory=str(folder or os.devnull), **kwargs)

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")  # always the newest build
        super().end_headers()

    def do_HEAD(self):
        if not self.generation:
            return self._send(503, b"", "text/plain; charset=utf-8")
        return super().do_HEAD()

    def do_GET(self):
        url = urlsplit(self.path)
        if not self.generation:
            return self._send(503, "Nothing could be built yet: see the messages in the "
                              "terminal.".encode(), "text/plain; charset=utf-8")
        if url.path == PREFIX + "reload.js":
            return self._send(200, RELOAD_SCRIPT, "text/javascript; charset=utf-8")
        if url.path == PREFIX + "changes":
            query = parse_qs(url.query)
            after = query.get("after", ["0"])[0]
            lang = query.get("lang", [""])[0]
            reload = self.shown.wait(int(after) if after.isdigit() else 0, lang, WAIT_SECONDS)
            return self._send(200, json.dumps({"reload": reload}).encode(), "application/json")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url.path.endswith("/"):
                return super().do_GET()  # its redirect to the folder's address
            path = path / "index.html"
        if path.is_file() and path.suffix == ".html":
            return self._send_page(200, path)
        if not path.exists():
            return self._send_page(404, self._not_found(url.path))
        return super().do_GET()

    def _not_found(self, address: str) -> Path:
        """The language's own 404 page, as a host serves it."""
        root = Path(self.directory)
        first = address.strip("/").split("/")[0]
        page = root / first / "404.html"
        return page if first and page.is_file() else root / "404.html"

    def _send_page(self, status: int, page: Path) -> None:
        try:
            body = page.read_bytes()
        except OSError:
            return self.send_error(404)
        tag = (f'<script src="{PREFIX}reload.js" data-generation="{self.generation}">'
               "</script>").encode()
        end = body.rfind(b"</body>")
        body = body[:end] + tag + body[end:] if end >= 0 else body + tag
        self._send(status, body, "text/html; charset=utf-8")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return  # the browser went away (a page left, a request given up): nothing wrong
        sys.stderr.write(unexpected(error) + "\n")


def make_server(shown: Shown, port: int) -> http.server.ThreadingHTTPServer:
    """Bound and listening at once (a browser that asks early waits for the first build);
    ``serve_forever`` in a thread once something is shown."""
    handler = type("PreviewHandler", (_Handler,), {"shown": shown})
    return _Server(("127.0.0.1", port), handler)
