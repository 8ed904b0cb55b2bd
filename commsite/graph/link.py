"""The link stage: resolve every id once and build the indexes pages read.

Output is the frozen ``Site`` of site.py: items keyed by id, plus ready-made lists (a
member's talks, an event's reports, a tag's items) so that no template ever scans the hub.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

from dateutil.relativedelta import relativedelta

from .. import kinds
from ..content.load import Loaded, without_bodies
from ..content.model import Event, Report, Series, Talk
from ..errors import ContentError, Problems, suggest
from ..search.documents import choices as search_choices
from ..source.config import Config
from ..timeutil import as_instant, is_repeated, zone
from ..urls import slug_from_id, slugify
from .link_people import Resolver, member_names
from .link_urls import unique_urls
from .months import days_of, months_of
from .recurrence import Occurrence, occurrences
from .site import Site, Tag, bodies
from .stats import KeptRecord, community_record

_Item = TypeVar("_Item", Event, Talk, Report)


def link(
    loaded: Loaded, config: Config, now: datetime, stamp: datetime, problems: Problems, kept: KeptRecord | None = None
) -> tuple[Site, KeptRecord | None]:
    """The site graph, and the community record in it (``kept``: the last build's, taken
    if it still holds). What links to nothing (an unknown member, event or series) is put
    in ``problems``."""
    tables = _resolved(loaded, config, problems)
    events = tables["events"]
    horizon = now + relativedelta(months=config.recurrence_horizon_months)
    dated = [o for event in events.values() for o in occurrences(event, now, horizon)]
    problems.errors += _repeated_times(dated, events)
    dated.sort(key=lambda o: (as_instant(o.start, zone(events[o.event].timezone)), o.event))
    site = _indexed(tables, dated, config, now, stamp)
    record = community_record(site, without_bodies(loaded), kept) if config.stats else None
    if record is not None:
        site = replace(site, **vars(record.record))
    return (replace(site, search_choices=search_choices(site)) if config.search else site), record


def _resolved(loaded: Loaded, config: Config, problems: Problems) -> dict[str, dict[str, Any]]:
    """Every kind's table: its items in the order the site lists them, with the members they
    name resolved (aliases to ids), each at a URL of its own."""
    listed = {kind.name: _listed(kind, loaded.content.get(kind.name, ()), config) for kind in kinds.with_files()}
    members = unique_urls("members", listed["members"], config, problems)
    broken_members = {i for k, i in loaded.broken if k == "members"}
    resolve = Resolver(members, member_names(members, problems), broken_members, problems)
    events = unique_urls("events", _events(listed["events"].values(), resolve), config, problems)
    known_events = set(events) | {i for k, i in loaded.broken | loaded.drafts if k == "events"}
    reports = _reports(listed["reports"].values(), resolve, known_events, problems)
    tables = {"members": members, "events": events, "reports": unique_urls("reports", reports, config, problems)}
    tables["series"] = _series(listed["series"].values(), events, resolve, config, problems)
    for name, items in listed.items():
        if name not in tables:  # a kind that names no other item: as it was read
            tables[name] = unique_urls(name, items, config, problems)
    for kind in kinds.declared():
        if kind.inside is not None:  # talks: the items that the holders' files hold, in their order
            holders = tables[kind.inside].values()
            tables[kind.name] = {getattr(i, kind.key): i for holder in holders for i in getattr(holder, kind.name)}
    return {kind.name: tables[kind.name] for kind in kinds.declared()}


def _listed(kind: kinds.Kind, items: Iterable[Any], config: Config) -> dict[str, Any]:
    ordered = sorted(items, key=lambda item: kind.order(item, config), reverse=kind.newest_first)
    return {item.id: item for item in ordered}


def _series(
    with_files: Iterable[Series],
    events: Mapping[str, Event],
    resolve: Resolver,
    config: Config,
    problems: Problems,
) -> dict[str, Series]:
    """Every series, those that only events name included, by id."""
    locator = ("organisers",)
    series = {
        s.id: replace(s, organisers=resolve.ids(s.source.locator, locator, s.organisers))
        for s in with_files
        if s.source is not None  # always: these were read from files
    }
    series.update(_series_without_files(events, series, problems))
    return dict(sorted(unique_urls("series", series, config, problems, events).items()))


def _events(events: Iterable[Event], resolve: Resolver) -> dict[str, Event]:
    """With their talks' speakers and their organisers resolved."""
    found = {}
    for event in events:
        resolved_talks = tuple(
            _replaced(talk, speakers=resolve.people(event.source.locator, ("talks", i, "speakers"), talk.speakers))
            for i, talk in enumerate(event.talks)
        )
        organisers = resolve.ids(event.source.locator, ("organisers",), event.organisers)
        found[event.id] = _replaced(event, talks=resolved_talks, organisers=organisers)
    return found


