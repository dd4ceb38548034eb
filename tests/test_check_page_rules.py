"""The check's page rules shared between processes (check/page_rules.py) give every page's
findings, whichever process checked the page, and a rule that fails still fails the check."""

from types import SimpleNamespace

import pytest

from trygg.check.page_rules import PageFindings
from trygg.problems import Problem


def _site(count):
    return SimpleNamespace(pages={f"p{n}/index.html": SimpleNamespace(site_path=f"p{n}/index.html")
                                  for n in range(count)})


def _rule(check):
    return SimpleNamespace(id="demo", check=check)


def _one_per_page(page):
    yield Problem(page.site_path, 1, "demo", "found")


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_every_page_is_checked_once_whichever_process_takes_it(workers):
    found = PageFindings(_site(7), [_rule(_one_per_page)], workers=workers).collect()
    assert sorted(f.path for f in found) == sorted(f"p{n}/index.html" for n in range(7))


def test_more_processes_than_pages_still_checks_each_page_once():
    found = PageFindings(_site(2), [_rule(_one_per_page)], workers=4).collect()
    assert sorted(f.path for f in found) == ["p0/index.html", "p1/index.html"]


def _fails_on_the_second_page(page):
    if page.site_path == "p1/index.html":  # in the forked process's share with two workers
        raise ValueError("the rule broke on p1")
    return ()


def test_a_rule_that_fails_in_a_forked_process_fails_the_check():
    with pytest.raises(ValueError, match="the rule broke on p1"):
        PageFindings(_site(4), [_rule(_fails_on_the_second_page)], workers=2).collect()
