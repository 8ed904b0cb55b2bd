"""The build cache: what the last build of an output folder parsed, and what each output read.

It lives in the hub's ``.commsite-cache/`` (with a .gitignore of its own, so git never
commits it), one set of files per output folder: a small main file, and pieces named by
what they hold (what parsing gave, the records, the keys and the kept parts, each split).
An edit writes again the main file and the few pieces it changed, not all 20 MB a large
hub's cache holds. Compiled templates are kept there too (``templates/``), for every
output folder.

Each file is signed (signed.py), and a cache is only trusted when it was written with this
very commsite code: a cache committed by someone else, a corrupt one or an old one is
rebuilt silently, never loaded.
"""

from __future__ import annotations

import operator
import zlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, cast

import jinja2

from ..graph.stats import KeptRecord
from ..search.index import SearchIndex
from ..version import __version__
from .keytable import Record
from .signed import no_collections, pickled, read_signed, signing_key, write_signed
from .track import Key, StoredPart, digest

CACHE_DIR = ".commsite-cache"
# Most of a cache is kept in pieces, each in a file of its own, so that an edit writes again
# only the few it changed: the tables (what parsing gave, the records, the kept parts) split
# by key, and the key table's keys in runs (a build only adds keys at the end).
_PIECES = 16
_KEYS_PER_PIECE = 4096
Place = tuple[str, int]  # a piece's table and number
_NONE = object()


@dataclass
class BuildCache:
    code: bytes = b""  # the commsite code that wrote it
    parsed: dict[str, Any] = field(default_factory=dict)  # content file → (what its parse depended on, what it gave)
    settings: bytes = b""  # what every output depends on (site.yaml, catalogue, theme, drafts)
    records: dict[str, Record] = field(default_factory=dict)  # output file → what it read
    keys: list[Key] = field(default_factory=list)  # the key table the records number
    fingerprints: list[bytes] = field(default_factory=list)
    collections: dict[Key, bytes] = field(default_factory=dict)  # the fingerprint of each collection keys look into
    site_id: str | None = None  # the output folder it describes (the token in its marker)
    parts: dict[Key, StoredPart] = field(default_factory=dict)  # shared parts, and what they read
    search: SearchIndex = field(default_factory=SearchIndex)  # what the output's search index holds
    record: KeptRecord | None = None  # the community record, and what it was made from
    pieces: tuple[str, ...] = ()  # the files holding the tables and keys, when it is on disk
    # Each piece as loaded or last saved, and its file: one that holds the same objects is not written again.
    stored: dict[Place, tuple[str, Any]] = field(default_factory=dict, repr=False, compare=False)


@cache
def code_digest() -> bytes:
    """The commsite code itself, its sub-packages' included: a changed module may render
    anything differently, and a moved one is a change too."""
    package = Path(__file__).resolve().parent.parent  # commsite/
    modules = sorted(package.rglob("*.py"))
    return digest(
        __version__, *(part for path in modules for part in (str(path.relative_to(package)), path.read_bytes()))
    )


def cache_file(root: Path, out: Path) -> Path:
    return root / CACHE_DIR / f"{_name(out)}.pickle"


def _name(out: Path) -> str:
    return f"build-{digest(str(out.resolve())).hex()[:16]}"


def load_cache(root: Path, out: Path) -> BuildCache:
    with no_collections(then_old=True):
        return _load_cache(root, out)


def _load_cache(root: Path, out: Path) -> BuildCache:
    found = read_signed(cache_file(root, out))
    if isinstance(found, BuildCache) and found.code == code_digest():
        pieces = [read_signed(root / CACHE_DIR / name) for name in found.pieces]
        if all(isinstance(piece, tuple) and piece[0] == code_digest() for piece in pieces):
            for name, (_, place, piece) in zip(found.pieces, cast(list[tuple[bytes, Place, Any]], pieces), strict=True):
                _put(found, place[0], piece)
                found.stored[place] = name, piece
            return found
    # Unreadable (another key signed it, it is damaged, other code wrote it): its pieces go,
    # so that the next save writes them again rather than keep names it cannot read.
    for unreadable in (root / CACHE_DIR).glob(f"{_name(out)}-*"):
        unreadable.unlink(missing_ok=True)
    return BuildCache(code_digest())


