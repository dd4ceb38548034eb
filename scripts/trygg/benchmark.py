"""``trygg benchmark``: speed and weight measured on the real site (never in the tests).

Writes the figures to ``.cache/benchmark.json`` and prints every row of issue 19's table
against its target. Times are measured side by side with a peer (stock Material and
mkdocs-static-i18n on the same docs, benchmark_peer.py), alternating ours and theirs, so
that a busy machine slows both: the ratios hold where the seconds do not.
- our MkDocs phase (every language, in parallel processes) against the peer's build;
- ``trygg build --no-browser`` from nothing and, paired with the peer, with nothing changed;
- ``make site`` (the browser rules too) from nothing and after a one-page edit;
- ``serve``: from saving a page to the preview serving it (benchmark_serve.py);
- a first visit on a phone: everything fetched until the network is idle, gzip;
- Lighthouse 12.2.3 (scripts/benchmark, pinned) with mobile settings: scores and CLS.
The local server compresses with gzip, as any real web host does.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from .benchmark_serve import measure_serve_rebuild

PAGES = {"home": "", "guide": "gangsnacket/varningstecken/",
         "checklist": "trygghet-i-skolan/checklista-trygghetsvandring/"}
LANGS = ("sv", "ar", "ti")
def _chromium_flags() -> str:
    from .check.browser import CHROMIUM_ARGS

    return " ".join(["--headless", *CHROMIUM_ARGS])


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (as real hosts do)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not accepts or path.suffix not in (".html", ".css", ".js", ".json", ".svg", ".xml"):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@contextmanager
def _serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             partial(_GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def _seconds(command, cwd, env=None, cpu: list | None = None) -> float:
    """Wall seconds of a command; ``cpu`` receives its CPU seconds (its processes' user and
    system time), the figure a busy machine does not inflate."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = round(time.perf_counter() - start, 2)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 2))
    return wall


