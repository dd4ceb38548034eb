"""The HTML checker's answers kept per page (.cache/html-valid.json): the checker reads only
the pages whose HTML changed, and a kept answer never hides a finding."""

import json

from checksite import clean_site
from trygg.check import check_site
from trygg.check import validity


def valid_findings(tmp_path, site_dir, cache):
    return [(f.rule, f.path, f.line) for f in check_site(site_dir, tmp_path, rules={"html-valid"},
                                                         validity_cache=cache)]


def spy_on_checker(monkeypatch):
    """The pages the checker is started on, call by call (it still runs)."""
    calls = []
    real = validity._run_checker

    def counting(site_dir, paths):
        calls.append(sorted(paths))
        return real(site_dir, paths)

    monkeypatch.setattr(validity, "_run_checker", counting)
    return calls


def broken(site):
    page = site.page("sv", "")
    page.body += '\n<p class="a" class="b">Dubbelt attribut</p>'
    page.markdown += "\nDubbelt attribut\n"
    return site


def test_nothing_changed_the_checker_does_not_start_and_the_answer_is_the_same(tmp_path, monkeypatch):
    cache = tmp_path / ".cache" / "html-valid.json"
    site_dir = broken(clean_site()).write(tmp_path)
    calls = spy_on_checker(monkeypatch)
    first = valid_findings(tmp_path, site_dir, cache)
    assert first == [("html-valid", "docs/sv/index.md", 9)]
    assert len(calls) == 1 and "index.html" in calls[0]
    again = valid_findings(tmp_path, site_dir, cache)
    assert again == first  # the kept answer still reports the fault
    assert len(calls) == 1  # and Java never started


def test_a_changed_page_alone_is_read_again_and_its_new_fault_found(tmp_path, monkeypatch):
    cache = tmp_path / ".cache" / "html-valid.json"
    site_dir = clean_site().write(tmp_path)
    calls = spy_on_checker(monkeypatch)
    assert valid_findings(tmp_path, site_dir, cache) == []
    all_pages = calls[0]
    page = site_dir / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", '<p class="a" class="b">Dubbelt attribut</p></article>', 1), encoding="utf-8")
    found = valid_findings(tmp_path, site_dir, cache)
    assert [rule for rule, _, _ in found] == ["html-valid"]
    assert calls[1] == ["index.html"] and len(all_pages) > 1


def test_a_cache_that_cannot_be_read_or_from_another_checker_is_not_trusted(tmp_path, monkeypatch):
    cache = tmp_path / ".cache" / "html-valid.json"
    site_dir = broken(clean_site()).write(tmp_path)
    calls = spy_on_checker(monkeypatch)
    valid_findings(tmp_path, site_dir, cache)
    # A kept answer made by another version of the checker says nothing about this one's.
    data = json.loads(cache.read_text(encoding="utf-8"))
    for entry in data.values():
        entry["messages"] = []
    cache.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(validity, "checker_fingerprint", lambda: "another vnu-jar")
    assert valid_findings(tmp_path, site_dir, cache) == [("html-valid", "docs/sv/index.md", 9)]
    cache.write_text("{not json", encoding="utf-8")
    assert valid_findings(tmp_path, site_dir, cache) == [("html-valid", "docs/sv/index.md", 9)]
    assert len(calls) == 3
