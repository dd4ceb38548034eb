"""A cache file kept with the SHA-256 of its bytes beside it (``name.sha256``), so that a file
cut short, changed by hand or swapped with another is never taken for the one that was kept.
The PDFs (pdf/cache.py) and the trimmed stylesheet (stylesheet_trim.py) are kept this way."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def sidecar(path: Path) -> Path:
    return path.with_suffix(".sha256")


def read(path: Path) -> bytes | None:
    """The file's bytes when they match the hash beside them; None when either is missing,
    unreadable or they differ."""
    try:
        data = path.read_bytes()
        expected = sidecar(path).read_text(encoding="ascii").strip()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == expected else None


def write(path: Path, data: bytes) -> None:
    """Write the file and its hash, each beside its place first and then renamed: never half
    a file. Raises OSError when the folder cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for target, content in ((path, data), (sidecar(path), hashlib.sha256(data).hexdigest().encode())):
        partial = target.with_name(f".{target.name}.{os.getpid()}.part")
        partial.write_bytes(content)
        partial.replace(target)
