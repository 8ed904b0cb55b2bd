"""The benchmark's synthetic hubs are deterministic and valid content."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import commsite.load
import commsite.parallel
import commsite.render
from commsite import BuildFailed, build

from .conftest import NOW, REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


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
    monkeypatch.setattr(commsite.parallel, "cores", lambda: 1)
    one = build(hub, tmp_path / "one" / "public", now=NOW)
    monkeypatch.setattr(commsite.parallel, "cores", lambda: 2)
    monkeypatch.setattr(commsite.load, "_PARALLEL_FROM", 100)  # the small hub has fewer files than a fork pays for
    parsers = _processes(commsite.load, "parse_file", tmp_path / "parsers", monkeypatch)
    renderers = _processes(commsite.render, "render", tmp_path / "renderers", monkeypatch)
    two = build(hub, tmp_path / "two" / "public", now=NOW)
    assert len(parsers()) == len(renderers()) == 2  # this process and a worker both parsed and rendered
    assert len(two.written) == two.files > commsite.render._PARALLEL_FROM  # big enough to use both cores
    assert len(two.cache.parsed) > commsite.load._PARALLEL_FROM
    assert _files(one.out) == _files(two.out)
    assert two.cache.parsed == one.cache.parsed
    assert build(hub, two.out, now=NOW).written == ()  # every output's record came back from the workers


def test_a_template_error_in_a_worker_fails_the_build_and_keeps_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = generate("small", tmp_path / "hub")
    monkeypatch.setattr(commsite.parallel, "cores", lambda: 2)
    out = build(hub, tmp_path / "site" / "public", now=NOW).out
    before = _files(out)
    (hub / "templates").mkdir()
    (hub / "templates" / "member.html").write_text("{{ member.no_such_field.oops }}", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(hub, out, now=NOW)
    assert failure.value.errors and all(error.location.path.name == "member.html" for error in failure.value.errors)
    assert _files(out) == before
