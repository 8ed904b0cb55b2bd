"""The benchmark's synthetic hubs are deterministic and valid content."""

from __future__ import annotations

import sys
from pathlib import Path

from commsite import build

from .conftest import NOW, REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_small_synthetic_hub_is_the_same_every_time_and_builds_cleanly(tmp_path: Path) -> None:
    first = generate("small", tmp_path / "one")
    assert _files(first) == _files(generate("small", tmp_path / "two"))
    result = build(first, tmp_path / "site" / "public", now=NOW)
    assert result.pages > 1000 and not result.warnings
    assert (result.out / "calendar.ics").is_file()