def _reports(
    reports: Iterable[Report], resolve: Resolver, known_events: set[str], problems: Problems
) -> dict[str, Report]:
    """With their authors resolved; the event each reports on must exist."""
    found = {}
    for report in reports:
        if report.event is not None and report.event not in known_events:
            hint = suggest(report.event, known_events) or "use the event's file name without '.md'"
            where = report.source.locator.at(("event",))
            problems.errors.append(ContentError(where, f"there is no event '{report.event}'", "event", hint))
        found[report.id] = _replaced(
            report, authors=resolve.people(report.source.locator, ("authors",), report.authors)
        )
    return found


def _indexed(
    tables: dict[str, dict[str, Any]], dated: list[Occurrence], config: Config, now: datetime, stamp: datetime
) -> Site:
    """The site: its items, and the lists and indexes that pages read, made once."""
    events, talks, reports, series = tables["events"], tables["talks"], tables["reports"], tables["series"]
    upcoming = tuple(o for o in dated if not _is_over(o, events[o.event], now))
    hub_zone = zone(config.timezone)
    days = days_of(dated, hub_zone)
    ahead = {o.event for o in upcoming}
    return Site(
        config=config,
        now=now,
        stamp=stamp,
        tables=tables,
        occurrences=tuple(dated),
        dates=_group_dates(dated),
        upcoming=upcoming,
        upcoming_dates=_group_dates(list(upcoming)),
        past=tuple(e for e in reversed(events) if e not in ahead),
        ahead=frozenset(ahead),
        days=days,
        months=months_of(days, now.astimezone(hub_zone).date()),
        busy_months=frozenset((day.year, day.month) for day in days),
        member_talks=_group((s.member, t.key) for t in talks.values() for s in t.speakers if s.member),
        member_reports=_group((a.member, r.id) for r in reports.values() for a in r.authors if a.member),
        member_events=_group((m, e.id) for e in reversed(events.values()) for m in e.organisers),
        event_reports=_group((r.event, r.id) for r in reports.values() if r.event),
        series_events=_group((e.series, e.id) for e in events.values() if e.series),
        tags=_tags(events, talks, reports, series),
        latest=_latest(tables, config),
        bodies=bodies(tables),
    )


def _series_without_files(
    events: Mapping[str, Event],
    with_files: Mapping[str, Series],
    problems: Problems,
) -> dict[str, Series]:
    """The contract: a series without a file still works, titled by its id. Only an id that
    differs from a file's by case is an error (one id, one series); one that looks like a
    file's and is named by a single event may be a typo, and is a warning."""
    naming: dict[str, list[Event]] = defaultdict(list)
    for event in events.values():
        if event.series and event.series not in with_files:
            naming[event.series].append(event)
    found = {}
    for name, named_by in sorted(naming.items()):
        same = [s for s in with_files if s.casefold() == name.casefold()]
        if same:
            hint = f"write '{same[0]}': series ids are file names in content/series/, and their case counts"
            for event in named_by:
                where = event.source.locator.at(("series",))
                problems.errors.append(ContentError(where, f"there is no series '{name}'", "series", hint))
            continue
        near = suggest(name, with_files) if len(named_by) == 1 else None
        if near:
            where = named_by[0].source.locator.at(("series",))
            message = f"there is no series '{name}': it is a series of its own, titled '{name}'"
            problems.warnings.append(
                ContentError(where, message, "series", near + " (series ids are file names in content/series/)")
            )
        found[name] = Series(name, slug_from_id(name), None, name)
    return found


