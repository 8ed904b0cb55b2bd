"""The community's record, from the files alone: events, talks, speakers, attendance and
reports by year and by event, the rhythm of each series, and each member's path. Made once
by the link stage; docs/stats.md says what each figure means.

Each part is a table of its own in the ``Site``, so that a page notes only what it shows:
an event page its talks' first-talk marks, a series page its rhythm, the stats page all.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from ..content.model import TALK_KINDS, Event, Report
from ..engine.track import digest
from ..timeutil import first_day
from . import record
from .record import MemberPath, Path, Spoken

if TYPE_CHECKING:
    from .site import Site

WRITERS_SHOWN = 10


@dataclass(frozen=True)
class Year:
    events: int = 0
    talks_by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TALK_KINDS, 0))
    first_time_speakers: int = 0
    returning_speakers: int = 0
    speakers: int = 0
    guest_speakers: int = 0
    reports: int = 0
    registered: int = 0
    attended: int = 0
    first_timers: int = 0

    @property
    def talks(self) -> int:
        return sum(self.talks_by_kind.values())


@dataclass(frozen=True)
class EventFigures:
    day: date
    series: str | None
    talks: int
    first_time_speakers: tuple[str, ...]  # listed members only
    hub_reports: int
    member_posts: int
    registered: int | None
    attended: int | None
    first_timers: int | None

    @property
    def reports(self) -> int:
        return self.hub_reports + self.member_posts


@dataclass(frozen=True)
class Run:
    """Months in a row, ``start`` to ``end`` (YYYY-MM), both included."""

    start: str
    end: str
    months: int


@dataclass(frozen=True)
class Rhythm:
    months: dict[str, int]  # YYYY-MM → held events, for the months that have one
    longest_run: Run | None
    gaps: tuple[Run, ...]

    @property
    def longest_gap(self) -> Run | None:
        return max(self.gaps, key=lambda gap: gap.months) if self.gaps else None  # the earliest of equals


@dataclass(frozen=True)
class Record:
    """The tables the link stage adds to the ``Site``, under these names."""

    years: dict[int, Year]
    event_figures: dict[str, EventFigures]  # every held event
    rhythm: dict[str, Rhythm]  # "" for the whole hub, then each series with a held event
    speaking_path: Path
    writers: tuple[tuple[str, int], ...]  # (member id, reports), most first
    first_talks: dict[str, tuple[str, ...]]  # talk key → listed members whose first talk it is
    member_paths: dict[str, MemberPath]


@dataclass(frozen=True)
class KeptRecord:
    """A record and what it was made from (``made_from``), for the next build to take as
    it is if that is the same: it is a tenth of a second's work on a large hub."""

    made_from: bytes
    record: Record


def community_record(site: Site, parsed: Iterable[bytes], kept: KeptRecord | None = None) -> KeptRecord:
    """``parsed``: the fingerprints of what every file's parse gave, bodies apart; ``kept``:
    the last build's record."""
    held, dates = _held(site)
    # The record reads no body, and linking makes the rest of what it reads from the items
    # as parsed and site.yaml; then only the passing of time changes it, by what is held.
    made_from = digest(repr(site.config), repr([e.id for e in held]), repr(dates), *parsed)
    if kept is not None and kept.made_from == made_from:
        return kept
    return KeptRecord(made_from, _record(site, held, dates))


def _held(site: Site) -> tuple[list[Event], list[tuple[str, date]]]:
    """The events held by now, and the (event, local date) of every date held by now."""
    events = site.events
    held = [e for e in events.values() if record.is_held(e, site.now)]
    dates = [
        (o.event, first_day(o.start)) for o in site.occurrences if record.is_held(events[o.event], site.now, o.start)
    ]
    return held, dates


def _record(site: Site, held: list[Event], dates: list[tuple[str, date]]) -> Record:
    events = site.events
    history = record.spoken(events.values())
    held_ids = {e.id for e in held}
    held_talks = record.by_member(t for t in history if t.event in held_ids)
    organised = _organised(held)
    written = _written(site.reports.values())
    first_talks = record.first_talks(history, site.members)
    figures = {e.id: _event_figures(e, site, first_talks) for e in held}
    return Record(
        years=_years(held, dates, figures, held_talks),
        event_figures=figures,
        rhythm=_rhythms(dates, events),
        speaking_path=record.path(held_talks, organised),
        writers=_writers(written, site),
        first_talks=first_talks,
        member_paths=record.member_paths(held_talks, organised, written, site.members),
    )


def _organised(held: list[Event]) -> dict[str, list[Event]]:
    found: dict[str, list[Event]] = defaultdict(list)
    for event in held:
        for member in event.organisers:
            found[member].append(event)
    return found


