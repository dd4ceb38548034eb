"""The system packages the project needs, checked and installed on Debian or Ubuntu.

Run as ``scripts/setup-system site|test`` before anything else (``make site``, ``make test``
and ``.ci/run`` do), so this module uses the standard library only: it runs before .venv
exists. What each package is for is looked for where the project uses it (a command, a
shared library, a font file, a Python module), which costs milliseconds when all is there.
The decision what to do is ``plan``, a pure function.
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Need:
    package: str  # the Debian (and Ubuntu) package
    why: str
    command: str = ""   # present when this command is on PATH
    library: str = ""   # … when this shared library can be loaded
    file: str = ""      # … when this file exists
    module: str = ""    # … when the Python running this can import this module


SITE = (
    Need("make", "runs the README's commands", command="make"),
    Need("python3-venv", "make creates .venv with it", module="ensurepip"),
    Need("npm", "installs axe-core and the PDFs' fonts (pinned in scripts/*/package-lock.json)",
         command="npm"),
    Need("libpango-1.0-0", "WeasyPrint sets the PDFs' text with Pango", library="pango-1.0"),
    Need("libpangoft2-1.0-0", "WeasyPrint loads the PDFs' fonts through it",
         library="pangoft2-1.0"),
    Need("chromium-headless-shell", "the check's browser rules run in it",
         command="chromium-headless-shell"),
    # The W3C Nu Html Checker (vnu-jar, npm) is a Java program: the check's html-valid rule.
    Need("openjdk-17-jre-headless", "the check's HTML validator (vnu-jar) runs in Java",
         command="java"),
    # The PDFs name its files in book.css; the check measures contrast and reflow on pages
    # laid out in their own letters, not in empty boxes.
    Need("fonts-noto-core", "the PDFs are set in its Noto, and the browser shows Arabic and "
         "Ge'ez pages in it", file="/usr/share/fonts/truetype/noto/NotoSansEthiopic-Bold.ttf"),
)
TEST = SITE + (
    Need("chromium", "the browser tests, screenshots and print tests", command="chromium"),
    Need("poppler-utils", "the PDF tests render pages to PNG with pdftoppm", command="pdftoppm"),
    Need("fonts-dejavu-core", "the PDF tests build on a machine that has only DejaVu",
         file="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
)
NEEDS = {"site": SITE, "test": TEST}


def is_present(need: Need) -> bool:
    if need.command:
        return shutil.which(need.command) is not None
    if need.library:
        return ctypes.util.find_library(need.library) is not None
    if need.module:
        return importlib.util.find_spec(need.module) is not None
    return Path(need.file).exists()


def missing(needs: tuple[Need, ...], present: Callable[[Need], bool] = is_present) -> list[str]:
    return [need.package for need in needs if not present(need)]


@dataclass(frozen=True)
class Plan:
    commands: tuple[tuple[str, ...], ...]  # to run, in order; none when nothing is to be done
    message: str                           # to print; with no commands, the reason to stop


def plan(packages: list[str], *, debian: bool, root: bool, sudo: bool) -> Plan:
    """What to do about the missing ``packages`` on this machine."""
    if not packages:
        return Plan((), "")
    install = ("apt-get", "install", "-y", "--no-install-recommends", *packages)
    update = ("apt-get", "update")
    one_line = f"apt-get update && {shlex.join(install)}"
    if not debian:
        return Plan((), f"missing: {', '.join(packages)}. This is not Debian or Ubuntu, so "
                        "install what these Debian packages provide yourself; on Debian the "
                        f"command would be: sudo sh -c '{one_line}'")
    if root:
        return Plan((update, install), f"installing {' '.join(packages)}")
    if sudo:
        return Plan((("sudo", *update), ("sudo", *install)),
                    f"installing {' '.join(packages)} with sudo")
    return Plan((), f"missing: {', '.join(packages)}. Run this as root, then try again: "
                    f"su -c '{one_line}'")


def is_debian(os_release: str) -> bool:
    """Debian, Ubuntu and their derivatives, by /etc/os-release (ID and ID_LIKE)."""
    fields = dict(line.split("=", 1) for line in os_release.splitlines() if "=" in line)
    ids = {fields.get("ID", "").strip('"'), *fields.get("ID_LIKE", "").strip('"').split()}
    return bool(ids & {"debian", "ubuntu"})


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in NEEDS:
        print("usage: scripts/setup-system site|test", file=sys.stderr)
        return 2
    needs = NEEDS[argv[0]]
    packages = missing(needs)
    if not packages:
        return 0
    try:
        os_release = Path("/etc/os-release").read_text(encoding="utf-8")
    except OSError:
        os_release = ""
    result = plan(packages, debian=is_debian(os_release) and shutil.which("apt-get") is not None,
                  root=os.geteuid() == 0, sudo=shutil.which("sudo") is not None)
    why = "; ".join(f"{n.package}: {n.why}" for n in needs if n.package in packages)
    print(f"setup-system: {result.message} ({why})", file=sys.stderr)
    if not result.commands:
        return 1
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in result.commands:
        if subprocess.run(command, env=env).returncode != 0:
            print(f"setup-system: {shlex.join(command)} failed", file=sys.stderr)
            return 1
    still = missing(needs)
    if still:
        print(f"setup-system: still missing after installing: {', '.join(still)}",
              file=sys.stderr)
        return 1
    return 0