def _copy_project(root: Path, folder: Path) -> Path:
    """The project's sources in ``folder`` (site/, .cache/ and installed packages left out)."""
    project = folder / "project"
    for name in ("docs", "overrides", "translations"):
        shutil.copytree(root / name, project / name)
    shutil.copy(root / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(root / "scripts", project / "scripts",
                    ignore=shutil.ignore_patterns("node_modules", "__pycache__", "*.egg-info"))
    return project


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def measure_builds(root: Path, out: Path, rounds: int = 3) -> dict:
    """Our MkDocs phase and the peer's, side by side: ours, the peer, ours, the peer …"""
    from .benchmark_peer import peer_command, write_peer

    peer = write_peer(root, out / "peer")
    ours_command = [sys.executable, "-c", "import sys; from pathlib import Path; "
                    "from trygg.build import run_mkdocs; run_mkdocs(Path.cwd(), Path(sys.argv[1]))"]
    ours, theirs, ours_cpu, theirs_cpu = [], [], [], []
    for n in range(rounds):
        ours.append(_seconds([*ours_command, str(out / f"ours-{n}")], root, cpu=ours_cpu))
        theirs.append(_seconds(peer_command(peer, out / f"peer-{n}"), peer.parent, cpu=theirs_cpu))
    return {"ours_s": ours, "peer_s": theirs, "ours_median_s": _median(ours),
            "peer_median_s": _median(theirs), "ratio": _paired(ours, theirs),
            "ours_cpu_s": ours_cpu, "peer_cpu_s": theirs_cpu,
            "cpu_ratio": _paired(ours_cpu, theirs_cpu)}


def _paired(ours: list[float], theirs: list[float]) -> float:
    """The median of the ratios of runs made one after the other."""
    return round(statistics.median(a / b for a, b in zip(ours, theirs)), 2)


def measure_trygg_build(root: Path, out: Path) -> dict:
    """``trygg build`` in a copy of the project: without the browser from nothing and again
    with nothing changed (paired with a peer build); then ``make site`` (with the browser
    rules) from nothing and after one page is edited."""
    from .benchmark_peer import peer_command, write_peer

    peer = write_peer(root, out / "peer-2")
    project = _copy_project(root, out / "copy")
    trygg = [sys.executable, "-m", "trygg.cli", "build"]
    cpu: list[float] = []
    figures = {"no_browser_cold_s": _seconds([*trygg, "--no-browser"], project, cpu=cpu)}
    warm, theirs, warm_cpu, theirs_cpu = [], [], [], []
    for n in range(2):
        warm.append(_seconds([*trygg, "--no-browser"], project, cpu=warm_cpu))
        theirs.append(_seconds(peer_command(peer, out / f"peer-warm-{n}"), peer.parent,
                               cpu=theirs_cpu))
    figures.update(no_browser_warm_s=_median(warm), peer_s=_median(theirs),
                   no_browser_warm_ratio=_paired(warm, theirs),
                   no_browser_warm_cpu_ratio=_paired(warm_cpu, theirs_cpu))
    shutil.rmtree(project / ".cache")
    figures["site_cold_s"] = _seconds(trygg, project, cpu=cpu)
    page = project / "docs" / "sv" / "gangsnacket" / "varningstecken.md"
    page.write_text(page.read_text("utf-8") + "\nEn mening till, för mätningen.\n", "utf-8")
    figures["site_after_one_page_s"] = _seconds(trygg, project, cpu=cpu)
    figures.update(zip(("no_browser_cold_cpu_s", "site_cold_cpu_s", "site_after_one_page_cpu_s"),
                       cpu))
    return figures


def measure_weight(site: Path) -> dict:
    """A first visit on a phone: everything fetched until the network is idle, gzip."""
    from playwright.sync_api import sync_playwright

    from .check.browser import CHROMIUM_ARGS, chromium_path

    result = {}
    with _serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for lang in LANGS:
            for layout, path in PAGES.items():
                page = browser.new_page(viewport={"width": 412, "height": 823}, is_mobile=True)
                requests = []
                page.on("requestfinished", lambda request, seen=requests: seen.append(request))
                prefix = "" if lang == "sv" else f"{lang}/"
                page.goto(f"{base}/{prefix}{path}", wait_until="networkidle")
                raw = compressed = 0
                for request in requests:
                    if request.url.startswith("data:"):
                        continue
                    response = request.response()
                    body = response.body() if response else b""
                    raw += len(body)
                    compressed += len(gzip.compress(body, 6))
                result[f"{lang}/{layout}"] = {
                    "requests": len(requests), "raw_kb": round(raw / 1024, 1),
                    "gzip_kb": round(compressed / 1024, 1),
                    "search_loaded": any("search_index.json" in r.url for r in requests)}
                page.close()
        browser.close()
    return result


def measure_lighthouse(root: Path, site: Path) -> dict:
    binary = root / "scripts" / "benchmark" / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        return {"skipped": "run 'npm ci --prefix scripts/benchmark' (make benchmark does)"}
    result = {}
    with _serve(site) as base, tempfile.TemporaryDirectory() as tmp:
        for lang in LANGS:
            for layout, path in PAGES.items():
                prefix = "" if lang == "sv" else f"{lang}/"
                report = Path(tmp) / "report.json"
                subprocess.run([str(binary), f"{base}/{prefix}{path}", "--quiet", "--output=json",
                                f"--output-path={report}", f"--chrome-flags={_chromium_flags()}",
                                "--only-categories=performance,accessibility,best-practices,seo"],
                               env={**os.environ, "CHROME_PATH": shutil.which("chromium") or ""},
                               check=True, capture_output=True, timeout=300)
                data = json.loads(report.read_text("utf-8"))
                scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
                cls = data["audits"]["cumulative-layout-shift"]["numericValue"]
                result[f"{lang}/{layout}"] = {**scores, "cls": round(cls, 3)}
    return result


def run(root: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        figures = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0],
                               "load_at_start": [round(x, 1) for x in os.getloadavg()]}}
        figures["mkdocs"] = measure_builds(root, out)
        figures["build"] = measure_trygg_build(root, out)
        figures["serve"] = measure_serve_rebuild(root, _copy_project)
        site = out / "copy" / "project" / "site"  # the site make site wrote, PDFs included
        figures["weight"] = measure_weight(site)
        figures["lighthouse"] = measure_lighthouse(root, site)
        figures["machine"]["load_at_end"] = [round(x, 1) for x in os.getloadavg()]
    path = root / ".cache" / "benchmark.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    return figures


