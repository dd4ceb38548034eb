"""scripts/setup-system: what it decides to do about missing system packages (apt-get is
never run here), and that it costs nothing when everything is there."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from trygg.system import NEEDS, SITE, TEST, is_debian, missing, plan

INSTALL = ("apt-get", "install", "-y", "--no-install-recommends", "chromium", "poppler-utils")
UPDATE = ("apt-get", "update")


@pytest.mark.parametrize("packages, debian, root, sudo, commands, says", [
    # present: nothing to do, nothing said
    ([], True, True, True, (), ""),
    ([], False, False, False, (), ""),
    # missing on Debian as root: apt-get
    (["chromium", "poppler-utils"], True, True, False, (UPDATE, INSTALL), "installing"),
    # missing, not root, with sudo: the same through sudo
    (["chromium", "poppler-utils"], True, False, True,
     (("sudo", *UPDATE), ("sudo", *INSTALL)), "with sudo"),
    # missing, not root, no sudo: stop with the one command to run as root
    (["chromium", "poppler-utils"], True, False, False, (),
     "su -c 'apt-get update && apt-get install -y --no-install-recommends chromium "
     "poppler-utils'"),
    # not Debian: stop, naming the Debian packages whose equivalents to install
    (["chromium", "poppler-utils"], False, True, True, (),
     "This is not Debian or Ubuntu"),
])
def test_setup_decides_by_what_is_missing_and_what_the_machine_allows(
        packages, debian, root, sudo, commands, says):
    result = plan(packages, debian=debian, root=root, sudo=sudo)
    assert result.commands == commands
    assert says in result.message
    if packages and not commands:
        assert "chromium, poppler-utils" in result.message  # names what is missing


def test_only_what_is_not_found_is_installed():
    found = {"chromium", "npm"}
    assert missing(TEST, lambda need: need.package in found) == [
        n.package for n in TEST if n.package not in found]
    assert missing(SITE, lambda need: True) == []


def test_the_tests_need_what_the_site_needs_and_more():
    site, test = {n.package for n in SITE}, {n.package for n in TEST}
    assert site < test
    assert {"chromium-headless-shell", "libpango-1.0-0", "npm"} <= site
    assert {"chromium", "poppler-utils", "fonts-dejavu-core"} <= test - site
    for need in TEST:  # each is looked for in exactly one way, and says why it is needed
        assert need.why and sum(map(bool, (need.command, need.library, need.file,
                                           need.module))) == 1


@pytest.mark.parametrize("os_release, debian", [
    ('ID=debian\nVERSION_ID="12"\n', True),
    ('ID=ubuntu\nID_LIKE=debian\n', True),
    ('ID=linuxmint\nID_LIKE="ubuntu debian"\n', True),
    ('ID="fedora"\n', False),
    ("", False),
])
def test_debian_and_ubuntu_are_told_by_os_release(os_release, debian):
    assert is_debian(os_release) is debian


def test_on_a_ready_machine_it_says_nothing_and_succeeds():
    # This machine has what the tests need (else the tests would not be running here).
    for which in NEEDS:
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "setup-system"), which],
                                capture_output=True, text=True, timeout=60)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_it_refuses_an_unknown_command():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "setup-system"), "all"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "site|test" in result.stderr
