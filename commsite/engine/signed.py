"""Files that only this user's own builds can have written: pickled values, each signed
with a key kept in the user's own cache folder, outside any hub.

Loading runs pickle, so a file is only loaded when its signature is this key's. One
committed to a hub by someone else, damaged, or written by other code is not loaded.
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
from functools import cache
from pathlib import Path

_FORMAT = b"commsite-cache 2\n"
_SIGNATURE = 32  # bytes of HMAC-SHA256, before the format line


def read_signed(path: Path) -> object:
    """What a signed file holds, or None when it is missing, unsigned, damaged or foreign."""
    key = signing_key()
    try:
        data = memoryview(path.read_bytes() if key is not None else b"")
    except OSError:
        return None
    signature, body = data[:_SIGNATURE], data[_SIGNATURE:]
    if body[: len(_FORMAT)] != _FORMAT or not hmac.compare_digest(signature, _sign(key or b"", body)):
        return None
    try:
        with no_collections():
            return pickle.loads(body[len(_FORMAT) :])
    except Exception:  # signed but unreadable: written by an older Python or commsite
        return None


def pickled(value: object) -> bytes:
    with no_collections():
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def write_signed(path: Path, data: bytes, key: bytes) -> None:
    """Write what ``pickled`` gave, signed with ``key``, replacing the file at once (never half-written)."""
    body = (_FORMAT, data)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.writelines((_sign(key, *body), *body))
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def no_collections(*, then_old: bool = False) -> Iterator[None]:
    """Many objects and no cycles: collections while pickling or unpickling would only cost
    time. ``then_old``: what was made goes to the oldest generation at once (a cache lives
    as long as the build), else the collector walks it all as soon as it is back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if then_old:
            # Not asking first whether a caller froze objects itself: that walks them all.
            # Nothing is frozen when a cache is loaded, before a build or a preview starts.
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


def _sign(key: bytes, *parts: bytes | memoryview) -> bytes:
    signing = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        signing.update(part)
    return signing.digest()


@cache
def signing_key() -> bytes | None:
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