def _written(reports: Iterable[Report]) -> dict[str, list[Report]]:
    found: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        for author in dict.fromkeys(a.member for a in report.authors if a.member is not None):
            found[author].append(report)
    return found


def _event_figures(event: Event, site: Site, first_talks: Mapping[str, tuple[str, ...]]) -> EventFigures:
    reports = [site.reports[r] for r in site.event_reports.get(event.id, ())]
    posts = sum(1 for r in reports if r.external_url)
    attendance = event.attendance
    return EventFigures(
        day=first_day(event.start),
        series=event.series,
        talks=len(event.talks),
        first_time_speakers=tuple(m for talk in event.talks for m in first_talks.get(talk.key, ())),
        hub_reports=len(reports) - posts,
        member_posts=posts,
        registered=attendance.registered if attendance else None,
        attended=attendance.attended if attendance else None,
        first_timers=attendance.first_timers if attendance else None,
    )


def _years(
    held: list[Event],
    dates: list[tuple[str, date]],
    figures: Mapping[str, EventFigures],
    held_talks: Mapping[str, list[Spoken]],
) -> dict[int, Year]:
    """Each year's figures, from the first year with a held event to the last."""
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    guests: dict[int, set[str]] = defaultdict(set)
    for _, day in dates:
        counts[day.year]["events"] += 1
    for event in held:
        year = figures[event.id].day.year
        guests[year] |= _count_event(counts[year], event, figures[event.id])
    for talks in held_talks.values():
        first = counts[talks[0].day.year]
        first["first_time_speakers"] += 1
        first["returning_speakers"] += record.returned(talks)
        for year in {t.day.year for t in talks}:
            counts[year]["speakers"] += 1
    if not counts:
        return {}
    return {year: _year(counts[year], len(guests[year])) for year in range(min(counts), max(counts) + 1)}


def _count_event(counts: Counter[str], event: Event, figures: EventFigures) -> set[str]:
    """Counts an event's talks, reports and attendance into its year's; its guests' names."""
    guests = set()
    for talk in event.talks:
        counts["kind " + talk.kind] += 1
        guests |= {" ".join(p.name.split()).casefold() for p in talk.speakers if p.member is None and p.name}
    counts["reports"] += figures.reports
    for name in ("registered", "attended", "first_timers"):
        counts[name] += getattr(figures, name) or 0
    return guests


def _year(counts: Counter[str], guest_speakers: int) -> Year:
    return Year(
        events=counts["events"],
        talks_by_kind={kind: counts["kind " + kind] for kind in TALK_KINDS},
        first_time_speakers=counts["first_time_speakers"],
        returning_speakers=counts["returning_speakers"],
        speakers=counts["speakers"],
        guest_speakers=guest_speakers,
        reports=counts["reports"],
        registered=counts["registered"],
        attended=counts["attended"],
        first_timers=counts["first_timers"],
    )


def _rhythms(dates: list[tuple[str, date]], events: Mapping[str, Event]) -> dict[str, Rhythm]:
    """The hub's rhythm (under "") and each series'."""
    months: dict[str, Counter[int]] = defaultdict(Counter)
    for event_id, day in dates:
        month = day.year * 12 + day.month - 1
        months[""][month] += 1
        if series := events[event_id].series:
            months[series][month] += 1
    return {name: _rhythm(months[name]) for name in sorted(months)}


def _rhythm(months: Counter[int]) -> Rhythm:
    """Runs and gaps, from months numbered in a row (year × 12 + month - 1)."""
    numbers = sorted(months)
    runs, gaps, start = [], [], numbers[0]
    for before, after in pairwise(numbers):
        if after > before + 1:
            runs.append(Run(_month(start), _month(before), before - start + 1))
            gaps.append(Run(_month(before + 1), _month(after - 1), after - before - 1))
            start = after
    runs.append(Run(_month(start), _month(numbers[-1]), numbers[-1] - start + 1))
    longest = max(runs, key=lambda run: run.months)  # max keeps the earliest of equals
    return Rhythm({_month(n): months[n] for n in numbers}, longest, tuple(gaps))


def _month(number: int) -> str:
    return f"{number // 12:04}-{number % 12 + 1:02}"


def _writers(written: Mapping[str, list[Report]], site: Site) -> tuple[tuple[str, int], ...]:
    """The listed members who wrote most, with how many reports."""
    counts = [(member, len(reports)) for member, reports in written.items() if site.members[member].listed]
    counts.sort(key=lambda pair: (-pair[1], pair[0]))
    return tuple(counts[:WRITERS_SHOWN])
