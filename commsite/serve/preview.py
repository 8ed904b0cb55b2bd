"""How the live preview builds (build.Preview): from its cache in memory, into its own
folder in place, the pages of the files just saved first, telling the server as files
are written.

Its first answer to a save: when only the Markdown bodies of some items changed (the
usual edit), their pages are made from the last build's site with the new bodies, and
written at once, before the full build works out everything else. That full build makes
these pages again from the whole hub, so this shortcut decides only how soon the
organiser sees the edit, never what stays.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path

from .. import kinds
from ..build import Checked
from ..content.load import Parses, parse_file
from ..content.model import Item, Source
from ..content.translations import Translation
from ..engine.cache import BuildCache
from ..engine.incremental import Work
from ..engine.write import Changes, update_in_place
from ..graph.site import Site
from ..outputs.planned import Plan, pages_of
from ..render.render import Edition, Rendered, Renderer, render, rendered_or_failed, renderer
from ..render.theme import Theme
from ..source.discover import SourceFile


@dataclass(frozen=True)
class Live:
    cache: BuildCache
    previous: Checked | None  # the last good build's site, for the quickest first answer
    edited: frozenset[Path]
    written: Callable[[list[str]], None]

    def first_answer(self, out: Path) -> dict[str, bytes]:
        """When only bodies changed, their pages come from the last site, before anything else."""
        if self.previous is None or not self.edited:
            return {}
        last = self.previous
        pages = pages_of_new_bodies(last.site, last.plan, last.theme, last.parses, self.edited)
        if pages:
            update_in_place(out, Changes(pages.items(), ()))
            self.written(list(pages))
        return pages

    def edited_pages(self, out: Path, made: Renderer, the_plan: Plan, early: dict[str, bytes]) -> Rendered:
        """Render the outputs of the files just edited, from the whole hub, and write those
        that differ from what the first answer wrote."""
        rendered = rendered_or_failed(made, pages_of(the_plan, self.edited))
        pages = {file: data for file, data in rendered.pages.items() if early.get(file) != data}
        update_in_place(out, Changes(pages.items(), ()))
        self.written(list(pages))
        return rendered

    def write(self, out: Path, made: Renderer, work: Work) -> Rendered:
        """Everything else the build makes, replaced in place."""
        rendered = rendered_or_failed(made, work.to_render)
        update_in_place(out, Changes(rendered.pages.items(), work.to_copy, work.removed))
        self.written([*rendered.pages, *(file for file, _ in work.to_copy), *work.removed])
        return rendered


def pages_of_new_bodies(
    site: Site, plan: Plan, theme: Theme, parses: Parses, edited: Collection[Path]
) -> dict[str, bytes]:
    """The pages of the ``edited`` files, or nothing when a save changed more than bodies."""
    patched = _with_new_bodies(site, parses, edited)
    if patched is None:
        return {}
    first = [output for output in pages_of(plan, edited) if not output.language]  # the others: the full build's
    rendered = render(renderer([Edition(patched, plan, theme)], drafts=True), first)
    return {} if rendered.errors else rendered.pages


def _with_new_bodies(site: Site, parses: Parses, edited: Collection[Path]) -> Site | None:
    items: dict[Path, tuple[str, Item, Source]] = {
        item.source.path: (kind.name, item, item.source)
        for kind in kinds.with_files()
        for item in getattr(site, kind.name).values()
        if item.source is not None
    }
    changed: dict[str, dict[str, Item]] = {}
    for path in edited:
        if path not in items or str(path) not in parses:
            return None  # a new or deleted file, or not content at all: the full build handles it
        kind, linked, source = items[path]
        before = parses[str(path)][1].item
        try:
            after = parse_file(SourceFile(kind, linked.id, path, source.assets), path.read_bytes(), site.config)
        except OSError:
            return None
        if isinstance(before, Translation | None) or isinstance(after.item, Translation | None) or after.errors:
            return None  # (a translation is not an item of the site: the full build handles it)
        if not _only_body_differs(before, after.item):
            return None
        changed.setdefault(kind, {})[linked.id] = replace(linked, body_html=after.item.body_html)
    patched = {kind: {**getattr(site, kind), **found} for kind, found in changed.items()}
    bodies = {(kind, item.id): item.body_html for kind, found in changed.items() for item in found.values()}
    return replace(site, tables={**site.tables, **patched}, bodies={**site.bodies, **bodies})


def _only_body_differs(before: Item, after: Item) -> bool:
    """Equality sees talks' abstracts, which a repr leaves out; a repr sees extra fields, which equality does not."""
    same_body = replace(before, body_html=after.body_html)
    return same_body == after and repr(same_body) == repr(after)
