"""Month calendar pages: the rhythm of the hub at a glance, in the hub's time zone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from commsite import build
from commsite.build import Built

from .conftest import NOW, REPO, MakeHub
from .support import page_text


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(REPO, tmp_path_factory.mktemp("months") / "public", now=NOW)


def _days_with(out: Path, month: str, title: str) -> list[int]:
    """The days of a month page whose cell lists ``title``."""
    html = (out / "calendar" / month / "index.html").read_text("utf-8")
    days = []
    for cell in re.findall(r"<td class=\"[^\"]*has-events[^\"]*\">(.*?)</td>", html, re.S):
        if title in cell:
            days.append(int(re.search(r'class="day-number"[^>]*>(\d+)<', cell)[1]))  # type: ignore[index]
    return days


@pytest.mark.parametrize(
    ("month", "days"),
    [("2026/06", [17]), ("2026/07", [15]), ("2026/08", []), ("2026/09", [16]), ("2027/01", [20]), ("2027/05", [19])],
)
def test_the_monthly_meetup_sits_on_its_third_wednesdays_and_skips_exceptions(
    example: Built, month: str, days: list[int]
) -> None:
    assert _days_with(example.out, month, "CMC Online 月例会") == days


def test_a_two_day_event_spans_both_days(example: Built) -> None:
    assert _days_with(example.out, "2026/07", "CMC 合宿 2026 in 箱根") == [18, 19]


def test_cancelled_events_are_struck_through_with_the_status_spelled_out(make_hub: MakeHub) -> None:
    text = "---\ntitle: Book club\nstart: 2026-12-05 15:00\nstatus: cancelled\n---\n"
    html = (build(make_hub({"content/events/b.md": text}), now=NOW).out / "calendar/2026/12/index.html").read_text()
    item = html[html.index("Book club") - 300 : html.index("Book club") + 200]
    assert '<li class="cancelled">' in item and ">Cancelled</span>" in item
    css = (REPO / "themes/default/static/style.css").read_text()
    assert "table.month li.cancelled a { text-decoration: line-through; }" in css


def test_the_calendar_link_opens_on_the_builds_current_month(example: Built) -> None:
    assert "カレンダー: 2026年11月" in page_text(example.out, "calendar")
    assert (example.out / "calendar/index.html").read_text("utf-8").count('rel="next"') == 1


def test_an_event_in_another_zone_shows_its_own_time_too(make_hub: MakeHub) -> None:
    sf = "---\ntitle: SF\nstart: 2026-12-01 17:00\ntimezone: America/Los_Angeles\n---\n"
    text = page_text(build(make_hub({"content/events/sf.md": sf}), now=NOW).out, "calendar/2026/12")
    assert "10:00 SF (17:00 America/Los_Angeles)" in text  # Tokyo is 17 hours ahead: the 2nd at 10:00
    assert "Wed 2 Dec 2026" in text


def test_the_month_table_is_accessible(example: Built) -> None:
    html = (example.out / "calendar/2026/12/index.html").read_text("utf-8")
    assert "<caption>" in html and html.count('<th scope="col">') == 7
    assert html.index('<th scope="col">日</th>') < html.index('<th scope="col">月</th>')  # weeks start on Sunday
