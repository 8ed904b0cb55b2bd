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

MARKER = ".commsite-output"  # written into every output folder; only such a folder is ever replaced
_SOURCES = ("content", "static", "themes", "templates", "i18n")


def guard_output(out: Path, root: Path) -> None:
    """Refuse an output folder whose replacement would delete something that is not a build."""
    target, hub = out.resolve(), root.resolve()
    problem = None
    if target == hub or target in hub.parents:
        problem = "this folder holds the hub itself; the build would replace it"
    elif any(target == hub / name or hub / name in target.parents for name in _SOURCES):
        problem = "this folder is inside the hub's own sources; the build would replace them"
    elif target.exists() and not target.is_dir():
        problem = "this is a file, not a folder; the build would replace it"
    elif (target / ".git").exists():
        problem = "this folder is a git checkout (.git); commsite replaces its output folder whole"
    elif target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        problem = "this folder has files that commsite did not write; the build would delete them"
    if problem:
        hint = "choose a new or empty folder (if this one holds an older build, delete it once)"
        raise BuildFailed([ContentError(Location(out), problem, hint=hint)])


def write_site(out: Path, pages: Mapping[str, bytes], copies: Iterable[tuple[str, Path]]) -> int:
    """Write every page and copy every file into a fresh tree, then swap it for ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        (staging / MARKER).write_text("This folder is written by commsite build and replaced on every build.\n")
        for relative, data in pages.items():
            _target(staging, relative).write_bytes(data)
        count = len(pages)
        for relative, source in copies:
            shutil.copyfile(source, _target(staging, relative))
            count += 1
        _swap(staging, out)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        where = Location(Path(error.filename) if error.filename else out)
        raise BuildFailed([ContentError(where, f"cannot write the site: {error.strerror}")]) from None
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
