"""A hub in two languages publishes each as a whole site (work in progress on issue 20):
every page in both, each page linked to its counterpart, untranslated items marked."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import icalendar
import pytest
import vobject
from playwright.sync_api import Browser

from commsite import build

from .conftest import NOW, REPO, MakeHub, write_files
from .support import (
    axe_violations,
    broken_links,
    browser_context,
    ical_js,
    nu_html_errors,
    read_page,
    resolve_link,
    serve,
)
from .test_translations import BILINGUAL, HUB

BASE = "/hub/"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    hub = tmp_path_factory.mktemp("bilingual")
    (hub / "site.yaml").write_text(BILINGUAL, encoding="utf-8")
    write_files(hub, HUB)
    result = build(hub, hub / "public", now=NOW)
    assert not result.warnings
    return hub / "public"


def _html(out: Path, path: str) -> str:
    return (out / path / "index.html").read_text("utf-8")


def test_every_page_exists_in_both_languages(out: Path) -> None:
    first = {p.relative_to(out).as_posix() for p in out.rglob("index.html") if p.relative_to(out).parts[0] != "en"}
    english = {p.relative_to(out / "en").as_posix() for p in (out / "en").rglob("index.html")}
    assert first == english and {"index.html", "events/study-12/results/index.html", "about/index.html"} <= first
    assert re.search(r'<html lang="en">', _html(out, "en/events/study-12"))
    assert re.search(r'<html lang="ja">', _html(out, "events/study-12"))
    assert "<h1>Study meetup #12</h1>" in _html(out, "en/events/study-12")
    assert broken_links(out, BASE) == []


def test_hreflang_links_are_reciprocal_and_lead_to_pages(out: Path) -> None:
    for page in ("", "events/study-12/", "members/sato/", "about/", "events/study-12/results/", "calendar/"):
        for here in (page, f"en/{page}"):
            links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', _html(out, here)))
            assert links == {
                "ja": f"https://example.github.io{BASE}{page}",
                "en": f"https://example.github.io{BASE}en/{page}",
                "x-default": f"https://example.github.io{BASE}{page}",
            }, here


def test_the_switcher_leads_to_the_same_page_in_the_other_language(out: Path) -> None:
    for here, there in (("events/study-12/", "en/events/study-12/"), ("en/about/", "about/")):
        switcher = re.search(r'<nav class="languages".*?</nav>', _html(out, here), re.S)
        assert switcher is not None
        targets = re.findall(r'<a href="([^"]+)" hreflang', switcher[0])
        assert targets == [BASE + there]
        target = resolve_link(out, BASE, targets[0], BASE + here)
        assert target is not None and target.is_file()


def test_an_untranslated_item_is_in_both_languages_marked_with_its_own(out: Path) -> None:
    about = _html(out, "en/about")
    assert '<h1 lang="ja">このハブについて</h1>' in about
    assert '<div class="prose" lang="ja">' in about
    assert "<h1>Guide</h1>" in _html(out, "en/guide")  # translated: no mark
    text, _ = read_page(out / "en" / "members" / "index.html")
    assert "Hanako Sato" in text


def test_feeds_and_calendars_in_each_language(out: Path) -> None:
    ja, en = (feedparser.parse((out / folder / "atom.xml").read_bytes()) for folder in ("", "en"))
    assert not ja.bozo and not en.bozo
    assert [e.title for e in en.entries if "12" in e.title] == ["Study meetup #12"]
    assert [e.link for e in en.entries if "12" in e.title] == [f"https://example.github.io{BASE}en/events/study-12/"]
    assert [e.title for e in ja.entries if "12" in e.title] == ["勉強会 #12"]
    assert en.feed.language == "en" and ja.feed.language == "ja"
    assert '"inLanguage": "en"' in _html(out, "en/events/study-12") and '"inLanguage": "ja"' in _html(
        out, "events/study-12"
    )

    def events(folder: str) -> dict[str, str]:
        calendar = icalendar.Calendar.from_ical((out / folder / "calendar.ics").read_bytes())
        return {str(e["UID"]): str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}

    assert list(events("").values()) == ["勉強会 #12"] and list(events("en").values()) == ["Study meetup #12"]
    assert events("").keys() == events("en").keys()  # one event, one UID, whichever language


def test_both_languages_pass_the_nu_html_checker(out: Path) -> None:
    assert nu_html_errors([out]) == []


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["en/events/study-12/", "events/study-12/", "en/about/", "en/members/sato/"])
def test_both_languages_are_accessible(browser: Browser, out: Path, tmp_path: Path, path: str, width: int) -> None:
    shutil.copytree(out, tmp_path / "hub")
    with serve(tmp_path) as root:
        context = browser_context(browser, NOW, viewport={"width": width, "height": 900})
        page = context.new_page()
        response = page.goto(root + "hub/" + path, wait_until="networkidle")
        assert response is not None and response.ok
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"bilingual-{path.strip('/').replace('/', '-')}-{width}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        violations = axe_violations(page)
        context.close()
    assert overflow <= 0 and violations == [], "\n".join(violations)


def test_the_sitemap_lists_each_page_with_its_counterparts(out: Path) -> None:
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
    urls = ElementTree.parse(out / "sitemap.xml").getroot().findall("s:url", namespaces)
    listed = {url.findtext("s:loc", namespaces=namespaces) for url in urls}
    site = f"https://example.github.io{BASE}"
    assert {f"{site}events/study-12/", f"{site}en/events/study-12/"} <= listed
    for url in urls:
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", namespaces)}
        assert set(alternates) == {"ja", "en"} and set(alternates.values()) <= listed
        assert url.findtext("s:loc", namespaces=namespaces) in alternates.values()


def test_data_files_give_each_item_in_every_language_it_has(out: Path) -> None:
    events = json.loads((out / "events.json").read_text("utf-8"))
    event = next(e for e in events["upcoming"] + events["past"] if e["id"] == "2026-12-12-study-12")
    site = f"https://example.github.io{BASE}"
    assert event["title"] == "勉強会 #12"
    assert event["translations"] == {"en": {"title": "Study meetup #12", "url": f"{site}en/events/study-12/"}}
    assert event["talks"][0]["translations"]["en"]["title"] == "Telling results"
    assert not (out / "en" / "events.json").exists()  # one file, every language


def test_saving_a_translation_rebuilds_its_language_only(make_hub: MakeHub) -> None:
    hub = make_hub(HUB, site_yaml=BILINGUAL)
    build(hub, hub / "public", now=NOW)
    translation = hub / "content/events/2026-12-12-study-12.en.md"
    translation.write_text(translation.read_text("utf-8").replace("year-end", "last"), encoding="utf-8")
    written = build(hub, hub / "public", now=NOW).written
    assert "en/events/study-12/index.html" in written
    assert [file for file in written if not file.startswith("en/")] == []
    assert "Our last meetup." in (hub / "public/en/events/study-12/index.html").read_text("utf-8")

    original = hub / "content/events/2026-12-12-study-12.md"
    original.write_text(original.read_text("utf-8").replace("年末の", "年の瀬の"), encoding="utf-8")
    written = build(hub, hub / "public", now=NOW).written
    assert "events/study-12/index.html" in written
    assert [file for file in written if file.startswith("en/")] == []  # its English page has its own body


def test_each_languages_calendars_read_the_same_in_vobject_and_ical_js(out: Path) -> None:
    calendars = sorted(out.rglob("*.ics"))
    assert out / "en" / "calendar.ics" in calendars and out / "en/events/study-12/event.ics" in calendars
    read = ical_js(calendars, "2028-01-01T00:00:00Z")
    for path in calendars:
        parsed = vobject.readOne(path.read_text("utf-8"))
        summaries = sorted(str(event.summary.value) for event in parsed.vevent_list)
        assert summaries == sorted(str(event["summary"]) for event in read[str(path)]), path
    english = [str(e["summary"]) for e in read[str(out / "en" / "calendar.ics")]]
    assert english == ["Study meetup #12"]


def test_a_broken_link_in_a_translation_is_told_once_at_its_file(make_hub: MakeHub) -> None:
    guide = HUB["content/pages/guide/index.en.md"] + "See [about](/abuot/).\n"
    hub = make_hub({**HUB, "content/pages/guide/index.en.md": guide}, site_yaml=BILINGUAL)
    warnings = build(hub, hub / "public", now=NOW).warnings
    assert [(w.location.path.name, w.location.line, w.hint) for w in warnings] == [
        ("index.en.md", 5, "did you mean /about/?")
    ]


def test_links_in_bodies_stay_in_the_readers_language(make_hub: MakeHub) -> None:
    guide = (
        HUB["content/pages/guide/index.en.md"]
        + "See [about](/about/), [a file](/notes.txt) and [elsewhere](//example.com/).\n"
    )
    hub = make_hub({**HUB, "content/pages/guide/index.en.md": guide, "static/notes.txt": "notes"}, site_yaml=BILINGUAL)
    build(hub, hub / "public", now=NOW)
    html = (hub / "public/en/guide/index.html").read_text("utf-8")
    assert 'href="/hub/en/about/"' in html and 'href="/hub/notes.txt"' in html and 'href="//example.com/"' in html
