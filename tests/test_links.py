"""Every link an organiser wrote that leads to no page or file of the site is named at
build time, with file, line and column and the nearest URL, as the published site (under
its deploy sub-path) would resolve it; ``--strict`` makes each one an error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from commsite import build

from .conftest import NOW, SITE_YAML, MakeHub

SITE = SITE_YAML + "menu:\n  - {title: About, url: /pages/about/}\n  - {title: Events, url: /events/}\n"

EVENT = """\
---
title: Study 12
start: 2026-12-12 14:00
talks:
  - title: Measuring
    abstract: |
      See [the slides](/slides/measuring.pdf) and [the archive](/talks/).
---
Photos: ![board](./images/pic_01.jpg) and ![cover](cover.svg).

The [old report](/12/report-kpt) moved; [about us](/about/) and [without its slash](/about) work.
<div><a href="/joinus/">Join</a> <a href="../">All events</a></div>

[Logo](/images/logo.svg) [日本語](/日本語ページ/) [mail](mailto:x@example.com) [top](#top)
"""

FILES: dict[str, str | bytes] = {
    "content/events/study-12/index.md": EVENT,
    "content/events/study-12/cover.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
    "content/pages/about.md": "---\ntitle: About\n---\nWho we are. [Join](/join/)\n",
    "content/pages/join.md": "---\ntitle: Join\n---\nHow to join.\n",
    "content/pages/日本語ページ.md": "---\ntitle: 日本語\n---\nこんにちは\n",
    "static/images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
}

BROKEN = [  # in the order they are listed: by file, then line
    ("content/events/study-12/index.md:7:24", "/slides/measuring.pdf", None),
    ("content/events/study-12/index.md:9:18", "./images/pic_01.jpg", None),
    ("content/events/study-12/index.md:11:18", "/12/report-kpt", None),
    ("content/events/study-12/index.md:12:15", "/joinus/", "did you mean /join/?"),
    ("site.yaml:6:25", "/pages/about/", "did you mean /about/?"),
]


def _commsite(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "commsite", *map(str, args)], capture_output=True, text=True)


def test_each_broken_link_is_named_with_file_line_column_and_the_nearest_url(make_hub: MakeHub) -> None:
    hub = make_hub(FILES, site_yaml=SITE)
    result = _commsite("build", hub)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    expected = [
        f"warning: {where}: the link '{link}' leads to no page or file of this site" for where, link, _ in BROKEN
    ]
    assert warnings == expected, result.stderr  # the links that work are not named
    for (_, _, hint), told in zip(BROKEN, result.stderr.split("warning: ")[1:], strict=True):
        assert (f"= hint: {hint}" in told) if hint else ("hint" not in told), told


def test_strict_makes_every_warning_an_error_and_writes_nothing(make_hub: MakeHub) -> None:
    hub = make_hub(FILES, site_yaml=SITE)
    for command in ("check", "build"):
        result = _commsite(command, hub, "--strict")
        assert result.returncode == 1, result.stderr
        assert result.stderr.count("error: ") == len(BROKEN), result.stderr
        assert "Traceback" not in result.stderr
    assert not (hub / "public").exists()


def test_a_page_that_disappears_is_reported_where_unchanged_pages_link_to_it(make_hub: MakeHub) -> None:
    hub = make_hub(FILES, site_yaml=SITE)
    build(hub, now=NOW)
    (hub / "content/pages/join.md").unlink()
    rebuilt = build(hub, now=NOW)
    found = {(str(w.location.path.relative_to(hub)), w.location.line) for w in rebuilt.warnings}
    assert ("content/pages/about.md", 4) in found  # about.md itself did not change
    shutil.copy(hub / "content/pages/about.md", hub / "content/pages/join.md")
    again = build(hub, now=NOW)
    assert ("content/pages/about.md", 4) not in {
        (str(w.location.path.relative_to(hub)), w.location.line) for w in again.warnings
    }


def test_links_are_judged_under_the_deploy_sub_path(make_hub: MakeHub) -> None:
    """A site-root link gets the sub-path in front: written with it already, it leads nowhere."""
    page = "---\ntitle: Join\n---\n[about](/about/) [doubled](/hub/about/)\n"
    hub = make_hub({"content/pages/join.md": page, "content/pages/about.md": "---\ntitle: About\n---\n"})
    built = build(hub, now=NOW)
    assert [(w.location.line, w.location.column, w.hint) for w in built.warnings] == [(4, 28, "did you mean /about/?")]
    html = (built.out / "join/index.html").read_text("utf-8")
    assert '<a href="/hub/about/">about</a>' in html
