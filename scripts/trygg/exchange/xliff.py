"""Units to and from XLIFF 1.2, through translate-toolkit (the only module that imports it).

Each Swedish file is one ``<file original="…">``; each unit a ``<trans-unit>`` with its id,
the Swedish ``<source>``, the current ``<target>`` with its state, and a note saying what it
is and where. States (XLIFF 1.2): a machine draft is ``needs-review-translation`` with
``state-qualifier="mt-suggestion"``; a unit whose Swedish changed since is
``needs-translation``; a translation a person made or checked is ``signed-off``
(``approved="yes"``). Coming back, a unit counts as done by a person when its state is
``translated``, ``signed-off`` or ``final``, or it is approved; one still ``new`` or
``needs-translation`` was not translated and is left out. A unit whose ``state-qualifier``
says a machine made it (``mt-suggestion``, ``leveraged-mt``: any ``…-mt``) is a machine
draft unless a reviewer signed it off (``signed-off``, ``final`` or approved): ``translated``
is also what a tool writes when it pre-translates by machine. A new text under exactly the
state we sent (``exported_state``) is a machine draft too (apply.py): a tool that changed
the text without touching the state did not say that a person confirmed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from translate.storage import xliff

from .units import Unit

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
HUMAN_STATES = {"translated", "signed-off", "final"}
REVIEWED_STATES = {"signed-off", "final"}  # a reviewer's, never a machine's pre-translation
# A unit still in one of these states was not translated in this file (the old target is
# only there for reference): it is left out, as if its target were empty.
NOT_DONE_STATES = {"new", "needs-translation", "needs-adaptation", "needs-l10n"}


def machine_qualifier(qualifier: str | None) -> bool:
    """XLIFF 1.2's qualifiers for a text derived from machine translation (``mt-suggestion``,
    ``leveraged-mt``; a tool's own ``x-…-mt`` alike)."""
    return bool(qualifier) and (qualifier == "mt-suggestion" or qualifier.endswith("-mt"))


def exported_state(unit: Unit) -> tuple[str | None, bool]:
    """The state and approval ``write`` gives ``unit`` (what comes back when a tool leaves
    them alone)."""
    if unit.target is None:
        return None, False
    if unit.changed:
        return "needs-translation", False
    if unit.state == "reviewed":
        return "signed-off", True
    return "needs-review-translation", False


# translate-toolkit writes XLIFF 1.1 by default; the same classes with the 1.2 namespace
# write 1.2, the version every CAT tool reads (README, "Translation exchange").
class _Unit12(xliff.xliffunit):
    namespace = NAMESPACE


class _File12(xliff.xlifffile):
    UnitClass = _Unit12
    namespace = NAMESPACE
    XMLskeleton = xliff.xlifffile.XMLskeleton.replace("'1.1'", "'1.2'").replace(
        "document:1.1", "document:1.2")


def write(units: list[Unit], source_lang: str, target_lang: str) -> bytes:
    store = _File12(sourcelanguage=source_lang, targetlanguage=target_lang)
    for unit in units:
        item = _Unit12(unit.source)
        item.setid(f"{unit.file}{xliff.ID_SEPARATOR}{unit.id}")
        store.addunit(item)
        if unit.target is not None:
            item.settarget(unit.target)
            state, _ = exported_state(unit)  # set_state_n sets approved with signed-off
            item.set_state_n({"needs-translation": item.S_NEEDS_TRANSLATION,
                              "signed-off": item.S_SIGNED_OFF}.get(state, item.S_NEEDS_REVIEW))
            if state == "needs-review-translation":
                item.getlanguageNode(lang=None, index=1).set("state-qualifier", "mt-suggestion")
        where = f"{unit.kind}; {unit.file}:{unit.line}"
        if unit.changed and unit.target is not None:
            where += "; the Swedish text changed since this translation was made"
        elif unit.resend:
            where += ("; its text did not change, only the Swedish page around it (lines "
                      "re-wrapped, say): send it back as it is")
        item.addnote(where, origin="developer")
    store.setsourcelanguage(source_lang)
    store.settargetlanguage(target_lang)
    return bytes(store)


