"""The one shape for anything a person must fix: ``path:line: rule-id: message``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    rule: str
    message: str
    severity: str = "error"  # "error" fails the build; "warning" is only listed
    # For the check's summaries and exceptions: the page's language and its path in site/.
    lang: str = field(default="", compare=False)
    page: str = field(default="", compare=False)

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}: {self.rule}: {prefix}{self.message}"


class ProblemsFound(Exception):
    """Raised with every problem at once, so an editor can fix them in one round."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
