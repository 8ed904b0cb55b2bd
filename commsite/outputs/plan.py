"""The plan stage: every file the build will write, its URL, and what it shows.

Outputs are plain data (planned.py): a site path, a template (or a file to copy) and the
ids the template needs. Two outputs that want one path are an error naming both sources.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import kinds, urls
from ..content.model import Source
from ..errors import ContentError, Location, Problems, display_path
from ..graph.site import Site
from ..source.discover import symlink_error
from ..timeutil import zone
from .formats import FORMATS, file_of
from .planned import Output, Plan


def item_urls(site: Site) -> dict[tuple[str, str], str]:
    """Every item's page as (kind, key) → its site path; for a report that links out, that link."""
    found: dict[tuple[str, str], str] = {}
    for kind in kinds.declared():
        for key, item in getattr(site, kind.name).items():
            found[kind.name, key] = _page_path(kind, item, found)
    for tag in site.tags.values():
        found["tags", tag.slug] = urls.tag_path(tag.slug)
    return found


def _page_path(kind: kinds.Kind, item: Any, found: dict[tuple[str, str], str]) -> str:
    if kind.path is None:  # a talk: under its event's page
        assert kind.inside is not None
        return found[kind.inside, getattr(item, kinds.DECLARED[kind.inside].one)] + f"{item.slug}/"
    external: str | None = getattr(item, "external_url", None)
    return external or kind.path(item.slug)


def plan(sites: Mapping[str, Site], theme_static: Path | None, problems: Problems) -> dict[str, Plan]:
    """Every output, in each language's site (``sites``, the hub's first language first): that
    one's at the root, each other's in a folder named after its language (en/), and the files
    published once (static files, the sitemap, the 404 page). The first language's plan
    holds every output; two that want one file, or a link in static/, are put in ``problems``."""
    first = next(iter(sites.values()))
    own = {language: _language_plan(site, language if site is not first else "") for language, site in sites.items()}
    outputs = [output for language_plan in own.values() for output in language_plan.outputs]
    outputs += _once(first, theme_static, problems)
    chosen = _without_collisions(outputs, first, problems)
    pages = tuple(sorted(o.path for o in chosen if o.format == "html" and o.path != "404.html"))
    main = replace(own[first.config.language], outputs=chosen, pages=pages)
    return {language: main if language == first.config.language else own[language] for language in sites}


def _language_plan(site: Site, language: str) -> Plan:
    """The outputs every language's site has, in the folder of ``language`` ("" at the root)."""
    paths = item_urls(site)
    outputs = [Output("", "home.html")]
    outputs += [Output(f"{kind.name}/", kind.listing) for kind in kinds.declared() if kind.listing]
    outputs.append(Output("tags/", "tags.html"))
    if site.config.stats:
        outputs.append(Output("stats/", "stats.html"))
    if site.config.search:
        outputs.append(Output("search/", "search.html"))
    for kind in kinds.declared():
        outputs += [output for item in getattr(site, kind.name).values() for output in _pages(site, kind, item, paths)]
    for tag in site.tags.values():
        outputs.append(Output(paths["tags", tag.slug], "tag.html", None, {"tag": tag.slug}))
    outputs += _calendars(site, paths)
    outputs += _month_pages(site)
    feeds = _feed_folders(site, paths)
    for folder, ids in feeds.values():
        outputs += [
            Output(folder + file_of(None, "atom"), ids=ids, format="atom"),
            Output(folder + file_of(None, "rss"), ids=ids, format="rss"),
        ]
    feed_folders = {page: folder for page, (folder, _) in feeds.items()}
    if not language:
        return Plan(tuple(outputs), paths, feed_folders, ())
    return _moved_to_folder(Plan(tuple(outputs), paths, feed_folders, ()), language)


def _moved_to_folder(the_plan: Plan, language: str) -> Plan:
    """A language's plan, every output in the language's folder: a bundle's files too, beside
    its page, for the page links to them as its neighbours."""
    folder = f"{language}/"

    def moved(path: str) -> str:
        return path if "://" in path else folder + path

    outputs = tuple(replace(o, path=moved(o.path), language=language) for o in the_plan.outputs)
    urls = {key: moved(path) for key, path in the_plan.urls.items()}
    feeds = {moved(page): moved(feed) for page, feed in the_plan.feeds.items()}
    return Plan(outputs, urls, feeds, (), folder)


def _once(site: Site, theme_static: Path | None, problems: Problems) -> list[Output]:
    """What the site publishes once, whatever its languages."""
    outputs = [Output("404.html", "404.html")]
    data = ("events", "talks", "stats") if site.config.stats else ("events", "talks")
    outputs += [Output(f"{name}.json", ids={"data": name}, format="json") for name in data]
    outputs += [Output(FORMATS[name].file, format=name) for name in ("sitemap", "robots", "nojekyll")]
    hub_static = _static("", site.config.root / "static", problems)
    overridden = {output.path for output in hub_static}  # a hub's static/theme/x replaces the theme's x
    theme_files = _static("theme/", theme_static, problems) if theme_static is not None else []
    outputs += [output for output in theme_files if output.path not in overridden] + hub_static
    if site.config.domain and FORMATS["cname"].file not in overridden:  # a hub's own static/CNAME wins
        outputs.append(Output(FORMATS["cname"].file, format="cname"))
    return outputs