def save_cache(root: Path, out: Path, built: BuildCache) -> None:
    """Write the cache beside the hub; a hub where that cannot be done simply builds without one.

    The pieces on disk that hold what they held are left as they are; those no longer used are removed."""
    key = signing_key()
    if key is None:
        return
    try:
        folder = _folder(root)
        stored = {
            place: _same(built.stored.get(place), piece) or _written(folder / _name(out), place, piece, key)
            for place, piece in _pieces(built).items()
        }
        names = tuple(name for name, _ in stored.values())
        main = replace(built, parsed={}, records={}, keys=[], parts={}, record=None, pieces=names, stored={})
        write_signed(cache_file(root, out), pickled(main), key)
        built.stored = stored
        for old in folder.glob(f"{_name(out)}-*"):
            if old.name not in names:
                old.unlink(missing_ok=True)
    except OSError:
        return


def _put(built: BuildCache, name: str, piece: Any) -> None:
    held = getattr(built, name)
    if isinstance(held, list):
        held.extend(piece)  # the keys, in order
    elif isinstance(held, dict):
        held.update(piece)
    else:
        setattr(built, name, piece)


def _pieces(built: BuildCache) -> dict[Place, Any]:
    """What the cache keeps in pieces of its own: its tables split by key, its keys in runs,
    the community record whole."""
    pieces: dict[Place, Any] = {}
    for table in ("parsed", "records", "parts"):
        split: dict[int, dict[Any, Any]] = defaultdict(dict)
        for key, value in getattr(built, table).items():
            split[zlib.crc32(repr(key).encode("utf-8", "surrogatepass")) % _PIECES][key] = value
        pieces.update(((table, number), split[number]) for number in sorted(split))
    keys = built.keys
    for number, start in enumerate(range(0, len(keys), _KEYS_PER_PIECE)):
        pieces["keys", number] = keys[start : start + _KEYS_PER_PIECE]
    if built.record is not None:
        pieces["record", 0] = built.record
    return pieces


def _same(stored: tuple[str, Any] | None, piece: Any) -> tuple[str, Any] | None:
    """The stored piece, if ``piece`` holds the very objects it held when loaded or saved."""
    if stored is None:
        return None
    held = stored[1]
    if isinstance(piece, list):
        same = len(held) == len(piece) and all(map(operator.is_, piece, held))
    elif isinstance(piece, dict):
        same = len(held) == len(piece) and all(held.get(key, _NONE) is value for key, value in piece.items())
    else:
        same = held is piece
    return stored if same else None


def _written(prefix: Path, place: Place, piece: Any, key: bytes) -> tuple[str, Any]:
    """A piece written to a file named by what it holds (kept if it exists)."""
    data = pickled((code_digest(), place, piece))
    path = prefix.with_name(f"{prefix.name}-{digest(data).hex()[:16]}.piece")
    if not path.is_file():
        write_signed(path, data, key)
    return path.name, piece


class TemplateCache(jinja2.BytecodeCache):
    """Templates as compiled, for the next build: compiling them is a tenth of an edit's
    build. Signed like the rest of the cache, since what it holds is run; kept apart for
    each kind of environment (a sandboxed one compiles templates differently)."""

    def __init__(self, root: Path, environment: str) -> None:
        self.root, self.environment = root, environment

    def _file(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.root / CACHE_DIR / "templates" / f"{self.environment}-{bucket.key}.code"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = read_signed(self._file(bucket))
        # What it was compiled for is signed with it: a file copied over another's name is not run.
        if isinstance(found, tuple) and found[:3] == (code_digest(), self.environment, bucket.key):
            bucket.bytecode_from_string(found[3])  # which checks the template's source is the same

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = signing_key()
        if key is None:
            return
        try:
            (_folder(self.root) / "templates").mkdir(exist_ok=True)
            compiled = (code_digest(), self.environment, bucket.key, bucket.bytecode_to_string())
            write_signed(self._file(bucket), pickled(compiled), key)
        except OSError:
            return


def _folder(root: Path) -> Path:
    """The hub's cache folder, made if need be; ignored by git even in a hub whose .gitignore does not list it."""
    folder = root / CACHE_DIR
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# written by commsite: its build cache, never to commit\n*\n")
    return folder
