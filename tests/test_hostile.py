"""Hostile content: nothing an author writes runs in a reader's browser or breaks out of
its place in a page, a calendar or a feed. Each test asserts on the bytes written."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import pytest

from commsite import build

from .conftest import NOW, MakeHub

SCRIPT_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p onclick="alert(1)">click</p>',
    "<style>body{display:none}</style>",
    '<object data="evil.swf"></object>',
    "[md link](javascript:alert(1))",
    "![md image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<scr<script>ipt>alert(1)</script>",
]


class _Elements(HTMLParser):
    """What a browser would build from the HTML: its elements and their attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


_ACTIVE = ("script", "iframe", "object", "embed", "style", "svg", "math", "base", "form", "meta", "link")


def _dangers(html: str) -> list[str]:
    """Elements and attributes that could run code or load something in a reader's browser."""
    parser = _Elements()
    parser.feed(html)
    found = []
    for tag, attrs in parser.found:
        if tag in _ACTIVE:
            found.append(f"<{tag}>")
        for name, value in attrs:
            plain = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name.startswith("on") or (name == "style" and "url(" in plain):
                found.append(f"{tag} {name}")
            if name in ("href", "src") and plain.startswith(("javascript:", "vbscript:", "data:")):
                found.append(f"{tag} {name}={value}")
    return found


SITE = "title: Hub\nbase_url: https://example.github.io/hub/\n"


def _body_html(out: Path) -> str:
    html = (out / "about" / "index.html").read_text("utf-8")
    return html[html.index('<div class="prose">') : html.index("</article>")]


# Raw HTML is rendered as GitHub does by default; a hub may have it shown as text, and
# earlier versions' yes/no still mean the same.
RAW_HTML_SETTINGS = ["", "raw_html: escape\n", "raw_html: sanitize\n", "raw_html: true\n"]


@pytest.mark.parametrize("setting", RAW_HTML_SETTINGS, ids=["default", "escape", "sanitize", "true"])
@pytest.mark.parametrize("payload", SCRIPT_PAYLOADS)
def test_markdown_bodies_never_carry_scripts(make_hub: MakeHub, payload: str, setting: str) -> None:
    page = f"---\ntitle: About\n---\nBefore\n\n{payload}\n\nAfter\n"
    body = _body_html(build(make_hub({"content/pages/about.md": page}, site_yaml=SITE + setting), now=NOW).out)
    assert "Before" in body and "After" in body
    assert _dangers(body) == [], payload


GITHUB_LIKE = """---
title: About
---
<!-- organisers: remember to update the venue -->
| 日時 | 内容 |
|---|---|
| 19:00 | 受付<br>開場 |

<details><summary>More</summary>

**Hidden** text

</details>

Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>.

<div><a href="/events/" onclick="steal()" style="color:red">Events</a> <span title="t">s</span></div>

<a href="mailto:team@example.com">mail</a> <img src="/images/logo.svg" alt="Logo">
"""


def test_raw_html_renders_safely_as_on_github(make_hub: MakeHub) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"></svg>'
    hub = make_hub({"content/pages/about.md": GITHUB_LIKE, "static/images/logo.svg": svg}, site_yaml=SITE)
    body = _body_html(build(hub, now=NOW).out)
    assert "organisers" not in body and "<!--" not in body  # a note to organisers is never shown
    assert "<td>受付<br>開場</td>" in body
    assert "<details><summary>More</summary>" in body and "<strong>Hidden</strong>" in body
    assert "<kbd>Ctrl</kbd>" in body and "<sub>2</sub>" in body and "<sup>2</sup>" in body
    # The link stays, under the deploy sub-path; its handler and style do not.
    assert '<div><a href="/hub/events/">Events</a> <span title="t">s</span></div>' in body
    assert '<a href="mailto:team@example.com">mail</a>' in body
    # An image of the hub's, written in HTML, is treated as a Markdown one: sized, lazy, under the sub-path.
    assert '<img src="/hub/images/logo.svg" alt="Logo" width="120" height="40" loading="lazy"' in body
    assert _dangers(body) == []


def test_a_hub_may_show_raw_html_as_text(make_hub: MakeHub, tmp_path: Path) -> None:
    hub = make_hub({"content/pages/about.md": GITHUB_LIKE}, site_yaml=SITE + "raw_html: escape\n")
    built = build(hub, now=NOW)
    body = _body_html(built.out)
    assert "&lt;details&gt;" in body and "<details>" not in body
    assert any("raw HTML is shown as text" in warning.message for warning in built.warnings)


FRONT_MATTER_PAYLOADS = [
    '"<img src=x onerror=alert(1)>"',
    '"</title><script>alert(1)</script>"',
    '"\\" onmouseover=\\"alert(1)"',
    '"{{ config.__class__ }}"',
]


@pytest.mark.parametrize("title", FRONT_MATTER_PAYLOADS)
def test_front_matter_strings_are_escaped_everywhere_they_appear(make_hub: MakeHub, title: str) -> None:
    event = f"---\ntitle: {title}\nstart: 2026-12-01 19:00\ntags: [{title}]\n---\n"
    out = build(make_hub({"content/events/e.md": event}), now=NOW).out
    for page in [out / "events/e/index.html", out / "events/index.html", out / "index.html"]:
        html = page.read_text("utf-8")
        assert "<img src=x" not in html and "<script>alert" not in html and '" onmouseover="' not in html
        assert "&lt;class" not in html and "<class " not in html  # template syntax in content stays text


def test_newlines_cannot_add_calendar_properties(make_hub: MakeHub) -> None:
    event = '---\ntitle: "Meetup\\r\\nATTENDEE:mailto:evil@example.com\\nX-EVIL:1"\nstart: 2026-12-01 19:00\n---\n'
    out = build(make_hub({"content/events/e.md": event}), now=NOW).out
    data = (out / "events/e/event.ics").read_bytes()
    lines = data.split(b"\r\n")
    assert not any(line.startswith((b"ATTENDEE", b"X-EVIL")) for line in lines)
    (item,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(item["SUMMARY"]).startswith("Meetup") and "ATTENDEE" not in item


def test_markup_in_titles_cannot_add_feed_entries(make_hub: MakeHub) -> None:
    report = '---\ntitle: "</title></entry><entry><title>evil"\ndate: 2026-12-01\n---\n<b>x</b>\n'
    out = build(make_hub({"content/reports/r.md": report}), now=NOW).out
    for name in ("atom.xml", "rss.xml"):
        parsed = feedparser.parse((out / name).read_bytes())
        assert not parsed.bozo and len(parsed.entries) == 1
        assert parsed.entries[0].title == "</title></entry><entry><title>evil"
