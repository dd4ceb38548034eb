"""`trygg move-page` takes the exchange's memory along: after a rename, `--changed` holds what
it held before, and no entry keeps the old path."""

from test_exchange import project, units  # noqa: F401 (project: a fixture)
from trygg.exchange import export_translations
from trygg.moving import move_page


def test_a_moved_page_keeps_its_memory_and_changed_holds_what_it_held(project, tmp_path):
    edit = project / "docs/sv/unga/index.md"
    edit.write_text(edit.read_text(encoding="utf-8").replace("\n## ", "\nEn ny mening.\n\n## ", 1),
                    encoding="utf-8")
    before = tmp_path / "before.xlf"
    export_translations(project, "so", before, changed=True)
    assert set(units(before)) == {"docs/sv/unga/index.md#3"}

    written = move_page(project, "gangsnacket/varningstecken", "gangsnacket/tecken-att-se")
    # The pages that link to it (their Swedish text changed only in the link) and the page
    # itself are as up to date as before.
    after = tmp_path / "after.xlf"
    export_translations(project, "so", after, changed=True)
    assert set(units(after)) == {"docs/sv/unga/index.md#3"}
    assert project / "translations/exchange/so.json" in written
    for code in ("so", "ar", "ti"):
        memory = (project / f"translations/exchange/{code}.json").read_text(encoding="utf-8")
        # Only the record of the move keeps the old path (a file exported before it imports).
        assert memory.count("varningstecken.md") == 1
        assert ('"docs/sv/gangsnacket/varningstecken.md": '
                '"docs/sv/gangsnacket/tecken-att-se.md"') in memory
        assert '"docs/sv/gangsnacket/tecken-att-se.md#0": [' in memory
        assert '"docs/sv/gangsnacket/tecken-att-se.md": [' in memory
