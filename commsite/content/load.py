"""The load stage: parse each discovered file and validate it into a typed item.

Every problem of every file is collected; an item with problems is left out and its id
is remembered as broken, so that the link stage does not pile "unknown id" errors on top.
What a file gave is kept by the digest of its bytes, so an unchanged file is not parsed
again by the next build.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from .. import kinds
from ..engine.parallel import done_in_turn, in_chunks
from ..engine.track import digest, fingerprint
from ..errors import ContentError, Invalid, Location, Problems, display_path
from ..source.config import Config
from ..source.discover import SourceFile
from ..source.frontmatter import parse
from ..source.markdown import text_of
from ..source.oddities import oddities
from ..source.reader import Reader
from .model import Content, Item
from .translations import Translation, load_translation

MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Parsed:
    """What loading one file gave: its item (None when it had errors), errors and warnings."""

    item: Item | Translation | None
    errors: tuple[ContentError, ...]
    warnings: tuple[ContentError, ...]
    # The fingerprints of what ``described`` gives: made once, with the parse, for every
    # build that finds the file unchanged (and the item as linking leaves most of them).
    fingerprints: tuple[bytes, ...] = ()
    # The plain text of each body ``described`` gives, for search: made with the parse, so
    # that an edit of one file does not take the text out of every body again.
    texts: tuple[str, ...] = ()


Parses = Mapping[str, tuple[bytes, Parsed]]  # a content file → the digest of its bytes and what they gave


@dataclass(frozen=True)
class Loaded:
    content: Content
    broken: frozenset[tuple[str, str]]  # (kind, id) of files that had errors
    drafts: frozenset[tuple[str, str]]  # (kind, id) of drafts left out of this build
    parses: Parses = field(default_factory=dict)  # for the next build
    translations: tuple[Translation, ...] = ()  # in the order their files were found


def load(
    files: Iterable[SourceFile],
    config: Config,
    problems: Problems,
    *,
    drafts: bool = False,
    known: Parses | None = None,
) -> Loaded:
    """Load every file, each file's problems put in ``problems``; ``known`` is what an
    earlier build's files gave, under the same settings."""
    known = known or {}
    sources = _read_all(files, config)
    read = [source for source in sources if isinstance(source, _Read)]
    # What a file gave before is taken as it was, (key, parse) and all: the cache then sees it is the same.
    given = {str(s.file.path): entry for s in read if (entry := _reusable(s, known)) is not None}
    given.update(_parse_all([s for s in read if str(s.file.path) not in given], config))
    parses: dict[str, tuple[bytes, Parsed]] = {}
    items: dict[str, list[Item]] = {kind: [] for kind in kinds.folders()}
    broken: set[tuple[str, str]] = set()
    left_out: set[tuple[str, str]] = set()
    translated: list[Translation] = []
    for source in sources:
        file = source.file
        if isinstance(source, _Unread):
            problems.errors += source.errors
            if source.broken:
                broken.add((file.kind, file.id))
            continue
        entry = parses[str(file.path)] = given[str(file.path)]
        parsed = entry[1]
        item = parsed.item
        problems.warnings += parsed.warnings
        if parsed.errors or item is None:
            problems.errors += parsed.errors
            broken.add((file.kind, file.id))
        elif isinstance(item, Translation):
            translated.append(item)
        elif getattr(item, "draft", False) and not drafts:
            left_out.add((file.kind, file.id))
        else:
            items[file.kind].append(item)
    content = {kind: tuple(found_items) for kind, found_items in items.items()}
    return Loaded(content, frozenset(broken), frozenset(left_out), parses, tuple(translated))


class _Read(NamedTuple):
    file: SourceFile
    raw: bytes
    key: bytes  # the digest of what parsing it depends on: its bytes, where it is, site.yaml


class _Unread(NamedTuple):
    file: SourceFile
    errors: tuple[ContentError, ...]
    broken: bool  # a duplicate is not: the file that has its id stands


def _read_all(files: Iterable[SourceFile], config: Config) -> list[_Read | _Unread]:
    sources: list[_Read | _Unread] = []
    settings = repr(config)  # the code is the cache's own (load_cache checks it)
    first_of: dict[tuple[str, str, str | None], SourceFile] = {}
    for file in files:
        # Ids differing only in case would collide on a case-insensitive disk; one id, one file.
        first = first_of.setdefault((file.kind, file.id.casefold(), file.language), file)
        if first is not file:
            sources.append(_Unread(file, (_duplicate(file, first, config),), broken=False))
            continue
        try:
            raw = _read(file)
        except Invalid as problem:
            sources.append(_Unread(file, tuple(problem.errors), broken=True))
            continue
        sources.append(_Read(file, raw, digest(raw, repr((file.kind, file.id, file.assets)), settings)))
    return sources


