"""Find the hub's content files: one per item, or a bundle folder with its index.md."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

KINDS = ("events", "members", "reports", "pages", "series")
BUNDLE_INDEX = "index.md"


@dataclass(frozen=True)
class SourceFile:
    kind: str  # one of KINDS
    id: str  # the file's stem, or the bundle folder's name
    path: Path
    assets: tuple[Path, ...] = ()  # a bundle's other files, copied beside its page


def discover(content_dir: Path) -> tuple[SourceFile, ...]:
    found: list[SourceFile] = []
    for kind in KINDS:
        folder = content_dir / kind
        if folder.is_dir():
            found += _files_of(kind, folder)
    return tuple(sorted(found, key=lambda f: (f.kind, f.id, f.path.as_posix())))


def _files_of(kind: str, folder: Path) -> list[SourceFile]:
    files = []
    for entry in folder.iterdir():
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_file() and entry.suffix == ".md":
            files.append(SourceFile(kind, _id(entry.stem), entry))
        elif entry.is_dir() and (entry / BUNDLE_INDEX).is_file():
            assets = sorted(p for p in entry.rglob("*") if p.is_file() and p.name != BUNDLE_INDEX)
            files.append(SourceFile(kind, _id(entry.name), entry / BUNDLE_INDEX, tuple(assets)))
    return files


def _id(name: str) -> str:
    # macOS writes Japanese file names decomposed (NFD); ids must match what people type.
    return unicodedata.normalize("NFC", name)
