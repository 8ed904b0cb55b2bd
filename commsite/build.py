"""The pipeline, stage by stage. ``check`` is the same pipeline stopped before rendering.

config → discover → load → link → theme → plan → check links → render → write
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Protocol

from . import kinds
from .content.load import Parses, body_texts, load
from .engine.cache import BuildCache, load_cache, save_cache
from .engine.incremental import Work, cache_after, increment, trusts
from .engine.publish import publish
from .engine.write import guard_output, output_lock
from .errors import BuildFailed, ContentError, Location, Problems, grouped
from .graph.link import link
from .graph.site import Site
from .graph.stats import KeptRecord
from .graph.translate import editions
from .outputs.linkcheck import broken_links
from .outputs.plan import plan
from .outputs.planned import Plan
from .render.render import Edition, Progress, Rendered, Renderer, renderer
from .render.theme import Theme, load_theme
from .search.documents import Document, documents
from .search.index import finish_indexing, start_indexing
from .source.config import Config, read_config
from .source.discover import discover


@dataclass(frozen=True)
class Checked:
    config: Config
    editions: dict[str, Edition]  # the site in each language, the hub's first language first
    warnings: tuple[ContentError, ...] = ()
    parses: Parses = field(default_factory=dict)
    record: KeptRecord | None = None  # the community record, and what it was made from

    @property
    def first(self) -> Edition:
        return self.editions[self.config.language]

    @property
    def site(self) -> Site:
        return self.first.site

    @property
    def plan(self) -> Plan:
        """The first language's, which holds every output of the site."""
        return self.first.plan

    @property
    def theme(self) -> Theme:
        return self.first.theme


@dataclass(frozen=True)
class Built:
    out: Path
    pages: int  # made by a template or generator
    files: int  # everything in the site, copies included
    written: tuple[str, ...] = ()  # the files this build wrote; the others were unchanged
    removed: tuple[str, ...] = ()  # the files of the previous build that are no longer planned
    warnings: tuple[ContentError, ...] = ()
    cache: BuildCache = field(default_factory=BuildCache)  # for the next build
    checked: Checked | None = None  # the site it built


_FIXED_STAMP = datetime(2000, 1, 1, tzinfo=UTC)


def source_date() -> datetime | None:
    """SOURCE_DATE_EPOCH, the reproducible-builds convention for 'when this was built'."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else None


def build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so that a build can be reproduced."""
    return source_date() or datetime.now(UTC)


def check(
    root: Path, *, drafts: bool = False, base_url: str | None = None, now: datetime | None = None, strict: bool = False
) -> Checked:
    """``strict``: every warning fails the build, as an error."""
    problems = Problems()
    config = read_config(root, problems, base_url_override=base_url)
    return _check(root, config, problems, drafts, now, BuildCache(), strict)


def _check(
    root: Path, config: Config, problems: Problems, drafts: bool, now: datetime | None, known: BuildCache, strict: bool
) -> Checked:
    """Every stage before rendering, each adding what it finds to ``problems`` (site.yaml's
    mistakes are in it already); then the build stops if any is a mistake, with them all.
    ``known``: what the last build parsed and recorded, taken where it still holds."""
    files = discover(root / "content", kinds.folders(), problems, config.languages[1:])
    loaded = load(files, config, problems, drafts=drafts, known=known.parsed)
    # Calendars and feeds carry a stamp that must not change from build to build of the same content.
    site, record = link(loaded, config, now or build_time(), source_date() or _FIXED_STAMP, problems, known.record)
    sites = editions(site, loaded.translations, set(loaded.broken | loaded.drafts), problems)
    themes = {language: load_theme(one.config, problems) for language, one in sites.items()}
    plans = plan(sites, themes[config.language].static, problems)
    problems.stop_if_any()
    problems.warnings += _broken_links(sites, plans)
    # Told again on every build, cached parse or not, and the many of one kind on one line.
    warnings = grouped(problems.warnings)
    if strict and warnings:
        raise BuildFailed(warnings)
    found = {language: Edition(sites[language], plans[language], themes[language]) for language in sites}
    return Checked(config, found, warnings, loaded.parses, record)


def _broken_links(sites: dict[str, Site], plans: dict[str, Plan]) -> list[ContentError]:
    """The links that lead nowhere: the first language's, and those written in translations."""
    first, *others = sites
    found = broken_links(sites[first], plans[first])
    for language in others:
        found += broken_links(sites[language], plans[language], plans[first], translated_into=language)
    return found


