"""The checklists: items as data in every language, native forms that work with the
keyboard alone, a summary that follows the answers, nothing kept, a clean print."""

import pytest
import yaml

from browser import Watch, chromium, stored_in_browser
from conftest import ARTIFACTS, ROOT
from trygg.checklists import checklist_problems, load_checklists
from trygg.languages import load_languages

LANGUAGES = load_languages(ROOT)
CHECKLISTS = load_checklists(ROOT)
WALK = "trygghet-i-skolan/checklista-trygghetsvandring/"
MAPPING = "trygghet-i-skolan/kartlaggning/"


def test_both_checklists_have_every_key_with_text_in_every_language():
    assert sorted(CHECKLISTS) == ["kartlaggning", "trygghetsvandring"]
    for checklist in CHECKLISTS.values():
        assert checklist_problems(checklist, LANGUAGES) == []
        assert set(checklist.text) == set(LANGUAGES.codes)


def test_a_missing_checklist_text_is_reported_with_file_and_language(tmp_path):
    import shutil

    from trygg.checklists import CHECKLISTS_DIR

    shutil.copytree(ROOT / CHECKLISTS_DIR, tmp_path / CHECKLISTS_DIR)
    path = tmp_path / CHECKLISTS_DIR / "trygghetsvandring.yml"
    text = path.read_text("utf-8")
    start = text.index("\n  ti:\n")
    lines = text[start:].split("\n")
    removed = next(line for line in lines if line.strip().startswith("place.toaletter:"))
    path.write_text(text.replace(removed + "\n", "", 1), "utf-8")
    [problem] = checklist_problems(load_checklists(tmp_path)["trygghetsvandring"], LANGUAGES)
    assert problem.path == "docs/_data/checklists/trygghetsvandring.yml"
    assert problem.rule == "checklist-missing" and "ti: key 'place.toaletter'" in problem.message


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def _open(browser, base, url, width=360):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base + url, wait_until="networkidle")
    return context, page


def _tab_to(page, selector, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "ar/"])
def test_safety_walk_works_with_the_keyboard_alone_and_sums_up(browser, real_site, serve, prefix):
    code = prefix.rstrip("/") or "sv"
    texts = CHECKLISTS["trygghetsvandring"].text[code]
    base = serve(real_site)
    context, page = _open(browser, base, f"/{prefix}{WALK}")
    watch = Watch(page)
    _tab_to(page, 'input[name="entreer.belysning"]')
    page.keyboard.press("Space")  # the first answer: yes
    page.keyboard.press("ArrowDown")  # the next answer: no
    assert page.eval_on_selector('input[name="entreer.belysning"]:checked', "e => e.value") == "nej"
    _tab_to(page, 'input[name="entreer.skotsel"]')
    page.keyboard.press("Space")
    _tab_to(page, 'textarea[name="entreer.note"]')
    page.keyboard.type("Lampan vid dörren är trasig.")

    progress = page.inner_text(".trygg-checklist__progress")
    assert "2" in progress and "48" in progress
    summary = page.inner_text(".trygg-checklist__summary li")
    assert summary == f'{texts["place.entreer"]}: {texts["aspect.belysning"]}'

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"checklist-walk-{code}-360.png"), full_page=False)
    page.evaluate("document.querySelector('.trygg-checklist__summary').scrollIntoView()")
    page.screenshot(path=str(ARTIFACTS / f"checklist-walk-{code}-summary-360.png"))

    # The page says answers are not kept: after a reload, they are gone, and nothing was
    # stored or sent anywhere.
    assert stored_in_browser(page) == {"local": [], "session": []}
    page.reload(wait_until="networkidle")
    assert page.eval_on_selector_all("form.trygg-checklist input:checked", "e => e.length") == 0
    assert page.input_value('textarea[name="entreer.note"]') == ""
    assert watch.foreign_requests() == [] and context.cookies() == []
    context.close()


@pytest.mark.browser
def test_clear_removes_every_answer_and_the_summary_follows(browser, real_site, serve):
    context, page = _open(browser, serve(real_site), f"/{WALK}")
    page.check('input[name="toaletter.overblick"][value="nej"]')
    page.fill('textarea[name="toaletter.note"]', "Ingen vuxen i närheten.")
    page.get_by_label("Skola", exact=True).fill("Norrskolan")
    assert "Toaletter" in page.inner_text(".trygg-checklist__summary")
    page.click("form.trygg-checklist button[type=reset]")
    page.wait_for_timeout(50)
    assert page.eval_on_selector_all("form.trygg-checklist input:checked", "e => e.length") == 0
    assert page.input_value('textarea[name="toaletter.note"]') == ""
    assert page.get_by_label("Skola", exact=True).input_value() == ""
    none = yaml.safe_load((ROOT / "translations/sv.yml").read_text("utf-8"))["checklist.none"]
    assert page.inner_text(".trygg-checklist__summary li") == none
    context.close()


@pytest.mark.browser
def test_mapping_counts_yes_per_area(browser, real_site, serve):
    context, page = _open(browser, serve(real_site), f"/{MAPPING}", width=1280)
    for name in ("belysning.inomhus.1", "belysning.utomhus.2"):
        page.check(f'input[name="{name}"][value="ja"]')
    page.check('input[name="belysning.inomhus.2"][value="nej"]')
    lines = page.eval_on_selector_all(".trygg-checklist__summary li", "e => e.map(x => x.textContent)")
    assert lines[0] == "Belysning: 2 av 4 ja"
    assert lines[1] == "Skötsel: 0 av 4 ja"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "ar/"])
def test_the_checklist_prints_as_a_clean_form(browser, real_site, serve, prefix):
    code = prefix.rstrip("/") or "sv"
    context, page = _open(browser, serve(real_site), f"/{prefix}{WALK}", width=1280)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.trygg-exit',
        '.trygg-share', '.trygg-checklist__actions'].map(s => {
          const e = document.querySelector(s); return !e || getComputedStyle(e).display === 'none'; })""")
    assert hidden == [True] * 5
    assert page.eval_on_selector_all("form.trygg-checklist input[type=radio]", "e => e.length") == 144
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(ARTIFACTS / f"checklist-walk-{code}.pdf"), format="A4")
    page.screenshot(path=str(ARTIFACTS / f"checklist-walk-{code}-print.png"))
    context.close()
