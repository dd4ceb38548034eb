"""The preview's builder: one process, kept warm, that builds the languages asked for.

It is forked when ``trygg serve`` starts, before the server's and the watcher's threads
exist (forking a process with threads can copy a lock another thread holds). It reads the
configuration once, which imports MkDocs, every plugin, the theme and the Markdown
extensions; each rebuild then forks one MkDocs build per language from it
(``language_builds.run_builds``), so a rebuild pays no imports. It keeps the last good build
of every language (``languages/<code>``) and merges them into a new folder for the server,
exactly as ``trygg build`` merges them (``language_builds.merge``): a language not rebuilt
is hard-linked, never rewritten.

The worker and its builds are a process group of their own: stopping the preview kills the
group, so no build goes on writing into a folder being removed, and Ctrl-C in the terminal
reaches the preview alone, which stops them.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .crash import unexpected
from .language_builds import LanguageBuildFailed, merge, run_builds
from .problems import ProblemsFound

# The files merge() writes in the merged folder, where a hard link would change the kept
# build too: they are copied.
_MERGED = {"sitemap.xml", "sitemap.xml.gz", "search_index.json"}


class Worker:
    """The builder process, seen from the preview: ask for languages, get the result."""

    def __init__(self, root: Path, scratch: Path, one_language: str | None = None):
        context = multiprocessing.get_context("fork")
        self._conn, theirs = context.Pipe()
        # The number of the request to stop, shared with the builder: a stop sent before
        # the builder has begun that request, or after it ended, is then never lost or
        # taken for another request's (a plain int written by one side only: no lock).
        self._stop = context.Value("q", 0, lock=False)
        self._number = 0
        self.process = context.Process(target=_loop,
                                       args=(root, scratch, one_language, theirs, self._stop),
                                       name="trygg-serve-builder")
        self.process.start()
        theirs.close()

    def start(self, codes: tuple[str, ...], generation: Path) -> None:
        """Build ``codes`` and merge every language into ``generation`` (a new folder)."""
        self._number += 1
        self._conn.send(("build", codes, str(generation), self._number))

    def keep(self, codes: tuple[str, ...]) -> None:
        """The languages just built are now the ones to merge with from here on."""
        self._conn.send(("keep", codes))

    def result(self, abandon_when=lambda: False) -> dict:
        """{"failed": [codes], "merged": bool, "abandoned": bool, "messages": MkDocs'}; once
        ``abandon_when()`` is true, the builds are stopped ("abandoned": true)."""
        asked = False
        try:
            while not self._conn.poll(0.05):
                if not asked and abandon_when():
                    self._stop.value = self._number
                    os.kill(self.process.pid, signal.SIGUSR1)
                    asked = True
            return self._conn.recv()
        except (EOFError, OSError):
            return {"failed": ["builder"], "merged": False, "gone": True}

    def stop(self) -> None:
        if self.process.pid and self.process.is_alive():
            try:
                os.killpg(self.process.pid, signal.SIGKILL)  # the builder and its builds
            except ProcessLookupError:
                pass
        self.process.join(timeout=10)
        self._conn.close()


def _loop(root: Path, scratch: Path, one_language: str | None, conn, stop) -> None:
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the preview stops us (Worker.stop)
    _stop[0] = stop
    signal.signal(signal.SIGUSR1, _abandon)
    import mkdocs.__main__  # noqa: F401 - imported once, before the builds fork
    from mkdocs.config import load_config

    try:
        load_config(str(root / "mkdocs.yml"))
    except Exception:  # noqa: BLE001 - a mistake in mkdocs.yml: each build says what it is
        pass
    store, fresh = scratch / "languages", scratch / "fresh"
    store.mkdir(exist_ok=True)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return  # the preview has gone
        if request[0] == "keep":  # what was just built becomes the languages' last good build
            for code in request[1]:
                if (fresh / code).is_dir():
                    shutil.rmtree(store / code, ignore_errors=True)
                    (fresh / code).rename(store / code)
            continue
        _, codes, generation, number = request
        _request[0] = number
        conn.send(_attempt(root, scratch, store, codes, Path(generation), one_language))


def _attempt(root: Path, scratch: Path, store: Path, codes: tuple[str, ...], generation: Path,
             one_language: str | None) -> dict:
    """One build request: which languages failed, whether a new folder was merged, whether a
    new save stopped it, and what MkDocs printed."""
    abandoned = False
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as messages:
        try:
            with _output_to(messages):  # (never stopped halfway: the one signal comes inside)
                _abandonable[0] = True
                try:
                    if _stop[0].value == _request[0]:  # asked before we began
                        raise _Abandoned
                    failed, merged = _step(root, scratch, store, codes, generation,
                                           one_language)
                finally:
                    _abandonable[0] = False
        except _Abandoned:
            _abandonable[0] = False
            for build in multiprocessing.active_children():
                build.kill()
                build.join()
            shutil.rmtree(generation, ignore_errors=True)
            failed, merged, abandoned = list(codes), False, True
        except Exception as error:  # noqa: BLE001 - told as a fault, the preview goes on
            sys.stderr.write(unexpected(error) + "\n")
            failed, merged = list(codes), False
        messages.seek(0)
        return {"failed": failed, "merged": merged, "abandoned": abandoned,
                "messages": messages.read()}


@contextmanager
def _output_to(file):
    """What MkDocs and the builds print goes to ``file``: the preview prints it after the
    source rules' findings, and not at all when those already stop the build (MkDocs would
    only say the same again, without the line)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    os.dup2(file.fileno(), 1)
    os.dup2(file.fileno(), 2)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])


