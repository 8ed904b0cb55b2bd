"""A hub made to exercise every rule of docs/stats.md, as plain data, and the figures its
stats.json must hold, worked out from that data with plain loops (no commsite code).

Each item is its front matter as a dict; ``write_hub`` writes it out as the content files
the build reads, so the files and the expected figures come from one description.

The story, member by member (held events only count; ``now`` is 2026-06-15):

- aoki: keynote at the first event (Auckland, just after midnight on 2023-01-01), a workshop
  in April: a returning speaker of 2023. Organises much, never gives a lightning talk.
- baba: lightning 2023-02-18, full talk 2023-10-21, organises 2024-02-17: the whole path.
- chiba: lightning 2023-02-18, organises 2024-01-20 (before the full talk: not a step),
  full talk 2024-04-20 (more than 12 months on: not returning), organises 2025-08-09.
- doi: lightning 2023-03-18, full talk 2024-02-17; organises only a cancelled event, and is
  an organiser of the study series (a series' organisers organise no event).
- endo: full talk first (2023-03-18), then a lightning talk: not on the path.
- fujii: a lightning talk and a full talk at one event (same date: not on the path), a
  lightning talk eight months later.
- goto: talks at a cancelled and a postponed event, and a first talk still ahead: no figure.
- hidden-hiro: ``listed: false``; lightning, full talk, organises: counted, never named,
  and writes the most reports.
- ishii: named by an alias (ishii-old); speaks again fifteen months later: not returning.
- kato: lightning at the first date of the monthly night, full talk 2026-02-21, organises
  that same event (on the date of the full talk: a step of 0 days).
- mori: first talk 2026-02-21 and no other. nakano: lightning, then a panel (a full talk).
- sato: workshop then talk in 2025. ueda: one talk in 2025, the next at a postponed event.
- ogawa: writes only.

Months: three runs of four months tie for the longest (2023-01..04, 2024-01..04, 2026-02..05),
and 2023-05..09 is a gap of five months.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)

SITE_YAML = """\
title: 統計のハブ
base_url: https://example.org/hub/
language: ja
timezone: Asia/Tokyo
search: false
"""
HUB_ZONE = "Asia/Tokyo"

Front = dict[str, Any]

GUEST_KIMURA = {"name": "Kimura Guest"}
GUEST_LEE = {"name": "Lee Guest", "affiliation": "Visiting"}
GUEST_PARK = {"name": "Park Guest"}


def talk(title: str, *speakers: str | dict[str, str], kind: str | None = None) -> Front:
    """A talk as written in an event's ``talks:`` list (no ``kind:`` means a talk)."""
    written: Front = {"title": title}
    if speakers:
        written["speakers"] = list(speakers)
    if kind is not None:
        written["kind"] = kind
    return written


MEMBERS: dict[str, Front] = {
    "aoki": {"name": "青木 あい"},
    "baba": {"name": "馬場 勉"},
    "chiba": {"name": "千葉 千尋"},
    "doi": {"name": "土井 大地"},
    "endo": {"name": "遠藤 恵"},
    "fujii": {"name": "藤井 文"},
    "goto": {"name": "後藤 豪"},
    "hidden-hiro": {"name": "匿名 ひろ", "listed": False},
    "ishii": {"name": "石井 樹", "aliases": ["ishii-old"]},
    "kato": {"name": "加藤 薫"},
    "mori": {"name": "森 真"},
    "nakano": {"name": "中野 菜々"},
    "ogawa": {"name": "小川 修"},
    "sato": {"name": "佐藤 聡", "listed": True},
    "ueda": {"name": "上田 海"},
}

SERIES: dict[str, Front] = {
    "study": {"title": "勉強会", "organisers": ["doi"]},
    "night": {"title": "もくもくナイト"},
    "camp": {"title": "合宿"},
}

