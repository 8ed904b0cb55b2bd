"""The default theme as members see it, checked with the tools browsers and auditors use:
the Nu Html Checker over every page, and every kind of page in Debian's Chromium (driven
by Playwright) at a phone's and a desktop's width, light and dark, audited by axe-core.

Screenshots of every page checked are kept in test-artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, sync_playwright

from commsite import build
from commsite.build import Built

from .conftest import NOW, REPO
from .support import CHROMIUM_FLAGS, JS_CLIENTS, serve

CLIENTS = JS_CLIENTS / "node_modules"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
BASE = "https://example.github.io/hub/"
WIDTHS = {"phone": 390, "desktop": 1280}
SCHEMES = ("light", "dark")

# One page of each kind the theme has, from the example hub.
PAGES = {
    "home": "",
    "events": "events/",
    "event": "events/study-12/",
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
}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(REPO, tmp_path_factory.mktemp("theme") / "hub", base_url=BASE, now=NOW)


@pytest.fixture(scope="module")
def served(example: Built) -> Iterator[str]:
    with serve(example.out.parent) as root:
        yield root + "hub/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    assert chromium, "run scripts/test, which installs Debian's chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def test_every_page_of_the_example_hub_passes_the_nu_html_checker(example: Built) -> None:
    checker = CLIENTS / "vnu-jar" / "build" / "dist" / "vnu.jar"
    java = shutil.which("java")
    assert java and checker.is_file(), "run scripts/test, which installs Java and the Nu Html Checker"
    command = [java, "-jar", str(checker), "--errors-only", "--format", "json", "--skip-non-html", str(example.out)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr)["messages"]
    pages = len(list(example.out.rglob("*.html")))
    assert pages > 200
    found = [f"{m.get('url', '?').split('/hub/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert found == [], "\n".join(found[:50])


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
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        problems = _watch(page, served)
        response = page.goto(served + PAGES[kind], wait_until="networkidle")
        assert response is not None and response.ok, kind
        page.screenshot(path=SCREENSHOTS / f"{kind}-{width}-{scheme}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{kind} at {width}px scrolls sideways by {overflow}px"
        violations = _axe(page)
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


def _axe(page: Page) -> list[str]:
    """The serious and critical violations axe-core finds, one line per rule and element."""
    page.add_script_tag(path=CLIENTS / "axe-core" / "axe.min.js")
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {node['target']}"
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
        for node in violation["nodes"]
    ]


def test_a_video_is_a_link_until_the_reader_plays_it(browser: Browser, served: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900})
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
    context = browser.new_context(viewport={"width": 390, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(served + PAGES[kind])
    assert page.locator("h1").first.is_visible()
    assert len(page.locator("main").inner_text()) > 20
    context.close()
