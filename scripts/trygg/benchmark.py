"""``trygg benchmark``: speed and weight measured on the real site (never in the tests).

Writes the figures to ``.cache/benchmark.json`` and prints a short table:
- the full build of every language (wall time, peak memory) and a Swedish-only build;
- the check, static rules and browser rules;
- a rebuild in ``serve`` after one page changes (time until the changed page is served);
- the weight of one page per layout (home, guide page, checklist) in sv, ar and ti:
  everything the browser loads, raw and gzip-compressed, search index excluded;
- Lighthouse (scripts/benchmark, pinned) with mobile settings on the same pages.
The local server compresses with gzip, as any real web host does.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from functools import partial
from pathlib import Path

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


def _timed(command, cwd, env=None) -> tuple[float, int]:
    """Wall seconds, and the peak memory (MiB) of the process and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return round(seconds, 2), round(peak / 1024)


def measure_builds(root: Path, out: Path) -> dict:
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir"]
    full, full_mem = _timed([*mkdocs, str(out / "all")], root)
    swedish, sv_mem = _timed([*mkdocs, str(out / "sv")], root,
                             {"TRYGG_ONLY_LANGUAGE": "sv", "TRYGG_STRICT": "false"})
    return {"full_build_s": full, "full_build_peak_mib": full_mem, "swedish_only_build_s": swedish,
            "swedish_only_peak_mib": sv_mem, "full_to_swedish_ratio": round(full / swedish, 2)}


def measure_pdfs(root: Path, site: Path) -> dict:
    """The PDF step of ``trygg build`` on a fresh build: its time and the PDFs' sizes."""
    from .build import make_pdfs

    start = time.perf_counter()
    sizes = make_pdfs(root, site)
    return {"pdf_build_s": round(time.perf_counter() - start, 2), "pdfs": len(sizes),
            "pdf_total_kb": round(sum(sizes.values()) / 1000),
            "pdf_largest_kb": round(max(sizes.values()) / 1000)}


def measure_check(root: Path, site: Path) -> dict:
    from .check import check_site

    start = time.perf_counter()
    check_site(site, root)
    static = time.perf_counter() - start
    start = time.perf_counter()
    check_site(site, root, browser=True)
    with_browser = time.perf_counter() - start
    pages = len(list(site.rglob("*.html")))
    return {"pages": pages, "check_static_s": round(static, 2),
            "check_with_browser_s": round(with_browser, 2)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure_serve_rebuild(root: Path) -> dict:
    """Edit one page in a copy of the project while `trygg serve` runs; time until served."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        for name in ("docs", "overrides", "translations"):
            shutil.copytree(root / name, project / name)
        shutil.copy(root / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(root / "scripts", project / "scripts",
                        ignore=shutil.ignore_patterns("node_modules"))
        port = _free_port()
        log = open(Path(tmp) / "serve.log", "w+", encoding="utf-8")
        server = subprocess.Popen([sys.executable, "-m", "trygg.cli", "serve", "--port", str(port)],
                                  cwd=project, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/gangsnacket/varningstecken/"
        try:
            start = time.perf_counter()
            while not _get(url):
                if server.poll() is not None or time.perf_counter() - start > 300:
                    log.seek(0)
                    raise RuntimeError("the preview did not start:\n" + log.read()[-2000:])
                time.sleep(0.25)
            first = time.perf_counter() - start
            page = project / "docs" / "sv" / "gangsnacket" / "varningstecken.md"
            marker = f"Mätpunkt {time.time_ns()}"
            start = time.perf_counter()
            page.write_text(page.read_text("utf-8") + f"\n{marker}\n", "utf-8")
            while marker not in _get(url):
                time.sleep(0.1)
                if time.perf_counter() - start > 300:
                    raise TimeoutError("the preview did not rebuild within 5 minutes")
            rebuild = time.perf_counter() - start
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
    return {"serve_first_build_s": round(first, 2), "serve_rebuild_after_one_page_s": round(rebuild, 2)}


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def measure_weight(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    from .check.browser import CHROMIUM_ARGS, chromium_path

    result = {}
    with _serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for lang in LANGS:
            for layout, path in PAGES.items():
                page = browser.new_page()
                sizes = []
                page.on("requestfinished", lambda request, sizes=sizes: sizes.append(request))
                prefix = "" if lang == "sv" else f"{lang}/"
                page.goto(f"{base}/{prefix}{path}", wait_until="networkidle")
                raw = compressed = 0
                for request in sizes:
                    if "search_index.json" in request.url or request.url.startswith("data:"):
                        continue  # loaded only for searching (and not counted by the target)
                    response = request.response()
                    body = response.body() if response else b""
                    raw += len(body)
                    compressed += len(gzip.compress(body, 6))
                result[f"{lang}/{layout}"] = {"requests": len(sizes), "raw_kb": round(raw / 1024, 1),
                                              "gzip_kb": round(compressed / 1024, 1)}
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
                failing = sorted({a for c in data["categories"].values() for ref in c["auditRefs"]
                                  if ref["weight"] and (a := ref["id"]) and
                                  (data["audits"][a].get("score") is not None) and
                                  data["audits"][a]["score"] < 1})
                result[f"{lang}/{layout}"] = {**scores, "below_full_marks": failing}
    return result


def run(root: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        figures = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]}}
        figures["build"] = measure_builds(root, out)
        site = out / "all"
        figures["pdf"] = measure_pdfs(root, site)
        figures["check"] = measure_check(root, site)
        figures["serve"] = measure_serve_rebuild(root)
        figures["weight"] = measure_weight(site)
        figures["lighthouse"] = measure_lighthouse(root, site)
    path = root / ".cache" / "benchmark.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    return figures


def table(figures: dict) -> str:
    b, c, s, p = figures["build"], figures["check"], figures["serve"], figures["pdf"]
    lines = [f"full build {b['full_build_s']} s ({b['full_build_peak_mib']} MiB peak); "
             f"Swedish only {b['swedish_only_build_s']} s; ratio {b['full_to_swedish_ratio']}",
             f"PDFs: {p['pdfs']} in {p['pdf_build_s']} s; {p['pdf_total_kb']} kB in all, "
             f"largest {p['pdf_largest_kb']} kB",
             f"check, {c['pages']} pages: static {c['check_static_s']} s; "
             f"with browser {c['check_with_browser_s']} s",
             f"serve: first build {s['serve_first_build_s']} s; rebuild after one page "
             f"{s['serve_rebuild_after_one_page_s']} s",
             "page                 requests  raw KB  gzip KB  perf  a11y  best  seo"]
    for key, weight in figures["weight"].items():
        lh = figures["lighthouse"].get(key, {})
        lines.append(f"{key:<20} {weight['requests']:>8}  {weight['raw_kb']:>6}  {weight['gzip_kb']:>7}"
                     f"  {lh.get('performance', '-'):>4}  {lh.get('accessibility', '-'):>4}"
                     f"  {lh.get('best-practices', '-'):>4}  {lh.get('seo', '-'):>3}")
    return "\n".join(lines)
