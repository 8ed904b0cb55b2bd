"""The load stage: fields validated into typed items, every problem collected."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from commsite import kinds
from commsite.content.load import load
from commsite.content.model import Event
from commsite.errors import Problems
from commsite.source.config import load_config
from commsite.source.discover import discover

from .conftest import MakeHub


def _load(make_hub: MakeHub, files: dict[str, str], **options: bool):  # type: ignore[no-untyped-def]
    hub = make_hub(files)
    config = load_config(hub)
    problems = Problems()
    files = discover(hub / "content", kinds.folders(), problems)
    assert problems.errors == []
    loaded = load(files, config, problems, **options)
    return SimpleNamespace(content=loaded.content, broken=loaded.broken, errors=problems.errors)


def test_default_length_is_elapsed_time_even_on_a_dst_night(make_hub: MakeHub) -> None:
    text = "---\ntitle: E\nstart: 2026-03-29 00:30\ntimezone: Europe/London\n---\n"
    event = _load(make_hub, {"content/events/e.md": text}).content["events"][0]
    assert event.start == datetime(2026, 3, 29, 0, 30, tzinfo=ZoneInfo("Europe/London"))
    assert isinstance(event.end, datetime) and (event.end.hour, event.end.minute) == (3, 30)  # clocks went forward
    assert event.end.astimezone(UTC) - event.start.astimezone(UTC) == timedelta(hours=2)


def test_a_time_skipped_by_dst_is_refused(make_hub: MakeHub) -> None:
    text = "---\ntitle: E\nstart: 2026-03-29 01:30\ntimezone: Europe/London\n---\n"
    loaded = _load(make_hub, {"content/events/e.md": text})
    assert "does not exist in Europe/London" in loaded.errors[0].message


def test_a_time_that_happens_twice_is_refused(make_hub: MakeHub) -> None:
    text = "---\ntitle: E\nstart: 2026-10-25 01:30\ntimezone: Europe/London\n---\n"
    loaded = _load(make_hub, {"content/events/e.md": text})
    assert "happens twice in Europe/London" in loaded.errors[0].message


def test_talks_after_midnight_belong_to_the_next_day(make_hub: MakeHub) -> None:
    text = "---\ntitle: Night\nstart: 2026-02-01 23:00\nend: 2026-02-02 01:30\n"
    text += 'talks:\n  - {title: T, start: "00:30"}\n---\n'
    talk = _load(make_hub, {"content/events/e.md": text}).content["events"][0].talks[0]
    assert talk.start == datetime(2026, 2, 2, 0, 30, tzinfo=ZoneInfo("Asia/Tokyo"))


def test_offsets_are_converted_into_the_event_zone(make_hub: MakeHub) -> None:
    loaded = _load(make_hub, {"content/events/e.md": "---\ntitle: E\nstart: 2026-01-01T10:00:00+00:00\n---\n"})
    start = loaded.content["events"][0].start
    assert isinstance(start, datetime) and start.hour == 19 and start.utcoffset().total_seconds() == 9 * 3600  # type: ignore[union-attr]


def test_talk_times_land_on_the_event_day(make_hub: MakeHub) -> None:
    text = '---\ntitle: E\nstart: 2026-01-10 19:00\ntalks:\n  - {title: T, start: "19:10"}\n---\n'
    talk = _load(make_hub, {"content/events/e.md": text}).content["events"][0].talks[0]
    assert talk.start == datetime(2026, 1, 10, 19, 10, tzinfo=ZoneInfo("Asia/Tokyo"))


def test_talk_slugs_are_unique_within_an_event(make_hub: MakeHub) -> None:
    text = "---\ntitle: E\nstart: 2026-01-10\ntalks:\n  - title: Intro\n  - title: Intro\n---\n"
    talks = _load(make_hub, {"content/events/e.md": text}).content["events"][0].talks
    assert [t.slug for t in talks] == ["intro", "intro-2"]


def test_all_day_event_keeps_dates(make_hub: MakeHub) -> None:
    event = _load(
        make_hub, {"content/events/e.md": "---\ntitle: E\nstart: 2026-07-18\nend: 2026-07-19\n---\n"}
    ).content["events"][0]
    assert isinstance(event, Event) and event.all_day
    assert (event.start, event.end) == (date(2026, 7, 18), date(2026, 7, 19))


def test_every_problem_of_every_file_is_collected(make_hub: MakeHub) -> None:
    loaded = _load(
        make_hub,
        {
            "content/events/a.md": "---\ntitel: A\nstart: 2026-01-01\ncapacity: many\n---\n",
            "content/members/m.md": "---\nnam: M\n---\n",
        },
    )
    messages = [e.message for e in loaded.errors]
    # 'titel' and 'nam' are reported as typos of title and name, not also as missing fields
    assert messages == ["unknown field 'titel'", "expected a whole number, got 'many'", "unknown field 'nam'"]
    assert {("events", "a"), ("members", "m")} == set(loaded.broken)


def test_drafts_are_left_out_unless_asked_for(make_hub: MakeHub) -> None:
    files = {"content/events/d.md": "---\ntitle: D\nstart: 2026-01-01\ndraft: true\n---\n"}
    assert _load(make_hub, files).content["events"] == ()


def test_drafts_are_loaded_when_asked_for(make_hub: MakeHub, tmp_path: Path) -> None:
    files = {"content/events/d.md": "---\ntitle: D\nstart: 2026-01-01\ndraft: true\n---\n"}
    assert len(_load(make_hub, files, drafts=True).content["events"]) == 1


def test_quoted_dates_and_offsets_without_a_colon_are_read(make_hub: MakeHub) -> None:
    text = '---\ntitle: E\nstart: "2026-12-01T19:00:00+0900"\nend: "2026-12-01 21:00"\n---\n'
    event = _load(make_hub, {"content/events/e.md": text}).content["events"][0]
    assert event.start == datetime(2026, 12, 1, 19, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert event.end == datetime(2026, 12, 1, 21, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


def test_a_number_that_is_no_number_says_how_to_write_one(make_hub: MakeHub) -> None:
    loaded = _load(make_hub, {"content/events/a.md": "---\ntitle: A\nstart: 2026-01-01\ncapacity: many\n---\n"})
    (error,) = loaded.errors
    assert (error.location.line, error.field, error.message) == (4, "capacity", "expected a whole number, got 'many'")
    assert error.hint == "write it in digits, e.g. 30"
