"""The benchmark's ``serve`` row: from saving a page to the preview serving it with the change.

``trygg serve`` runs on a copy of the project; a page is saved several times (a Swedish page,
which the other languages show after it, and an Arabic one), each time after the preview has
finished the previous save. For each save: the seconds until the edited language's page is
served with the change, and the CPU seconds the preview's processes (the server, the builder
and its builds) spent until then and until every language that shows the page is rebuilt.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

SAVES = {  # page (in docs/) -> its address in the preview
    "sv/gangsnacket/varningstecken.md": "/gangsnacket/varningstecken/",
    "ar/gangsnacket/varningstecken.md": "/ar/gangsnacket/varningstecken/",
}
ROUNDS = 5
_TICK = os.sysconf("SC_CLK_TCK")


def measure_serve_rebuild(root: Path, project_copy) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        project = project_copy(root, Path(tmp))
        port = _free_port()
        log = open(Path(tmp) / "serve.log", "w+", encoding="utf-8")
        server = subprocess.Popen([sys.executable, "-m", "trygg.cli", "serve", "--port", str(port)],
                                  cwd=project, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            start = time.perf_counter()
            while not _get(base + "/"):
                if server.poll() is not None or time.perf_counter() - start > 300:
                    log.seek(0)
                    raise RuntimeError("the preview did not start:\n" + log.read()[-2000:])
                time.sleep(0.25)
            figures = {"serve_first_build_s": round(time.perf_counter() - start, 2)}
            _wait_idle(server.pid)
            for page, address in SAVES.items():
                lang = page.split("/")[0]
                shown, shown_cpu, all_cpu = [], [], []
                for n in range(ROUNDS):
                    seconds, cpu, total = _save(project / "docs" / page, base + address,
                                                server.pid, n)
                    shown.append(seconds)
                    shown_cpu.append(cpu)
                    all_cpu.append(total)
                figures[lang] = {"shown_s": shown, "cpu_every_language_s": all_cpu,
                                 "shown_median_s": _median(shown),
                                 "cpu_until_shown_median_s": _median(shown_cpu),
                                 "cpu_every_language_median_s": _median(all_cpu)}
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
    figures["serve_rebuild_after_one_page_s"] = max(figures["sv"]["shown_median_s"],
                                                    figures["ar"]["shown_median_s"])
    return figures


def _save(page: Path, url: str, pid: int, n: int) -> tuple[float, float, float]:
    marker = f"Mätpunkt {n} {time.time_ns()}"
    before = _tree_cpu(pid)
    start = time.perf_counter()
    page.write_text(page.read_text("utf-8") + f"\n{marker}\n", "utf-8")
    while marker not in _get(url):
        time.sleep(0.05)
        if time.perf_counter() - start > 120:
            raise TimeoutError("the preview did not show the change within 2 minutes")
    seconds = time.perf_counter() - start
    shown_cpu = _tree_cpu(pid) - before
    _wait_idle(pid)
    return round(seconds, 2), round(shown_cpu, 2), round(_tree_cpu(pid) - before, 2)


def _wait_idle(pid: int) -> None:
    """Until the preview's processes use no CPU for a second (every language rebuilt)."""
    last = _tree_cpu(pid)
    while True:
        time.sleep(1)
        now = _tree_cpu(pid)
        if now - last < 0.03:
            return
        last = now


def _tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its descendants: their own, and that of the children
    they have waited for (the builds, once done)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            children += (task / "children").read_text().split()
    except OSError:
        return 0.0  # it has just ended: counted by its parent from now on
    own = sum(int(value) for value in fields[11:15]) / _TICK
    return own + sum(_tree_cpu(int(child)) for child in children)


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""
