"""``trygg serve``: a preview on 127.0.0.1 that rebuilds only the languages a change shows in.

On each change (``watchdog``, which MkDocs uses too) the source rules run and their findings
are printed, while the builder (``preview_worker``: MkDocs, the plugins and the theme imported
once, one forked build per language) builds the language of the edited file; a Swedish edit
builds Swedish first, then the languages that show that page (``preview_plan``). The server
(``preview_server``) switches to each new build whole. When the source rules find an error,
the new build is not shown: the preview stays as it was until the error is fixed. Everything
is built in a temporary folder, removed however the preview stops (Ctrl-C, a stop signal).
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path, PurePosixPath

from .languages import load_languages
from .preview_plan import Planner
from .preview_server import Shown, make_server
from .preview_worker import Worker
from .problems import Problem, ProblemsFound

QUIET_SECONDS = 0.1  # an editor's save can be several writes (a temporary file, a rename)


class Preview:
    """The preview's builds, without the server and the watcher (the tests drive it)."""

    def __init__(self, root: Path, one_language: str | None = None):
        self.root, self.one_language = root.resolve(), one_language
        self.scratch = Path(tempfile.mkdtemp(prefix="trygg-serve-"))
        self.shown = Shown()
        self.built: list[tuple[str, ...]] = []  # every build's languages, in order
        self.dirty: set[str] = set()  # languages whose preview is older than their sources
        self._worker: Worker | None = None
        self._count = 0

    def start(self) -> None:
        self.launch()
        self.build_everything()

    def launch(self) -> None:
        """Fork the builder: before any thread exists (a fork copies only the thread that
        forks, and a lock another thread held stays locked in the copy)."""
        if self.one_language:
            # One language at the root; not strict: it lacks the Swedish pages links lead to.
            os.environ.update(TRYGG_ONLY_LANGUAGE=self.one_language, TRYGG_STRICT="false")
        self._worker = Worker(self.root, self.scratch, self.one_language)

    def build_everything(self) -> None:
        """Build every language (or the one asked for) and show it, even with errors: there
        is nothing older to show."""
        languages = load_languages(self.root)
        self.planner = Planner(self.root, languages)
        self.dirty = set(languages.codes)
        self._build(self._codes(languages.codes), first=True)

    def apply(self, changed: set[PurePosixPath], more=lambda: False) -> None:
        """Rebuild what ``changed`` shows in; ``more()`` says new changes are waiting (the
        languages after the first are then left for the next round, with those)."""
        try:
            languages = load_languages(self.root)
        except ProblemsFound:
            report_source_problems(self.root)  # the language list itself: nothing to build
            return
        codes = languages.codes
        plan = self.planner.plan(changed, languages)
        self.dirty = (self.dirty & set(codes)) | set(plan.first) | set(plan.then)
        first = [c for c in plan.first if c in self.dirty] or \
            [c for c in codes if c in self.dirty][:1]
        then = [c for c in codes if c in self.dirty and c not in first]
        if self.one_language:
            first, then = [c for c in [self.one_language] if c in self.dirty], []
        if not first:
            report_source_problems(self.root)  # nothing shows the change; still told
            return
        if self._build(self._codes(first)) and then and not more():
            self._build(self._codes(then), rules=False, abandon_when=more)

    def _codes(self, codes) -> tuple[str, ...]:
        return (self.one_language,) if self.one_language else tuple(codes)

    def _build(self, codes: tuple[str, ...], *, first: bool = False, rules: bool = True,
               abandon_when=lambda: False) -> bool:
        """Build ``codes`` and show them; the source rules run meanwhile (the builds are
        other processes). A new save (``abandon_when()``) stops the builds: they are done
        again after it. Returns whether the build is shown."""
        started = time.perf_counter()
        folder = self.scratch / f"site-{self._count}"
        self._count += 1
        self._worker.start(codes, folder)
        errors = rules and any(p.severity == "error" for p in report_source_problems(self.root))
        result = self._worker.result(abandon_when)
        self.built.append(codes)
        if result.get("gone"):
            raise PreviewFailed("the preview's builder stopped (see the message above)")
        if result["abandoned"]:
            return False  # still out of date (dirty): built with the next change
        built = tuple(c for c in codes if c not in result["failed"])
        names = ", ".join(codes)
        if first or not errors:
            sys.stderr.write(result["messages"])  # MkDocs' own, after the source rules'
        if errors and not first:
            shutil.rmtree(folder, ignore_errors=True)
            say(f"{names} not shown: fix the problems above and save; the preview keeps "
                "showing the pages as they were before them.")
            return False
        self._worker.keep(built)
        self.dirty -= set(built)
        if not result["merged"]:
            say(f"{names} could not be built (see above); the preview shows the pages as "
                "they were." if self.shown.folder else f"{names} could not be built (see above).")
            return False
        self.shown.show(folder, set(built))
        seconds = time.perf_counter() - started
        say(f"{', '.join(built)} shown ({seconds:.1f} s)" + (
            "; the problems above stop 'make site' until they are fixed." if errors else "."))
        return not result["failed"]

    def close(self) -> None:
        if self._worker:
            self._worker.stop()
        self.shown.close()
        shutil.rmtree(self.scratch, ignore_errors=True)


