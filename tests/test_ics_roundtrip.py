"""Random events round-trip through our ICS into icalendar and Mozilla's ical.js unchanged:
the same instants (across DST), the same dates for all-day events, the same text."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from commsite import check
from commsite.content.model import Event, Recurrence, Venue
from commsite.graph.recurrence import occurrences
from commsite.graph.site import Site
from commsite.outputs import ics
from commsite.timeutil import is_repeated, zone

from .conftest import NOW, SITE_YAML
from .support import ical_js

ZONES = ["Asia/Tokyo", "Europe/London", "America/New_York", "Australia/Sydney", "America/Sao_Paulo", "Europe/Berlin"]
# Long Japanese text with the characters ICS must escape or fold: , ; \ and newlines.
ALPHABET = [*"コミュニティ勉強会の発表者、。；「」abcXYZ 0123:'\"#🎉", ",", ";", "\\", "\n"]
TEXT = st.text(alphabet=st.sampled_from(ALPHABET), min_size=1, max_size=120).filter(lambda s: s.strip())


@st.composite
def events(draw: st.DrawFn) -> Event:
    tz_name = draw(st.sampled_from(ZONES))
    tz = zone(tz_name)
    day = draw(st.dates(min_value=date(2025, 1, 1), max_value=date(2029, 12, 31)))
    if draw(st.booleans()):  # all day, over one to three days
        start: date | datetime = day
        end: date | datetime = day + timedelta(days=draw(st.integers(0, 2)))
    else:
        local = datetime.combine(day, time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 15, 30]))), tz)
        start = local.astimezone(UTC).astimezone(tz)  # a time the clocks skip moves past the gap
        assume(not is_repeated(start))  # commsite refuses those: apps disagree about them
        end = (start.astimezone(UTC) + timedelta(minutes=draw(st.integers(15, 48 * 60)))).astimezone(tz)
    recurrence = None
    if draw(st.booleans()):
        weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[day.weekday()]
        nth = (day.day - 1) // 7 + 1  # the start's own place in its month, so it is the rule's first date
        rules = ["FREQ=WEEKLY", "FREQ=MONTHLY", "FREQ=WEEKLY;INTERVAL=2", "FREQ=DAILY", f"FREQ=WEEKLY;BYDAY={weekday}"]
        rules += [f"FREQ=MONTHLY;BYDAY={nth}{weekday}", f"FREQ=MONTHLY;BYMONTHDAY={day.day}"]
        rule = draw(st.sampled_from(rules))
        if draw(st.booleans()):
            recurrence = Recurrence(rule=rule, count=draw(st.integers(2, 8)))
        else:
            recurrence = Recurrence(rule=rule, until=day + timedelta(days=draw(st.integers(1, 200))))
    title, place = draw(TEXT), draw(TEXT)
    return Event(
        id="random",
        slug="random",
        source=None,
        title=title,
        start=start,
        end=end,  # type: ignore[arg-type]
        timezone=tz_name,
        venue=Venue(name=place),
        recurrence=recurrence,
    )


def _with_exceptions(event: Event, pick: list[bool]) -> Event:
    if event.recurrence is None:
        return event
    dates = [o.start for o in occurrences(event, NOW, NOW + timedelta(days=4000))][1:]
    days = [d.date() if isinstance(d, datetime) else d for d in dates]
    skipped = tuple(day for day, chosen in zip(days, pick, strict=False) if chosen)
    return replace(event, recurrence=replace(event.recurrence, exceptions=skipped))


def _instant(moment: date | datetime) -> str:
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return moment.isoformat()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    hub = tmp_path_factory.mktemp("hub")
    (hub / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    return check(hub, now=NOW).site


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(event=events(), pick=st.lists(st.booleans(), min_size=8, max_size=8))
def test_random_events_read_back_the_same_in_icalendar_and_ical_js(site: Site, event: Event, pick: list[bool]) -> None:
    event = _with_exceptions(event, pick)
    dates = occurrences(event, NOW, NOW + timedelta(days=4000))
    assume(not any(isinstance(o.start, datetime) and is_repeated(o.start) for o in dates))  # commsite refuses those
    _round_trip(site, event)


@pytest.mark.parametrize(
    ("zone_name", "start", "minutes"),
    [
        ("Europe/London", "2026-03-29T00:30", 120),  # across the spring-forward gap
        ("Europe/London", "2026-10-25T00:30", 180),  # across the hour that happens twice
        ("America/New_York", "2026-03-08T01:00", 180),
        ("America/New_York", "2026-11-01T00:30", 150),
        ("Australia/Sydney", "2026-04-05T01:30", 120),
    ],
)
def test_events_on_dst_switch_days_read_back_the_same(site: Site, zone_name: str, start: str, minutes: int) -> None:
    begin = datetime.fromisoformat(start).replace(tzinfo=zone(zone_name))
    end = (begin.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(zone(zone_name))
    rule = Recurrence(rule="FREQ=WEEKLY", count=3)
    event = Event(
        id="random",
        slug="random",
        source=None,
        title="切り替え日",
        start=begin,
        end=end,  # type: ignore[arg-type]
        timezone=zone_name,
        venue=Venue(name="Hall"),
        recurrence=rule,
    )
    _round_trip(site, event)


def _round_trip(site: Site, event: Event) -> None:
    """The event read back by icalendar and by ical.js has the same instants and text."""
    site = replace(site, tables={**site.tables, "events": {event.id: event}})
    data = ics.calendar(site, {("events", "random"): "events/random/"}, "Random", [event])
    expected = [o for o in occurrences(event, NOW, NOW + timedelta(days=4000))]

    parsed = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(parsed["SUMMARY"]) == event.title and str(parsed["LOCATION"]) == event.place
    assert parsed.decoded("DTSTART") == event.start

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.ics"
        path.write_bytes(data)
        (seen,) = ical_js([path], "2031-12-31T00:00:00")[str(path)]
    assert seen["summary"] == event.title and seen["location"] == event.place
    assert seen["start"] == _instant(event.start)
    end = event.end if isinstance(event.end, datetime) else event.end + timedelta(days=1)
    assert seen["end"] == _instant(end)
    assert seen["occurrences"] == [_instant(o.start) for o in expected]
