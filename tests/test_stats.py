"""stats.json (docs/stats.md): the hub's record, counted from its files and nothing else.

A hub made for the purpose (tests/stats_hub.py) is built once; every figure of the file is
worked out again from the same data, with plain loops, and compared whole. The small tests
after those name one rule each, with the figures written out by hand, so that a failure
says which rule broke.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import yaml

import commsite.graph.stats
from commsite import build
from commsite.build import Built

from .conftest import MakeHub
from .stats_hub import EVENTS, MEMBERS, NOW, SITE_YAML, expected_stats, talk, write_hub
from .support import page_text
from .test_broken_input import find_error, run_build

# The keys docs/stats.md promises. "Other keys may be added": what the build adds beyond
# these is left alone, but a promised key must be there (or, for an event's attendance
# figures, be there exactly when the event gives them).
YEAR_KEYS = (
    "events",
    "talks",
    "lightning_talks",
    "talks_by_kind",
    "first_time_speakers",
    "returning_speakers",
    "speakers",
    "guest_speakers",
    "reports",
    "registered",
    "attended",
    "first_timers",
)
EVENT_KEYS = (
    "date",
    "series",
    "talks",
    "first_time_speakers",
    "reports",
    "hub_reports",
    "member_posts",
    "registered",
    "attended",
    "first_timers",
)
RHYTHM_KEYS = ("months", "longest_run", "gaps")
PATH_KEYS = ("first_lightning", "then_talk", "median_days_to_talk", "then_organised", "median_days_to_organise")
WRITER_KEYS = ("member", "reports")

EXPECTED = expected_stats()


def _promised(found: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """The promised keys of ``found`` that it has."""
    return {key: found[key] for key in keys if key in found}


def _each(found: dict[str, dict[str, Any]], keys: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    return {name: _promised(value, keys) for name, value in found.items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("stats")
    return build(write_hub(folder / "hub"), folder / "public", now=NOW)


@pytest.fixture(scope="module")
def stats_text(built: Built) -> str:
    path = built.out / "stats.json"
    assert path.is_file(), "the build wrote no stats.json at the root of the output"
    return path.read_text("utf-8")


@pytest.fixture(scope="module")
def stats(stats_text: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(stats_text)
    return found


# The file as a whole ------------------------------------------------------------------------


def test_the_hub_builds_without_warnings(built: Built) -> None:
    # Otherwise a figure could be off because the hub says something else than meant.
    assert built.warnings == ()


def test_stats_json_is_written_once_at_the_root(built: Built, stats: dict[str, Any]) -> None:
    assert [path.relative_to(built.out) for path in built.out.rglob("stats.json")] == [Path("stats.json")]
    assert {"years", "events", "rhythm", "path", "writers"} <= stats.keys()


def test_a_hub_in_two_languages_writes_one_stats_json_the_same(
    tmp_path_factory: pytest.TempPathFactory, stats: dict[str, Any]
) -> None:
    # Figures are facts, the same in every language: one file, not one per edition.
    folder = tmp_path_factory.mktemp("stats-bilingual")
    site_yaml = SITE_YAML.replace("language: ja", "languages: [ja, en]")
    out = build(write_hub(folder / "hub", site_yaml), folder / "public", now=NOW).out
    assert [path.relative_to(out) for path in out.rglob("stats.json")] == [Path("stats.json")]
    assert json.loads((out / "stats.json").read_text("utf-8")) == stats


def test_years(stats: dict[str, Any]) -> None:
    assert _each(stats["years"], YEAR_KEYS) == EXPECTED["years"]


def test_events(stats: dict[str, Any]) -> None:
    assert _each(stats["events"], EVENT_KEYS) == EXPECTED["events"]


def test_rhythm(stats: dict[str, Any]) -> None:
    assert _each(stats["rhythm"], RHYTHM_KEYS) == EXPECTED["rhythm"]


def test_path(stats: dict[str, Any]) -> None:
    assert _promised(stats["path"], PATH_KEYS) == EXPECTED["path"]


def test_writers(stats: dict[str, Any]) -> None:
    assert [_promised(writer, WRITER_KEYS) for writer in stats["writers"]] == EXPECTED["writers"]


def test_keys_are_sorted_and_numbers_are_integers(stats_text: str) -> None:
    unsorted: list[list[str]] = []

    def check_order(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        if keys != sorted(keys):
            unsorted.append(keys)
        return dict(pairs)

    not_integers = [
        repr(number)
        for number in _numbers(json.loads(stats_text, object_pairs_hook=check_order))
        if type(number) is not int  # a bool is no figure, and 3.0 is written "3.0"
    ]
    assert unsorted == []
    assert not_integers == []


def _numbers(value: Any) -> list[Any]:
    """Every number (and bool) in a JSON value."""
    if isinstance(value, dict):
        return [number for item in value.values() for number in _numbers(item)]
    if isinstance(value, list):
        return [number for item in value for number in _numbers(item)]
    return [value] if isinstance(value, int | float) else []


# One rule each ---------------------------------------------------------------------------


def test_an_events_own_time_zone_decides_its_date_year_and_month(stats: dict[str, Any]) -> None:
    # 2022-12-31 in UTC and Tokyo; 2025-01-01 in Tokyo and UTC; 2025-02-28 in UTC.
    dates = {event: stats["events"][event]["date"] for event in ("newyear-2023", "yearend-la", "tokyo-midnight")}
    assert dates == {"newyear-2023": "2023-01-01", "yearend-la": "2024-12-31", "tokyo-midnight": "2025-03-01"}
    assert "2022" not in stats["years"]
    months = stats["rhythm"][""]["months"]
    assert {month: months.get(month) for month in ("2023-01", "2024-12", "2025-01", "2025-02", "2025-03")} == {
        "2023-01": 1,
        "2024-12": 1,
        "2025-01": None,
        "2025-02": 1,
        "2025-03": 1,
    }
    # Its report and attendance go with it, into 2024.
    assert stats["years"]["2024"]["reports"] == 3
    assert stats["years"]["2024"]["first_timers"] == 9 + 15


def test_cancelled_postponed_and_draft_events_count_nowhere(stats: dict[str, Any]) -> None:
    for event in ("study-10", "study-11", "draft-meetup"):
        assert event not in stats["events"], event
    months = stats["rhythm"][""]["months"]
    assert "2024-06" not in months and "2025-07" not in months  # the cancelled and the draft
    assert months["2025-11"] == 1  # the night's date only, not the postponed event beside it
    # The cancelled event's 25 registrations and its report are not 2024's.
    assert stats["years"]["2024"]["registered"] == 50 + 80
    assert stats["years"]["2024"]["reports"] == 3
    # doi organised it after their full talk, and no held event: not among the four who organised.
    assert stats["path"]["then_organised"] == 4
    # goto spoke only at the cancelled and the postponed event (and ahead): no lightning talk.
    assert stats["path"]["first_lightning"] == 8


def test_a_first_talk_still_ahead_counts_in_no_year(stats: dict[str, Any]) -> None:
    # goto's first talk is on 2026-07-18; mori's, on 2026-02-21, is the only one of 2026.
    assert "study-15" not in stats["events"]
    assert stats["years"]["2026"]["first_time_speakers"] == 1
    assert stats["years"]["2026"]["speakers"] == 2
    assert all("goto" not in event["first_time_speakers"] for event in stats["events"].values())


def test_a_recurring_event_counts_each_date_it_has_had_and_its_talks_once(stats: dict[str, Any]) -> None:
    # 2025-10-15, 11-19, 12-17, (01-21 skipped), 02-18, 03-18, 04-15, 05-20; 06-17 is ahead.
    assert stats["rhythm"]["night"]["months"] == {
        "2025-10": 1,
        "2025-11": 1,
        "2025-12": 1,
        "2026-02": 1,
        "2026-03": 1,
        "2026-04": 1,
        "2026-05": 1,
    }
    assert stats["years"]["2025"]["events"] == 4 + 3
    assert stats["years"]["2026"]["events"] == 1 + 4
    night = stats["events"]["night"]
    assert (night["date"], night["talks"], night["first_time_speakers"]) == ("2025-10-15", 3, ["kato"])
    # Its three talks are 2025's, at its first date, once: 2026 has study-14's two only.
    assert stats["years"]["2026"]["talks"] == 2


def test_an_unlisted_member_is_counted_but_never_named(stats: dict[str, Any], stats_text: str) -> None:
    assert "hidden-hiro" not in stats_text
    # A first-time speaker of 2024 (with ishii and nakano) and one of its speakers ...
    assert stats["years"]["2024"]["first_time_speakers"] == 3
    assert stats["years"]["2024"]["speakers"] == 6
    assert stats["events"]["study-09"]["first_time_speakers"] == ["nakano"]
    # ... on the path (lightning, full talk, organising: 6 and 4 with them) ...
    assert (stats["path"]["then_talk"], stats["path"]["then_organised"]) == (6, 4)
    # ... but not among the writers, though they wrote three reports, as many as the first.
    assert [writer["member"] for writer in stats["writers"][:3]] == ["chiba", "kato", "aoki"]


def test_attendance_figures_are_given_one_by_one(stats: dict[str, Any]) -> None:
    events = stats["events"]
    assert _promised(events["study-02"], ("registered", "attended", "first_timers")) == {"attended": 20}
    assert _promised(events["camp-2025"], ("registered", "attended", "first_timers")) == {
        "attended": 60,
        "first_timers": 0,
    }
    assert _promised(events["study-03"], ("registered", "attended", "first_timers")) == {}
    assert _promised(stats["years"]["2023"], ("registered", "attended", "first_timers")) == {
        "registered": 30 + 40,
        "attended": 25 + 31 + 20,
        "first_timers": 10 + 12,
    }


def test_first_time_speakers_of_an_event_are_in_talk_order(stats: dict[str, Any]) -> None:
    # endo's talk comes before doi's lightning talk; fujii speaks twice and is named once.
    assert stats["events"]["study-02"]["first_time_speakers"] == ["endo", "doi"]
    assert stats["events"]["study-12"]["first_time_speakers"] == ["fujii"]
    # An alias names its member: ishii spoke as ishii-old.
    assert stats["events"]["study-08"]["first_time_speakers"] == ["ishii"]


def test_returning_speakers_spoke_again_within_twelve_months(stats: dict[str, Any]) -> None:
    # 2023: aoki, baba, doi, endo again within the year; chiba only 14 months on.
    # 2024: hidden-hiro, nakano; ishii only 15 months on. 2025: fujii, sato, kato; ueda's
    # next talk was at the postponed event. 2026: mori has not spoken again.
    returning = {year: figures["returning_speakers"] for year, figures in stats["years"].items()}
    assert returning == {"2023": 4, "2024": 2, "2025": 3, "2026": 0}


def test_guests_count_in_talks_and_once_a_year_by_name(stats: dict[str, Any]) -> None:
    # Kimura Guest spoke twice in 2023 and once in 2025; Lee Guest in 2024 and 2025.
    guests = {year: figures["guest_speakers"] for year, figures in stats["years"].items()}
    assert guests == {"2023": 1, "2024": 2, "2025": 2, "2026": 0}
    assert stats["years"]["2023"]["speakers"] == 5  # members only
    assert stats["years"]["2023"]["talks"] == 10  # guests' talks among them


def test_talks_are_counted_by_kind(stats: dict[str, Any]) -> None:
    kinds = {year: figures["talks_by_kind"] for year, figures in stats["years"].items()}
    assert kinds["2024"] == {"keynote": 0, "lightning": 2, "panel": 1, "talk": 5, "workshop": 1}
    assert stats["years"]["2024"]["lightning_talks"] == 2
    assert kinds["2025"] == {"keynote": 1, "lightning": 4, "panel": 0, "talk": 6, "workshop": 1}


def test_reports_count_for_their_events_year_whoever_wrote_them_and_when(stats: dict[str, Any]) -> None:
    # study-02's report was written in 2026; the cancelled event's and one without an event count in no year.
    reports = {year: figures["reports"] for year, figures in stats["years"].items()}
    assert reports == {"2023": 5, "2024": 3, "2025": 4, "2026": 1}
    study_01 = _promised(stats["events"]["study-01"], ("reports", "hub_reports", "member_posts"))
    assert study_01 == {"reports": 2, "hub_reports": 1, "member_posts": 1}


def test_the_longest_run_is_the_earliest_of_the_longest(stats: dict[str, Any]) -> None:
    # Three runs of four months: 2023-01..04, 2024-01..04 and 2026-02..05.
    assert stats["rhythm"][""]["longest_run"] == {"from": "2023-01", "to": "2023-04", "months": 4}
    assert stats["rhythm"]["camp"]["longest_run"] == {"from": "2024-08", "to": "2024-08", "months": 1}
    assert stats["rhythm"][""]["gaps"][0] == {"from": "2023-05", "to": "2023-09", "months": 5}
    assert stats["rhythm"]["camp"]["gaps"] == [{"from": "2024-09", "to": "2025-07", "months": 11}]


def test_path_steps_are_taken_in_order_and_medians_take_the_lower_middle(stats: dict[str, Any]) -> None:
    # Lightning: baba chiba doi endo fujii hidden-hiro kato nakano. A later full talk: not
    # endo (before), not fujii (the same day); days 112 129 245 | 255 336 427. Organising on
    # or after it: kato 0 (that day), hidden-hiro 46 | baba 119, chiba 476 (not the earlier one).
    assert _promised(stats["path"], PATH_KEYS) == {
        "first_lightning": 8,
        "then_talk": 6,
        "median_days_to_talk": 245,
        "then_organised": 4,
        "median_days_to_organise": 46,
    }


def test_writers_count_every_report_and_stop_at_ten(stats: dict[str, Any]) -> None:
    # chiba and kato three each; then ten with one, by id, of whom eight fit; a draft is no report.
    assert [(writer["member"], writer["reports"]) for writer in stats["writers"]] == [
        ("chiba", 3),
        ("kato", 3),
        ("aoki", 1),
        ("baba", 1),
        ("doi", 1),  # for the cancelled event's report
        ("endo", 1),
        ("fujii", 1),
        ("goto", 1),
        ("ishii", 1),  # as ishii-old
        ("mori", 1),
    ]


def test_the_worked_out_figures_agree_with_the_hubs_story() -> None:
    # A guard on the test's own arithmetic: the hand-written figures above and the worked-out
    # ones agree, so a failure elsewhere is the build's.
    assert EXPECTED["path"]["median_days_to_talk"] == 245
    assert EXPECTED["rhythm"][""]["longest_run"] == {"from": "2023-01", "to": "2023-04", "months": 4}
    assert {year: figures["events"] for year, figures in EXPECTED["years"].items()} == {
        "2023": 6,
        "2024": 6,
        "2025": 7,
        "2026": 5,
    }
    assert set(EXPECTED["events"]) == set(EVENTS) - {"study-10", "study-11", "study-15", "draft-meetup"}


# A mistake -------------------------------------------------------------------------------


def test_more_first_timers_than_attended_is_a_mistake(make_hub: MakeHub, tmp_path: Path) -> None:
    event = "content/events/study.md"
    hub = make_hub(
        {
            event: """\
                ---
                title: Study
                start: 2025-09-18 19:00
                attendance:
                  attended: 10
                  first_timers: 12
                ---
                """
        }
    )
    out = tmp_path / "site" / "public"
    result = run_build(hub, out)

    assert result.returncode == 1, f"exit status {result.returncode}\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    block = find_error(result.stderr, event, 6)
    assert block is not None, f"no error names {event}:6\n{result.stderr}"
    assert "field 'attendance.first_timers':" in block, result.stderr
    assert not (out / "stats.json").exists()


# On the pages: what a member reads is what stats.json says -----------------------------


def _slots(built: Built, event: str) -> dict[str, str]:
    return _slots_of(built.out, event)


def _slots_of(out: Path, event: str) -> dict[str, str]:
    """Each talk of an event's timetable, by title: the slot's HTML."""
    html = (out / "events" / event / "index.html").read_text("utf-8")
    slots = html.split('<li class="slot')[1:]
    return {unescape(title): slot for slot in slots for title in re.findall(r'class="title"[^>]*>([^<]+)</a>', slot)}


def test_an_event_page_marks_the_first_talks_and_no_other(built: Built) -> None:
    slots = _slots(built, "study-01")
    assert "初登壇" in slots["First LT"] and "初登壇" in slots["Second LT"]
    assert "初登壇" not in slots["A guest's view"], "a guest has no history in the hub"
    later = _slots(built, "study-09")
    assert "初登壇" not in later["Chiba at length"], "chiba spoke before"
    assert "初登壇" not in later["Unlisted LT"], "an unlisted member's first talk is not marked"
    assert "初登壇" in later["Nakano's LT"]


def test_a_first_talk_still_ahead_is_marked_on_its_event(built: Built) -> None:
    assert "初登壇" in _slots(built, "study-15")["Goto at last"]


def test_an_event_page_lists_the_reports_about_it(built: Built) -> None:
    text = page_text(built.out, "events/study-01/")
    assert "#1 report" in text and "#1 on my blog" in text


def test_a_member_page_shows_the_members_path(built: Built) -> None:
    text = page_text(built.out, "members/kato/")
    assert "これまでの歩み" in text
    assert "初めての LT Kato's LT" in text and "初めての発表 Kato at length" in text
    assert "運営したイベント 1回（最初は 勉強会 #14）" in text
    assert "2026 1 0 2 1" in text, "by year: talks, lightning talks, reports, organised"


def test_an_unlisted_member_page_shows_no_path(built: Built) -> None:
    assert "これまでの歩み" not in page_text(built.out, "members/hidden-hiro/")


def test_the_stats_page_shows_the_figures_of_stats_json(built: Built) -> None:
    text = page_text(built.out, "stats/")
    years = EXPECTED["years"]
    assert f"{sum(y['events'] for y in years.values())} 開催したイベント" in text
    assert f"{sum(y['talks'] for y in years.values())} 発表" in text
    assert f"{sum(y['first_time_speakers'] for y in years.values())} これまでの登壇者" in text
    for year, figures in years.items():
        kinds = figures["talks_by_kind"]
        row = " ".join(str(kinds[k]) for k in ("talk", "lightning", "keynote", "panel", "workshop"))
        assert f"{year} {row} {figures['talks']}" in text, f"talks of {year}"
        speakers = (figures[k] for k in ("speakers", "first_time_speakers", "returning_speakers", "guest_speakers"))
        assert f"{year} " + " ".join(map(str, speakers)) in text, f"speakers of {year}"
    path = EXPECTED["path"]
    assert f"初めての LT {path['first_lightning']} — その後に発表 {path['then_talk']}" in text
    assert f"その後に運営 {path['then_organised']} {path['median_days_to_organise']}" in text
    for writer in EXPECTED["writers"][:3]:
        assert re.search(rf"{re.escape(MEMBERS[writer['member']]['name'])} {writer['reports']}\b", text)
    assert "匿名 ひろ" not in text, "an unlisted member is not named"


def test_the_stats_pages_charts_are_svg_with_a_title_a_description_and_a_table(built: Built) -> None:
    html = (built.out / "stats" / "index.html").read_text("utf-8")
    charts = re.findall(r'<svg class="chart"[^>]*role="img"[^>]*aria-labelledby="([^"]+)"', html)
    assert len(charts) >= 8
    for labels in charts:
        title, description = labels.split()
        assert f'<title id="{title}">' in html and f'<desc id="{description}">' in html
    assert html.count('<table class="numbers') >= len(charts)
    assert "<script" not in html.split("<main")[1].split("</main>")[0], "the charts need no script"


def test_a_series_page_shows_its_rhythm_and_attendance(built: Built) -> None:
    text = page_text(built.out, "series/study/")
    run = EXPECTED["rhythm"]["study"]["longest_run"]
    assert f"最長連続開催: {run['months']}か月（{run['from']}〜{run['to']}）" in text
    assert "イベントごとの申込と参加" in text and "2023-02-18 勉強会 #1 40 31 12" in text


def test_a_new_talk_remakes_the_pages_that_show_its_numbers_and_no_others(tmp_path: Path) -> None:
    """ogawa, who only wrote, gives a first (lightning) talk at study-14: the event page gets a
    badge, ogawa's page a path, and the record its numbers; another series' page (its rhythm
    and attendance), the other events and the other members are left as they were."""
    hub = write_hub(tmp_path / "hub")
    out = tmp_path / "public"
    build(hub, out, now=NOW)
    front = copy.deepcopy(EVENTS["study-14"])
    front["talks"].insert(1, talk("Ogawa's LT", "ogawa", kind="lightning"))
    written_front = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    (hub / "content" / "events" / "study-14.md").write_text(f"---\n{written_front}---\nAbout study-14.\n", "utf-8")
    written = set(build(hub, out, now=NOW).written)
    assert {"events/study-14/index.html", "members/ogawa/index.html", "stats/index.html", "stats.json"} <= written
    assert "初登壇" in _slots_of(out, "study-14")["Ogawa's LT"]
    assert not written & {"series/night/index.html", "events/study-01/index.html", "members/aoki/index.html"}
    figures = json.loads((out / "stats.json").read_text("utf-8"))
    assert figures["years"]["2026"]["lightning_talks"] == EXPECTED["years"]["2026"]["lightning_talks"] + 1
    assert figures["events"]["study-14"]["first_time_speakers"] == ["mori", "ogawa"]


def test_the_record_is_made_again_only_when_what_it_counts_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build takes the last build's record when only a body changed; the passing of an
    event, or a changed talk, makes it again, and it is then what a build from nothing gives."""
    hub, out = write_hub(tmp_path / "hub"), tmp_path / "public"
    build(hub, out, now=NOW)
    made: list[int] = []
    real = commsite.graph.stats._record
    monkeypatch.setattr(commsite.graph.stats, "_record", lambda *args: made.append(1) or real(*args))
    event = hub / "content" / "events" / "study-14.md"
    event.write_text(event.read_text("utf-8") + "\nA line more about study-14.\n", "utf-8")
    result = build(hub, out, now=NOW)
    assert made == [] and "stats.json" not in result.written
    assert "A line more about study-14." in page_text(out, "events/study-14/index.html")

    later = datetime(2026, 7, 19, 12, 0, tzinfo=UTC)  # study-15, goto's first talk, has been held
    result = build(hub, out, now=later)
    assert made == [1] and "stats.json" in result.written
    assert "study-15" in json.loads((out / "stats.json").read_text("utf-8"))["events"]
    cold = build(hub, tmp_path / "cold", now=later)
    assert (out / "stats.json").read_bytes() == (cold.out / "stats.json").read_bytes()
