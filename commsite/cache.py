"""The build cache: what the last build of an output folder parsed, and what each output read.

It lives in the hub's ``.commsite-cache/`` (with a .gitignore of its own, so git never
commits it), one file per output folder. Loading a cache runs pickle, so a cache is only trusted when this machine
wrote it with this very commsite code: the file is signed with a key kept in the user's
own cache folder. A cache committed by someone else, a corrupt one or an old one is
rebuilt silently, never loaded.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import os
import pickle
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__
from .track import Key, Record, StoredPart, digest

CACHE_DIR = ".commsite-cache"
_FORMAT = b"commsite-cache 1\n"


@dataclass
class BuildCache:
    code: bytes = b""  # the commsite code that wrote it
    load_settings: bytes = b""  # what parsing depended on besides the files (site.yaml)
    parsed: dict[str, Any] = field(default_factory=dict)  # content file → (digest of its bytes, what loading gave)
    settings: bytes = b""  # what every output depends on (site.yaml, catalogue, theme, drafts)
    records: dict[str, Record] = field(default_factory=dict)  # output file → what it read
    keys: list[Key] = field(default_factory=list)  # the key table the records number
    fingerprints: list[bytes] = field(default_factory=list)
    site_id: tuple[int, int] | None = None  # the output folder it describes (device, inode)
    parts: dict[Key, StoredPart] = field(default_factory=dict)  # shared parts, and what they read


@cache
def code_digest() -> bytes:
    """The commsite code itself: a changed module may render anything differently."""
    package = Path(__file__).resolve().parent
    return digest(__version__, *(path.read_bytes() for path in sorted(package.glob("*.py"))))


def cache_file(root: Path, out: Path) -> Path:
    return root / CACHE_DIR / f"build-{digest(str(out.resolve())).hex()[:16]}.pickle"


def load_cache(root: Path, out: Path) -> BuildCache:
    path, key = cache_file(root, out), _signing_key()
    try:
        data = path.read_bytes() if key is not None else b""
    except OSError:
        data = b""
    signature, body = data[:32], data[32:]
    if not body.startswith(_FORMAT) or not hmac.compare_digest(signature, _sign(key or b"", body)):
        return BuildCache(code_digest())
    try:
        with _no_collections():
            found = pickle.loads(body[len(_FORMAT) :])
    except Exception:  # signed but unreadable: written by an older Python or commsite
        return BuildCache(code_digest())
    if not isinstance(found, BuildCache) or found.code != code_digest():
        return BuildCache(code_digest())
    return found


def save_cache(root: Path, out: Path, built: BuildCache) -> None:
    """Write the cache beside the hub; a hub where that cannot be done simply builds without one."""
    path, key = cache_file(root, out), _signing_key()
    if key is None:
        return
    with _no_collections():
        body = _FORMAT + pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():  # ignored by git even in a hub whose .gitignore does not list it
            ignore.write_text("# written by commsite: its build cache, never to commit\n*\n")
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(handle, "wb") as file:
            file.write(_sign(key, body) + body)
        os.replace(temporary, path)
    except OSError:
        return


@contextmanager
def _no_collections() -> Iterator[None]:
    """Many objects and no cycles: collections while pickling or unpickling would only cost time."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _sign(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).digest()


@cache
def _signing_key() -> bytes | None:
    """This user's key, made once, outside any hub (so it is never committed with one)."""
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(home) / "commsite" / "cache-key"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as file:
            file.write(os.urandom(32))
        return path.read_bytes()
    except FileExistsError:  # another build made it just now
        return path.read_bytes()
    except OSError:
        return None