EVENTS: dict[str, Front] = {
    # 2023 ------------------------------------------------------------------------------
    # 2022-12-31 in UTC and in Tokyo: its own zone makes it 2023-01.
    "newyear-2023": {
        "title": "New Year meetup",
        "start": "2023-01-01 00:15",
        "timezone": "Pacific/Auckland",
        "organisers": ["aoki"],
        "talks": [talk("The year ahead", "aoki", kind="keynote")],
        "attendance": {"registered": 30, "attended": 25, "first_timers": 10},
    },
    "study-01": {
        "title": "勉強会 #1",
        "start": "2023-02-18 14:00",
        "series": "study",
        "organisers": ["aoki"],
        "talks": [
            talk("First LT", "baba", kind="lightning"),
            talk("Second LT", "chiba", kind="lightning"),
            talk("A guest's view", GUEST_KIMURA),
        ],
        "attendance": {"registered": 40, "attended": 31, "first_timers": 12},
    },
    "study-02": {
        "title": "勉強会 #2",
        "start": "2023-03-18 14:00",
        "series": "study",
        "status": "scheduled",
        "organisers": ["aoki"],
        "talks": [talk("Full first", "endo", kind="talk"), talk("Quick one", "doi", kind="lightning")],
        "attendance": {"attended": 20},  # no registered: no rate, nothing to sum
    },
    "study-03": {
        "title": "勉強会 #3",
        "start": "2023-04-15 14:00",
        "series": "study",
        "organisers": ["aoki"],
        "talks": [talk("Hands on", "aoki", kind="workshop"), talk("Back again", GUEST_KIMURA)],
    },
    # The id keeps its date prefix (the slug drops it): stats.json names events by id.
    "2023-10-21-study-04": {
        "title": "勉強会 #4",
        "start": "2023-10-21 14:00",
        "series": "study",
        "talks": [talk("From LT to talk", "baba")],
    },
    "study-05": {
        "title": "勉強会 #5",
        "start": "2023-11-18 14:00",
        "series": "study",
        "talks": [talk("Now a short one", "endo", kind="lightning")],
    },
    # 2024 ------------------------------------------------------------------------------
    "study-06": {
        "title": "勉強会 #6",
        "start": "2024-01-20 14:00",
        "series": "study",
        "organisers": ["chiba"],
        "talks": [talk("Winter notes", "aoki")],
        "attendance": {"registered": 50, "attended": 44, "first_timers": 9},
    },
    "study-07": {
        "title": "勉強会 #7",
        "start": "2024-02-17 14:00",
        "series": "study",
        "organisers": ["baba"],
        "talks": [talk("Doi at length", "doi")],
    },
    "study-08": {
        "title": "勉強会 #8",
        "start": "2024-03-16 14:00",
        "series": "study",
        "talks": [talk("Under an old name", "ishii-old")],
    },
    "study-09": {
        "title": "勉強会 #9",
        "start": "2024-04-20 14:00",
        "series": "study",
        "talks": [
            talk("Unlisted LT", "hidden-hiro", kind="lightning"),
            talk("Chiba at length", "chiba"),
            talk("Nakano's LT", "nakano", kind="lightning"),
        ],
    },
    # Cancelled with talks, an organiser and registrations: none of it counts.
    "study-10": {
        "title": "勉強会 #10",
        "start": "2024-06-15 14:00",
        "series": "study",
        "status": "cancelled",
        "organisers": ["doi"],
        "talks": [talk("Never given", "goto"), talk("Nor this", "baba", kind="lightning")],
        "attendance": {"registered": 25},
    },
    # All day, two days.
    "camp-2024": {
        "title": "合宿 2024",
        "start": "2024-08-10",
        "end": "2024-08-11",
        "series": "camp",
        "talks": [
            talk("Panel", "nakano", "aoki", GUEST_LEE, kind="panel"),
            talk("Guest workshop", GUEST_PARK, kind="workshop"),
        ],
        "attendance": {"registered": 80, "attended": 72},
    },
    # 2025-01-01 in Tokyo and in UTC: its own zone keeps it in 2024-12.
    "yearend-la": {
        "title": "Year-end in LA",
        "start": "2024-12-31 23:30",
        "timezone": "America/Los_Angeles",
        "talks": [talk("Unlisted at length", "hidden-hiro")],
        "attendance": {"attended": 15, "first_timers": 15},  # as many first-timers as attended: allowed
    },
    # 2025 ------------------------------------------------------------------------------
    "study-12": {
        "title": "勉強会 #12",
        "start": "2025-02-15 14:00",
        "series": "study",
        "organisers": ["hidden-hiro", "aoki"],
        "talks": [talk("Fujii's LT", "fujii", kind="lightning"), talk("Fujii at length", "fujii")],
        "attendance": {"registered": 35, "attended": 28, "first_timers": 6},
    },
    # 2025-02-28 in UTC: the local date makes it March.
    "tokyo-midnight": {
        "title": "深夜の会",
        "start": "2025-03-01 00:30",
        "talks": [talk("Open floor"), talk("Endo returns", "endo")],
    },
    "study-13": {
        "title": "勉強会 #13",
        "start": "2025-06-21 14:00",
        "series": "study",
        "talks": [talk("Sato's workshop", "sato", kind="workshop"), talk("Ishii again", "ishii")],
    },
    # Not in the build at all.
    "draft-meetup": {
        "title": "Draft",
        "start": "2025-07-12 14:00",
        "draft": True,
        "talks": [talk("Draft talk", "baba")],
    },
    "camp-2025": {
        "title": "合宿 2025",
        "start": "2025-08-09",
        "series": "camp",
        "organisers": ["chiba"],
        "talks": [
            talk("Guest keynote", GUEST_LEE, kind="keynote"),
            talk("Ueda's only talk", "ueda"),
            talk("Sato at length", "sato"),
        ],
        "attendance": {"attended": 60, "first_timers": 0},
    },
    # Every third Wednesday from 2025-10-15, January 2026 skipped; 2026-06-17 is still ahead.
    "night": {
        "title": "もくもくナイト",
        "start": "2025-10-15 19:00",
        "series": "night",
        "organisers": ["aoki"],
        "recurrence": {"rule": "FREQ=MONTHLY;BYDAY=3WE", "until": "2026-12-31", "except": ["2026-01-21"]},
        "talks": [
            talk("Kato's LT", "kato", kind="lightning"),
            talk("Guest LT", GUEST_KIMURA, kind="lightning"),
            talk("Fujii's second LT", "fujii", kind="lightning"),
        ],
    },
    "study-11": {
        "title": "勉強会 #11",
        "start": "2025-11-15 14:00",
        "series": "study",
        "status": "postponed",
        "talks": [
            talk("Goto's LT", "goto", kind="lightning"),
            talk("Ueda again", "ueda"),
            talk("Endo again", "endo"),
        ],
    },
    # 2026 ------------------------------------------------------------------------------
    "study-14": {
        "title": "勉強会 #14",
        "start": "2026-02-21 14:00",
        "series": "study",
        "organisers": ["kato"],
        "talks": [talk("Mori's first", "mori"), talk("Kato at length", "kato")],
        "attendance": {"registered": 45, "attended": 38, "first_timers": 11},
    },
    # Still ahead: goto's first talk in the hub's history, counted in no figure.
    "study-15": {
        "title": "勉強会 #15",
        "start": "2026-07-18 14:00",
        "series": "study",
        "organisers": ["goto"],
        "talks": [talk("Goto at last", "goto")],
    },
}

