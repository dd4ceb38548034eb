"""``trygg serve``: MkDocs' live preview in a child process, with its temporary site inside
a folder of ours that is removed however the preview stops (Ctrl-C, a stop signal)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .crash import TracebackFilter
from .problems import Problem


def serve(root: Path, port: int, lang: str | None) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if lang:
        env["TRYGG_ONLY_LANGUAGE"] = lang
        env["TRYGG_STRICT"] = "false"
    # MkDocs builds the preview into a temporary folder it removes only after Ctrl-C; a stop
    # signal ends it at once. Its temporary folders go into ours, which we always remove.
    scratch = tempfile.mkdtemp(prefix="trygg-serve-")
    env["TMPDIR"] = scratch
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
               "--config-file", str(root / "mkdocs.yml")]
    child = subprocess.Popen(command, cwd=root, env=env, stderr=subprocess.PIPE, text=True)

    stopped = []

    def stop(signum, frame):
        stopped.append(signum)
        # A stop signal, not SIGINT: a child started in the background ignores SIGINT. What
        # MkDocs then leaves in its temporary folder goes with ours, below.
        child.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)  # Ctrl-C reaches the child too; wait for it
    try:
        lines = TracebackFilter()
        for line in child.stderr:
            sys.stderr.write(lines.feed(line))
        code = child.wait()
        return 0 if stopped else code  # stopping the preview is how it ends
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(scratch, ignore_errors=True)


def report_source_problems(root: Path) -> list[Problem]:
    """Run the source rules and print their findings, for a preview that tells the truth."""
    from .validate import validate_project

    problems = validate_project(root)
    errors = sum(p.severity == "error" for p in problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    if errors:
        print(f"trygg serve: {errors} problem(s) in the sources (listed above); the preview may "
              "show those pages wrongly, and 'make site' refuses to build until they are fixed.",
              file=sys.stderr, flush=True)
    return problems
