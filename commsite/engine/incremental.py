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

from ..content.load import Parses, described
from ..outputs.planned import Output, Plan
from ..render.render import Rendered, Renderer
from .cache import BuildCache, code_digest
from .keytable import Inputs, KeyTable, Record, is_stale
from .track import Key, Part, StoredPart, digest, unpacked
from .write import folder_id


@dataclass(frozen=True)
class Increment:
    """What a build takes from the last one's cache: whether it trusts its records (made
    with the same settings, of this output folder), the keys they read, and the work left."""

    trusted: bool
    table: KeyTable
    inputs: Inputs
    work: Work
    kept: dict[Key, StoredPart]  # the last build's shared parts that are still good


def increment(
    before: BuildCache, made: Renderer, the_plan: Plan, parses: Parses, out: Path, done: Collection[str], trusted: bool
) -> Increment:
    """The work of this build, after the last one: ``done``, outputs made already (the
    preview's first pages); ``trusted``: the last build's records hold (``trusts``)."""
    table = KeyTable(before.keys, before.fingerprints, before.collections.items()) if trusted else KeyTable()
    inputs = made.inputs(parsed_fingerprints(parses))
    changed = table.changed(inputs)
    work = work_to_do(out, the_plan, before.records if trusted else {}, changed, done)
    kept = kept_parts(before.parts, changed) if trusted else {}
    if work.to_render:
        made.recorder.keep(kept, table.keys)
    return Increment(trusted, table, inputs, work, kept)


def trusts(before: BuildCache, settings: bytes, out: Path) -> bool:
    """Whether the last build's records hold for this one: made with the same settings, of this output folder."""
    return before.settings == settings and before.site_id == folder_id(out)


def cache_after(
    before: BuildCache, step: Increment, settings: bytes, parses: Parses, rendered: Rendered, out: Path
) -> BuildCache:
    """The cache the next build starts from: what this build parsed, and what each output read."""
    table = step.table
    records = records_after(before.records, step.work, rendered.reads, table)
    parts = parts_after(step.kept, rendered.parts, table)
    table.refresh(step.inputs)
    fingerprints, collections = table.fingerprints, table.collections
    return BuildCache(
        code_digest(),
        dict(parses),
        settings,
        records,
        table.keys,
        fingerprints,
        collections,
        folder_id(out),
        parts,
        stored=before.stored,  # the pieces on disk, which saving the cache keeps where they hold the same
    )


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
    return {key: part for key, part in parts.items() if changed.isdisjoint(unpacked(part[1]))}


def parts_after(kept: dict[Key, StoredPart], made: dict[Key, Part], table: KeyTable) -> dict[Key, StoredPart]:
    """The kept parts for the next build: those made now, and the earlier ones still good."""
    parts = {key: part for key, part in kept.items() if key not in made}
    parts.update((key, (part.value, table.number(part.reads))) for key, part in made.items())
    return parts


def parsed_fingerprints(parses: Parses) -> Iterator[tuple[object, bytes]]:
    """The items, talks and bodies as parsed, with the fingerprints their parse made: those
    that linking left as they were need not be described again."""
    for _, parsed in parses.values():
        if parsed.item is not None:
            yield from zip(described(parsed.item), parsed.fingerprints, strict=True)


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
    # One text (none of these holds a NUL) digested at once: a site has 15,000 outputs.
    return digest("\0".join((output.path, output.template or "", output.format, repr(output.ids), str(output.source))))
