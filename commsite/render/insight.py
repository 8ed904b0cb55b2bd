"""What the stats page and a series page show of the community's record (graph/stats.py):
each figure a chart and the table of its numbers, ready for the theme's ``_charts.html``.

Per-event charts show the latest events only, so that a hub of a thousand events gets a
page a phone can hold; the tables by year cover the whole history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..content.model import TALK_KINDS
from ..graph.site import Site
from ..graph.stats import EventFigures
from . import charts
from .charts import Chart
from .i18n import Catalogue

LATEST = 24  # events in a chart of events
Linker = Callable[[str, str], str | None]  # (kind, id) → the page's href


@dataclass(frozen=True)
class Row:
    label: str
    href: str | None  # the row's page, when it is an item's
    cells: tuple[str | int | None, ...]


@dataclass(frozen=True)
class Figure:
    """A chart and its numbers: ``name`` is its id on the page and the stem of its texts
    in the catalogue (``chart_<name>`` its title); ``columns`` name the table's columns
    (catalogue keys ``stat_<column>``), the first being the rows' labels."""

    name: str
    chart: Chart
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def _ratio(part: int | None, whole: int | None) -> float | None:
    return part / whole if part is not None and whole else None


def percent(value: float | None) -> str | None:
    return None if value is None else f"{round(value * 100)}%"


def years_of_talks(site: Site) -> Figure:
    rows = [(str(year), figures.talks_by_kind) for year, figures in site.years.items()]
    table = [Row(label, None, (*(kinds[k] for k in TALK_KINDS), sum(kinds.values()))) for label, kinds in rows]
    return Figure("talks", charts.bars(rows, TALK_KINDS), ("year", *TALK_KINDS, "talks"), tuple(table))


def years_of_speakers(site: Site) -> Figure:
    keys = ("speakers", "first_time_speakers", "returning_speakers", "guest_speakers")
    return _side_by_side_years(site, "speakers", keys, keys[:3])


def years_of_attendance(site: Site) -> Figure:
    keys = ("events", "registered", "attended", "first_timers")
    return _side_by_side_years(site, "attendance_years", keys, keys[1:3])


def _side_by_side_years(site: Site, name: str, columns: tuple[str, ...], drawn: tuple[str, ...]) -> Figure:
    """Figures of each year as a table of ``columns``, the ``drawn`` ones as bars side by side."""
    values = [(str(year), {k: getattr(figures, k) for k in columns}) for year, figures in site.years.items()]
    table = tuple(Row(label, None, tuple(v[k] for k in columns)) for label, v in values)
    return Figure(name, charts.bars(values, drawn, stacked=False), ("year", *columns), table)


def _attended(site: Site, events: Iterable[str]) -> list[tuple[str, EventFigures]]:
    """The latest held events that give how many attended, oldest first."""
    given = [(e, f) for e in events if (f := site.event_figures.get(e)) is not None and f.attended is not None]
    return given[-LATEST:]


def attendance(site: Site, link: Linker, events: Iterable[str] | None = None) -> Figure:
    """Registered and attended, event by event."""
    given = _attended(site, events if events is not None else site.event_figures)
    labels = [f"{f.day:%y.%m}" for _, f in given]
    lines = {"registered": [f.registered for _, f in given], "attended": [f.attended for _, f in given]}
    rows = tuple(_event_row(site, link, e, (f.registered, f.attended, f.first_timers)) for e, f in given)
    return Figure("attendance", charts.lines(labels, lines), ("event", "registered", "attended", "first_timers"), rows)


def shares(site: Site, link: Linker, events: Iterable[str] | None = None) -> Figure:
    """The newcomer share (against the 8:2 line) and the attendance rate, event by event."""
    given = _attended(site, events if events is not None else site.event_figures)
    newcomers = [_ratio(f.first_timers, f.attended) for _, f in given]
    rates = [_ratio(f.attended, f.registered) for _, f in given]
    chart = charts.lines(
        [f"{f.day:%y.%m}" for _, f in given],
        {"newcomer_share": newcomers, "attendance_rate": rates},
        percent=True,
        reference=0.2,
    )
    rows = tuple(
        _event_row(site, link, e, (percent(n), percent(r)))
        for (e, _), n, r in zip(given, newcomers, rates, strict=True)
    )
    return Figure("shares", chart, ("event", "newcomer_share", "attendance_rate"), rows)


def reports(site: Site, link: Linker) -> Figure:
    """Reports about each of the latest events, the hub's and members' own posts apart."""
    given = list(site.event_figures.items())[-LATEST:]
    values = [(f"{f.day:%y.%m.%d}", {"hub_reports": f.hub_reports, "member_posts": f.member_posts}) for _, f in given]
    rows = tuple(_event_row(site, link, e, (f.hub_reports, f.member_posts)) for e, f in given)
    return Figure(
        "reports", charts.bars(values, ("hub_reports", "member_posts")), ("event", "hub_reports", "member_posts"), rows
    )


def writers(site: Site, link: Linker) -> Figure:
    names = [(site.members[m].name, {"reports": count}) for m, count in site.writers]
    rows = tuple(Row(site.members[m].name, link("members", m), (count,)) for m, count in site.writers)
    return Figure("writers", charts.bars(names, ("reports",)), ("member", "reports"), rows)


def path(site: Site, t: Catalogue) -> Figure:
    steps = site.speaking_path
    assert steps is not None
    counts = {
        "first_lightning": steps.first_lightning,
        "then_talk": steps.then_talk,
        "then_organised": steps.then_organised,
    }
    chart = charts.bars([(t("step_" + name), {"path": count}) for name, count in counts.items()], ("path",))
    medians = (None, steps.median_days_to_talk, steps.median_days_to_organise)
    rows = tuple(
        Row(t("stat_" + name), None, (count, median))
        for (name, count), median in zip(counts.items(), medians, strict=True)
    )
    return Figure("path", chart, ("step", "members", "median_days"), rows)


def month_rows(months: dict[str, int]) -> list[tuple[int, list[int]]]:
    """The events of each month, a year to a row, from the first year with one to the last."""
    years = [int(month[:4]) for month in months]
    return (
        [
            (year, [months.get(f"{year:04}-{m:02}", 0) for m in range(1, 13)])
            for year in range(min(years), max(years) + 1)
        ]
        if years
        else []
    )


def reported_share(site: Site) -> float | None:
    """The share of held events with at least one report."""
    figures = site.event_figures.values()
    return _ratio(sum(1 for f in figures if f.reports), len(figures))


def _event_row(site: Site, link: Linker, event_id: str, cells: tuple[str | int | None, ...]) -> Row:
    event = site.events[event_id]
    return Row(f"{site.event_figures[event_id].day.isoformat()} {event.title}", link("events", event_id), cells)


def figure(name: str, site: Site, link: Linker, t: Catalogue, events: Iterable[str] | None = None) -> Figure:
    """The figure called ``name``; ``events``: only these events' (a series')."""
    if name in ("attendance", "shares"):
        return (attendance if name == "attendance" else shares)(site, link, events)
    made: dict[str, Callable[[], Figure]] = {
        "talks": lambda: years_of_talks(site),
        "speakers": lambda: years_of_speakers(site),
        "attendance_years": lambda: years_of_attendance(site),
        "reports": lambda: reports(site, link),
        "writers": lambda: writers(site, link),
        "path": lambda: path(site, t),
    }
    return made[name]()