REPORTS: dict[str, Front] = {
    "r-newyear": {"title": "New Year report", "date": "2023-01-05", "event": "newyear-2023", "authors": ["aoki"]},
    "r-study-01": {"title": "#1 report", "date": "2023-02-20", "event": "study-01", "authors": ["baba", "chiba"]},
    "r-study-01-blog": {
        "title": "#1 on my blog",
        "date": "2023-02-21",
        "event": "study-01",
        "authors": ["chiba"],
        "external_url": "https://blog.example.com/chiba/study-01",
    },
    # Written three years later: still a report of 2023, the year of its event.
    "r-study-02-late": {
        "title": "#2, looking back",
        "date": "2026-03-01",
        "event": "study-02",
        "authors": ["hidden-hiro"],
        "external_url": "https://blog.example.com/hiro/study-02",
    },
    "r-study-04": {"title": "#4 report", "date": "2023-10-25", "event": "2023-10-21-study-04", "authors": ["goto"]},
    "r-study-08": {"title": "#8 report", "date": "2024-03-20", "event": "study-08", "authors": ["hidden-hiro"]},
    # About a cancelled event: no year's or event's figure; its author still wrote it.
    "r-cancelled": {"title": "Why #10 was called off", "date": "2024-06-10", "event": "study-10", "authors": ["doi"]},
    "r-camp-2024": {
        "title": "Camp 2024",
        "date": "2024-08-15",
        "event": "camp-2024",
        "authors": ["nakano", {"name": "Lee Guest", "url": "https://lee.example.com/"}],
        "external_url": "https://blog.example.com/nakano/camp-2024",
    },
    "r-yearend": {
        "title": "Year-end report",
        "date": "2025-01-03",
        "event": "yearend-la",
        "authors": ["hidden-hiro", "ishii-old"],
    },
    "r-no-event": {"title": "A year of the hub", "date": "2025-01-10", "authors": ["ogawa", "sato"]},
    "r-study-12": {"title": "#12 report", "date": "2025-02-17", "event": "study-12", "authors": ["fujii"]},
    "r-study-12-blog": {
        "title": "#12 on my blog",
        "date": "2025-02-18",
        "event": "study-12",
        "authors": ["kato"],
        "external_url": "https://blog.example.com/kato/study-12",
    },
    "r-tokyo": {
        "title": "Midnight notes",
        "date": "2025-03-02",
        "event": "tokyo-midnight",
        "authors": ["endo"],
        "external_url": "https://blog.example.com/endo/midnight",
    },
    "r-camp-2025": {"title": "Camp 2025", "date": "2025-08-12", "event": "camp-2025", "authors": ["ueda", "chiba"]},
    "r-notes": {"title": "Notes from the nights", "date": "2026-01-05", "authors": ["kato"]},
    "r-study-14": {"title": "#14 report", "date": "2026-02-23", "event": "study-14", "authors": ["mori", "kato"]},
    "r-draft": {"title": "Draft report", "date": "2026-02-24", "event": "study-14", "authors": ["aoki"], "draft": True},
}


