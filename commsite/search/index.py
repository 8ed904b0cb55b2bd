"""The search index of a build: made whole, made only for what changed, or left as it is.

Pagefind cannot update an index; it writes one whole, which for a hub of 10,000 pages takes
longer than the build. So a site's index is two Pagefind bundles:

- ``pagefind/``, the base, made whole on a cold build;
- ``pagefind-recent/``, what changed since the base was made.

Every document falls in one of 256 slots, by its group (an event and its talks are one
group), and its page in the base holds its slot's word (pagefind.slot_word). An edit makes
the recent part of every document of the slots that changed, and ``pagefind/commsite.json``
names those slots: the search page merges the two bundles and leaves out the base's pages of
those slots, which it finds by their words, without downloading a page. Once the recent part
would hold more than a twentieth of the site, the base is made whole again. A build whose
documents are those indexed already does not run Pagefind at all.

What to index is chosen, and Pagefind run, in the background while the pages are worked
out and rendered (pagefind.start), into a folder beside the output; the bundle is moved
into the output once the pages are in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .documents import Document
from .pagefind import BUNDLE, Chosen, Run, slot_word, start

RECENT = "pagefind-recent"
STATE = f"{BUNDLE}/commsite.json"  # what the search page merges and hides
# The recent part holds at most one document in _RECENT_SHARE, or _RECENT_AT_LEAST: beyond,
# the base is made again (on the large benchmark hub, 500 documents index in about a second).
_RECENT_SHARE = 20
_RECENT_AT_LEAST = 200


@dataclass(frozen=True)
class SearchIndex:
    """What the output's index holds (kept in the build cache): the base's documents (by the
    file their page is written to) with the digest of each and its slot, and the recent
    part's documents with the slots whose base documents they replace."""

    base: dict[str, bytes] = field(default_factory=dict)
    slots: dict[str, str] = field(default_factory=dict)  # each base document's slot word
    recent: dict[str, bytes] = field(default_factory=dict)
    replaced: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choice:
    """What a build does to the index: makes it whole, makes its recent part, or leaves it."""

    after: SearchIndex  # the index once it is done
    whole: bool = False  # the base is made again (else only the recent part, if ``indexed``)
    indexed: bool = False  # Pagefind has documents to index
    restate: bool = False  # only the slots the search page leaves out change: no recent part is left
    drop: bool = False  # the site has no search: any index goes


@dataclass(frozen=True)
class Indexing:
    """A build's work on the index: chosen and done in the background, or nothing to do."""

    settled: Choice | None = None  # nothing to do, known at once
    run: Run[Choice] | None = None  # else: chosen, and indexed, in the background
    staging: Path | None = None  # where the documents' pages and the new bundle are written
    whole: bool = False  # known from the start: the base is made again (or the index goes)

    def choice(self) -> Choice | None:
        """What the build does to the index, once chosen; None if choosing failed (``finish_indexing`` tells why)."""
        return self.run.told() if self.run is not None else self.settled

    def kept(self, out: Path) -> list[str]:
        """The index's files as they are, for a build that writes a new tree: none when the
        base is made again, else both parts, without waiting for the choice (the pages are
        written meanwhile): ``finish_indexing`` replaces or removes what the choice makes anew."""
        return [
            file.relative_to(out).as_posix()
            for folder in ([] if self.whole else [BUNDLE, RECENT])
            for file in sorted((out / folder).rglob("*"))
            if file.is_file()
        ]


def start_indexing(
    documents: Callable[[], Sequence[Document]] | None, before: SearchIndex, out: Path, trusted: bool, changed: bool
) -> Indexing:
    """Start choosing and indexing what changed since ``before``, in the background.
    ``documents``: None when the site has no search (an index of an earlier build goes);
    ``trusted``: the output holds that index; ``changed``: the hub's content may have
    changed (else its documents are those indexed already, and are not even made)."""
    _clear_leftovers(out)
    if documents is None:
        return Indexing(Choice(SearchIndex(), whole=True, drop=True), whole=True)
    whole = not (trusted and before.base and (out / STATE).is_file())
    if not (whole or changed):
        return Indexing(Choice(before))
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.search-", dir=out.parent))
    return Indexing(run=start(partial(_choose, documents, before, whole), staging), staging=staging, whole=whole)


