"""Find the hub's content files: one per item, or a bundle folder with its index.md.

Items may be grouped in sub-folders (``content/events/2027/...``); a folder holding an
``index.md`` is a bundle, and everything else in it is that item's files.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Location, suggest

KINDS = ("events", "members", "reports", "pages", "series")
BUNDLE_INDEX = "index.md"
MARKDOWN = (".md", ".markdown")


@dataclass(frozen=True)
class SourceFile:
    kind: str  # one of KINDS
    id: str  # the file's stem, or the bundle folder's name
    path: Path
    assets: tuple[Path, ...] = ()  # a bundle's other files, copied beside its page


def discover(content_dir: Path) -> tuple[tuple[SourceFile, ...], list[ContentError]]:
    found: list[SourceFile] = []
    errors: list[ContentError] = []
    for folder in sorted(content_dir.iterdir()) if content_dir.is_dir() else []:
        if folder.name in KINDS and folder.is_dir():
            found += _files_of(folder.name, folder)
        elif folder.is_dir() and not _hidden(folder):
            hint = suggest(folder.name, KINDS) or "content goes in " + ", ".join(f"content/{k}/" for k in KINDS)
            errors.append(
                ContentError(Location(folder), f"commsite does not know the folder '{folder.name}'", None, hint)
            )
    return tuple(sorted(found, key=lambda f: (f.kind, f.id, f.path.as_posix()))), errors


def _files_of(kind: str, folder: Path) -> list[SourceFile]:
    files = []
    for entry in folder.iterdir():
        if _hidden(entry):
            continue
        if entry.is_file() and entry.suffix.lower() in MARKDOWN:
            files.append(SourceFile(kind, _id(entry.stem), entry))
        elif entry.is_dir() and (entry / BUNDLE_INDEX).is_file():
            assets = sorted(p for p in entry.rglob("*") if p.is_file() and p.name != BUNDLE_INDEX and not _hidden(p))
            files.append(SourceFile(kind, _id(entry.name), entry / BUNDLE_INDEX, tuple(assets)))
        elif entry.is_dir():
            files += _files_of(kind, entry)  # a grouping folder, such as a year
    return files


def _hidden(path: Path) -> bool:
    return path.name.startswith((".", "_"))


def _id(name: str) -> str:
    # macOS writes Japanese file names decomposed (NFD); ids must match what people type.
    return unicodedata.normalize("NFC", name)
