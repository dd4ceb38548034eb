"""Rules register themselves here: a page rule sees one page, a site rule sees them all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    help: str
    check: Callable[..., Iterable]
    scope: str  # "page" or "site"


RULES: dict[str, Rule] = {}


def rule(id: str, help: str, scope: str = "page"):
    """Register a rule. ``help`` says what is wrong and how an editor fixes it."""

    def register(function):
        family = function.__module__.rsplit(".", 1)[-1]
        RULES[id] = Rule(id, family, help, function, scope)
        return function

    return register