@dataclass(frozen=True)
class Returned:
    """One unit as it came back from the translators."""

    file: str
    id: str
    source: str
    target: str
    human: bool  # a person confirmed it (by its state; apply.py also compares the states sent)
    done: bool  # translated in this file (by a person or a machine)
    line: int  # its line in the XLIFF file, for messages
    flaw: tuple[str, str] | None = None  # (rule, message) when it cannot be read as sent
    state: str | None = None
    approved: bool = False

    @property
    def key(self) -> str:
        return f"{self.file}#{self.id}"


def read(path: Path) -> tuple[list[tuple[str | None, int]], list[Returned]]:
    """Each ``<file>``'s target language with its line, and the units (1.1 and 1.2 files are
    read alike). Raises lxml's XMLSyntaxError (with the line) for a file that is not XML."""
    store = xliff.xlifffile.parsestring(path.read_bytes())
    languages = [(node.get("target-language"), node.sourceline or 1)
                 for node in store.document.getroot() if str(node.tag).endswith("}file")]
    returned, first = [], {}
    for item in store.units:
        if not item.istranslatable():
            continue
        file, _, local = item.getid().partition(xliff.ID_SEPARATOR)
        line = item.xmlelement.sourceline or 1
        node = item.getlanguageNode(lang=None, index=1)
        flaw = _inline(node)
        if item.getid() in first:
            # The second would silently replace the first (the review's 60,000 copies of one
            # unit went in): which one the translator meant cannot be told.
            flaw = ("unit-duplicate", f"the unit is in the file twice (first at line "
                    f"{first[item.getid()]}); send each unit once: remove one of them in the "
                    "translation tool, or export again.")
        first.setdefault(item.getid(), line)
        state = node.get("state") if node is not None else None
        qualifier = node.get("state-qualifier") if node is not None else None
        approved = bool(item.isapproved())
        human = (approved or state in REVIEWED_STATES
                 or state in HUMAN_STATES and not machine_qualifier(qualifier))
        target = str(item.target or "")
        done = bool(target.strip()) and (human or state not in NOT_DONE_STATES)
        returned.append(Returned(file, local, str(item.source or ""), target, human, done,
                                 line, flaw, state, approved))
    return languages, returned


# XLIFF inline elements a CAT tool may put in a target. <g> and <mrk> only wrap text (a
# segment, a term), which translate-toolkit keeps; the others stand for a piece of the
# source's own code (<x/>, <bx/>, <ex/> empty; <ph>, <bpt>, <ept>, <it>, <sub> holding it),
# which our plain-text sources never have: translate-toolkit drops them or writes the code
# they hold as text, so what the translator saw would not be what the page shows.
_TEXT_WRAPPERS = {"g", "mrk"}


def _inline(target) -> tuple[str, str] | None:
    """Why the target cannot be written as the translator sees it, or None."""
    if target is None:
        return None
    for node in target.iterdescendants():
        if isinstance(node, etree._Entity):
            # The parser resolves no entity (translate-toolkit: resolve_entities=False, so no
            # file is read and no expansion grows): an external one would be dropped, an
            # internal one written without its markup.
            return ("unit-inline", f"the translation has the entity reference {node.text}, "
                    "whose text would not reach the page as the translator sees it. Write "
                    "the text itself (plain text; only &amp;, &lt;, &gt;, &quot;, &apos; and "
                    "character references such as &#233; are read).")
        if isinstance(node.tag, str) and etree.QName(node).localname not in _TEXT_WRAPPERS:
            name = etree.QName(node).localname
            return ("unit-inline", f"the translation has the inline tag <{name}>, which stands "
                    "for formatting or code the Swedish text does not have; its text would be "
                    "lost or changed. Write the translation as plain text, with no tags from "
                    "the translation tool.")
    return None
