"""The example hub builds completely, and its pages show what members look for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from commsite import build
from commsite.build import Built

from .conftest import NOW, REPO, MakeHub
from .support import broken_links, page_text


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("example") / "public"
    return build(REPO, out, now=NOW)


def test_every_page_type_is_written(example: Built) -> None:
    out = example.out
    for page in [
        "index.html",
        "events/index.html",
        "talks/index.html",
        "members/index.html",
        "reports/index.html",
        "series/index.html",
        "tags/index.html",
        "404.html",
        "events/study-11/index.html",
        "members/sato-hanako/index.html",
        "series/study/index.html",
        "about/index.html",
        "code-of-conduct/index.html",
    ]:
        assert (out / page).is_file(), page
    assert list((out / "events" / "study-11").glob("*/index.html")), "talk pages of an event"
    assert list((out / "reports").glob("*/index.html")), "report pages"
    assert list((out / "tags").glob("*/index.html")), "tag pages"
    assert (out / "theme" / "style.css").is_file()
    assert (out / "theme" / "favicon.svg").is_file()


def test_every_internal_link_resolves_under_the_sub_path(example: Built) -> None:
    assert broken_links(example.out, "/commsite/") == []


def test_event_page_shows_timetable_speakers_and_registration(example: Built) -> None:
    text = page_text(example.out, "events/study-12")
    assert "タイムテーブル" in text
    assert ("LT" in text and "基調講演" in text) or "発表" in text
    assert "参加申込" in text


def test_cancelled_event_shows_a_banner(example: Built) -> None:
    text = page_text(example.out, "events/book-club-06")
    assert "このイベントは中止になりました" in text


def test_registrants_only_online_event_says_so(example: Built) -> None:
    text = page_text(example.out, "events/online-workshop-metrics")
    assert "参加URLは申込者にお送りします" in text


def test_recurring_meetup_previews_its_next_dates_skipping_exceptions(example: Built) -> None:
    text = page_text(example.out, "events/cmc-online-monthly")
    assert "次回以降の日程" in text
    assert "2026年12月16日(水) 20:00–21:00" in text  # third Wednesday
    home = page_text(example.out, "")
    assert "2026年12月16日(水)" in home


def test_event_in_another_time_zone_is_shown_in_its_own_zone(example: Built) -> None:
    text = page_text(example.out, "events/joint-session-sf")
    assert "America/Los_Angeles" in text


def test_member_page_gathers_talks_reports_and_events(example: Built) -> None:
    text = page_text(example.out, "members/ito-daisuke")
    assert "登壇" in text
    assert "書いたレポート" in text


def test_roles_and_talk_languages_read_in_the_hubs_language(example: Built, make_hub: MakeHub) -> None:
    assert "運営 登壇者" in page_text(example.out, "members/sato-hanako")
    talk = page_text(example.out, "events/joint-session-sf/measuring-community-roi-a-us-japan-comparison")
    assert "言語 英語" in talk
    member = "---\nname: A\nroles: [organiser, 書記]\n---\n"  # a role the catalogue lacks shows as written
    out = build(make_hub({"content/members/a.md": member}), now=NOW).out
    assert "Organiser 書記" in page_text(out, "members/a")


def test_member_with_japanese_id_has_a_page(example: Built) -> None:
    assert (example.out / "members" / "なかむら" / "index.html").is_file()


def test_unlisted_member_is_not_in_the_directory(example: Built) -> None:
    directory = page_text(example.out, "members")
    assert "松本" not in directory
    assert (example.out / "members" / "matsumoto-ken" / "index.html").is_file()


def test_external_report_links_out_and_has_no_page(example: Built) -> None:
    html = (example.out / "reports" / "index.html").read_text("utf-8")
    assert 'href="https://' in html
    assert not (example.out / "reports" / "study-06-kobayashi-blog").exists()


def test_drafts_are_left_out_unless_asked_for(example: Built, tmp_path: Path) -> None:
    assert not (example.out / "events" / "study-14").exists()
    with_drafts = build(REPO, tmp_path / "public", drafts=True, now=NOW)
    assert (with_drafts.out / "events" / "study-14" / "index.html").is_file()


def test_bundle_image_is_copied_beside_its_page(example: Built) -> None:
    assert (example.out / "events" / "book-club-09" / "cover.svg").is_file()
    html = (example.out / "events" / "book-club-09" / "index.html").read_text("utf-8")
    assert 'src="/commsite/events/book-club-09/cover.svg"' in html


def test_base_url_override_moves_every_link(tmp_path: Path) -> None:
    result = build(REPO, tmp_path / "public", base_url="https://hub.example.org/", now=NOW)
    assert broken_links(result.out, "/") == []
    shutil.rmtree(result.out)
