"""The plan stage: every file the build will write, its URL, and what it shows.

Outputs are plain data: a site path, a template (or a file to copy) and the ids the
template needs. Two outputs that want one path are an error naming both sources.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import urls
from .discover import symlink_error
from .errors import ContentError, Location, display_path
from .graph import Site
from .model import Item
from .timeutil import zone


@dataclass(frozen=True)
class Output:
    path: str  # site path: 'events/x/' (written as events/x/index.html) or 'calendar.ics'
    template: str | None = None  # the Jinja template of an html output
    source: Path | None = None  # the content file (for errors) or the file to copy
    ids: dict[str, str] = field(default_factory=dict)  # what it shows, by id: {"event": "study-12"}
    format: str = "html"  # "html" (its template), "copy" (a file as it is), or a format of generate.GENERATORS

    @cached_property  # asked for again and again by every build
    def file(self) -> str:
        return self.path + "index.html" if self.path.endswith("/") or not self.path else self.path


@dataclass(frozen=True)
class Plan:
    outputs: tuple[Output, ...]
    urls: dict[tuple[str, str], str]  # (kind, id) → site path, or an absolute URL for external reports
    feeds: dict[str, str]  # a page's site path → the folder of its feeds (atom.xml, rss.xml), for autodiscovery
    pages: tuple[str, ...]  # the HTML pages to index (all but the 404 page), sorted: the sitemap


def pages_of(the_plan: Plan, sources: Collection[Path]) -> list[Output]:
    """The outputs made from these content files (their pages and calendars, not their copied assets)."""
    return [o for o in the_plan.outputs if o.source in sources and o.format != "copy"]


def item_urls(site: Site) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for event in site.events.values():
        found["events", event.id] = urls.event_path(event.slug)
        for talk in event.talks:
            found["talks", talk.key] = urls.talk_path(event.slug, talk.slug)
    for member in site.members.values():
        found["members", member.id] = urls.member_path(member.slug)
    for report in site.reports.values():
        found["reports", report.id] = report.external_url or urls.report_path(report.slug)
    for page in site.pages.values():
        found["pages", page.id] = urls.page_path(page.slug)
    for series in site.series.values():
        found["series", series.id] = urls.series_path(series.slug)
    for tag in site.tags.values():
        found["tags", tag.slug] = urls.tag_path(tag.slug)
    return found


def plan(site: Site, theme_static: Path | None) -> tuple[Plan, list[ContentError]]:
    paths = item_urls(site)
    outputs = [
        Output("", "home.html"),
        Output("events/", "events.html"),
        Output("talks/", "talks.html"),
        Output("members/", "members.html"),
        Output("reports/", "reports.html"),
        Output("series/", "series_index.html"),
        Output("tags/", "tags.html"),
        Output("404.html", "404.html"),
    ]
    for event in site.events.values():
        outputs.append(Output(paths["events", event.id], "event.html", event.source.path, {"event": event.id}))
        outputs += _assets(paths["events", event.id], event.source.path, event.source.assets)
        for talk in event.talks:
            outputs.append(Output(paths["talks", talk.key], "talk.html", event.source.path, {"talk": talk.key}))
    for member in site.members.values():
        outputs.append(Output(paths["members", member.id], "member.html", member.source.path, {"member": member.id}))
        outputs += _assets(paths["members", member.id], member.source.path, member.source.assets)
    for report in site.reports.values():
        if report.external_url is None:
            outputs.append(
                Output(paths["reports", report.id], "report.html", report.source.path, {"report": report.id})
            )
        outputs += _assets(urls.report_path(report.slug), report.source.path, report.source.assets)
    for page in site.pages.values():
        outputs.append(Output(paths["pages", page.id], "page.html", page.source.path, {"page": page.id}))
        outputs += _assets(paths["pages", page.id], page.source.path, page.source.assets)
    for series in site.series.values():
        source = series.source.path if series.source else None
        outputs.append(Output(paths["series", series.id], "series.html", source, {"series": series.id}))
    for tag in site.tags.values():
        outputs.append(Output(paths["tags", tag.slug], "tag.html", None, {"tag": tag.slug}))
    outputs += _calendars(site, paths)
    outputs += _month_pages(site)
    feeds = _feed_folders(site, paths)
    for folder, ids in feeds.values():
        outputs += [
            Output(folder + urls.format_file(None, "atom"), ids=ids, format="atom"),
            Output(folder + urls.format_file(None, "rss"), ids=ids, format="rss"),
        ]
    outputs += [
        Output("events.json", ids={"data": "events"}, format="json"),
        Output("talks.json", ids={"data": "talks"}, format="json"),
        Output("sitemap.xml", format="sitemap"),
        Output("robots.txt", format="robots"),
        Output(".nojekyll", format="nojekyll"),
    ]
    link_errors: list[ContentError] = []
    hub_static = _static("", site.config.root / "static", link_errors)
    overridden = {output.path for output in hub_static}  # a hub's static/theme/x replaces the theme's x
    theme_files = _static("theme/", theme_static, link_errors) if theme_static is not None else []
    outputs += [output for output in theme_files if output.path not in overridden] + hub_static
    if site.config.domain and "CNAME" not in overridden:  # a hub's own static/CNAME wins
        outputs.append(Output("CNAME", format="cname"))
    chosen, errors = _without_collisions(outputs, site)
    pages = tuple(sorted(o.path for o in chosen if o.format == "html" and o.path != "404.html"))
    return Plan(chosen, paths, {page: folder for page, (folder, _) in feeds.items()}, pages), link_errors + errors


def _feed_folders(site: Site, paths: dict[tuple[str, str], str]) -> dict[str, tuple[str, dict[str, str]]]:
    """Which pages have feeds: page path → (the folder of its atom.xml and rss.xml, what they hold)."""
    found: dict[str, tuple[str, dict[str, str]]] = {"": ("", {"feed": "hub"})}
    for section in ("events", "talks", "reports"):
        found[f"{section}/"] = (f"{section}/", {"feed": section})
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
    found = [Output(urls.format_file(None, "ics"), format="ics")]
    for event in site.events.values():
        source = event.source.path
        found.append(_calendar(paths, ("events", event.id), source, {"event": event.id}))
        timed = (talk for talk in event.talks if talk.start is not None)
        found += [_calendar(paths, ("talks", talk.key), source, {"talk": talk.key}) for talk in timed]
    found += [_calendar(paths, ("series", s), None, {"series": s}) for s in site.series]
    tagged = [slug for slug, tag in site.tags.items() if tag.events]  # a series' may be empty: future events fill it
    found += [_calendar(paths, ("tags", t), None, {"tag": t}) for t in tagged]
    return found


def _calendar(
    paths: dict[tuple[str, str], str], item: tuple[str, str], source: Path | None, ids: dict[str, str]
) -> Output:
    """The calendar beside an item's page (event.ics, talk.ics, calendar.ics)."""
    return Output(paths[item] + urls.format_file(item[0], "ics"), None, source, ids, "ics")