def build(
    root: Path,
    out: Path | None = None,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    now: datetime | None = None,
    live: Preview | None = None,
    progress: Progress | None = None,
    strict: bool = False,
) -> Built:
    """Build into ``out``, rendering only what changed since the build the cache describes.

    The hub's cache for ``out`` is read and written back; the live preview keeps its own.
    ``strict``: every warning fails the build, as an error, and nothing is written.
    """
    problems = Problems()
    config = read_config(root, problems, base_url_override=base_url)
    out = out or root / config.output_dir
    guard_output(out, root)
    with output_lock(out), _collecting_less():
        before = live.cache if live is not None else load_cache(root, out)
        early = live.first_answer(out) if live is not None else {}
        checked = _check(root, config, problems, drafts, now, before, strict)
        made = renderer(list(checked.editions.values()), drafts=drafts)
        # The preview shows the pages of the files just saved before working out the rest.
        edited = live.edited_pages(out, made, checked.plan, early) if live is not None else Rendered()
        # The search index is chosen and made in the background while the pages are worked out and rendered.
        trusted, changed = trusts(before, made.settings, out), checked.parses != before.parsed
        indexing = start_indexing(_documents(checked), before.search, out, trusted, changed)
        step = increment(before, made, checked.plan, checked.parses, out, edited.pages.keys(), trusted)
        work = step.work
        rendered = (
            live.write(out, made, work)
            if live
            else publish(out, made, work, step.trusted, progress, partial(indexing.kept, out))
        )
        search, unsearchable = finish_indexing(indexing, out)
        written = (*edited.pages, *rendered.reads, *(file for file, _ in work.to_copy))
        both = Rendered({}, {**rendered.reads, **edited.reads}, [], {**edited.parts, **rendered.parts})
        after = cache_after(before, step, made.settings, checked.parses, both, out)
        after = replace(after, search=search, record=checked.record)
        if live is None and (written or work.removed or not step.trusted or _learnt(before, after)):
            save_cache(root, out, after)
    files = len(checked.plan.outputs)
    pages = sum(1 for output in checked.plan.outputs if output.format != "copy")
    warnings = (*checked.warnings, *_no_search(unsearchable, out))
    return Built(out, pages, files, written, tuple(work.removed), warnings, after, checked)


def _learnt(before: BuildCache, after: BuildCache) -> bool:
    """Whether a build that wrote nothing still has something new for its cache."""
    return after.parsed != before.parsed or after.search != before.search or after.record != before.record


def _documents(checked: Checked) -> Callable[[], list[Document]] | None:
    """What the search index holds, in each language, made when asked; None: the hub has no search."""
    if not checked.config.search:
        return None

    def made() -> list[Document]:
        texts = body_texts(checked.parses)
        editions = checked.editions.items()
        return [document for language, one in editions for document in documents(one.site, one.plan, language, texts)]

    return made


def _no_search(problem: str, out: Path) -> list[ContentError]:
    """Search is the one part a build may go without: the site is written, and told why once."""
    if not problem:
        return []
    hint = "the site works without search; reinstall commsite (pip install -e .) to bring Pagefind back"
    return [ContentError(Location(out / "pagefind"), f"no search index was made: {problem}", hint=hint)]


COLLECTING_LESS = (200_000, 30, 30)


@contextmanager
def _collecting_less() -> Iterator[None]:
    """A build makes millions of objects that live until it ends, and few cycles: with
    Python's usual thresholds its collector would walk them all again and again. (mypy
    raises them for the same reason.)"""
    usual = gc.get_threshold()
    gc.set_threshold(*COLLECTING_LESS)
    try:
        yield
    finally:
        gc.set_threshold(*usual)


class Preview(Protocol):
    """What the live preview adds to a build (preview.Live): its cache, kept in memory; the
    pages of the files just saved, written first; its folder, which only it reads, updated
    in place; and word of every file written, for the pages open in a browser."""

    @property
    def cache(self) -> BuildCache: ...

    def first_answer(self, out: Path) -> dict[str, bytes]: ...

    def edited_pages(self, out: Path, made: Renderer, the_plan: Plan, early: dict[str, bytes]) -> Rendered: ...

    def write(self, out: Path, made: Renderer, work: Work) -> Rendered: ...