def rows(figures: dict) -> list[tuple[str, str, str, bool]]:
    """The issue's table: what, the figure, the target, and whether it is met."""
    m, b, s = figures["mkdocs"], figures["build"], figures["serve"]
    weights = [w["gzip_kb"] for w in figures["weight"].values()]
    lighthouse = [v for v in figures["lighthouse"].values() if isinstance(v, dict)]
    perf = [v["performance"] for v in lighthouse]
    cls = [v["cls"] for v in lighthouse]
    return [
        ("MkDocs phase, paired with the peer",
         f"{m['ours_median_s']} s vs {m['peer_median_s']} s: {m['ratio']}x "
         f"(CPU {m['cpu_ratio']}x)", "<= 0.6x", m["ratio"] <= 0.6),
        ("trygg build --no-browser, from nothing",
         f"{b['no_browser_cold_s']} s (CPU {b['no_browser_cold_cpu_s']} s)", "<= 8 s",
         b["no_browser_cold_s"] <= 8),
        ("trygg build --no-browser, warm, no change, paired with the peer",
         f"{b['no_browser_warm_s']} s vs {b['peer_s']} s: {b['no_browser_warm_ratio']}x "
         f"(CPU {b['no_browser_warm_cpu_ratio']}x)", "<= 1x", b["no_browser_warm_ratio"] <= 1),
        ("make site (browser rules), from nothing",
         f"{b['site_cold_s']} s (CPU {b['site_cold_cpu_s']} s)", "<= 45 s",
         b["site_cold_s"] <= 45),
        ("make site after a one-page edit",
         f"{b['site_after_one_page_s']} s (CPU {b['site_after_one_page_cpu_s']} s)", "<= 15 s",
         b["site_after_one_page_s"] <= 15),
        ("serve: save a page -> preview shows it (median; sv / ar)",
         f"{s['sv']['shown_median_s']} s / {s['ar']['shown_median_s']} s (CPU "
         f"{s['sv']['cpu_until_shown_median_s']} s / {s['ar']['cpu_until_shown_median_s']} s)",
         "<= 2 s", s["serve_rebuild_after_one_page_s"] <= 2),
        ("first visit on a phone, gzip, all fetched", f"{min(weights)}-{max(weights)} KB",
         "<= 80 KB", max(weights) <= 80),
        ("Lighthouse mobile performance", f"{min(perf, default=0) / 100}-{max(perf, default=0) / 100}",
         ">= 0.98", bool(perf) and min(perf) >= 98),
        ("Lighthouse CLS", f"{min(cls, default=0)}-{max(cls, default=0)}", "<= 0.02",
         bool(cls) and max(cls) <= 0.02),
    ]


def table(figures: dict) -> str:
    load = figures["machine"]
    lines = [f"load average at start {load['load_at_start']}, at end {load.get('load_at_end')} "
             f"({load['cores']} cores)"]
    for what, figure, target, met in rows(figures):
        lines.append(f"{what:<66} {figure:<40} {target:<9} {'met' if met else 'NOT met'}")
    lines.append("page                 requests  raw KB  gzip KB  perf  a11y  best  seo  CLS")
    for key, weight in figures["weight"].items():
        lh = figures["lighthouse"].get(key, {})
        lines.append(f"{key:<20} {weight['requests']:>8}  {weight['raw_kb']:>6}  {weight['gzip_kb']:>7}"
                     f"  {lh.get('performance', '-'):>4}  {lh.get('accessibility', '-'):>4}"
                     f"  {lh.get('best-practices', '-'):>4}  {lh.get('seo', '-'):>3}"
                     f"  {lh.get('cls', '-')}")
    return "\n".join(lines)
