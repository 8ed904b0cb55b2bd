"""The write stage: build the new site beside the old one and swap it in at the end.

Nothing is written into the output folder itself; a failed or interrupted build leaves
the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import BuildFailed, ContentError, Location


def guard_output(out: Path, root: Path) -> None:
    """Refuse an output folder whose replacement would delete the hub itself."""
    target, hub = out.resolve(), root.resolve()
    if target == hub or target in hub.parents or (target / "site.yaml").exists() or (target / ".git").exists():
        raise BuildFailed(
            [
                ContentError(
                    Location(out),
                    "this folder holds the hub itself; the build would replace it",
                    hint="choose an output folder such as 'public'",
                )
            ]
        )


def write_site(out: Path, pages: Mapping[str, bytes], copies: Iterable[tuple[str, Path]]) -> int:
    """Write every page and copy every file into a fresh tree, then swap it for ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for relative, data in pages.items():
            _target(staging, relative).write_bytes(data)
        count = len(pages)
        for relative, source in copies:
            shutil.copyfile(source, _target(staging, relative))
            count += 1
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _target(root: Path, relative: str) -> Path:
    path = root.joinpath(*relative.split("/"))
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _swap(new: Path, out: Path) -> None:
    os.chmod(new, 0o755)  # mkdtemp makes it private; a web server must read it
    if not out.exists():
        new.rename(out)
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
