"""Who spoke when: each member's talks in the hub's history, their first talk and their path
(first lightning talk, first full talk, organising). Made once by the link stage, from the
resolved events; docs/stats.md says what each figure means.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from statistics import median_low
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from ..content.model import Event, Member, Report
from ..timeutil import Moment, as_instant, first_day, zone


@dataclass(frozen=True)
class Spoken:
    """One member speaking in one talk."""

    day: date  # the local date of the event's first date
    event: str
    talk: str  # the talk's key
    lightning: bool
    member: str


class YearOfMember(NamedTuple):  # a tuple: thousands are made, and made fast
    year: int
    talks: int = 0
    lightning_talks: int = 0
    reports: int = 0
    organised: int = 0


@dataclass(frozen=True)
class MemberPath:
    """What a member has given so far, at held events (the talk keys and event ids)."""

    first_event: str | None  # the first event where they spoke
    first_lightning: str | None
    first_talk: str | None  # their first full talk
    organised: tuple[str, ...]  # events they organised, in order
    years: tuple[YearOfMember, ...]


@dataclass(frozen=True)
class Path:
    """How many members took each step from a first lightning talk to organising, and the
    median days each step took (None when nobody took it)."""

    first_lightning: int
    then_talk: int
    median_days_to_talk: int | None
    then_organised: int
    median_days_to_organise: int | None


def is_held(event: Event, now: datetime, start: Moment | None = None) -> bool:
    """Begun by ``now`` (at its first date, or at ``start``, one of its dates) and not called
    off: the events the record counts."""
    begun = as_instant(start or event.start, zone(event.timezone)) <= now
    return event.status == "scheduled" and begun


def spoken(events: Iterable[Event]) -> list[Spoken]:
    """Every member's every talk at events not called off, held or still ahead, in the order
    the hub gave them (``events`` in the site's order)."""
    found = []
    for event in events:
        if event.status != "scheduled":
            continue
        day = first_day(event.start)
        for talk in event.talks:
            for speaker in talk.speakers:
                if speaker.member is not None:
                    found.append(Spoken(day, event.id, talk.key, talk.kind == "lightning", speaker.member))
    return found


def first_talks(history: Iterable[Spoken], members: Mapping[str, Member]) -> dict[str, tuple[str, ...]]:
    """Talk key → the listed members whose first talk in the hub it is."""
    seen: set[str] = set()
    found: dict[str, list[str]] = defaultdict(list)
    for talk in history:
        if talk.member not in seen:
            seen.add(talk.member)
            if members[talk.member].listed:
                found[talk.talk].append(talk.member)
    return {key: tuple(ids) for key, ids in found.items()}


def by_member(history: Iterable[Spoken]) -> dict[str, list[Spoken]]:
    found: dict[str, list[Spoken]] = defaultdict(list)
    for talk in history:
        found[talk.member].append(talk)
    return found


def member_paths(
    held: Mapping[str, list[Spoken]],
    organised: Mapping[str, list[Event]],
    reports: Mapping[str, list[Report]],
    members: Mapping[str, Member],
) -> dict[str, MemberPath]:
    """Each listed member's path, from their talks at held events, the held events they
    organised and the reports they wrote."""
    found = {}
    for member_id in sorted(held.keys() | organised.keys() | reports.keys()):
        if not members[member_id].listed:
            continue
        talks = held.get(member_id, [])
        events = organised.get(member_id, [])
        found[member_id] = MemberPath(
            first_event=talks[0].event if talks else None,
            first_lightning=next((t.talk for t in talks if t.lightning), None),
            first_talk=next((t.talk for t in talks if not t.lightning), None),
            organised=tuple(e.id for e in events),
            years=_member_years(talks, events, reports.get(member_id, [])),
        )
    return found


def _member_years(talks: list[Spoken], events: list[Event], reports: list[Report]) -> tuple[YearOfMember, ...]:
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # as YearOfMember's counts
    for talk in {t.talk: t for t in talks}.values():  # a speaker named twice on one talk gave one talk
        counts[talk.day.year][0] += 1
        counts[talk.day.year][1] += talk.lightning
    for report in reports:
        counts[first_day(report.date).year][2] += 1
    for event in events:
        counts[first_day(event.start).year][3] += 1
    return tuple(YearOfMember(year, *counts[year]) for year in sorted(counts))


def path(held: Mapping[str, list[Spoken]], organised: Mapping[str, list[Event]]) -> Path:
    """The steps from a first lightning talk to a later first full talk to organising an
    event on or after it; every member counted, listed or not (these are only counts)."""
    to_talk, to_organise, started = [], [], 0
    for member_id, talks in held.items():
        lightning = next((t.day for t in talks if t.lightning), None)
        full = next((t.day for t in talks if not t.lightning), None)
        if lightning is None:
            continue
        started += 1
        if full is None or full <= lightning:
            continue
        to_talk.append((full - lightning).days)
        days = [first_day(e.start) for e in organised.get(member_id, [])]
        after = [day for day in days if day >= full]
        if after:
            to_organise.append((after[0] - full).days)
    return Path(started, len(to_talk), _median(to_talk), len(to_organise), _median(to_organise))


def returned(talks: list[Spoken]) -> bool:
    """Spoke again at a later date within 12 months of their first talk."""
    first = talks[0].day
    until = first + relativedelta(months=12)
    return any(first < t.day <= until for t in talks)


def _median(days: list[int]) -> int | None:
    return median_low(days) if days else None
