"""The write stage: build the new site beside the old one and swap it in at the end.

Nothing is written into the output folder itself; a failed or interrupted build leaves
the previous site exactly as it was.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
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
    """Put ``new`` where ``out`` is in one step, so the site is never missing or half-written."""
    os.chmod(new, 0o755)  # mkdtemp makes it private; a web server must read it
    if not out.exists():
        new.rename(out)
        return
    if _exchange(new, out):  # now ``new`` holds the old site
        shutil.rmtree(new, ignore_errors=True)
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")  # no atomic exchange here: two renames
    out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically with Linux's renameat2(RENAME_EXCHANGE); False where unsupported."""
    renameat2 = getattr(_LIBC, "renameat2", None) if _LIBC is not None else None
    if renameat2 is None:
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return bool(done == 0)


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2
_LIBC = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True) if sys.platform == "linux" else None


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """One build at a time per output folder; leftovers of a killed build are cleared first.

    The lock is on the folder that holds the output, so no lock file is left behind.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(out.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            message = "another commsite build is writing this folder right now"
            hint = "run it again when that build has finished"
            raise BuildFailed([ContentError(Location(out), message, hint=hint)]) from None
        _recover(out)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _recover(out: Path) -> None:
    """A build killed mid-way leaves its staging folder (and, without renameat2, maybe the old site)."""
    leftovers = sorted(out.parent.glob(f".{out.name}.old-*"))
    if not out.exists() and leftovers:
        leftovers.pop().rename(out)  # killed between the two renames: the old site comes back
    for folder in [*leftovers, *out.parent.glob(f".{out.name}.new-*")]:
        shutil.rmtree(folder, ignore_errors=True)
