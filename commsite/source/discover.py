"""Find the hub's content files: one per item, or a bundle folder with its index.md.

Items may be grouped in sub-folders (``content/events/2027/...``); a folder holding an
``index.md`` is a bundle, and everything else in it is that item's files.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Location, Problems, suggest

BUNDLE_INDEX = "index.md"
MARKDOWN = (".md", ".markdown")


@dataclass(frozen=True)
class SourceFile:
    kind: str  # the folder it is in: the name of its kind (kinds.py)
    id: str  # the file's stem, or the bundle folder's name
    path: Path
    assets: tuple[Path, ...] = ()  # a bundle's other files, copied beside its page
    language: str | None = None  # a translation's (x.en.md translates x.md); None for an original


def discover(
    content_dir: Path, folders: Sequence[str], problems: Problems, translated: Collection[str] = ()
) -> tuple[SourceFile, ...]:
    """Every content file in the ``folders`` of content/ (one per kind), and the translations
    into the ``translated`` languages beside them; any other folder, or a file outside
    them, is an error."""
    found: list[SourceFile] = []
    for entry in sorted(content_dir.iterdir()) if content_dir.is_dir() else []:
        if _hidden(entry):
            continue
        if entry.name in folders and entry.is_dir() and not entry.is_symlink():
            found += _files_of(entry.name, entry, problems, translated)
        elif entry.is_dir():
            hint = suggest(entry.name, folders) or "content goes in " + ", ".join(f"content/{k}/" for k in folders)
            problems.errors.append(
                ContentError(Location(entry), f"commsite does not know the folder '{entry.name}'", None, hint)
            )
        elif entry.suffix.lower() in MARKDOWN:
            others = ", ".join(f"{folder}/" for folder in folders if folder != "pages")
            hint = f"move it to content/pages/{entry.name} (or {others})"
            message = "a content file must be in the folder of its kind"
            problems.errors.append(ContentError(Location(entry), message, None, hint))
    problems.errors += _untranslatable(found, translated)
    return tuple(sorted(found, key=lambda f: (f.kind, f.id, f.language or "", f.path.as_posix())))


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def _untranslatable(found: list[SourceFile], translated: Collection[str]) -> list[ContentError]:
    """x.fr.md beside x.md looks like a translation into a language the hub does not have:
    published as an item of its own, it would be a page in the wrong language."""
    ids = {(file.kind, file.id) for file in found if file.language is None}
    errors = []
    for file in found:
        stem, _, code = file.id.rpartition(".")
        if file.language is None and stem and _LANGUAGE_CODE.fullmatch(code) and (file.kind, stem) in ids:
            languages = ", ".join(translated) or "none"
            message = f"this looks like a translation into '{code}', not one of the hub's other languages ({languages})"
            hint = f"add {code} to 'languages:' in site.yaml, or rename the file"
            errors.append(ContentError(Location(file.path, 1), message, None, hint))
    return errors


def _files_of(kind: str, folder: Path, problems: Problems, translated: Collection[str]) -> list[SourceFile]:
    files = []
    with os.scandir(folder) as entries:  # scandir knows each entry's type without asking the disk again
        for entry in entries:
            if _hidden(entry):
                continue
            path = folder / entry.name
            if entry.is_symlink():
                problems.errors.append(symlink_error(path))
            elif entry.is_file() and path.suffix.lower() in MARKDOWN:
                stem, language = _translation_of(path, translated)
                files.append(SourceFile(kind, _id(stem), path, language=language))
            elif entry.is_dir() and (path / BUNDLE_INDEX).is_file():
                files += _bundle(kind, path, problems, translated)
            elif entry.is_dir():
                files += _files_of(kind, path, problems, translated)  # a grouping folder, such as a year
    return files


def _translation_of(path: Path, translated: Collection[str]) -> tuple[str, str | None]:
    """A file's stem and, for a translation (x.en.md), its language: (x, en)."""
    stem, _, language = path.stem.rpartition(".")
    return (stem, language) if stem and language in translated else (path.stem, None)


def _bundle(kind: str, folder: Path, problems: Problems, translated: Collection[str]) -> list[SourceFile]:
    """A folder with index.md is one item, and index.en.md its translation; its other files
    (not hidden ones) are published beside it."""
    assets, translations = [], []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(_hidden(Path(part)) for part in relative.parts) or (path.name == BUNDLE_INDEX and path.parent == folder):
            continue
        stem, language = _translation_of(path, translated)
        if path.parent == folder and language is not None and stem + path.suffix == BUNDLE_INDEX and path.is_file():
            translations.append(SourceFile(kind, _id(folder.name), path, language=language))
        elif path.is_symlink():
            problems.errors.append(symlink_error(path))
        elif path.suffix.lower() in MARKDOWN and path.is_file():
            hint = "a folder with index.md is one item: move other items' files out of it"
            message = f"this file is inside the bundle {folder.name}/"
            problems.errors.append(ContentError(Location(path), message, None, hint))
        elif path.is_file():
            assets.append(path)
    return [SourceFile(kind, _id(folder.name), folder / BUNDLE_INDEX, tuple(assets)), *translations]


def symlink_error(path: Path) -> ContentError:
    """Links could publish any file of the build machine (secrets included), so none is followed."""
    return ContentError(
        Location(path),
        "this is a symbolic link; commsite publishes only real files",
        None,
        "copy the file here instead of linking it",
    )


def _hidden(path: Path | os.DirEntry[str]) -> bool:
    return path.name.startswith((".", "_"))


def _id(name: str) -> str:
    # macOS writes Japanese file names decomposed (NFD); ids must match what people type.
    return unicodedata.normalize("NFC", name)
