"""Splitting files and reading YAML: positions, YAML 1.2 scalars, and clear failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from commsite.errors import Invalid
from commsite.frontmatter import parse

PATH = Path("content/events/x.md")


def test_body_starts_after_the_closing_fence_and_positions_are_file_lines() -> None:
    doc = parse(PATH, b"---\ntitle: A\ntalks:\n  - title: B\n---\nBody\n")
    assert doc.meta == {"title": "A", "talks": [{"title": "B"}]}
    assert doc.body == "Body\n"
    assert doc.body_line == 6
    where = doc.locator.at(("talks", 0, "title"))
    assert (where.line, where.column, where.source_line) == (4, 12, "  - title: B")


def test_bom_and_crlf_are_accepted() -> None:
    doc = parse(PATH, "\ufeff---\r\ntitle: 勉強会\r\n---\r\nBody\r\n".encode())
    assert doc.meta["title"] == "勉強会"
    assert doc.body == "Body\n"


@pytest.mark.parametrize(
    ("written", "read"),
    [("19:10", "19:10"), ("no", "no"), ("2025-09-18", "2025-09-18"), ("on", "on"), ("012", 12), ("true", True)],
)
def test_scalars_follow_yaml_1_2_not_1_1(written: str, read: object) -> None:
    assert parse(PATH, f"---\nvalue: {written}\n---\n".encode()).meta["value"] == read


def test_a_dashes_line_in_the_body_is_body_text() -> None:
    doc = parse(PATH, b"---\ntitle: A\n---\nabove\n---\nbelow\n")
    assert doc.body == "above\n---\nbelow\n"


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        (b"title: A\n", 1, "does not start with front matter"),
        (b"---\ntitle: A\n", 1, "no closing '---'"),
        (b"---\ntitle: [A\n---\n", 2, "invalid YAML"),
        (b"---\n- a\n---\n", 2, "this is a list"),
        (b"---\ntitle: A\ntitle: B\n---\n", 3, "given twice"),
        (b"---\ntitle: \xff\n---\n", 2, "not UTF-8"),
    ],
)
def test_broken_front_matter_is_reported_with_its_line(source: bytes, line: int, message: str) -> None:
    with pytest.raises(Invalid) as caught:
        parse(PATH, source)
    error = caught.value.errors[0]
    assert error.location.line == line
    assert message in error.message
