"""`commsite serve` as an organiser uses it: save a file, and the open page updates."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from commsite.engine.cache import CACHE_DIR, cache_file

from .conftest import MakeHub

EVENT = "content/events/2026-12-10-meetup.md"

# `commsite serve` as started in a terminal, where Ctrl-C interrupts it. A test run started
# in the background (as CI may start it) hands its children SIGINT ignored, which Python
# then keeps ignoring, as a background job should.
_AS_FROM_A_TERMINAL = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv[0] = 'commsite'; runpy.run_module('commsite', run_name='__main__')"
)


def _get(url: str, timeout: float = 10) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return str(response.read().decode("utf-8"))


def _wait(root: str, version: int, page: str) -> dict[str, Any]:
    """What an open page waits on: the answer once files were written after ``version``."""
    answer: dict[str, Any] = json.loads(_get(f"{root}/__commsite/wait?version={version}&page={page}", timeout=35))
    return answer


def _status(root: str, query: str = "") -> dict[str, Any]:
    """The server's state now: version, errors, whether it is building (and, for a page, reload)."""
    answer: dict[str, Any] = json.loads(_get(f"{root}/__commsite/status{query}"))
    return answer


def _until(check: object, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError("the server did not get there in time")


@pytest.fixture
def server(make_hub: MakeHub) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    hub = make_hub({EVENT: "---\ntitle: First title\nstart: 2026-12-10 19:00\n---\nHello\n"})
    process = subprocess.Popen(
        [sys.executable, "-c", _AS_FROM_A_TERMINAL, "serve", str(hub), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    while "Serving" not in line:
        assert line, "the server stopped before serving"
        line = process.stdout.readline()
    address = re.search(r"at (http://\S+)", line)[1]  # type: ignore[index]
    yield hub, address, process
    if process.poll() is None:
        process.kill()
    process.wait()


def test_a_saved_edit_shows_in_the_served_page_and_open_pages_are_told_to_reload(
    server: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    hub, address, _ = server
    root = address.split("/hub/")[0]
    page = address + "events/meetup/"
    assert "First title" in _get(page) and "__commsite/wait" in _get(page)  # the reload script is injected
    version = _status(root)["version"]
    (hub / EVENT).write_text("---\ntitle: Second title\nstart: 2026-12-10 19:00\n---\nHello\n", encoding="utf-8")
    # What the open page waits on: it is told to reload once its own file is rewritten.
    answer = _wait(root, version, "/hub/events/meetup/")
    while not answer["reload"]:
        assert answer["errors"] == []
        answer = _wait(root, answer["version"], "/hub/events/meetup/")
    assert answer["version"] > version and answer["errors"] == []
    assert "Second title" in _get(page)  # on disk before the reload was sent
    # A page that does not show the event is not reloaded.
    unrelated = _status(root, f"?version={version}&page=/hub/404.html")
    assert unrelated["reload"] is False


def test_a_body_edit_reloads_the_page_with_the_new_text(server: tuple[Path, str, subprocess.Popen[str]]) -> None:
    hub, address, _ = server
    root = address.split("/hub/")[0]
    version = _status(root)["version"]
    (hub / EVENT).write_text("---\ntitle: First title\nstart: 2026-12-10 19:00\n---\nHello, edited\n", encoding="utf-8")
    answer = _wait(root, version, "/hub/events/meetup/")
    assert answer["reload"] and "Hello, edited" in _get(address + "events/meetup/")
    _until(lambda: not _status(root)["building"])
    assert "Hello, edited" in _get(address + "events/meetup/")  # and the full build that followed agrees


def test_a_broken_save_shows_its_error_and_the_last_good_page_until_fixed(
    server: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    hub, address, _ = server
    root = address.split("/hub/")[0]
    page = address + "events/meetup/"
    (hub / EVENT).write_text("---\ntitle: Broken\nstart: 2026-13-45 19:00\n---\n", encoding="utf-8")
    _until(lambda: _status(root)["errors"])
    errors = _status(root)["errors"]
    assert "content/events/2026-12-10-meetup.md:3" in errors[0] and "start" in errors[0]
    assert "First title" in _get(page)  # still the last good build
    (hub / EVENT).write_text("---\ntitle: Fixed title\nstart: 2026-12-10 19:00\n---\n", encoding="utf-8")
    _until(lambda: "Fixed title" in _get(page))
    assert _status(root)["errors"] == []


def test_the_reload_script_never_lands_in_a_real_build(server: tuple[Path, str, subprocess.Popen[str]]) -> None:
    hub, _, _ = server
    result = subprocess.run([sys.executable, "-m", "commsite", "build", str(hub)], capture_output=True, text=True)
    assert result.returncode == 0
    assert all("__commsite" not in p.read_text("utf-8") for p in (hub / "public").rglob("*.html"))


def test_feeds_and_calendars_are_served_with_their_media_types(server: tuple[Path, str, subprocess.Popen[str]]) -> None:
    """A feed reader or calendar app pointed at the preview is told what it gets, as the
    formats table says, not "XML" or a download."""
    _, address, _ = server
    served = {}
    for path in ("atom.xml", "rss.xml", "calendar.ics", "events/meetup/event.ics", "sitemap.xml", "events.json"):
        with urllib.request.urlopen(address + path, timeout=10) as response:
            served[path] = response.headers.get_content_type()
    assert served == {
        "atom.xml": "application/atom+xml",
        "rss.xml": "application/rss+xml",
        "calendar.ics": "text/calendar",
        "events/meetup/event.ics": "text/calendar",
        "sitemap.xml": "application/xml",
        "events.json": "application/json",
    }


def test_the_preview_searches_what_was_just_saved(
    server: tuple[Path, str, subprocess.Popen[str]], browser: Browser
) -> None:
    hub, address, _ = server
    root = address.split("/hub/")[0]
    version = _status(root)["version"]
    (hub / EVENT).write_text("---\ntitle: 懇親会つきの勉強会\nstart: 2026-12-10 19:00\n---\nHello\n", encoding="utf-8")
    _until(lambda: _status(root)["version"] > version and not _status(root)["building"])
    context = browser.new_context()
    page = context.new_page()
    page.goto(address + "search/?q=懇親会")
    page.wait_for_function("() => document.querySelector('.search-status').dataset.for === '懇親会'")
    assert page.locator(".search-result h2 a").all_inner_texts() == ["懇親会つきの勉強会"]
    context.close()


def test_the_server_stops_cleanly_on_interrupt(server: tuple[Path, str, subprocess.Popen[str]]) -> None:
    hub, address, process = server
    # A page closed while it waits for the next build is not an error worth a traceback.
    host, port = urllib.parse.urlsplit(address).netloc.split(":")
    with socket.create_connection((host, int(port))) as waiting:
        waiting.sendall(b"GET /__commsite/wait?version=0 HTTP/1.1\r\nHost: x\r\n\r\n")
    (hub / EVENT).write_text("---\ntitle: Closed tab\nstart: 2026-12-10 19:00\n---\n", encoding="utf-8")
    _until(lambda: "Closed tab" in _get(address + "events/meetup/"))
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) in (0, 130)  # 130: the usual status after Ctrl-C
    assert process.stdout is not None
    output = process.stdout.read()
    assert "Traceback" not in output and "Stopped." in output
    assert cache_file(hub, hub / CACHE_DIR / "preview-0").is_file()  # kept for the next start
