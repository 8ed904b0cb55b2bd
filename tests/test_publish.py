"""Publishing: feeds readers accept, data and sitemaps that resolve, metadata search engines
read, and a site that works when served under a GitHub Pages project sub-path."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import feedparser
import pytest

from commsite import build, check
from commsite.build import Built

from .conftest import NOW, REPO, MakeHub
from .support import chromium_dom, read_page, serve

BASE = "https://example.github.io/hub/"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("served")
    return build(REPO, root / "hub", base_url=BASE, now=NOW)


@pytest.fixture(scope="module")
def served(example: Built) -> Iterator[str]:
    """The built folder served on loopback under /hub/, as GitHub Pages serves a project site."""
    with serve(example.out.parent) as root:
        yield root + "hub/"


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def _local(served: str, url: str) -> str:
    """A published URL (https://example.github.io/hub/x) as the same path on the test server."""
    assert url.startswith(BASE), url
    return served + url[len(BASE) :]


def test_every_internal_link_and_asset_answers_200_and_stays_under_the_sub_path(example: Built, served: str) -> None:
    checked: set[str] = set()
    for page in sorted(example.out.rglob("*.html")):
        page_url = served + quote(page.relative_to(example.out).as_posix())
        for link in read_page(page)[1]:
            target = urljoin(page_url, link)
            if urlsplit(target).netloc != urlsplit(served).netloc:
                continue
            path = urlsplit(target).path
            assert path.startswith("/hub/"), f"{page.name}: {link} escapes /hub/"
            if path not in checked:
                checked.add(path)
                assert _status(target.split("#")[0]) == 200, f"{page.relative_to(example.out)} → {link}"
    assert len(checked) > 300


def test_every_feed_is_accepted_by_feedparser_with_unique_ids_dates_and_resolving_links(
    example: Built, served: str
) -> None:
    feeds = sorted(example.out.rglob("atom.xml")) + sorted(example.out.rglob("rss.xml"))
    external = {r.external_url for r in check(REPO, now=NOW).site.reports.values() if r.external_url}
    assert len(feeds) > 20
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        ids = [entry.id for entry in parsed.entries]
        assert len(ids) == len(set(ids)), path
        for entry in parsed.entries:
            assert entry.get("published_parsed"), (path, entry.id)
            if entry.link in external:  # a member's own blog post: the entry links out, as the hub does
                continue
            assert _status(_local(served, entry.link)) == 200, (path, entry.link)


def test_feeds_carry_full_reports_with_absolute_links_and_events_with_their_talks(example: Built) -> None:
    reports = feedparser.parse((example.out / "reports/atom.xml").read_bytes())
    body = next(e for e in reports.entries if "CMC Study #8" in e.title).content[0].value
    assert "<h2" in body and not re.search(r'(href|src)="/', body)
    events = feedparser.parse((example.out / "events/atom.xml").read_bytes())
    study = next(e for e in events.entries if e.title.startswith("CMC Study #12")).content[0].value
    assert "2026-12-12 14:00" in study and "株式会社ミライリンク" in study and "石川 由美" in study


def test_feed_ids_survive_a_move_to_another_host(example: Built, tmp_path: Path) -> None:
    moved = build(REPO, tmp_path / "moved", base_url="https://hub.example.org/", now=NOW)
    ids = [e.id for e in feedparser.parse((example.out / "atom.xml").read_bytes()).entries]
    moved_ids = [e.id for e in feedparser.parse((moved.out / "atom.xml").read_bytes()).entries]
    assert ids == moved_ids


def test_pages_announce_their_feeds(example: Built) -> None:
    html = (example.out / "tags/ai/index.html").read_text("utf-8")
    assert 'type="application/atom+xml" title="CMC Tokyo' in html and 'href="/hub/tags/ai/atom.xml"' in html
    assert 'href="/hub/atom.xml"' in html and 'href="/hub/rss.xml"' in html


def test_every_sitemap_location_resolves(example: Built, served: str) -> None:
    locations = re.findall(r"<loc>([^<]+)</loc>", (example.out / "sitemap.xml").read_text("utf-8"))
    assert len(locations) > 200
    for location in locations:
        assert _status(_local(served, location.replace("&amp;", "&"))) == 200, location
    assert f"Sitemap: {BASE}sitemap.xml" in (example.out / "robots.txt").read_text()


def test_event_pages_carry_schema_org_events(example: Built) -> None:
    for page in sorted((example.out / "events").glob("*/index.html")):
        html = page.read_text("utf-8")
        (raw,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        data = json.loads(raw)
        assert data["@type"] == "Event" and data["name"]
        assert re.search(r"[+-]\d\d:\d\d$", data["startDate"]) or len(data["startDate"]) == 10
        assert data["eventStatus"].startswith("https://schema.org/Event")
        assert data["eventAttendanceMode"].endswith("EventAttendanceMode")
        assert data["location"] and data["organizer"]
    hybrid = json.loads(
        re.findall(r"ld\+json\">(.*?)</script>", (example.out / "events/study-11/index.html").read_text())[0]
    )
    assert hybrid["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {place["@type"] for place in hybrid["location"]} == {"Place", "VirtualLocation"}
    assert any(p["name"] == "藤田 紗希" for p in hybrid["performer"])


def test_members_and_reports_carry_person_and_article(example: Built) -> None:
    person = re.findall(r"ld\+json\">(.*?)</script>", (example.out / "members/sato-hanako/index.html").read_text())
    assert json.loads(person[0])["@type"] == "Person"
    article = re.findall(r"ld\+json\">(.*?)</script>", (example.out / "reports/study-08-report/index.html").read_text())
    assert json.loads(article[0])["@type"] == "Article"


def test_json_ld_cannot_be_broken_out_of(make_hub: MakeHub) -> None:
    text = '---\ntitle: "</script><script>alert(1)</script>"\nstart: 2026-12-01 19:00\n---\n'
    out = build(make_hub({"content/events/x.md": text}), now=NOW).out
    html = (out / "events/x/index.html").read_text("utf-8")
    assert "<script>alert(1)" not in html
    raw = re.findall(r"ld\+json\">(.*?)</script>", html, re.S)[0]
    assert json.loads(raw)["name"] == "</script><script>alert(1)</script>"


def test_github_pages_files(example: Built, make_hub: MakeHub) -> None:
    assert (example.out / ".nojekyll").is_file()
    assert not (example.out / "CNAME").exists()  # a *.github.io address needs none
    links = read_page(example.out / "404.html")[1]  # served at any missing path: no relative links
    assert all(link.startswith(("/hub/", "https://", "webcal://", "#")) for link in links), links
    site_yaml = "title: Hub\nbase_url: https://hub.example.org/\n"
    out = build(make_hub({}, site_yaml=site_yaml), now=NOW).out
    assert (out / "CNAME").read_text() == "hub.example.org\n"


def test_data_files_list_events_with_their_talks(example: Built) -> None:
    events = json.loads((example.out / "events.json").read_text("utf-8"))
    assert events["upcoming"][0]["start"] >= "2026-11"
    study = next(e for e in events["past"] if e["id"] == "2026-09-12-study-11")
    assert study["url"] == f"{BASE}events/study-11/" and len(study["talks"]) == 6
    talks = json.loads((example.out / "talks.json").read_text("utf-8"))["talks"]
    assert len(talks) >= 30 and all(t["url"].startswith(BASE) for t in talks)


def test_data_files_are_laid_out_as_json_dumps_lays_them_out(example: Built, make_hub: MakeHub) -> None:
    # Written from items kept across builds, yet indistinguishable from one json.dumps: a diff
    # of two builds' data files stays readable.
    text = '---\ntitle: "Long ago\\nand far"\nstart: 2021-01-01 19:00\n---\n'
    lonely = build(make_hub({"content/events/old.md": text}), now=NOW).out
    for out, name in [(example.out, "events.json"), (example.out, "talks.json"), (lonely, "events.json")]:
        written = (out / name).read_text("utf-8")
        assert json.dumps(json.loads(written), ensure_ascii=False, indent=1, sort_keys=True) + "\n" == written
    assert json.loads((lonely / "events.json").read_text("utf-8"))["upcoming"] == []
    assert json.loads((lonely / "talks.json").read_text("utf-8")) == {"talks": []}


def test_a_script_marks_events_that_ended_after_the_build_as_past(make_hub: MakeHub, tmp_path: Path) -> None:
    text = "---\ntitle: Long ago\nstart: 2021-01-01 19:00\nregistration: https://example.com/r\n---\n"
    site = tmp_path / "site"
    out = build(make_hub({"content/events/old.md": text}), site / "hub", now=datetime(2020, 1, 1, tzinfo=UTC)).out
    html = (out / "events/old/index.html").read_text("utf-8")
    assert 'class="button"' in html  # built as upcoming: the page works without the script
    with serve(site) as root:
        dom = chromium_dom(root + "hub/events/old/index.html", tmp_path / "profile")
    assert 'class="event is-past"' in dom and '<div class="actions" data-until-over="" hidden="">' in dom


def _archive(days: int) -> dict[str, str | bytes]:
    """An event a day from 1 January 2025, each with a talk at its event's own time (so the two tie in feeds)."""
    first = date(2025, 1, 1)
    return {
        f"content/events/e{day:02d}.md": f"---\ntitle: Event {day}\nstart: {first + timedelta(day - 1)} 19:00\n"
        f"talks:\n  - {{title: Talk {day}}}\n---\nAbout event {day}.\n"
        for day in range(1, days + 1)
    }


def _titles(out: Path, feed: str) -> list[str]:
    parsed = feedparser.parse((out / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return [entry.title for entry in parsed.entries]


def test_feeds_hold_the_newest_fifty_items_and_ties_at_the_cut_in_a_fixed_order(make_hub: MakeHub) -> None:
    built = build(make_hub(_archive(60)), now=NOW)
    hub = _titles(built.out, "atom.xml")  # 60 events and 60 talks: the 25 newest days of both
    assert len(hub) == 50 and {int(title.split()[1]) for title in hub} == set(range(36, 61))
    assert hub[:2] in (["Event 60", "Talk 60"], ["Talk 60", "Event 60"])
    assert _titles(built.out, "events/atom.xml") == [f"Event {day}" for day in range(60, 10, -1)]
    assert _titles(built.out, "talks/atom.xml") == [f"Talk {day}" for day in range(60, 10, -1)]
    assert _titles(built.out, "rss.xml") == hub
    again = build(make_hub(_archive(60), name="again"), now=NOW)
    assert _titles(again.out, "atom.xml") == hub  # ties broken alike in every build


def test_an_edit_to_an_item_no_feed_shows_leaves_the_hub_feeds_alone(make_hub: MakeHub) -> None:
    root = make_hub(_archive(60))
    build(root, now=NOW)
    oldest = root / "content/events/e01.md"
    oldest.write_text(oldest.read_text("utf-8") + "More about it.\n", encoding="utf-8")
    written = build(root, now=NOW).written
    assert "events/e01/index.html" in written
    assert not {"atom.xml", "rss.xml", "events/atom.xml", "talks/atom.xml"} & set(written)