def _reusable(source: _Read, known: Parses) -> tuple[bytes, Parsed] | None:
    before = known.get(str(source.file.path))
    return before if before is not None and before[0] == source.key else None


_CHUNK = 50  # files per parsing task
_PARALLEL_FROM = 500  # files to parse; below this, starting processes costs more than it saves


def _parse_all(sources: list[_Read], config: Config) -> dict[str, tuple[bytes, Parsed]]:
    """Each file parsed, on both cores when there are many: a content file → its key and what it gave."""
    chunks = in_chunks(sources, _CHUNK)

    def parse_chunk(number: int) -> list[Parsed]:
        return [parse_file(source.file, source.raw, config) for source in chunks[number]]

    parsed: dict[str, tuple[bytes, Parsed]] = {}
    for number, results in done_in_turn(parse_chunk, len(chunks), fork=len(sources) >= _PARALLEL_FROM):
        chunk = zip(chunks[number], results, strict=True)
        parsed.update((str(source.file.path), (source.key, result)) for source, result in chunk)
    return parsed


def parse_file(file: SourceFile, raw: bytes, config: Config) -> Parsed:
    """One file's item and its problems: kept with its parse for the next build."""
    found = Problems()
    item = None
    try:
        doc = parse(file.path, raw)
        found.warnings += oddities(doc, config.raw_html)
        kind = kinds.DECLARED[file.kind]
        assert kind.load is not None, file.kind  # discover finds only the folders of kinds with loaders
        read = Reader(doc.meta, doc.locator, (), found)
        if file.language is not None:
            item = load_translation(read, doc, file, config, kind.fields)
        else:
            read.check_table(kind.fields)
            item = kind.load(read, doc, file, config)
    except Invalid as problem:  # a file that cannot be read further
        found.errors += problem.errors
    warnings = sorted(found.warnings, key=lambda w: (w.location.line or 0, w.location.column or 0))  # as the file reads
    if found.errors or item is None:
        return Parsed(None, tuple(found.errors), tuple(warnings))
    texts = tuple(map(text_of, bodies_of(item))) if config.search else ()
    return Parsed(item, (), tuple(warnings), tuple(map(fingerprint, described(item))), texts)


def described(item: Item | Translation) -> tuple[object, ...]:
    """What a parse fingerprints: the item, its talks, and the body of each (which their
    repr leaves out; pages read bodies on their own, ``Site.bodies``)."""
    return (item, *getattr(item, "talks", ()), *bodies_of(item))


def without_bodies(loaded: Loaded) -> Iterator[bytes]:
    """What the files gave but their bodies, in short: which were left out (drafts, files
    with mistakes), and the fingerprints their parse made of each item and its talks."""
    yield repr(sorted(loaded.broken | loaded.drafts)).encode()
    for _, parsed in loaded.parses.values():
        if parsed.item is not None:
            yield from parsed.fingerprints[: 1 + len(getattr(parsed.item, "talks", ()))]  # see ``described``


def bodies_of(item: Item | Translation) -> tuple[str, ...]:
    """The body of an item (its Markdown, as HTML) and of each of its talks."""
    items = (item, *getattr(item, "talks", ()))
    return tuple(getattr(one, kind.body) for one in items if (kind := kinds.of(one)) is not None)


def body_texts(parses: Parses) -> dict[str, str]:
    """The plain text of every body their parse took it out of, by the body's HTML."""
    return {
        body: text
        for _, parsed in parses.values()
        if parsed.texts and parsed.item is not None
        for body, text in zip(bodies_of(parsed.item), parsed.texts, strict=True)
    }


def _duplicate(file: SourceFile, first: SourceFile, config: Config) -> ContentError:
    other = display_path(first.path, config.root)
    return ContentError(
        Location(file.path, 1),
        f"the id '{file.id}' is already taken by {other}",
        hint="rename one of the two files (ids are file names and must differ by more than case)",
    )


def _read(file: SourceFile) -> bytes:
    # Every build reads every file (a large hub has thousands): opened once, asked its size
    # and read with the fewest calls, which takes half the time pathlib's stat and read do.
    try:
        handle = os.open(file.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            size = os.fstat(handle).st_size
            if size > MAX_FILE_BYTES:
                raise Invalid(
                    ContentError(
                        Location(file.path, 1),
                        f"the file is {size / (1024 * 1024):.1f} MB; content files are limited to 5 MB",
                        hint="move large data out of the Markdown, e.g. into static/",
                    )
                )
            return b"".join(iter(lambda: os.read(handle, max(size, 1 << 16)), b""))
        finally:
            os.close(handle)
    except OSError as error:
        raise Invalid(ContentError(Location(file.path), f"cannot read the file: {error.strerror}")) from None
