"""The benchmark's synthetic hubs are deterministic and valid content."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import commsite.content.load
import commsite.engine.parallel
import commsite.render.render
from commsite import BuildFailed, build
from commsite.engine.write import MARKER

from .conftest import NOW, REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import bilingual, generate


def _files(folder: Path) -> dict[str, bytes]:
    """Every file and its bytes; of a site, the output marker apart (it names the build that wrote it)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


def _processes(module: object, name: str, noted: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], set[str]]:
    """Have ``module.name`` note the process calling it in the file ``noted`` (forked
    workers too): gives the set of processes that called it."""
    real = getattr(module, name)

    def noting(*args: Any, **kwargs: Any) -> Any:
        with noted.open("a") as file:
            file.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, noting)
    return lambda: set(noted.read_text().split())


def test_the_small_synthetic_hub_is_the_same_every_time_and_builds_cleanly(tmp_path: Path) -> None:
    first = generate("small", tmp_path / "one")
    assert _files(first) == _files(generate("small", tmp_path / "two"))
    result = build(first, tmp_path / "site" / "public", now=NOW)
    assert result.pages > 1000 and not result.warnings
    assert (result.out / "calendar.ics").is_file()


def test_parsing_and_rendering_on_several_cores_gives_the_same_site_and_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = generate("small", tmp_path / "hub")
    monkeypatch.setattr(commsite.engine.parallel, "cores", lambda: 1)
    one = build(hub, tmp_path / "one" / "public", now=NOW)
    monkeypatch.setattr(commsite.engine.parallel, "cores", lambda: 2)
    monkeypatch.setattr(
        commsite.content.load, "_PARALLEL_FROM", 100
    )  # the small hub has fewer files than a fork pays for
    parsers = _processes(commsite.content.load, "parse_file", tmp_path / "parsers", monkeypatch)
    renderers = _processes(commsite.render.render, "render", tmp_path / "renderers", monkeypatch)
    two = build(hub, tmp_path / "two" / "public", now=NOW)
    assert len(parsers()) == len(renderers()) == 2  # this process and a worker both parsed and rendered
    assert len(two.written) == two.files > commsite.render.render._PARALLEL_FROM  # big enough to use both cores
    assert len(two.cache.parsed) > commsite.content.load._PARALLEL_FROM
    assert _files(one.out) == _files(two.out)
    assert two.cache.parsed == one.cache.parsed
    assert build(hub, two.out, now=NOW).written == ()  # every output's record came back from the workers


def test_a_template_error_in_a_worker_fails_the_build_and_keeps_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = generate("small", tmp_path / "hub")
    monkeypatch.setattr(commsite.engine.parallel, "cores", lambda: 2)
    out = build(hub, tmp_path / "site" / "public", now=NOW).out
    before = _files(out)
    (hub / "templates").mkdir()
    (hub / "templates" / "member.html").write_text("{{ member.no_such_field.oops }}", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(hub, out, now=NOW)
    assert failure.value.errors and all(error.location.path.name == "member.html" for error in failure.value.errors)
    assert _files(out) == before


def test_a_worker_is_given_more_work_while_this_process_makes_a_long_task(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commsite.engine.parallel, "cores", lambda: 2)
    done_by_worker = tmp_path / "done"
    done_by_worker.touch()
    here, count = os.getpid(), 12

    def task(number: int) -> int:
        if os.getpid() != here:
            time.sleep(0.05)
            with done_by_worker.open("a") as file:
                file.write(f"{number}\n")
            return 0
        if number != count - 1:
            return 0
        # The first task this process takes (from the back) is long: it ends once the worker
        # has done every other one, which it can only do if it is handed them meanwhile.
        deadline = time.monotonic() + 10
        while len(done_by_worker.read_text().split()) < count - 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        return len(done_by_worker.read_text().split())

    results = dict(commsite.engine.parallel.done_in_turn(task, count, fork=True))
    assert sorted(results) == list(range(count))
    assert sum(results.values()) == count - 1  # this process made one task, after the worker made all the rest


def test_an_error_in_a_worker_reaches_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commsite.engine.parallel, "cores", lambda: 2)
    here = os.getpid()

    def task(number: int) -> int:
        if os.getpid() != here and number == 0:  # workers start from the front
            raise ValueError("a bug in a worker")
        return number

    with pytest.raises(ValueError, match="a bug in a worker"):
        list(commsite.engine.parallel.done_in_turn(task, 8, fork=True))


def test_the_bilingual_variant_builds_both_languages_cleanly(tmp_path: Path) -> None:
    hub = bilingual(generate("small", tmp_path / "hub"))
    result = build(hub, tmp_path / "public", now=NOW)
    translated = sorted((hub / "content" / "events").glob("*.en.md"))
    assert len(translated) > 50 and not [w for w in result.warnings if "translat" in w.message]
    english = sorted((tmp_path / "public" / "en" / "events").glob("*/index.html"))
    assert len(english) == sum(1 for _ in (tmp_path / "public" / "events").glob("*/index.html"))
    assert sum("<h1>Meetup " in page.read_text("utf-8") for page in english) > 50