class PreviewFailed(Exception):
    pass


def say(text: str) -> None:
    print(f"trygg serve: {text}", file=sys.stderr, flush=True)


def report_source_problems(root: Path) -> list[Problem]:
    """Run the source rules and print their findings, for a preview that tells the truth."""
    from .validate import validate_project

    problems = validate_project(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    sys.stderr.flush()
    return problems


class Changes:
    """What the watcher saw change, handed over once the editor's save is complete."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self._condition = threading.Condition()
        self._paths: set[PurePosixPath] = set()
        self._last = 0.0

    def add(self, path: str | bytes) -> None:
        try:
            relative = Path(os.fsdecode(path)).resolve().relative_to(self.root)
        except ValueError:
            return
        with self._condition:
            self._paths.add(PurePosixPath(relative.as_posix()))
            self._last = time.monotonic()
            self._condition.notify_all()

    def pending(self) -> bool:
        with self._condition:
            return bool(self._paths)

    def take(self) -> set[PurePosixPath]:
        with self._condition:
            self._condition.wait_for(lambda: self._paths)
            latest = time.monotonic() + 1  # a program that writes all the time: go on anyway
            while (quiet := time.monotonic() - self._last) < QUIET_SECONDS and \
                    time.monotonic() < latest:
                self._condition.wait(QUIET_SECONDS - quiet)
            paths, self._paths = self._paths, set()
            return paths


def watch(root: Path, changes: Changes):
    """The site's sources, watched: docs/, translations/, overrides/ and mkdocs.yml."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            # Opening or reading a file is no change (the builds read them all).
            if event.event_type not in ("created", "modified", "deleted", "moved", "closed"):
                return
            if event.is_directory and event.event_type in ("created", "modified"):
                return  # its files' own events follow
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path:
                    changes.add(path)

    observer = Observer()
    handler = Handler()
    for folder in ("docs", "translations", "overrides"):
        if (root / folder).is_dir():
            observer.schedule(handler, str(root / folder), recursive=True)
    observer.schedule(handler, str(root), recursive=False)  # mkdocs.yml
    observer.start()
    return observer


def serve(root: Path, port: int, lang: str | None) -> int:
    preview = Preview(root, lang)
    try:
        server = make_server(preview.shown, port)
    except OSError as error:
        preview.close()
        say(f"127.0.0.1:{port} cannot be used ({error.strerror}): is another preview running? "
            "Stop it, or choose another port with --port.")
        return 1

    def stop(signum, frame):
        raise KeyboardInterrupt  # a stop signal ends the preview as Ctrl-C does

    previous = signal.signal(signal.SIGTERM, stop)
    observer, serving = None, None
    try:
        preview.launch()
        changes = Changes(root)
        observer = watch(preview.root, changes)  # from now on, no save is missed
        preview.build_everything()
        serving = threading.Thread(target=server.serve_forever, daemon=True)
        serving.start()
        print(f"Preview on http://127.0.0.1:{port}/ (Ctrl-C stops it)", flush=True)
        while True:
            preview.apply(changes.take(), changes.pending)
    except KeyboardInterrupt:
        return 0  # stopping the preview is how it ends
    except PreviewFailed as error:
        say(str(error))
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second signal must not cut this short
        if observer:
            observer.stop()
        if serving:
            server.shutdown()
        server.server_close()
        preview.close()
        signal.signal(signal.SIGTERM, previous)
