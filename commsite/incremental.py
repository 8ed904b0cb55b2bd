"""Incremental builds: which outputs the last build's records show are still good, which to
make, and the records and kept parts the next build starts from.

Each output's record is its own description (template, what it shows, its source) and the
keys of what it read; a build makes an output again when its description differs or any key
it read has changed (track.py fingerprints them).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from .load import Parses
from .outputs import Output, Plan
from .track import Key, KeyTable, Part, Record, StoredPart, digest, is_stale


def records_after(
    before: dict[str, Record], work: Work, reads: dict[str, frozenset[Key]], table: KeyTable
) -> dict[str, Record]:
    """What each output of the site now was made from: the kept ones as before."""
    records = {file: before[file] for file in work.kept}
    for file, keys in reads.items():
        records[file] = Record(work.specs[file], table.number(keys))
    for file, source in work.to_copy:
        records[file] = Record(work.specs[file], table.number(frozenset({("file", str(source))})))
    return records


def kept_parts(parts: dict[Key, StoredPart], changed: set[int]) -> dict[Key, StoredPart]:
    """The kept parts of the last build (an event's VEVENT, an item's JSON) whose inputs did not change."""
    return {key: part for key, part in parts.items() if changed.isdisjoint(part[1])}


def as_parts(kept: dict[Key, StoredPart], table: KeyTable) -> dict[Key, Part]:
    return {key: Part(value, frozenset(table.keys[number] for number in reads)) for key, (value, reads) in kept.items()}


def parts_after(kept: dict[Key, StoredPart], made: dict[Key, Part], table: KeyTable) -> dict[Key, StoredPart]:
    """The kept parts for the next build: those made now, and the earlier ones still good."""
    parts = {key: part for key, part in kept.items() if key not in made}
    parts.update((key, (part.value, table.number(part.reads))) for key, part in made.items())
    return parts


def parsed_fingerprints(parses: Parses) -> Iterator[tuple[object, bytes]]:
    """The items and talks as parsed, with the fingerprints their parse made: those that
    linking left as they were need not be described again."""
    for _, parsed in parses.values():
        if parsed.item is not None:
            yield from zip((parsed.item, *getattr(parsed.item, "talks", ())), parsed.fingerprints, strict=True)


@dataclass(frozen=True)
class Work:
    """What a build has to do: the outputs to render and copy; the files that stay as they are."""

    to_render: list[Output]
    to_copy: list[tuple[str, Path]]
    kept: list[str]
    removed: list[str]
    specs: dict[str, bytes]  # each output's own description


def work_to_do(out: Path, the_plan: Plan, records: dict[str, Record], changed: set[int], done: Collection[str]) -> Work:
    """Sort the planned outputs: stale ones to make (but not those ``done`` already), the rest to keep."""
    work = Work([], [], [], [], {})
    for output in the_plan.outputs:
        spec = work.specs[output.file] = output_spec(output)
        if output.file in done:
            continue
        if not is_stale(records.get(output.file), spec, changed) and os.path.isfile(f"{out}/{output.file}"):
            work.kept.append(output.file)
        elif output.format == "copy" and output.source is not None:
            work.to_copy.append((output.file, output.source))
        else:
            work.to_render.append(output)
    work.removed.extend(sorted(set(records) - set(work.specs)))
    return work


def output_spec(output: Output) -> bytes:
    """An output's own description: its template or format, what it shows, its source."""
    return digest(output.path, output.template or "", output.format, repr(output.ids), str(output.source))
