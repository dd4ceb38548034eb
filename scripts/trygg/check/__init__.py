"""The check: every page of every language, proven accessible and link-clean.

``check_site(site_dir, root) -> list[Finding]`` is the pure core; ``trygg check`` is its
command. Rules are small units, one module per family, each with a stable id (axe-core's
where axe has the same rule) and a help text that says how to fix the problem.
"""

from .core import Finding, check_site, summary

__all__ = ["Finding", "check_site", "summary"]
