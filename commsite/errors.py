"""Errors of a build, as values with a location.

The exception tree::

    CommsiteError          anything commsite reports to a user, never with a traceback
    └── BuildFailed        one or more problems in site.yaml, content or templates;
                           carries every ContentError of the build

Two are internal and never reach a user: ``Invalid`` (a stage raises it for one item
and collects its errors) and ``BadValue`` (a converter's complaint about one value,
which the field reader turns into a ContentError with the value's location).

A ``ContentError`` is plain data (file, line, column, field, message, hint). They are
collected one way: every stage is handed ``Problems``, the build's one collection, and
adds what it finds, mistakes and oddities alike; none returns them or stops at the first.
Once every stage before rendering has looked, the build stops if there are mistakes, with
all of them. The CLI turns a ``CommsiteError`` into exit status 1 and prints
``format_error`` for each problem.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from pathlib import Path


@dataclass(frozen=True)
class Location:
    path: Path
    line: int | None = None  # 1-based, in the whole file
    column: int | None = None  # 1-based
    source_line: str | None = None  # the text of that line, shown under the message


@dataclass(frozen=True)
class ContentError:
    location: Location
    message: str
    field: str | None = None
    hint: str | None = None
    # Warnings only: what many of the same kind are called together ("slugs were normalised"),
    # so that a hub with hundreds of them gets one line with a count (see ``grouped``).
    group: str | None = None


class CommsiteError(Exception):
    """Base of every error commsite reports to a user."""


class BuildFailed(CommsiteError):
    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = tuple(errors)
        super().__init__(f"build failed with {len(self.errors)} error(s)")


@dataclass
class Problems:
    """What a build (or the reading of one file) finds wrong: mistakes, which stop it, and
    oddities, which it builds as written and tells."""

    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)  # valid but odd: built, and worth a look

    def stop_if_any(self) -> None:
        """Stop here, with every mistake found so far."""
        if self.errors:
            raise BuildFailed(self.errors)


def grouped(warnings: Iterable[ContentError]) -> tuple[ContentError, ...]:
    """Warnings of one group told once, at the first's place, with a count; the rest as they are.

    Warnings are made per file (and cached with the file's parse), so this is done again on
    every build, from all of them: a build that parsed nothing anew says the same."""
    found = list(warnings)
    counts: dict[str, int] = {}
    for warning in found:
        if warning.group is not None:
            counts[warning.group] = counts.get(warning.group, 0) + 1
    told: set[str] = set()
    result = []
    for warning in found:
        group = warning.group
        if group is None or counts[group] == 1:
            result.append(warning)
        elif group not in told:
            told.add(group)
            message = f"{counts[group]} {group}; the first is here: {warning.message}"
            result.append(replace(warning, message=message))
    return tuple(result)


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """A 'did you mean' hint for a near-miss, or None when nothing is close."""
    matches = get_close_matches(word, sorted(set(candidates)), n=3, cutoff=0.6)
    if not matches:
        return None
    return "did you mean " + " or ".join(f"'{m}'" for m in matches) + "?"


def display_path(path: Path, root: Path | None = None) -> str:
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _width(text: str) -> int:
    """Columns on a terminal: Japanese and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_error(error: ContentError, root: Path | None = None, label: str = "error") -> str:
    """Render one error the way rustc and Hugo do: location, message, source line, marker."""
    loc = error.location
    where = display_path(loc.path, root)
    if loc.line is not None:
        where += f":{loc.line}"
        if loc.column is not None:
            where += f":{loc.column}"
    field = f" field '{error.field}':" if error.field else ""
    lines = [f"{label}: {where}:{field} {error.message}"]
    if loc.line is not None and loc.source_line is not None:
        number = str(loc.line)
        gutter = " " * len(number)
        lines.append(f" {gutter} |")
        lines.append(f" {number} | {loc.source_line.rstrip()}")
        if loc.column is not None:
            lines.append(f" {gutter} | {' ' * _width(loc.source_line[: loc.column - 1])}^")
    if error.hint:
        lines.append(f"  = hint: {error.hint}")
    return "\n".join(lines)


class Invalid(Exception):
    """Raised inside a stage for one item; the stage catches it and collects the errors."""

    def __init__(self, *errors: ContentError) -> None:
        self.errors = errors
        super().__init__(errors[0].message if errors else "invalid")


class BadValue(ValueError):
    """A value that cannot be read; the message says what was expected."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def describe(value: object) -> str:
    """A value as an organiser wrote it, for messages: a list, the number 3, 'text'."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"'{value}'"
