"""The default theme as members see it, checked with the tools browsers and auditors use:
the Nu Html Checker over every page, and every kind of page in Debian's Chromium (driven
by Playwright) at a phone's and a desktop's width, light and dark, audited by axe-core.

Screenshots of every page checked are kept in test-artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response

from commsite import build
from commsite.build import Built

from .conftest import NOW, REPO, MakeHub, copy_example_hub, write_files
from .support import axe_violations, browser_context, nu_html_errors, serve

SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
BASE = "https://example.github.io/hub/"
WIDTHS = {"phone": 390, "desktop": 1280}
SCHEMES = ("light", "dark")

# One page of each kind the theme has, from the example hub.
PAGES = {
    "home": "",
    "events": "events/",
    "event": "events/study-12/",
    "event-first-talks": "events/study-05/",  # first-talk badges
    "talk": "events/joint-session-sf/measuring-community-roi-a-us-japan-comparison/",  # English, with a video
    "talks": "talks/",
    "members": "members/",
    "member": "members/sato-hanako/",
    "reports": "reports/",
    "report": "reports/camp-report/",
    "series-index": "series/",
    "series": "series/study/",
    "tags": "tags/",
    "tag": "tags/ai/",
    "month": "calendar/2026/12/",
    "page": "about/",
    "not-found": "404.html",
    "stats": "stats/",  # charts and their tables
    "search": "search/?q=コミュニティ",  # results shown once the index answered (networkidle)
    # The same in English: translated, and (study-05, reports/) left in Japanese.
    "en-home": "en/",
    "en-event": "en/events/study-12/",
    "en-untranslated-event": "en/events/study-05/",
    "en-member": "en/members/sato-hanako/",
    "en-reports": "en/reports/",
    "en-page": "en/about/",
    "en-stats": "en/stats/",
    "en-search": "en/search/?q=community",
}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(REPO, tmp_path_factory.mktemp("theme") / "hub", base_url=BASE, now=NOW)


@pytest.fixture(scope="module")
def served(example: Built) -> Iterator[str]:
    with serve(example.out.parent) as root:
        yield root + "hub/"


def test_every_page_of_the_example_hub_passes_the_nu_html_checker(example: Built) -> None:
    pages = len(list(example.out.rglob("*.html")))
    assert pages > 200
    found = nu_html_errors([example.out])
    assert found == [], "\n".join(found[:50])


def test_every_image_has_its_size_and_those_below_the_fold_load_lazily(example: Built) -> None:
    images = 0
    for page in example.out.rglob("*.html"):
        html = page.read_text("utf-8")
        for tag in re.findall(r"<img [^>]*>", html):
            images += 1
            assert re.search(r' width="\d+" height="\d+"', tag) and ' alt="' in tag, f"{page}: {tag}"
            # What heads a page loads at once; the rest waits until it scrolls near.
            heads_the_page = re.search(r'class="(cover|avatar large)"|<img src="[^"]*favicon', tag)
            assert ('loading="lazy"' in tag) != bool(heads_the_page), f"{page}: {tag}"
    assert images > 300
    book_club = (example.out / "events/book-club-09/index.html").read_text("utf-8")
    assert '<img class="cover" src="/hub/events/book-club-09/cover.svg" alt="" width="1200" height="630">' in book_club
    whiteboard = '<img src="whiteboard.svg" alt="前回のホワイトボード。7つの原則ごとに、参加者の付箋が貼られている"'
    assert whiteboard + ' width="800" height="450" loading="lazy" decoding="async">' in book_club
    members = (example.out / "members/index.html").read_text("utf-8")
    assert 'src="/hub/members/sato-hanako/avatar.svg" alt="" width="48" height="48" loading="lazy">' in members


def test_the_themes_own_css_and_js_weigh_under_50_kb() -> None:
    static = REPO / "themes" / "default" / "static"
    weight = sum(path.stat().st_size for path in static.rglob("*") if path.suffix in (".css", ".js"))
    assert 0 < weight < 50 * 1024


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("kind", PAGES)
def test_each_kind_of_page_reads_cleanly_in_chromium(browser: Browser, served: str, kind: str, width: int) -> None:
    """No console errors, no failed or outside requests, no sideways scrolling on a phone,
    and no serious or critical axe-core violations, in both colour schemes."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in SCHEMES:
        context = browser_context(browser, NOW, viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        problems = _watch(page, served)
        response = page.goto(served + PAGES[kind], wait_until="networkidle")
        assert response is not None and response.ok, kind
        page.screenshot(path=SCREENSHOTS / f"{kind}-{width}-{scheme}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{kind} at {width}px scrolls sideways by {overflow}px"
        violations = axe_violations(page)
        context.close()
        assert problems == [], f"{kind} ({scheme}): {problems}"
        assert violations == [], f"{kind} at {width}px ({scheme}):\n" + "\n".join(violations)


def _watch(page: Page, served: str) -> list[str]:
    """Collect what a reader's browser would complain about: console errors, uncaught
    exceptions, failed requests and any request that leaves the site (trackers, CDNs)."""
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console: {message.text}")

    def response(answer: Response) -> None:
        if answer.status >= 400:
            problems.append(f"{answer.status}: {answer.url}")

    def request(asked: Request) -> None:
        if not asked.url.startswith((served, "data:")):
            problems.append(f"outside: {asked.url}")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"exception: {error}"))
    page.on("requestfailed", lambda failed: problems.append(f"failed: {failed.url}"))
    page.on("response", response)
    page.on("request", request)
    return problems


