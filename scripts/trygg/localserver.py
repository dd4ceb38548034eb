"""A quiet static file server on 127.0.0.1 (a free port), for the browser rules and tests."""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    under = "/"  # the path the folder is served under

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        # A site built for a path (https://example.github.io/trygga-barn/) links to its files
        # from the host's root; served under that same path, those links work as published,
        # and an address outside it is not found, as it would not be there.
        if not path.startswith(self.under):
            return str(Path(self.directory) / ".outside-the-sites-path")
        return super().translate_path("/" + path[len(self.under):])


@contextmanager
def serving(folder: Path, under: str = "/"):
    """Serve ``folder`` under the path ``under`` ('/' or e.g. '/trygga-barn/'); yields its base
    URL without the last '/', e.g. http://127.0.0.1:40123 or http://127.0.0.1:40123/trygga-barn."""
    handler = functools.partial(type("_Handler", (_QuietHandler,), {"under": under}),
                                directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{under.rstrip('/')}"
    finally:
        server.shutdown()
        server.server_close()
