"""The load stage: parse each discovered file and validate it into a typed item.

Every problem of every file is collected; an item with problems is left out and its id
is remembered as broken, so that the link stage does not pile "unknown id" errors on top.
What a file gave is kept by the digest of its bytes, so an unchanged file is not parsed
again by the next build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .config import Config
from .discover import SourceFile
from .errors import ContentError, Invalid, Location, display_path
from .frontmatter import Document, parse
from .load_event import load_event
from .load_items import load_member, load_page, load_report, load_series
from .model import Content, Item
from .oddities import oddities
from .track import digest

MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Parsed:
    """What loading one file gave: its item (None when it had errors), errors and warnings."""

    item: Item | None
    errors: tuple[ContentError, ...]
    warnings: tuple[ContentError, ...]


Parses = Mapping[str, tuple[bytes, Parsed]]  # a content file → the digest of its bytes and what they gave


@dataclass(frozen=True)
class Loaded:
    content: Content
    broken: frozenset[tuple[str, str]]  # (kind, id) of files that had errors
    drafts: frozenset[tuple[str, str]]  # (kind, id) of drafts left out of this build
    errors: tuple[ContentError, ...]
    warnings: tuple[ContentError, ...] = ()  # valid but odd: built as written
    parses: Parses = field(default_factory=dict)  # for the next build


def load(files: Iterable[SourceFile], config: Config, *, drafts: bool = False, known: Parses | None = None) -> Loaded:
    """Load every file; ``known`` is what an earlier build's files gave, under the same settings."""
    known = known or {}
    parses: dict[str, tuple[bytes, Parsed]] = {}
    items: dict[str, list[Item]] = {kind: [] for kind in _LOADERS}
    broken: set[tuple[str, str]] = set()
    left_out: set[tuple[str, str]] = set()
    errors: list[ContentError] = []
    warnings: list[ContentError] = []
    first_of: dict[tuple[str, str], SourceFile] = {}
    for file in files:
        # Ids differing only in case would collide on a case-insensitive disk; one id, one file.
        first = first_of.setdefault((file.kind, file.id.casefold()), file)
        if first is not file:
            errors.append(_duplicate(file, first, config))
            continue
        try:
            raw = _read(file)
        except Invalid as problem:
            errors += problem.errors
            broken.add((file.kind, file.id))
            continue
        key = digest(raw, repr((file.kind, file.id, file.assets)))
        before = known.get(str(file.path))
        parsed = before[1] if before is not None and before[0] == key else parse_file(file, raw, config)
        parses[str(file.path)] = key, parsed
        item = parsed.item
        warnings += parsed.warnings
        if parsed.errors or item is None:
            errors += parsed.errors
            broken.add((file.kind, file.id))
        elif getattr(item, "draft", False) and not drafts:
            left_out.add((file.kind, file.id))
        else:
            items[file.kind].append(item)
    content = Content(**{kind: tuple(found_items) for kind, found_items in items.items()})  # type: ignore[arg-type]
    return Loaded(content, frozenset(broken), frozenset(left_out), tuple(errors), tuple(warnings), parses)


def parse_file(file: SourceFile, raw: bytes, config: Config) -> Parsed:
    found: list[ContentError] = []
    warnings: list[ContentError] = []
    item = None
    try:
        doc = parse(file.path, raw)
        warnings += oddities(doc, config.raw_html)
        item = _LOADERS[file.kind](doc, file, config, found)
    except Invalid as problem:
        found += problem.errors
    return Parsed(None if found else item, tuple(found), tuple(warnings))


def _duplicate(file: SourceFile, first: SourceFile, config: Config) -> ContentError:
    other = display_path(first.path, config.root)
    return ContentError(
        Location(file.path, 1),
        f"the id '{file.id}' is already taken by {other}",
        hint="rename one of the two files (ids are file names and must differ by more than case)",
    )


def _read(file: SourceFile) -> bytes:
    try:
        size = file.path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise Invalid(
                ContentError(
                    Location(file.path, 1),
                    f"the file is {size / (1024 * 1024):.1f} MB; content files are limited to 5 MB",
                    hint="move large data out of the Markdown, e.g. into static/",
                )
            )
        return file.path.read_bytes()
    except OSError as error:
        raise Invalid(ContentError(Location(file.path), f"cannot read the file: {error.strerror}")) from None


_LOADERS: dict[str, Callable[[Document, SourceFile, Config, list[ContentError]], Any]] = {
    "events": load_event,
    "members": load_member,
    "reports": load_report,
    "pages": load_page,
    "series": load_series,
}
