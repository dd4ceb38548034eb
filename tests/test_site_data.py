"""Publisher, announcement, page contact and the accessibility statement, from data files."""

import datetime as dt
import os
import subprocess
import sys

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import FIXTURES, ROOT, build_or_fail, make_project
from trygg.languages import load_languages
from trygg.sitedata import announcement_problems, current_announcement

LANGUAGES = load_languages(ROOT)


def strings(code):
    return yaml.safe_load((ROOT / "translations" / f"{code}.yml").read_text("utf-8"))


@pytest.fixture(scope="module")
def data_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("data"), FIXTURES / "i18n-site" / "docs")
    (project / "docs/_data/publisher.yml").write_text(
        "organisation: Länsstyrelsen i Provlän\norganisation_number: 202100-0000\n"
        "visiting_address: Storgatan 1, 111 11 Provstad\npostal_address: Box 1, 111 11 Provstad\n"
        "content_contact: innehall@example.se\n", "utf-8")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    (project / "docs/_data/announcement.yml").write_text(
        f"until: {tomorrow.isoformat()}\ntext:\n  sv: Varning för falska jobberbjudanden.\n"
        "  ar: تحذير من عروض العمل المزيفة.\n", "utf-8")
    page = project / "docs/sv/layout.md"
    page.write_text(page.read_text("utf-8").replace("description:", "contact: Anna Andersson, "
                                                    "anna@example.se\ndescription:", 1), "utf-8")
    return build_or_fail(project)


def html(site, path):
    return HTMLParser((site / path / "index.html").read_text("utf-8"))


@pytest.mark.parametrize("code", ["sv", "ar", "ti"])
def test_the_publisher_is_in_every_footer_in_the_readers_language(data_site, code):
    page = html(data_site, "" if code == "sv" else code)
    footer = page.css_first("footer .trygg-footer")
    text = footer.text()
    assert "Länsstyrelsen i Provlän" in text and "202100-0000" in text
    assert strings(code)["footer.publisher"] in text
    links = [a.text(strip=True) for a in footer.css(".trygg-footer__links a")]
    assert links == [strings(code)["footer.accessibility"], strings(code)["footer.privacy"],
                     strings(code)["quickexit.hide_visit"]]


def test_the_announcement_shows_in_the_readers_language_or_marked_swedish(data_site):
    assert html(data_site, "ar").css_first(".trygg-announce").text(strip=True) == \
        "تحذير من عروض العمل المزيفة."
    ti = html(data_site, "ti").css_first(".trygg-announce")
    assert ti.text(strip=True) == "Varning för falska jobberbjudanden."
    assert ti.attributes["lang"] == "sv"


def test_an_announcement_past_its_last_day_is_not_built(tmp_path):
    (tmp_path / "docs/_data").mkdir(parents=True)
    (tmp_path / "docs/_data/announcement.yml").write_text(
        "until: 2026-01-31\ntext:\n  sv: Gammalt meddelande.\n", "utf-8")
    assert current_announcement(tmp_path, "sv", "sv", today=dt.date(2026, 1, 31)) is not None
    assert current_announcement(tmp_path, "sv", "sv", today=dt.date(2026, 2, 1)) is None


def _announcement(root, until):
    (root / "docs/_data").mkdir(parents=True, exist_ok=True)
    (root / "docs/_data/announcement.yml").write_text(
        f"until: {until}\ntext:\n  sv: Polisen varnar.\n", "utf-8")


@pytest.mark.parametrize("until", ["2026-12-31 18:00", "2026-12-31T18:00", "2026-12-31 18:00:00"])
def test_an_announcement_moment_written_without_seconds_is_a_moment(tmp_path, until):
    # YAML reads "18:00" as text, unlike "18:00:00": both are moments, in Swedish time.
    _announcement(tmp_path, until)
    assert announcement_problems(tmp_path, now=dt.datetime(2026, 12, 1)) == []
    assert current_announcement(tmp_path, "sv", "sv", today=dt.datetime(2026, 12, 31, 17, 59))
    assert not current_announcement(tmp_path, "sv", "sv", today=dt.datetime(2026, 12, 31, 18, 1))