def _choose(documents: Callable[[], Sequence[Document]], before: SearchIndex, whole: bool) -> Chosen[Choice]:
    """What the index becomes, and the documents Pagefind indexes for it."""
    found = documents()
    by_file = {_file(document): document for document in found}
    # What a document's page holds, from the document alone: its page is made only if indexed.
    now = {file: hashlib.blake2b(repr(one).encode(), digest_size=16).digest() for file, one in by_file.items()}
    slots = {file: slot_word(one.group) for file, one in by_file.items()}
    if not whole:
        replaced = _changed_slots(before, now, slots)
        recent = {file: digest for file, digest in now.items() if slots[file] in replaced}
        if recent == before.recent and replaced == before.replaced:
            return Choice(before), {}, False  # the index holds these documents already
        whole = len(recent) > max(_RECENT_AT_LEAST, len(now) // _RECENT_SHARE)
    after = SearchIndex(now, slots) if whole else SearchIndex(before.base, before.slots, recent, replaced)
    chosen = {file: by_file[file] for file in (now if whole else recent)}
    if not chosen:  # only the base's pages of some slots to leave out
        return Choice(after, restate=True), {}, False
    return Choice(after, whole, indexed=True), chosen, not whole


def _changed_slots(before: SearchIndex, now: dict[str, bytes], slots: dict[str, str]) -> tuple[str, ...]:
    """The slots of the documents that differ from the base's, are new or are gone (a document
    moved to another group changes both its slots)."""
    changed = {file for file, digest in now.items() if before.base.get(file) != digest}
    changed |= set(before.base) - set(now)
    return tuple(sorted({slot for file in changed for slot in (slots.get(file), before.slots.get(file)) if slot}))


def finish_indexing(indexing: Indexing, out: Path) -> tuple[SearchIndex, str]:
    """Wait for Pagefind and put its bundle in the output: the index, and why there is none."""
    try:
        problem = indexing.run.wait() if indexing.run is not None else ""
        choice = indexing.choice()
        if problem or choice is None:
            _remove_index(out)  # an index that no longer matches the site would mislead
            return SearchIndex(), problem or "the search index could not be chosen"
        if choice.drop:
            _remove_index(out)
        if choice.indexed and indexing.staging is not None:
            _in_order(indexing.staging / "bundle" / "pagefind-entry.json")
            _move_in(indexing.staging / "bundle", out / (BUNDLE if choice.whole else RECENT))
        if choice.whole or choice.restate:
            shutil.rmtree(out / RECENT, ignore_errors=True)
        if choice.indexed or choice.restate:
            _write_state(out, choice.after)
        return choice.after, ""
    finally:
        if indexing.staging is not None:
            shutil.rmtree(indexing.staging, ignore_errors=True)


def _file(document: Document) -> str:
    """Where a document's page is put for Pagefind, which makes its result's URL from it: at
    the page's own path; a report that links out somewhere of its own (its link is in its metadata)."""
    if "://" not in document.path:
        return document.path + "index.html"
    return f"_links/{hashlib.blake2b(document.path.encode(), digest_size=8).hexdigest()}/index.html"


def _clear_leftovers(out: Path) -> None:
    """What a build killed while indexing leaves: its staging folder, and a bundle moved aside
    (which goes back if the new one never came: the cache still describes it)."""
    for staging in out.parent.glob(f".{out.name}.search-*"):
        shutil.rmtree(staging, ignore_errors=True)
    for folder in (BUNDLE, RECENT):
        for old in sorted(out.glob(f".{folder}.old-*")):
            if (out / folder).exists():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.rename(out / folder)


def _in_order(entry: Path) -> None:
    """Pagefind lists the index's languages in a different order on every run: in the order
    of their names, the same content gives the same bytes."""
    found = json.loads(entry.read_text("utf-8"))
    found["languages"] = dict(sorted(found["languages"].items()))
    entry.write_text(json.dumps(found, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _move_in(bundle: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    bundle.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _remove_index(out: Path) -> None:
    for folder in (BUNDLE, RECENT):
        shutil.rmtree(out / folder, ignore_errors=True)


def _write_state(out: Path, index: SearchIndex) -> None:
    """What the search page merges: the recent part, if any, and the slots whose pages of the
    base it leaves out."""
    state = {"recent": f"{RECENT}/" if index.recent else None, "replaced": list(index.replaced)}
    (out / BUNDLE).mkdir(parents=True, exist_ok=True)  # a site with nothing to index has no bundle
    temporary = out / f"{STATE}.new"
    temporary.write_text(json.dumps(state, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, out / STATE)