def _assets(base: str, source: Path, assets: tuple[Path, ...]) -> list[Output]:
    folder = source.parent
    return [Output(base + asset.relative_to(folder).as_posix(), None, asset, format="copy") for asset in assets]


_NEVER_PUBLISHED = {".git", ".gitkeep", ".keep", ".DS_Store", "Thumbs.db"}


def _static(prefix: str, folder: Path, errors: list[ContentError]) -> list[Output]:
    """static/ is published as it is (.well-known/ included), but never a link or a .git folder."""
    outputs = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if _NEVER_PUBLISHED & set(path.relative_to(folder).parts):
            continue
        if path.is_symlink():
            errors.append(symlink_error(path))
        elif path.is_file():
            outputs.append(Output(prefix + path.relative_to(folder).as_posix(), None, path, format="copy"))
    return outputs


def _without_collisions(outputs: list[Output], site: Site) -> tuple[tuple[Output, ...], list[ContentError]]:
    """Keep one output per file; two that want the same file are an error, not an overwrite."""
    errors: list[ContentError] = []
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
        errors.append(
            ContentError(
                where,
                f"this wants the URL /{output.path}, which {other} already has",
                field,
                hint="give one of them another file name, or set 'slug:' in its front matter",
            )
        )
    return tuple(chosen.values()), errors


def _origin(path: Path, site: Site) -> tuple[Location, str | None]:
    """Where a URL comes from: the file's 'slug:' line when it has one, else its first line."""
    items: list[Item] = [*site.events.values(), *site.members.values(), *site.reports.values(), *site.pages.values()]
    items += [s for s in site.series.values() if s.source is not None]
    for item in items:
        source = item.source
        if source is not None and source.path == path:
            if ("slug",) in source.locator.values:
                return source.locator.at(("slug",)), "slug"
            return source.locator.line(1), None
    return Location(path, 1), None