def test_an_announcement_moment_in_another_form_is_refused_at_its_line(tmp_path):
    for until in ("2026-12-31 18", "2026-12-31 kl. 18:00", "2026-12-31 25:00"):
        _announcement(tmp_path, until)
        assert [str(p) for p in announcement_problems(tmp_path)] == [
            f"docs/_data/announcement.yml:1: announcement-date: until: '{until}' is not a date; "
            "write a day as 2026-12-31 or a moment as 2026-12-31 18:00 (Swedish time)."]


def test_a_moment_with_its_own_zone_keeps_it(tmp_path):
    _announcement(tmp_path, "2026-12-31 18:00+00:00")  # 19:00 in Stockholm
    assert current_announcement(tmp_path, "sv", "sv", today=dt.datetime(2026, 12, 31, 18, 59))
    assert not current_announcement(tmp_path, "sv", "sv", today=dt.datetime(2026, 12, 31, 19, 1))


_SHOWN_NOW = """
import datetime as dt, sys
from pathlib import Path
from zoneinfo import ZoneInfo
from trygg.announcement import announcement_problems, current_announcement

root, sweden = Path(sys.argv[1]), dt.datetime.now(ZoneInfo("Europe/Stockholm"))
answers = []
for minutes in (-30, 30):
    until = (sweden + dt.timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M")
    (root / "docs/_data/announcement.yml").write_text(f"until: {until}\\ntext:\\n  sv: Hej.\\n")
    answers.append((bool(current_announcement(root, "sv", "sv")),
                    [p.rule for p in announcement_problems(root)]))
# A moment as an aware UTC time: 17:30 UTC is 18:30 in Stockholm, after 18:00.
(root / "docs/_data/announcement.yml").write_text("until: 2026-12-31 18:00\\ntext:\\n  sv: Hej.\\n")
utc = dt.datetime(2026, 12, 31, 17, 30, tzinfo=dt.timezone.utc)
answers.append(bool(current_announcement(root, "sv", "sv", today=utc)))
print(answers)
"""


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Tokyo"])
def test_an_announcement_moment_is_swedish_time_whatever_the_machines_zone(tmp_path, zone):
    # A CI runner keeps UTC: an editor's "18:00" must still end the announcement at 18:00 in
    # Sweden, not an hour (two in summer) later.
    (tmp_path / "docs/_data").mkdir(parents=True)
    result = subprocess.run([sys.executable, "-c", _SHOWN_NOW, str(tmp_path)], text=True,
                            capture_output=True, env={**os.environ, "TZ": zone}, check=True)
    assert result.stdout.strip() == ("[(False, ['announcement-expired']), (True, []), False]")


def test_a_pages_own_content_contact_is_shown_at_its_end(data_site):
    contact = html(data_site, "layout").css_first(".trygg-page-contact")
    assert contact.text(strip=True) == "Kontakt för den här sidan: Anna Andersson, anna@example.se"


def test_the_real_site_warns_until_the_publisher_is_filled_in():
    from trygg.sitedata import publisher_problems

    problems = publisher_problems(ROOT)
    assert [p.severity for p in problems] in ([], ["warning"])


@pytest.mark.parametrize("code", LANGUAGES.codes)
def test_the_accessibility_statement_has_every_field_digg_requires(real_site, code):
    prefix = "" if code == "sv" else f"{code}/"
    page = html(real_site, f"{prefix}om-webbplatsen/tillganglighet")
    labels = [dt_.text(strip=True) for dt_ in page.css(".trygg-statement dt")]
    ui = strings(code)
    assert labels == [ui[k] for k in ("a11y.body", "a11y.service", "a11y.level", "a11y.issues",
                                      "a11y.assessed", "a11y.updated", "a11y.method",
                                      "a11y.feedback", "a11y.complaint_link", "a11y.exemptions")]
    assert all(dd.text(strip=True) for dd in page.css(".trygg-statement dd"))
    complaint = page.css_first('.trygg-statement a[href="https://www.digg.se/tdosanmalan"]')
    assert complaint is not None and "trygg-external" in complaint.attributes["class"]
    assert ui["a11y.level.partial"] in page.css_first(".trygg-statement").text()