def _replaced(item: _Item, **changes: Any) -> _Item:
    """``replace``, but the item itself when nothing changes (the usual case, and much cheaper)."""
    if all(getattr(item, name) == value for name, value in changes.items()):
        return item
    return replace(item, **changes)


def _group_dates(dated: list[Occurrence]) -> dict[str, tuple[Occurrence, ...]]:
    groups: dict[str, list[Occurrence]] = defaultdict(list)
    for occurrence in dated:
        groups[occurrence.event].append(occurrence)
    return {event: tuple(found) for event, found in groups.items()}


def _repeated_times(dated: list[Occurrence], events: dict[str, Event]) -> list[ContentError]:
    """A recurring date at a local time the clocks repeat: apps disagree about which is meant."""
    found = []
    for occurrence in dated:
        if isinstance(occurrence.start, datetime) and is_repeated(occurrence.start):
            event = events[occurrence.event]
            message = f"its date {occurrence.start:%Y-%m-%d %H:%M} happens twice in {event.timezone} (clocks go back)"
            hint = "move the event's time out of that hour, or skip the date under 'except:'"
            where = event.source.locator.at(("recurrence", "rule"))
            found.append(ContentError(where, message, "recurrence.rule", hint))
    return found


def _is_over(occurrence: Occurrence, event: Event, now: datetime) -> bool:
    end = as_instant(occurrence.end, zone(event.timezone))
    if not isinstance(occurrence.end, datetime):
        end += relativedelta(days=1)  # an all-day event's end is its last day, inclusive
    return end <= now


def _latest(tables: Mapping[str, Mapping[str, Any]], config: Config) -> tuple[tuple[str, str], ...]:
    """Every item of a kind in feeds, as (kind, key), newest first."""
    events = tables["events"]
    in_feeds = [kind for kind in kinds.declared() if kind.feed_date is not None]
    dated = [(k.time(item, events, config), (k.one, key)) for k in in_feeds for key, item in tables[k.name].items()]
    dated.sort(reverse=True)
    return tuple(item for _, item in dated)


def _group(pairs: object) -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for key, value in pairs:  # type: ignore[attr-defined]
        if value not in groups[key]:
            groups[key].append(value)
    return {key: tuple(values) for key, values in groups.items()}


def _tags(
    events: dict[str, Event], talks: dict[str, Talk], reports: dict[str, Report], series: dict[str, Series]
) -> dict[str, Tag]:
    names: dict[str, str] = {}
    members: dict[str, dict[str, list[str]]] = defaultdict(
        lambda: {s: [] for s in ("events", "talks", "reports", "series")}
    )
    tagged = [("events", e.id, e.tags) for e in events.values()]
    tagged += [("talks", t.key, t.tags) for t in talks.values()]
    tagged += [("reports", r.id, r.tags) for r in reports.values()]
    tagged += [("series", s.id, s.tags) for s in series.values()]
    for section, key, tags in tagged:
        for tag in tags:
            slug = slugify(tag)
            names.setdefault(slug, tag)  # tags differing only in case or width are one tag
            if key not in members[slug][section]:
                members[slug][section].append(key)
    return {
        slug: Tag(names[slug], slug, *(tuple(m[s]) for s in ("events", "talks", "reports", "series")))
        for slug, m in sorted(members.items())
    }
