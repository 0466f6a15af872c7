"""Writing an oracle's expectations, or checking them, the same way in every script."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(path: Path, text: str, check: bool) -> int:
    """With `check`, compare `text` with the committed `path` (exit status 1 when it
    differs); else write it atomically (a temporary file, then a rename)."""
    if check:
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            print(f"{path}: differs from regenerated oracle", file=sys.stderr)
            return 1
        print(f"{path}: up to date")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    print(f"wrote {path} ({len(text)} bytes)")
    return 0
