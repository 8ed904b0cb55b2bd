"""The link stage, recurrence and time display: ids resolved once, dates right in every zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from commsite import check
from commsite.errors import BadValue, Problems
from commsite.graph.recurrence import check_rule
from commsite.render.i18n import Dates, load_catalogue
from commsite.render.theme import BUILTIN_THEMES
from commsite.urls import href, slug_from_id, slugify

from .conftest import NOW, MakeHub

MONTHLY = """\
---
title: Online meetup
start: 2026-01-21 19:00
timezone: Europe/London
recurrence: {rule: "FREQ=MONTHLY;BYDAY=3WE", except: [2026-08-19]}
---
"""


def test_recurring_event_keeps_local_time_across_dst_and_skips_exceptions(make_hub: MakeHub) -> None:
    site = check(make_hub({"content/events/online.md": MONTHLY}), now=NOW).site
    starts = [o.start for o in site.occurrences]
    assert all(isinstance(s, datetime) and (s.hour, s.minute) == (19, 0) for s in starts)
    offsets = {s.utcoffset().total_seconds() for s in starts if isinstance(s, datetime)}  # type: ignore[union-attr]
    assert offsets == {0, 3600}  # GMT and BST
    days = [s.date() if isinstance(s, datetime) else s for s in starts]
    assert date(2026, 7, 15) in days and date(2026, 8, 19) not in days
    assert max(days) <= date(2027, 11, 22)  # the 12-month horizon


def test_recurrence_count_and_until_are_honoured(make_hub: MakeHub) -> None:
    text = "---\ntitle: W\nstart: 2026-11-02 10:00\nrecurrence: {rule: FREQ=WEEKLY, count: 3}\n---\n"
    site = check(make_hub({"content/events/w.md": text}), now=NOW).site
    assert len(site.occurrences) == 3
    text = "---\ntitle: W\nstart: 2026-11-02 10:00\nrecurrence: {rule: FREQ=WEEKLY, until: 2026-11-16}\n---\n"
    site = check(make_hub({"content/events/w.md": text}, name="hub2"), now=NOW).site
    assert len(site.occurrences) == 3


def test_upcoming_and_past_are_split_at_now(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/events/old.md": "---\ntitle: Old\nstart: 2026-11-01 19:00\n---\n",
            "content/events/new.md": "---\ntitle: New\nstart: 2026-12-01 19:00\n---\n",
            "content/events/today.md": "---\ntitle: Today\nstart: 2026-11-22\n---\n",
        }
    )
    site = check(hub, now=NOW).site
    assert [o.event for o in site.upcoming] == ["today", "new"]
    assert list(site.past) == ["old"]


def test_member_directory_is_sorted_by_reading_then_name(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/members/a.md": "---\nname: 渡辺\nreading: わたなべ\n---\n",
            "content/members/b.md": "---\nname: 青木\nreading: あおき\n---\n",
            "content/members/c.md": "---\nname: Carol\n---\n",
        }
    )
    assert list(check(hub, now=NOW).site.members) == ["c", "b", "a"]


def test_dates_are_written_in_each_language() -> None:
    folders = [BUILTIN_THEMES / "default" / "i18n"]
    english = load_catalogue(folders, "en", Problems())
    ja, en = (Dates.of(load_catalogue(folders, name, Problems()), english) for name in ("ja", "en"))
    moment = datetime(2025, 9, 18, 19, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert ja.moment(moment) == "2025年9月18日(木) 19:00"
    assert en.moment(moment) == "Thu 18 Sep 2025, 19:00"
    assert ja.span(date(2026, 7, 18), date(2026, 7, 19)) == "2026年7月18日(土) – 2026年7月19日(日)"
    assert en.span(moment, moment.replace(hour=21)) == "Thu 18 Sep 2025, 19:00–21:00"
    assert (ja.month((2026, 12)), en.month((2026, 12))) == ("2026年12月", "December 2026")
    assert ja.weekday_names()[0] == "日" and en.weekday_names()[0] == "Mon"  # where a calendar's weeks start


def test_slugs_drop_the_date_prefix_and_keep_japanese() -> None:
    assert slug_from_id("2025-09-18-Study Meetup 12") == "study-meetup-12"
    assert slugify("コミュニティ運営の話 (Part 2)") == "コミュニティ運営の話-part-2"
    assert href("/hub/", "members/たなか/") == "/hub/members/%E3%81%9F%E3%81%AA%E3%81%8B/"


def test_a_start_that_is_not_a_date_of_its_rule_is_refused_with_the_first_real_date(make_hub: MakeHub) -> None:
    from commsite import BuildFailed

    text = '---\ntitle: M\nstart: 2026-12-10 19:00\nrecurrence: {rule: "FREQ=MONTHLY;BYDAY=3TH", count: 3}\n---\n'
    with pytest.raises(BuildFailed) as caught:
        check(make_hub({"content/events/m.md": text}), now=NOW)
    (error,) = caught.value.errors
    assert error.field == "start" and "2026-12-17 19:00" in (error.hint or "")


def test_a_recurring_event_beyond_the_horizon_is_still_upcoming(make_hub: MakeHub) -> None:
    text = "---\ntitle: Far\nstart: 2028-04-05 19:00\nrecurrence: {rule: FREQ=WEEKLY}\n---\n"
    site = check(make_hub({"content/events/far.md": text}), now=NOW).site
    assert [o.event for o in site.upcoming] == ["far"]
    assert site.past == ()


def test_all_day_recurring_event_with_until(make_hub: MakeHub) -> None:
    text = "---\ntitle: Day\nstart: 2026-12-05\nrecurrence: {rule: FREQ=MONTHLY, until: 2027-02-05}\n---\n"
    site = check(make_hub({"content/events/day.md": text}), now=NOW).site
    assert [o.start for o in site.occurrences] == [date(2026, 12, 5), date(2027, 1, 5), date(2027, 2, 5)]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=MONTHLY;UNTIL=20271231", "their own fields"),
        ("RRULE:FREQ=WEEKLY\nEXDATE:20261212T190000", "one line"),
        ("FREQ=MINUTELY", "a day or longer"),
        ("FREQ=MONTHLY;BYDAY=9XX", "not a valid RRULE"),
        ("FREQ=MONTHLY;BYDAY=8TH", "not a valid RRULE"),
        ("FREQ=MONTHLY;INTERVAL=0", "INTERVAL of 1 or more"),
        ("FREQ=MONTHLY;BYMONTH=13", "no dates at all"),
        ("FREQ=DAILY;BYHOUR=0,12", "start time"),
    ],
)
def test_rules_commsite_cannot_keep_are_refused_with_what_to_write(rule: str, message: str) -> None:
    with pytest.raises(BadValue, match=message):
        check_rule(rule)


def test_series_without_files_may_have_similar_ids(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/events/a.md": "---\ntitle: A\nstart: 2026-12-01\nseries: study-ja\n---\n",
            "content/events/b.md": "---\ntitle: B\nstart: 2026-12-02\nseries: study-en\n---\n",
        }
    )
    assert set(check(hub, now=NOW).site.series) == {"study-ja", "study-en"}


def test_tags_differing_only_by_case_or_folding_are_one_tag(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/events/a.md": "---\ntitle: A\nstart: 2026-12-01\ntags: [Straße, C++]\n---\n",
            "content/events/b.md": "---\ntitle: B\nstart: 2026-12-02\ntags: [STRASSE, C#, c]\n---\n",
        }
    )
    assert sorted(check(hub, now=NOW).site.tags) == ["c", "c-plus-plus", "c-sharp", "strasse"]