def _pages(site: Site, kind: kinds.Kind, item: Any, paths: dict[tuple[str, str], str]) -> list[Output]:
    """An item's page (none for a report that links out) and the files of its bundle beside it."""
    key = getattr(item, kind.key)
    source = _source(site, kind, item)
    found = []
    if kind.template is not None and "://" not in paths[kind.name, key]:
        found.append(Output(paths[kind.name, key], kind.template, source.path if source else None, {kind.one: key}))
    if source is not None and source.assets and kind.path is not None:
        found += _assets(kind.path(item.slug), source.path, source.assets)
    return found


def _source(site: Site, kind: kinds.Kind, item: Any) -> Source | None:
    """The file an item comes from: a talk's is its event's."""
    if kind.inside is None:
        source: Source | None = item.source
        return source
    holder = kinds.DECLARED[kind.inside]
    return _source(site, holder, getattr(site, holder.name)[getattr(item, holder.one)])


def _feed_folders(site: Site, paths: dict[tuple[str, str], str]) -> dict[str, tuple[str, dict[str, str]]]:
    """Which pages have feeds: page path → (the folder of its atom.xml and rss.xml, what they hold)."""
    found: dict[str, tuple[str, dict[str, str]]] = {"": ("", {"feed": "hub"})}
    for kind in kinds.declared():
        if kind.feed_date is not None and kind.listing is not None:  # a list page of items in feeds
            found[f"{kind.name}/"] = (f"{kind.name}/", {"feed": kind.name})
    for slug in site.tags:
        found[paths["tags", slug]] = (paths["tags", slug], {"tag": slug})
    for series_id in site.series:
        found[paths["series", series_id]] = (paths["series", series_id], {"series": series_id})
    for member_id in site.members:
        if site.member_talks.get(member_id) or site.member_reports.get(member_id):
            found[paths["members", member_id]] = (paths["members", member_id], {"member": member_id})
    return found


def _month_pages(site: Site) -> list[Output]:
    today = site.now.astimezone(zone(site.config.timezone)).date()
    pages = [Output(urls.month_path(y, m), "month.html", ids={"month": f"{y}-{m:02d}"}) for y, m in site.months]
    return [Output(urls.CALENDAR, "month.html", ids={"month": f"{today.year}-{today.month:02d}"}), *pages]


def _calendars(site: Site, paths: dict[tuple[str, str], str]) -> list[Output]:
    """The ICS files: the hub's, and one beside each event, series, tag and timed talk page."""
    found = [Output(file_of(None, "ics"), format="ics")]
    for kind in kinds.declared():
        with_calendars = (item for item in getattr(site, kind.name).values() if kind.calendar and kind.calendar(item))
        for item in with_calendars:
            key, source = getattr(item, kind.key), _source(site, kind, item)
            found.append(_calendar(paths, (kind.name, key), source.path if source else None, {kind.one: key}))
    found += [_calendar(paths, ("series", s), None, {"series": s}) for s in site.series]
    tagged = [slug for slug, tag in site.tags.items() if tag.events]  # a series' may be empty: future events fill it
    found += [_calendar(paths, ("tags", t), None, {"tag": t}) for t in tagged]
    return found


def _calendar(
    paths: dict[tuple[str, str], str], item: tuple[str, str], source: Path | None, ids: dict[str, str]
) -> Output:
    """The calendar beside an item's page (event.ics, talk.ics, calendar.ics)."""
    return Output(paths[item] + file_of(item[0], "ics"), None, source, ids, "ics")


def _assets(base: str, source: Path, assets: tuple[Path, ...]) -> list[Output]:
    folder = source.parent
    return [Output(base + asset.relative_to(folder).as_posix(), None, asset, format="copy") for asset in assets]


_NEVER_PUBLISHED = {".git", ".gitkeep", ".keep", ".DS_Store", "Thumbs.db"}


def _static(prefix: str, folder: Path, problems: Problems) -> list[Output]:
    """static/ is published as it is (.well-known/ included), but never a link or a .git folder."""
    outputs = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if _NEVER_PUBLISHED & set(path.relative_to(folder).parts):
            continue
        if path.is_symlink():
            problems.errors.append(symlink_error(path))
        elif path.is_file():
            outputs.append(Output(prefix + path.relative_to(folder).as_posix(), None, path, format="copy"))
    return outputs


def _without_collisions(outputs: list[Output], site: Site, problems: Problems) -> tuple[Output, ...]:
    """Keep one output per file; two that want the same file are an error, not an overwrite."""
    chosen: dict[str, Output] = {}
    for output in outputs:
        key = output.file.casefold()  # public/ may land on a case-insensitive disk
        first = chosen.get(key)
        if first is None:
            chosen[key] = output
            continue
        mine, theirs = (output, first) if output.source else (first, output)  # blame a file, not a built-in page
        where, field = _origin(mine.source or Path(mine.file), site)
        other = display_path(theirs.source, site.config.root) if theirs.source else f"the built-in page /{theirs.path}"
        problems.errors.append(
            ContentError(
                where,
                f"this wants the URL /{output.path}, which {other} already has",
                field,
                hint="give one of them another file name, or set 'slug:' in its front matter",
            )
        )
    return tuple(chosen.values())


def _origin(path: Path, site: Site) -> tuple[Location, str | None]:
    """Where a URL comes from: the file's 'slug:' line when it has one, else its first line."""
    items = (item for kind in kinds.with_files() for item in getattr(site, kind.name).values())
    for item in items:
        source = item.source
        if source is not None and source.path == path:
            if ("slug",) in source.locator.values:
                return source.locator.at(("slug",)), "slug"
            return source.locator.line(1), None
    return Location(path, 1), None
