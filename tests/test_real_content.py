"""Content as real hubs have it, written by people who never read our contract: the
public-domain pyvideo sample (shared/realdata, CC0) and a hub of the odd Markdown real
content has (tests/hubs/odd-markdown). Each builds without an error, with a few warnings
that say where, and every page passes the Nu Html Checker and axe-core in Chromium, at a
phone's and a desktop's width, light and dark."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .conftest import NOW, REPO
from .support import axe_violations, browser_context, nu_html_errors, page_text, serve

SAMPLE = REPO.parent / "shared" / "realdata" / "pyvideo-sample"
ODD = REPO / "tests" / "hubs" / "odd-markdown"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
BASE = "https://example.github.io/hub/"
Builds = dict[str, subprocess.CompletedProcess[str]]  # each hub's build, by name


def _build(source: Path, hub: Path) -> subprocess.CompletedProcess[str]:
    """The hub copied as it is (real content is read-only input) and built as an organiser would."""
    assert source.is_dir(), f"{source} is missing: the real sample comes with the project's shared folder"
    shutil.copytree(source, hub)
    command = [sys.executable, "-m", "commsite", "build", str(hub), "--base-url", BASE]
    return subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1795000000"}
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    folder = tmp_path_factory.mktemp("real")
    return {"sample": _build(SAMPLE, folder / "sample"), "odd": _build(ODD, folder / "odd")}


@pytest.fixture(scope="module")
def served(built: Builds, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Each hub's site at its deploy sub-path, /hub/, on a server of its own."""
    roots = {}
    with ExitStack() as servers:
        for name, result in built.items():
            assert result.returncode == 0, result.stderr
            site = tmp_path_factory.mktemp(f"served-{name}")
            shutil.copytree(_out(result), site / "hub")
            roots[name] = servers.enter_context(serve(site)) + "hub/"
        yield roots


def _out(result: subprocess.CompletedProcess[str]) -> Path:
    return Path(result.args[4]) / "public"  # commsite build HUB


def _warnings(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning:")]


def test_the_real_sample_builds_as_it_is_with_a_few_warnings(
    built: Builds,
) -> None:
    result = built["sample"]
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr and "Traceback" not in result.stderr
    warnings = _warnings(result)
    assert len(warnings) <= 12, "\n".join(warnings)
    # Its menu names the about page where the site it came from had it.
    menu = "warning: site.yaml:9:8: the link '/pages/about/' leads to no page or file of this site"
    assert menu in warnings and "did you mean /about/?" in result.stderr
    assert "108 slugs were normalised" in result.stderr  # told once, with a count
    out = _out(result)
    # The data wrote its slug 'asynchronous-vs--threaded-python'.
    talk = page_text(out, "events/chipy-2009-06-11/asynchronous-vs-threaded-python/")
    assert "Asynchronous vs. Threaded Python" in talk
    assert (out / "members" / "寺田-学" / "index.html").is_file()
    assert len(list(out.glob("events/*/*/index.html"))) > 500  # every talk has its page


def test_odd_markdown_builds_and_says_what_is_odd(built: Builds) -> None:
    result = built["odd"]
    assert result.returncode == 0, result.stderr
    warnings = "\n".join(_warnings(result))
    assert "content/pages/odd.md:7:52: the link 'some page/' leads to no page" in warnings
    assert "content/pages/odd.md:25: this looks like reStructuredText" in warnings
    html = (_out(result) / "odd" / "index.html").read_text("utf-8")
    assert "organisers" not in html and 'src=""' not in html
    assert '<pre tabindex="0"><code class="language-python">' in html
    # "## Talks" in a body cannot take the id a member's or tag's page gives its own list of talks.
    event = (_out(result) / "events" / "code-night" / "index.html").read_text("utf-8")
    assert '<h2 id="user-content-talks">' in event and 'id="talks"' not in event


def test_every_page_passes_the_nu_html_checker(built: Builds) -> None:
    outputs = [_out(result) for result in built.values()]
    pages = sum(len(list(out.rglob("*.html"))) for out in outputs)
    assert pages > 800
    errors = nu_html_errors(outputs)
    assert errors == [], "\n".join(errors[:50])


PAGES = {  # a name → the hub and the page's path in it
    "sample-home": ("sample", ""),
    "sample-event": ("sample", "events/pycon-jp-2019/"),
    "sample-talk": ("sample", "events/scipy-2013/why-you-should-write-buggy-software-with-as-few-f/"),
    "sample-member": ("sample", "members/寺田-学/"),
    "sample-about": ("sample", "about/"),
    "odd-page": ("odd", "odd/"),
    "odd-event": ("odd", "events/code-night/"),
}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("page_name", PAGES)
def test_each_kind_of_page_is_accessible(browser: Browser, served: dict[str, str], page_name: str, width: int) -> None:
    """No serious or critical axe-core violation (a code block that scrolls can be reached by
    keyboard), nothing missing, and no sideways scrolling of the page itself on a phone."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    hub, path = PAGES[page_name]
    missing: list[str] = []  # what any page asked for and did not get
    for scheme in ("light", "dark"):
        context = browser_context(browser, NOW, viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.on("response", lambda answer: missing.append(answer.url) if answer.status >= 400 else None)
        response = page.goto(served[hub] + path, wait_until="networkidle")
        assert response is not None and response.ok and missing == [], (page_name, missing)
        page.screenshot(path=SCREENSHOTS / f"real-{page_name}-{width}-{scheme}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        violations = axe_violations(page)
        context.close()
        assert overflow <= 0, f"{page_name} at {width}px scrolls sideways by {overflow}px"
        assert violations == [], f"{page_name} at {width}px ({scheme}):\n" + "\n".join(violations)
