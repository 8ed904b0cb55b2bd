"""The commands as an organiser runs them: init, new, check and build."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

from commsite.cli import TerminalProgress

from .conftest import SITE_YAML, MakeHub


def commsite(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "commsite", *map(str, args)], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_init_makes_a_hub_that_builds_at_once(tmp_path: Path) -> None:
    hub = tmp_path / "my-hub"
    assert commsite("init", hub).returncode == 0
    result = commsite("build", cwd=hub)
    assert result.returncode == 0, result.stderr
    assert (hub / "public" / "index.html").is_file()
    assert "First meetup" in (hub / "public" / "events" / "index.html").read_text("utf-8")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    result = commsite("init", tmp_path / "x")
    assert result.returncode == 1 and "not empty" in result.stderr


def test_new_writes_valid_files_and_prints_their_paths(tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    commsite("init", hub)
    for kind, title in [("event", "忘年会 2026"), ("member", "Ada Lovelace"), ("report", "Notes"), ("page", "Join")]:
        result = commsite("new", kind, title, hub)
        assert result.returncode == 0, result.stderr
        assert Path(result.stdout.strip()).is_file()
    checked = commsite("check", hub)
    assert checked.returncode == 0, checked.stderr
    assert "4 members" not in checked.stdout and "2 members" in checked.stdout


def test_check_validates_and_writes_nothing(make_hub: MakeHub) -> None:
    hub = make_hub({"content/events/e.md": "---\ntitle: E\nstart: 2026-01-01\n---\n"})
    result = commsite("check", hub)
    assert result.returncode == 0 and "1 events" in result.stdout
    assert not (hub / "public").exists()


def test_build_with_out_and_base_url(make_hub: MakeHub, tmp_path: Path) -> None:
    hub = make_hub({"content/events/e.md": "---\ntitle: E\nstart: 2026-01-01\n---\n"})
    result = commsite("build", hub, "--out", tmp_path / "site", "--base-url", "https://org.github.io/other/")
    assert result.returncode == 0, result.stderr
    assert 'href="/other/events/e/"' in (tmp_path / "site" / "events" / "index.html").read_text("utf-8")


def test_build_refuses_to_replace_the_hub_itself(make_hub: MakeHub) -> None:
    hub = make_hub({})
    result = commsite("build", hub, "--out", hub)
    assert result.returncode == 1 and "holds the hub itself" in result.stderr
    assert (hub / "site.yaml").is_file()


def test_missing_site_yaml_is_a_clear_error(tmp_path: Path) -> None:
    result = commsite("build", tmp_path)
    assert result.returncode == 1
    assert "site.yaml" in result.stderr and "Traceback" not in result.stderr


def test_build_never_replaces_a_folder_it_did_not_write(make_hub: MakeHub, tmp_path: Path) -> None:
    hub = make_hub({})
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "thesis.txt").write_text("mine")
    result = commsite("build", hub, "--out", docs)
    assert result.returncode == 1 and "did not write" in result.stderr
    assert (docs / "thesis.txt").read_text() == "mine"


def test_build_never_writes_into_the_hubs_sources(make_hub: MakeHub) -> None:
    hub = make_hub({"content/members/a.md": "---\nname: A\n---\n"})
    result = commsite("build", hub, "--out", hub / "content")
    assert result.returncode == 1 and "sources" in result.stderr
    assert (hub / "content" / "members" / "a.md").is_file()


def test_build_replaces_its_own_earlier_output(make_hub: MakeHub, tmp_path: Path) -> None:
    hub = make_hub({})
    assert commsite("build", hub, "--out", tmp_path / "site").returncode == 0
    assert commsite("build", hub, "--out", tmp_path / "site").returncode == 0


def test_valid_but_odd_content_builds_with_warnings_that_say_where(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/pages/jekyll.md": "---\ntitle: Jekyll\n---\nHello\n\n{% include header.html %}\n",
            "content/pages/rest.md": "---\ntitle: reST\n---\n.. note::\n\n   This is reStructuredText.\n",
            "content/pages/html.md": '---\ntitle: HTML\n---\n<div class="box">Boxed</div>\n',
            "content/pages/title.md": '---\ntitle: "Zero\\u200bwidth \\u202eRTL 🎉"\n---\nBody\n',
        },
        site_yaml=SITE_YAML + "raw_html: escape\n",  # HTML rendered as GitHub does is not odd
    )
    result = commsite("build", hub)
    assert result.returncode == 0, result.stderr
    for where, what in [
        ("content/pages/jekyll.md:6", "Liquid"),
        ("content/pages/rest.md:4", "reStructuredText"),
        ("content/pages/html.md:4", "raw HTML is shown as text"),
        ("content/pages/title.md:2", "invisible characters"),
    ]:
        assert f"warning: {where}" in result.stderr and what in result.stderr, (where, result.stderr)
    assert "{% include header.html %}" in (hub / "public" / "jekyll" / "index.html").read_text("utf-8")


def test_build_ends_with_a_summary_line_of_files_written_and_unchanged(make_hub: MakeHub) -> None:
    hub = make_hub({"content/events/e.md": "---\ntitle: E\nstart: 2026-01-01\n---\n"})
    first, second = commsite("build", hub), commsite("build", hub)
    assert re.fullmatch(r"built \d+ pages \((\d+) files\) into \S+: \1 written, 0 unchanged, \d+\.\d s\n", first.stdout)
    assert re.fullmatch(
        r"built \d+ pages \((\d+) files\) into \S+: 0 written, \1 unchanged, \d+\.\d s\n", second.stdout
    )
    assert "\r" not in first.stderr + second.stderr  # no progress drawing outside a terminal


def test_progress_shows_only_once_a_build_takes_a_while() -> None:
    quick, slow = io.StringIO(), io.StringIO()
    for progress in (TerminalProgress(quick, delay=60), TerminalProgress(slow, delay=0)):
        for done in range(1, 4):
            progress(done, 3)
        progress.clear()
    assert quick.getvalue() == ""
    assert slow.getvalue().startswith("\rrendering 1 of 3") and "rendering 3 of 3" in slow.getvalue()
    assert slow.getvalue().endswith("\r\033[K")  # the line is cleared for the summary
