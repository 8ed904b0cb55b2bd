"""The write stage: the new site goes to disk only once every page of it rendered.

A build builds the new site beside the old one and swaps it in at the end: files that did
not change are hard links to the previous site's, and a failed or interrupted build leaves
the previous site exactly as it was. An edit to a big site (a few files to write, thousands
to keep) replaces its files in place instead, each new file written into a folder beside the
site and all renamed over the old ones at the end: linking and deleting the whole site would
cost more than the edit. Each file is then whole, but a build killed while renaming leaves
some new and some old until the next build. The live preview, whose folder only it reads,
is always updated in place.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import posixpath
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO, TypeVar

from ..errors import BuildFailed, ContentError, Location

T = TypeVar("T")

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


@dataclass(frozen=True)
class Changes:
    pages: Iterable[tuple[str, bytes]]  # site file and its new bytes
    copies: Sequence[tuple[str, Path]]  # site file → the file to copy there
    removed: Sequence[str] = ()  # site files of the current output that are no longer planned


@contextmanager
def new_site(out: Path, kept: Sequence[str]) -> Iterator[Path]:
    """A fresh tree beside ``out`` holding links to the ``kept`` files of the old one, for
    the block to write the rest into: swapped in for ``out`` when the block ends, deleted
    if it fails."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        _mark(staging)
        for relative in kept:
            _link(out / relative, staging, relative)
        yield staging
        _swap(staging, out)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise _write_error(error, out) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_file(root: Path, relative: str, data: bytes) -> None:
    """A file that is not there yet (in a new tree, or a temporary one beside the old)."""
    with _new_file(f"{root}/{relative}") as file:
        file.write(data)


def copy_file(root: Path, relative: str, source: Path) -> None:
    """A copy of ``source`` where no file is yet."""
    _in_new_folder(partial(shutil.copyfile, source), f"{root}/{relative}")


def _new_file(path: str) -> BinaryIO:
    return _in_new_folder(lambda new: open(new, "xb"), path)


def _link(existing: Path, root: Path, relative: str) -> None:
    _in_new_folder(partial(os.link, existing), f"{root}/{relative}")


def _in_new_folder(make: Callable[[str], T], path: str) -> T:
    """``make(path)``, making the folder first if it is missing: folders are made the first
    time a file in them is, not checked for every file."""
    try:
        return make(path)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return make(path)


def update_in_place(out: Path, changes: Changes) -> None:
    """Replace the changed files of ``out`` and delete the removed ones, each file whole:
    the new files are all written into a staging folder beside ``out`` first, then renamed
    over the old ones. A failure while they are written leaves the site as it was, and no
    half-written file is ever inside it (the next build clears the staging folder a killed
    one leaves, see _recover)."""
    out.mkdir(parents=True, exist_ok=True)
    pages = list(changes.pages)
    if not (pages or changes.copies or changes.removed):
        if not (out / MARKER).exists():
            _mark(out)
        return
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        written = []
        for relative, data in pages:
            write_file(staging, relative, data)
            written.append(relative)
        for relative, source in changes.copies:
            copy_file(staging, relative, source)
            written.append(relative)
        for relative in written:
            _in_new_folder(partial(os.replace, staging / relative), f"{out}/{relative}")
        for relative in changes.removed:
            (out / relative).unlink(missing_ok=True)
            _remove_empty_folders(out, posixpath.dirname(relative))
        _mark(out)  # what it holds changed: a copy of it as it was is another folder now
    except OSError as error:
        raise _write_error(error, out) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _remove_empty_folders(out: Path, relative: str) -> None:
    """The folder and each one above it (inside ``out``) for as long as they are empty."""
    while relative:
        try:
            os.rmdir(out / relative)
        except OSError:  # not empty (or gone already)
            return
        relative = posixpath.dirname(relative)


_MARKER_TEXT = "This folder is written by commsite build and replaced on every build.\n"
_TOKEN = "build: "


def _mark(folder: Path) -> None:
    """Mark ``folder`` as commsite's, with a token new to this build (see ``folder_id``)."""
    (folder / MARKER).write_text(f"{_MARKER_TEXT}{_TOKEN}{os.urandom(16).hex()}\n")


def _write_error(error: OSError, out: Path) -> BuildFailed:
    where = Location(Path(error.filename) if error.filename else out)
    return BuildFailed([ContentError(where, f"cannot write the site: {error.strerror}")])


def folder_id(folder: Path) -> str | None:
    """Which build last wrote this folder: the token in its marker. A site swapped in from
    elsewhere, or an older copy of this one, is another folder; this very folder saved and
    restored whole (CI's cache restores it into a new inode) is the same. GitHub Pages'
    upload action leaves the marker, a hidden file, out of what it publishes."""
    try:
        marker = (folder / MARKER).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return marker.partition(_TOKEN)[2].strip() or None


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
