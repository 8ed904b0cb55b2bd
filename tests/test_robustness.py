"""The last good site is never lost, builds never collide, and the same content gives
the same bytes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from commsite import BuildFailed, build
from commsite.engine.write import MARKER, output_lock

from .conftest import NOW, REPO, copy_example_hub
from .support import site_files

Site = dict[str, bytes]  # a site's files and their bytes


_snapshot = site_files


_KILL_AT = [0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.5]  # seconds after the build starts
_IN_PLACE = (  # commsite build, writing an edit in place as it does in a big site
    "import sys; from commsite.cli import run; import commsite.engine.publish as publish; "
    "assert publish._IN_PLACE_FROM_KEPT; publish._IN_PLACE_FROM_KEPT = 0; sys.argv[0] = 'commsite'; run()"
)


def _edited_and_killed(tmp_path: Path, command: list[str]) -> Iterator[tuple[float, Site, Site, Site]]:
    """Build the example hub, edit an event, then start the same build and kill it at
    several moments. For each: when, the site before the edit, after it, and as the kill left it."""
    hub = copy_example_hub(tmp_path / "hub")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000"}
    out = tmp_path / "site" / "public"
    build_into = [*command, "build", str(hub), "--out"]
    subprocess.run([*build_into, str(out)], env=env, check=True, capture_output=True)
    before = _snapshot(out)
    event = hub / "content/events/2026-12-12-study-12.md"
    event.write_text(event.read_text("utf-8").replace("忘年会", "望年会", 1), encoding="utf-8")
    after_out = tmp_path / "after" / "public"
    subprocess.run([*build_into, str(after_out)], env=env, check=True, capture_output=True)
    after = _snapshot(after_out)
    assert before != after
    for delay in _KILL_AT:
        process = subprocess.Popen(
            [*build_into, str(out)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        yield delay, before, after, _snapshot(out)
    subprocess.run([*build_into, str(out)], env=env, check=True, capture_output=True)
    assert _snapshot(out) == after
    assert sorted(p.name for p in out.parent.iterdir()) == ["public"]  # leftovers of killed builds are gone


def test_a_build_killed_at_any_moment_leaves_a_whole_site(tmp_path: Path) -> None:
    for delay, before, after, site in _edited_and_killed(tmp_path, [sys.executable, "-m", "commsite"]):
        assert site in (before, after), f"a half-written site after a kill at {delay}s"


def test_an_edit_written_in_place_and_killed_leaves_every_file_whole(tmp_path: Path) -> None:
    """In a big site an edit replaces its files in place: a kill can leave some pages new
    and some old, but never a file cut short, and the next build completes the edit."""
    for delay, before, after, site in _edited_and_killed(tmp_path, [sys.executable, "-c", _IN_PLACE]):
        assert site.keys() == before.keys()
        cut = [file for file, data in site.items() if data not in (before[file], after[file])]
        assert not cut, f"files neither old nor new after a kill at {delay}s: {cut}"


def test_a_second_build_at_the_same_time_refuses_with_a_clear_message(tmp_path: Path) -> None:
    hub = copy_example_hub(tmp_path / "hub")
    out = tmp_path / "site" / "public"
    build(hub, out, now=NOW)
    before = _snapshot(out)
    with output_lock(out):
        result = subprocess.run(
            [sys.executable, "-m", "commsite", "build", str(hub), "--out", str(out)], capture_output=True, text=True
        )
    assert result.returncode == 1 and "another commsite build is writing" in result.stderr
    assert _snapshot(out) == before


def test_same_content_gives_the_same_bytes_whatever_order_files_are_found_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    first = build(REPO, tmp_path / "one" / "public").out
    original = Path.iterdir
    monkeypatch.setattr(Path, "iterdir", lambda self: iter(sorted(original(self), reverse=True)))
    second = build(REPO, tmp_path / "two" / "public").out
    every_file = _files(first)
    assert every_file == _files(second)
    assert "pagefind/pagefind-entry.json" in every_file  # the search index too


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a site, the output marker apart: it names the build that wrote it."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


def test_in_process_lock_refusal_is_a_build_error(tmp_path: Path) -> None:
    hub = copy_example_hub(tmp_path / "hub")
    out = tmp_path / "site" / "public"
    with output_lock(out), pytest.raises(BuildFailed):
        build(hub, out, now=NOW)
