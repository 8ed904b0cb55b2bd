"""Calendars as real clients read them: icalendar, vobject and recurring-ical-events."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import vobject

from commsite import build, check
from commsite.build import Built

from .conftest import NOW, REPO, MakeHub


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(REPO, tmp_path_factory.mktemp("ics") / "public", now=NOW)


def _calendars(out: Path) -> list[Path]:
    return sorted(out.rglob("*.ics"))


def test_the_hub_event_series_tag_and_talk_calendars_exist(example: Built) -> None:
    out = example.out
    for path in ["calendar.ics", "events/study-12/event.ics", "series/study/calendar.ics", "tags/ai/calendar.ics"]:
        assert (out / path).is_file(), path
    assert list((out / "events" / "study-12").glob("*/talk.ics"))


def test_every_calendar_parses_in_icalendar_and_vobject(example: Built) -> None:
    for path in _calendars(example.out):
        data = path.read_bytes()
        cal = icalendar.Calendar.from_ical(data)
        assert cal.walk("VEVENT") or path.parent.parent.name == "series", path
        parsed = vobject.readOne(data.decode("utf-8"))
        assert parsed.name == "VCALENDAR"


def test_lines_are_crlf_and_folded_at_75_octets_without_splitting_characters(example: Built) -> None:
    for path in _calendars(example.out):
        data = path.read_bytes()
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
        for line in data.split(b"\r\n"):
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # a folded line never ends inside a character


def test_every_tzid_has_its_vtimezone_and_nothing_floats(example: Built) -> None:
    for path in _calendars(example.out):
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        defined = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
        for event in cal.walk("VEVENT"):
            for name in ("DTSTART", "DTEND"):
                value = event[name]
                if isinstance(value.dt, datetime):
                    assert value.params["TZID"] in defined and value.dt.tzinfo is not None
                else:
                    assert value.params.get("VALUE") == "DATE"


def test_hub_calendar_is_subscribable(example: Built) -> None:
    cal = icalendar.Calendar.from_ical((example.out / "calendar.ics").read_bytes())
    assert cal["METHOD"] == "PUBLISH" and cal["X-WR-TIMEZONE"] == "Asia/Tokyo"
    assert cal["X-WR-CALNAME"] == cal["NAME"] == "CMC Tokyo — コミュニティマーケティング勉強会"
    assert "REFRESH-INTERVAL" in cal and cal["X-PUBLISHED-TTL"] == "PT12H"
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids)) and "2026-12-12-study-12@example.github.io/commsite" in uids


def test_cancelled_all_day_and_located_events(example: Built) -> None:
    cancelled = icalendar.Calendar.from_ical((example.out / "events/book-club-06/event.ics").read_bytes())
    assert cancelled.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
    camp_ics = (example.out / "events/cmc-camp-2026/event.ics").read_bytes()
    camp = icalendar.Calendar.from_ical(camp_ics).walk("VEVENT")[0]
    assert (camp.decoded("DTSTART"), camp.decoded("DTEND")) == (date(2026, 7, 18), date(2026, 7, 20))  # exclusive
    study = icalendar.Calendar.from_ical((example.out / "events/study-11/event.ics").read_bytes()).walk("VEVENT")[0]
    assert "GEO" in study and "株式会社ミライリンク" in str(study["LOCATION"])
    assert str(study["URL"]) == "https://example.github.io/commsite/events/study-11/"
    assert "Discord のログ要約で、運営会議が30分短くなった — 伊藤 大輔" in str(study["DESCRIPTION"])


def test_recurring_dates_expanded_by_a_client_equal_the_dates_the_pages_show(example: Built) -> None:
    site = check(REPO, now=NOW).site
    shown = [o.start for o in site.occurrences if o.event == "cmc-online-monthly"]
    cal = icalendar.Calendar.from_ical((example.out / "events/cmc-online-monthly/event.ics").read_bytes())
    expanded = recurring_ical_events.of(cal).between(shown[0], shown[-1] + (shown[-1] - shown[-2]) / 2)
    assert sorted(e.decoded("DTSTART") for e in expanded) == shown
    exdate = cal.walk("VEVENT")[0]["EXDATE"]
    assert exdate.params["TZID"] == "Asia/Tokyo" and exdate.dts[0].dt == datetime.fromisoformat(
        "2026-08-19T20:00+09:00"
    )


def test_two_builds_give_identical_calendars(example: Built, tmp_path: Path) -> None:
    again = build(REPO, tmp_path / "public", now=NOW)
    for path in _calendars(example.out):
        assert path.read_bytes() == (again.out / path.relative_to(example.out)).read_bytes(), path


def test_until_is_utc_and_exdates_keep_the_start_time_and_zone(make_hub: MakeHub) -> None:
    text = (
        "---\ntitle: M\nstart: 2026-06-04 19:00\ntimezone: America/Los_Angeles\n"
        "recurrence: {rule: FREQ=WEEKLY, until: 2026-07-30, except: [2026-06-18]}\n---\n"
    )
    out = build(make_hub({"content/events/m.md": text}), now=NOW).out
    event = icalendar.Calendar.from_ical((out / "events/m/event.ics").read_bytes()).walk("VEVENT")[0]
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20260731T065959Z"  # the end of the 30th, in UTC
    assert event["EXDATE"].params["TZID"] == "America/Los_Angeles"
    assert event["EXDATE"].to_ical() == b"20260618T190000"  # the start's wall time, in its zone


def test_event_page_links_to_calendar_apps_with_the_right_times(example: Built) -> None:
    from urllib.parse import parse_qs, urlsplit

    from .support import read_page

    _, links = read_page(example.out / "events/study-12/index.html")
    google = next(link for link in links if link.startswith("https://calendar.google.com/"))
    assert parse_qs(urlsplit(google).query)["dates"] == ["20261212T050000Z/20261212T100000Z"]
    outlook = next(link for link in links if link.startswith("https://outlook.live.com/"))
    assert parse_qs(urlsplit(outlook).query)["startdt"] == ["2026-12-12T14:00:00+09:00"]
    assert "https://example.github.io/commsite/events/study-12/event.ics" in links
    _, camp = read_page(example.out / "events/cmc-camp-2026/index.html")
    assert not [link for link in camp if link.startswith("https://calendar.google.com/")]  # it is over


def test_all_day_events_are_added_with_an_exclusive_last_day(make_hub: MakeHub) -> None:
    from urllib.parse import parse_qs, urlsplit

    from .support import read_page

    out = build(
        make_hub({"content/events/c.md": "---\ntitle: Camp\nstart: 2027-07-17\nend: 2027-07-18\n---\n"}), now=NOW
    ).out
    google = next(link for link in read_page(out / "events/c/index.html")[1] if "calendar.google.com" in link)
    assert parse_qs(urlsplit(google).query)["dates"] == ["20270717/20270719"]


def test_events_index_and_series_offer_webcal_subscriptions(example: Built) -> None:
    from .support import read_page

    assert "webcal://example.github.io/commsite/calendar.ics" in read_page(example.out / "events/index.html")[1]
    series_links = read_page(example.out / "series/study/index.html")[1]
    assert "webcal://example.github.io/commsite/series/study/calendar.ics" in series_links


def test_every_calendar_reads_the_same_in_mozillas_ical_js(example: Built) -> None:
    from .support import ical_js

    files = _calendars(example.out)
    seen = ical_js(files, "2027-12-31T00:00:00")
    assert len(seen) == len(files)
    for path in files:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        ours = {str(e["UID"]): e for e in cal.walk("VEVENT")}
        for event in seen[str(path)]:
            mine = ours[str(event["uid"])]
            assert event["summary"] == str(mine["SUMMARY"])
            start = mine.decoded("DTSTART")
            expected = start.isoformat() if not isinstance(start, datetime) else _utc_iso(start)
            assert event["start"] == expected, path
            end = mine.decoded("DTEND")
            assert event["end"] == (end.isoformat() if not isinstance(end, datetime) else _utc_iso(end)), path
            assert event["status"] == str(mine["STATUS"]), path


def test_recurring_dates_in_ical_js_equal_the_dates_the_pages_show(example: Built) -> None:
    from .support import ical_js

    site = check(REPO, now=NOW).site
    monthly = [o.start for o in site.occurrences if o.event == "cmc-online-monthly"]
    shown = [_utc_iso(start) for start in monthly if isinstance(start, datetime)]
    path = example.out / "events/cmc-online-monthly/event.ics"
    (event,) = ical_js([path], shown[-1][:19])[str(path)]
    assert event["occurrences"] == shown


def _utc_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def test_dtstamp_follows_source_date_epoch_and_never_the_build_time(
    make_hub: MakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = make_hub({"content/events/e.md": "---\ntitle: E\nstart: 2026-12-01 19:00\n---\n"})
    first = build(hub, now=NOW).out / "events/e/event.ics"
    first_bytes = first.read_bytes()
    later = build(hub, now=NOW + timedelta(days=40)).out / "events/e/event.ics"
    assert later.read_bytes() == first_bytes and b"DTSTAMP:20000101T000000Z" in first_bytes
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    stamped = build(hub, now=NOW).out / "events/e/event.ics"
    assert b"DTSTAMP:20261118T110640Z" in stamped.read_bytes()


def test_postponed_and_cancelled_events_keep_their_status_in_every_calendar(make_hub: MakeHub) -> None:
    text = '---\ntitle: E\nstart: 2026-12-01 19:00\nstatus: postponed\ntalks:\n  - {title: T, start: "19:10"}\n---\n'
    out = build(make_hub({"content/events/e.md": text}), now=NOW).out
    for path in ["events/e/event.ics", "events/e/t/talk.ics", "calendar.ics"]:
        (item,) = icalendar.Calendar.from_ical((out / path).read_bytes()).walk("VEVENT")
        assert item["STATUS"] == "TENTATIVE", path