def test_a_video_is_a_link_until_the_reader_plays_it(browser: Browser, served: str) -> None:
    context = browser_context(browser, NOW, viewport={"width": 390, "height": 900})
    page = context.new_page()
    asked: list[str] = []
    page.route("https://**/*", lambda route: (asked.append(route.request.url), route.abort()))
    page.goto(served + PAGES["talk"], wait_until="networkidle")
    assert page.locator("iframe").count() == 0 and asked == []
    link = page.get_by_role("link", name="動画を再生")  # the hub's language, though the talk is in English
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=Pd2Xm7Rt0Gh"
    link.click()
    player = page.locator(".video iframe")
    assert player.get_attribute("src") == "https://www.youtube-nocookie.com/embed/Pd2Xm7Rt0Gh?autoplay=1"
    assert player.get_attribute("title") == "動画: Measuring community ROI: a US–Japan comparison"
    context.close()


@pytest.mark.parametrize("kind", PAGES)
def test_each_kind_of_page_reads_without_javascript(browser: Browser, served: str, kind: str) -> None:
    context = browser_context(browser, NOW, viewport={"width": 390, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(served + PAGES[kind])
    assert page.locator("h1").first.is_visible()
    assert len(page.locator("main").inner_text()) > 20
    context.close()


def test_event_cards_show_date_place_and_status_at_a_glance(browser: Browser, served: str) -> None:
    context = browser_context(browser, NOW, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(served + PAGES["events"], wait_until="networkidle")
    postponed = page.locator(".event-card", has_text="CMC LT Night vol.3")
    assert postponed.locator(".leaf").inner_text().split() == ["11月", "28", "土"]
    assert "2026年11月28日(土) 18:00–21:00" in postponed.inner_text()
    assert "株式会社ハナミズキ" in postponed.locator(".where").inner_text()
    assert postponed.get_by_text("延期", exact=True).is_visible()
    upcoming = page.locator("#upcoming ~ .cards .event-card", has_text="CMC Study #12")
    assert not upcoming.get_by_text("終了", exact=True).is_visible() and upcoming.get_by_text("発表 6件").is_visible()
    past = page.locator(".event-card", has_text="CMC Study #11").first
    assert past.get_by_text("終了", exact=True).is_visible()
    context.close()


def test_a_recurring_event_still_running_shows_its_next_date_not_ended(browser: Browser, served: str) -> None:
    context = browser_context(browser, NOW, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(served + "series/online/", wait_until="networkidle")
    monthly = page.locator(".event-card", has_text="CMC Online 月例会")
    assert monthly.locator(".leaf").inner_text().split() == ["12月", "16", "水"]  # the next date after the build
    assert not monthly.get_by_text("終了", exact=True).is_visible()
    context.close()


def test_an_event_that_ends_after_the_build_shows_as_ended(browser: Browser, make_hub: MakeHub, tmp_path: Path) -> None:
    text = "---\ntitle: Long ago\nstart: 2021-01-01 19:00\n---\n"
    hub = make_hub({"content/events/old.md": text})
    out = build(hub, tmp_path / "site" / "hub", now=datetime(2020, 1, 1, tzinfo=UTC)).out
    assert "is-past" not in (out / "events/index.html").read_text("utf-8")  # upcoming when it was built
    context = browser_context(browser, NOW, viewport={"width": 390, "height": 900})
    page = context.new_page()
    with serve(out.parent) as root:
        page.goto(root + "hub/events/", wait_until="networkidle")
        card = page.locator(".event-card", has_text="Long ago")
        assert "is-past" in (card.get_attribute("class") or "") and card.get_by_text("Ended").is_visible()
    context.close()


@pytest.mark.parametrize(
    ("kind", "current", "section"),
    [
        ("home", None, None),
        ("events", "/hub/events/", None),
        ("event", None, "/hub/events/"),
        ("talk", None, "/hub/events/"),
        ("talks", "/hub/talks/", None),
        ("month", None, "/hub/calendar/"),
        ("member", None, "/hub/members/"),
    ],
)
def test_the_menu_marks_the_page_it_is_on_and_the_section_a_page_is_in(
    browser: Browser, served: str, kind: str, current: str | None, section: str | None
) -> None:
    """Pages share their menu's markup (see templates' ``cached``): each still marks its own place."""
    context = browser_context(browser, NOW, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served + PAGES[kind])
    menu = page.get_by_role("navigation", name="メニュー")
    assert menu.get_by_role("link").count() >= 6
    marked = menu.locator("a[aria-current=page]")
    assert [marked.nth(i).get_attribute("href") for i in range(marked.count())] == ([current] if current else [])
    lit = menu.locator("a.here")
    assert [lit.nth(i).get_attribute("href") for i in range(lit.count())] == ([section] if section else [])
    context.close()


def test_speakers_are_shown_with_their_avatar_or_initials(browser: Browser, served: str) -> None:
    context = browser_context(browser, NOW, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served + PAGES["event"], wait_until="networkidle")
    speakers = page.locator(".timetable .person")
    assert speakers.count() == 6
    with_avatar = speakers.filter(has_text="鈴木 健太").locator("img.avatar")
    assert with_avatar.evaluate("image => image.complete && image.naturalWidth > 0")
    assert with_avatar.get_attribute("alt") == ""  # the name beside it says who it is
    initials = speakers.filter(has_text="石川 由美").locator(".initials")
    assert initials.inner_text() == "石" and initials.is_visible()
    page.goto(served + "events/joint-session-sf/", wait_until="networkidle")
    assert page.locator(".timetable .initials", has_text="JW").first.is_visible()  # James Wilson
    context.close()


def test_lightning_talks_stand_apart_from_talks_in_the_timetable(browser: Browser, served: str) -> None:
    context = browser_context(browser, NOW, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(served + PAGES["event"], wait_until="networkidle")
    look = "slot => [slot, slot.querySelector('.badge')].map(part => getComputedStyle(part).backgroundImage"
    look += " + getComputedStyle(part).backgroundColor)"
    talk = page.locator(".slot.kind-talk").first.evaluate(look)
    lightning = page.locator(".slot.kind-lightning").first.evaluate(look)
    assert talk[0] != lightning[0] and talk[1] != lightning[1]
    assert page.locator(".slot.kind-lightning .badge").first.inner_text() == "LT · 5分"
    context.close()


def test_an_event_page_prints_as_a_one_page_handout(browser: Browser, served: str) -> None:
    context = browser_context(browser, NOW)
    page = context.new_page()
    page.goto(served + PAGES["event"], wait_until="networkidle")
    handout = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    context.close()
    assert len(handout.pages) == 1
    text = handout.pages[0].extract_text()
    assert "CMC Study #12" in text and "15:55" in text and "17:00" in text  # the whole timetable
    assert BASE + "events/study-12/" in text  # where to find it online
    assert "Code of Conduct" not in text and "Google" not in text  # no menu, no calendar buttons


def test_a_hub_sets_the_themes_colours_and_options_in_site_yaml(browser: Browser, tmp_path: Path) -> None:
    hub = copy_example_hub(tmp_path / "hub")
    settings = "theme_options:\n  home_events: 2\n  show_avatars: false\n"
    settings += 'style:\n  accent: "#b03a2e"\n  dark:\n    accent: "#ff9c8f"\n'
    (hub / "site.yaml").write_text((hub / "site.yaml").read_text("utf-8") + settings, encoding="utf-8")
    out = build(hub, tmp_path / "site" / "hub", base_url=BASE, now=NOW).out
    with serve(out.parent) as root:
        for scheme, accent in [("light", "rgb(176, 58, 46)"), ("dark", "rgb(255, 156, 143)")]:
            context = browser_context(browser, NOW, color_scheme=scheme)
            page = context.new_page()
            page.goto(root + "hub/", wait_until="networkidle")
            assert page.locator(".more a").first.evaluate("link => getComputedStyle(link).color") == accent
            assert page.locator("#upcoming ~ .cards .event-card").count() == 2
            assert page.locator(".person .avatar").count() == 0 and page.locator(".person").count() > 0
            page.emulate_media(media="print")  # on paper, black on white whatever the screen's colours
            assert page.locator(".more a").first.evaluate("link => getComputedStyle(link).color") == "rgb(0, 0, 0)"
            context.close()


def test_a_line_break_inside_a_japanese_sentence_shows_no_space(browser: Browser, served: str) -> None:
    context = browser_context(browser, NOW, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(served + PAGES["report"], wait_until="networkidle")
    text = page.locator(".prose").inner_text()  # as rendered: a kept newline would read as a space
    assert "出てきました。そのあとの中村さんの" in text and "しました。夜の BBQ で" in text
    context.close()


# Menus of a real hub's length, in Japanese, under a long site name: (title, URL) in order.
MENUS = {
    3: [("イベント", "/events/"), ("カレンダー", "/calendar/"), ("About", "/about/")],
    12: [
        ("イベント", "/events/"),
        ("カレンダー", "/calendar/"),
        ("トーク", "/talks/"),
        ("メンバー", "/members/"),
        ("レポート", "/reports/"),
        ("シリーズ", "/series/"),
        ("タグ", "/tags/"),
        ("About", "/about/"),
        ("参加するには", "/join/"),
        ("行動規範（Code of Conduct）", "/code-of-conduct/"),
        ("スポンサー募集", "/sponsors/"),
        ("よくある質問", "/faq/"),
    ],
}
MENU_PAGES = ("about", "join", "code-of-conduct", "sponsors", "faq")

# The page must start right below one row of header: the header's padding (24 px) beside a
# long site name wrapped in three lines (75 px) come to about 100 px, where the twelve entries
# shown whole took four rows of pills under the name and pushed the page down to 224 px.
# 180 px leaves room for a fourth line of name or a larger system font, not for the menu.
PHONE_HEADER_MAX = 180


@pytest.fixture(scope="module")
def menu_hubs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Hubs with 3 and 12 menu entries, served side by side as menu-3/ and menu-12/."""
    root = tmp_path_factory.mktemp("menus")
    for entries, menu in MENUS.items():
        name = f"menu-{entries}"
        site_yaml = (
            f"title: CMC Tokyo — コミュニティマーケティング勉強会\nbase_url: https://example.github.io/{name}/\n"
            "language: ja\ntimezone: Asia/Tokyo\nmenu:\n" + "".join(f"  - {{title: {t}, url: {u}}}\n" for t, u in menu)
        )
        files = {f"content/pages/{page}.md": f"---\ntitle: {page}\n---\n本文。\n" for page in MENU_PAGES}
        files["content/events/2026-12-12-study-12.md"] = "---\ntitle: 'CMC Study #12'\nstart: 2026-12-12 14:00\n---\n"
        hub = root / "hubs" / name
        hub.mkdir(parents=True)
        (hub / "site.yaml").write_text(site_yaml, encoding="utf-8")
        write_files(hub, files)
        build(hub, root / "site" / name, now=NOW)
    with serve(root / "site") as served_root:
        yield served_root


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("entries", MENUS)
def test_a_long_menu_folds_under_a_button_on_a_phone_and_shows_whole_elsewhere(
    browser: Browser, menu_hubs: str, entries: int, width: int
) -> None:
    folds = entries == 12 and width == 390
    for scheme in SCHEMES:
        context = browser_context(browser, NOW, viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        problems = _watch(page, menu_hubs)
        page.goto(f"{menu_hubs}menu-{entries}/events/", wait_until="networkidle")
        shot = f"menu-{entries}-{width}-{scheme}"
        page.screenshot(path=SCREENSHOTS / f"{shot}.png")
        menu = page.get_by_role("navigation", name="メニュー")
        links = menu.locator("a")  # shown or not
        button = menu.locator("summary")
        assert links.all_text_contents() == [title for title, _ in MENUS[entries]]
        assert menu.locator("a[aria-current=page]").get_attribute("href") == f"/menu-{entries}/events/"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{shot} scrolls sideways by {overflow}px"
        violations = axe_violations(page)
        if folds:
            top = page.evaluate("document.querySelector('main').getBoundingClientRect().top")
            assert top <= PHONE_HEADER_MAX, f"{shot}: the page starts {top}px down"
            assert button.inner_text() == "メニュー" and not any(links.nth(i).is_visible() for i in range(entries))
            button.click()
            assert all(links.nth(i).is_visible() for i in range(entries))
            page.screenshot(path=SCREENSHOTS / f"{shot}-open.png")
            violations += axe_violations(page)
        else:
            assert not button.is_visible() and all(links.nth(i).is_visible() for i in range(entries))
        page.emulate_media(media="print")  # the handout has no menu
        assert not menu.is_visible()
        context.close()
        assert problems == [], f"{shot}: {problems}"
        assert violations == [], f"{shot}:\n" + "\n".join(violations)


def test_the_folded_menu_opens_from_the_keyboard_without_javascript(browser: Browser, menu_hubs: str) -> None:
    context = browser_context(browser, NOW, viewport={"width": 390, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(menu_hubs + "menu-12/join/")
    menu = page.get_by_role("navigation", name="メニュー")
    current = menu.locator("a[aria-current=page]")
    assert not current.is_visible()
    for _ in range(3):  # the skip link, the site's name, then the button
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "メニュー"
    page.keyboard.press("Enter")
    assert current.is_visible() and current.inner_text() == "参加するには"  # still marked as the page it is on
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "イベント"  # the list follows the button
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert not current.is_visible()
    context.close()