# Writing the hub ---------------------------------------------------------------------------


def _markdown(front: Front, body: str) -> str:
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    return f"---\n{dumped}---\n{body}\n"


def write_hub(root: Path, site_yaml: str = SITE_YAML) -> Path:
    """The hub's site.yaml and content files under ``root``."""
    kinds = {"events": EVENTS, "members": MEMBERS, "reports": REPORTS, "series": SERIES}
    for folder, items in kinds.items():
        for item_id, front in items.items():
            path = root / "content" / folder / f"{item_id}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_markdown(front, f"About {item_id}."), encoding="utf-8")
    (root / "site.yaml").write_text(site_yaml, encoding="utf-8")
    return root


# The expected figures, worked out from the data above ---------------------------------------

KINDS = ("keynote", "lightning", "panel", "talk", "workshop")
ATTENDANCE = ("registered", "attended", "first_timers")
ALIASES = {alias: member for member, front in MEMBERS.items() for alias in front.get("aliases", [])}
LISTED = {member for member, front in MEMBERS.items() if front.get("listed", True)}


def _member(speaker: str | dict[str, str]) -> str | None:
    """The member a speaker or author names (through an alias), or None for a guest."""
    if isinstance(speaker, dict):
        return None
    return ALIASES.get(speaker, speaker)


def _kind(written: Front) -> str:
    kind = written.get("kind", "talk")
    return kind if kind in KINDS else "talk"


def _local_start(front: Front) -> datetime:
    """The start as written, a naive wall-clock time (an all-day event starts at midnight)."""
    text = front["start"]
    if len(text) == len("2025-01-01"):
        return datetime.combine(date.fromisoformat(text), time())
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


def _zone(front: Front) -> ZoneInfo:
    return ZoneInfo(front.get("timezone", HUB_ZONE))


def _begun(local: datetime, front: Front) -> bool:
    return local.replace(tzinfo=_zone(front)) <= NOW


def _in_build(front: Front) -> bool:
    return not front.get("draft", False)


def _goes_ahead(front: Front) -> bool:
    """Held or still to be held: not a draft, not cancelled or postponed."""
    return _in_build(front) and front.get("status", "scheduled") == "scheduled"