class _Abandoned(Exception):
    pass


# Whether a SIGUSR1 stops the builds under way: the preview sends one when the editor saves
# again while the languages after the first are built (they are built again after it).
_abandonable = [False]
_request = [0]   # the number of the request being built
_stop = [None]   # the shared number of the request to stop (Worker._stop)


def _abandon(signum, frame):
    if _abandonable[0] and _stop[0].value == _request[0]:
        raise _Abandoned


def _step(root: Path, scratch: Path, store: Path, codes: tuple[str, ...], generation: Path,
          one_language: str | None) -> tuple[list[str], bool]:
    """Build ``codes`` into ``fresh/`` and merge them with the other languages' last good
    builds into ``generation``. The new builds join those only when the preview keeps them
    (no source rule found an error), so a rejected build never shows later."""
    fresh = scratch / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    if one_language:
        # `serve --lang ar`: one build of that language at the root (mkdocs.yml's
        # build_only_locale, from the environment), nothing to merge.
        failed = run_builds(root, fresh, [None], 1)
        if not failed:
            (fresh / "site").rename(generation)
        return ([one_language] if failed else []), not failed
    failed = run_builds(root, fresh, list(codes), os.cpu_count() or 1)
    from .project import project_at

    try:
        project = project_at(root)
    except ProblemsFound:
        return list(codes), False  # the source rules name the broken strings file
    latest = {code: fresh / code if code in codes and code not in failed else store / code
              for code in project.languages.codes}
    if len(failed) == len(codes) or not all(path.is_dir() for path in latest.values()):
        return failed, False  # nothing new, or a language never built yet: nothing to merge
    parts = scratch / "merging"
    shutil.rmtree(parts, ignore_errors=True)
    parts.mkdir()
    try:
        for code, path in latest.items():
            shutil.copytree(path, parts / code, copy_function=_link_or_copy)
        merge(parts, generation, project.languages, project.strings)
    except LanguageBuildFailed as error:
        sys.stderr.write(f"trygg serve: {error}\n")
        shutil.rmtree(generation, ignore_errors=True)
        return failed or list(codes), False
    finally:
        shutil.rmtree(parts, ignore_errors=True)
    return failed, True


def _link_or_copy(source: str, target: str) -> None:
    if os.path.basename(source) in _MERGED:
        shutil.copy2(source, target)
    else:
        os.link(source, target)
