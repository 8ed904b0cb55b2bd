"""The build cache: what the last build of an output folder parsed, and what each output read.

It lives in the hub's ``.commsite-cache/`` (with a .gitignore of its own, so git never
commits it), one set of files per output folder: the records of the last build, and what
parsing gave, in shards named by what they hold. An edit to one file writes the records
and one shard again, not everything the hub's files gave. Compiled templates are kept
there too (``templates/``), for every output folder.

Each file is signed (signed.py), and a cache is only trusted when it was written with this
very commsite code: a cache committed by someone else, a corrupt one or an old one is
rebuilt silently, never loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, cast

import jinja2

from ..search.index import SearchIndex
from ..version import __version__
from .keytable import Record
from .signed import no_collections, pickled, read_signed, signing_key, write_signed
from .track import Key, StoredPart, digest

CACHE_DIR = ".commsite-cache"
_SHARDS = 16  # of what parsing gave: an edit writes one again


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
    shards: tuple[str, ...] = ()  # the files holding ``parsed``, when it is on disk
    search: SearchIndex = field(default_factory=SearchIndex)  # what the output's search index holds


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
        shards = [read_signed(root / CACHE_DIR / name) for name in found.shards]
        if all(isinstance(shard, tuple) and shard[0] == code_digest() for shard in shards):
            found.parsed = {
                file: entry
                for _, entries in cast(list[tuple[bytes, dict[str, Any]]], shards)
                for file, entry in entries.items()
            }
            return found
    # Unreadable (another key signed it, it is damaged, other code wrote it): its shards go,
    # so that the next save writes them again rather than keep names it cannot read.
    for unreadable in (root / CACHE_DIR).glob(f"{_name(out)}-*.parsed"):
        unreadable.unlink(missing_ok=True)
    return BuildCache(code_digest())


def save_cache(root: Path, out: Path, built: BuildCache) -> None:
    """Write the cache beside the hub; a hub where that cannot be done simply builds without one.

    The shards already on disk are left as they are; those no longer used are removed."""
    key = signing_key()
    if key is None:
        return
    try:
        folder = _folder(root)
        shards = []
        for entries in _sharded(built.parsed):
            # Named by the code, the files and what their parse depended on: the same name, the same entries.
            held = digest(code_digest(), *(file + repr(parse_key) for file, (parse_key, _) in sorted(entries.items())))
            name = f"{_name(out)}-{held.hex()[:16]}.parsed"
            if not (folder / name).is_file():
                write_signed(folder / name, pickled((code_digest(), entries)), key)
            shards.append(name)
        write_signed(cache_file(root, out), pickled(replace(built, parsed={}, shards=tuple(shards))), key)
        for old in folder.glob(f"{_name(out)}-*.parsed"):
            if old.name not in shards:
                old.unlink(missing_ok=True)
    except OSError:
        return


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


def _sharded(parsed: dict[str, Any]) -> list[dict[str, Any]]:
    shards: list[dict[str, Any]] = [{} for _ in range(_SHARDS)]
    for file, entry in parsed.items():
        shards[digest(file)[0] % _SHARDS][file] = entry
    return [shard for shard in shards if shard]