def _local_starts(front: Front) -> list[datetime]:
    """Every start of the event: its own, or each its rule gives up to ``until`` but the skipped."""
    start = _local_start(front)
    recurrence = front.get("recurrence")
    if recurrence is None:
        return [start]
    until = datetime.combine(date.fromisoformat(recurrence["until"]), time.max)
    skipped = {date.fromisoformat(text) for text in recurrence.get("except", [])}
    rule = rrulestr(recurrence["rule"], dtstart=start)
    return [moment for moment in rule.between(start, until, inc=True) if moment.date() not in skipped]


def held_dates(front: Front) -> list[date]:
    """The local dates the event has had by ``now`` (none when it does not go ahead)."""
    if not _goes_ahead(front):
        return []
    return [local.date() for local in _local_starts(front) if _begun(local, front)]


def first_date(front: Front) -> date:
    return _local_start(front).date()


HELD = {event_id: held_dates(front) for event_id, front in EVENTS.items() if held_dates(front)}


def _first_talks() -> dict[str, str]:
    """Each member's first talk's event: the earliest event that goes ahead where they speak."""
    going_ahead = [(event_id, front) for event_id, front in EVENTS.items() if _goes_ahead(front)]
    going_ahead.sort(key=lambda pair: _local_start(pair[1]).replace(tzinfo=_zone(pair[1])))
    first: dict[str, str] = {}
    for event_id, front in going_ahead:
        for written in front.get("talks", []):
            for speaker in written.get("speakers", []):
                member = _member(speaker)
                if member is not None:
                    first.setdefault(member, event_id)
    return first


FIRST_TALK = _first_talks()


def _held_talks() -> list[tuple[date, str, Front]]:
    """Every talk given at a held event, with its event's first date and id, in order."""
    found = []
    for event_id in sorted(HELD, key=lambda event_id: first_date(EVENTS[event_id])):
        front = EVENTS[event_id]
        found += [(first_date(front), event_id, written) for written in front.get("talks", [])]
    return found


def _members_of(written: Front) -> list[str]:
    found = [_member(speaker) for speaker in written.get("speakers", [])]
    return [member for member in found if member is not None]


def _guests_of(written: Front) -> list[str]:
    return [speaker["name"] for speaker in written.get("speakers", []) if isinstance(speaker, dict)]


def _reports_about(event_id: str) -> list[Front]:
    return [front for front in REPORTS.values() if _in_build(front) and front.get("event") == event_id]


def _returning(member: str) -> bool:
    """Spoke at another held event within 12 months after their first talk."""
    first_event = FIRST_TALK[member]
    first = first_date(EVENTS[first_event])
    return any(
        first < when <= first + relativedelta(months=12) and event_id != first_event and member in _members_of(written)
        for when, event_id, written in _held_talks()
    )


def expected_years() -> dict[str, dict[str, Any]]:
    years: dict[str, dict[str, Any]] = {}

    def year(day: date) -> dict[str, Any]:
        return years.setdefault(
            str(day.year),
            {"events": 0, "talks": 0, "talks_by_kind": dict.fromkeys(KINDS, 0), "reports": 0}
            | dict.fromkeys(ATTENDANCE, 0)
            | {"speakers": set(), "guest_speakers": set(), "first_time_speakers": set()},
        )

    for dates in HELD.values():
        for day in dates:
            year(day)["events"] += 1
    for when, _event_id, written in _held_talks():
        figures = year(when)
        figures["talks"] += 1
        figures["talks_by_kind"][_kind(written)] += 1
        figures["speakers"].update(_members_of(written))
        figures["guest_speakers"].update(_guests_of(written))
    for member, event_id in FIRST_TALK.items():
        if event_id in HELD:
            year(first_date(EVENTS[event_id]))["first_time_speakers"].add(member)
    for event_id in HELD:
        figures = year(first_date(EVENTS[event_id]))
        figures["reports"] += len(_reports_about(event_id))
        for name, value in EVENTS[event_id].get("attendance", {}).items():
            figures[name] += value
    for figures in years.values():
        firsts = figures["first_time_speakers"]
        figures["returning_speakers"] = sum(_returning(member) for member in firsts)
        for name in ("speakers", "guest_speakers", "first_time_speakers"):
            figures[name] = len(figures[name])
        figures["lightning_talks"] = figures["talks_by_kind"]["lightning"]
    return years


def expected_events() -> dict[str, dict[str, Any]]:
    events: dict[str, dict[str, Any]] = {}
    for event_id in HELD:
        front = EVENTS[event_id]
        firsts: list[str] = []
        for written in front.get("talks", []):
            for member in _members_of(written):
                if FIRST_TALK[member] == event_id and member in LISTED and member not in firsts:
                    firsts.append(member)
        reports = _reports_about(event_id)
        hub_reports = sum("external_url" not in report for report in reports)
        events[event_id] = {
            "date": first_date(front).isoformat(),
            "series": front.get("series"),
            "talks": len(front.get("talks", [])),
            "first_time_speakers": firsts,
            "reports": len(reports),
            "hub_reports": hub_reports,
            "member_posts": len(reports) - hub_reports,
        } | front.get("attendance", {})
    return events


def _month(day: date) -> str:
    return f"{day.year:04}-{day.month:02}"


def _stretch(months: list[str]) -> dict[str, Any]:
    return {"from": months[0], "to": months[-1], "months": len(months)}


def rhythm_of(dates: list[date]) -> dict[str, Any]:
    """Months with their event counts, the earliest longest run, and the gaps between."""
    counts = Counter(_month(day) for day in dates)
    first, last = min(dates).replace(day=1), max(dates).replace(day=1)
    runs: list[list[str]] = []
    gaps: list[list[str]] = []
    month = first
    while month <= last:
        key = _month(month)
        stretches = runs if key in counts else gaps
        previous = _month(month - relativedelta(months=1))
        if stretches and stretches[-1][-1] == previous:
            stretches[-1].append(key)
        else:
            stretches.append([key])
        month += relativedelta(months=1)
    longest = max(runs, key=len)  # max keeps the first of equals: the earliest
    return {
        "months": dict(sorted(counts.items())),
        "longest_run": _stretch(longest),
        "gaps": [_stretch(gap) for gap in gaps],
    }


def expected_rhythm() -> dict[str, dict[str, Any]]:
    by_series: dict[str, list[date]] = defaultdict(list)
    for event_id, dates in HELD.items():
        by_series[""] += dates
        series = EVENTS[event_id].get("series")
        if series is not None:
            by_series[series] += dates
    return {series: rhythm_of(dates) for series, dates in by_series.items()}


def _lower_median(values: list[int]) -> int | None:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2] if ordered else None


def expected_path() -> dict[str, Any]:
    lightning: dict[str, date] = {}
    full: dict[str, date] = {}
    for when, _event_id, written in _held_talks():
        firsts = lightning if _kind(written) == "lightning" else full
        for member in _members_of(written):
            firsts.setdefault(member, when)
    organised: dict[str, list[date]] = defaultdict(list)
    for event_id in HELD:
        for member in EVENTS[event_id].get("organisers", []):
            organised[_member(member) or ""].append(first_date(EVENTS[event_id]))
    to_talk: list[int] = []
    to_organise: list[int] = []
    for member, first_lightning in lightning.items():
        first_full = full.get(member)
        if first_full is None or first_full <= first_lightning:
            continue
        to_talk.append((first_full - first_lightning).days)
        after = [day for day in organised[member] if day >= first_full]
        if after:
            to_organise.append((min(after) - first_full).days)
    return {
        "first_lightning": len(lightning),
        "then_talk": len(to_talk),
        "median_days_to_talk": _lower_median(to_talk),
        "then_organised": len(to_organise),
        "median_days_to_organise": _lower_median(to_organise),
    }


def expected_writers() -> list[dict[str, Any]]:
    wrote: Counter[str] = Counter()
    for front in REPORTS.values():
        if _in_build(front):
            wrote.update(member for member in map(_member, front.get("authors", [])) if member in LISTED)
    ranked = sorted(wrote.items(), key=lambda pair: (-pair[1], pair[0]))
    return [{"member": member, "reports": count} for member, count in ranked[:10]]


def expected_stats() -> dict[str, Any]:
    return {
        "years": expected_years(),
        "events": expected_events(),
        "rhythm": expected_rhythm(),
        "path": expected_path(),
        "writers": expected_writers(),
    }
