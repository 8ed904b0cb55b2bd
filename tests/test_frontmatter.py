"""Splitting files and reading YAML: positions, YAML 1.2 scalars, and clear failures."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from commsite.errors import Invalid
from commsite.source.frontmatter import parse

PATH = Path("content/events/x.md")


def test_body_starts_after_the_closing_fence_and_positions_are_file_lines() -> None:
    doc = parse(PATH, b"---\ntitle: A\ntalks:\n  - title: B\n---\nBody\n")
    assert doc.meta == {"title": "A", "talks": [{"title": "B"}]}
    assert doc.body == "Body\n"
    assert doc.body_line == 6
    where = doc.locator.at(("talks", 0, "title"))
    assert (where.line, where.column, where.source_line) == (4, 12, "  - title: B")


def test_a_locator_read_back_from_the_cache_finds_the_same_places() -> None:
    raw = b"---\ntitle: T\ntalks:\n  - title: A\n    speakers: [x, y]\n---\nBody\n"
    locator = parse(Path("e.md"), raw).locator
    again = pickle.loads(pickle.dumps(locator))
    for field in [(), ("title",), ("talks", 0, "speakers", 1), ("talks", 0, "nothing")]:
        assert again.at(field) == locator.at(field)
    assert again.at(("talks",), key=True) == locator.at(("talks",), key=True)
    assert again == locator and pickle.loads(pickle.dumps(again)).values == locator.values


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


def test_text_cut_short_by_a_comment_is_an_error_with_the_quoted_fix() -> None:
    with pytest.raises(Invalid) as caught:
        parse(PATH, b"---\ntitle: CMC Study #12\n---\n")
    (error,) = caught.value.errors
    assert (error.location.line, error.field) == (2, "title")
    assert error.hint == 'put the whole value in quotes: "CMC Study #12"'


def test_a_deliberate_comment_is_fine() -> None:
    assert parse(PATH, b"---\ncapacity: 30  # seats\nvenue: Hall # the big one\n---\n").meta == {
        "capacity": 30,
        "venue": "Hall",
    }


def test_merge_keys_may_override_what_they_merge() -> None:
    source = b"---\ntalks:\n  - &lt\n    title: LT 1\n    kind: lightning\n  - <<: *lt\n    title: LT 2\n---\n"
    assert parse(PATH, source).meta["talks"][1] == {"title": "LT 2", "kind": "lightning"}


@pytest.mark.parametrize("source", [b"---\ndraft: !!bool maybe\n---\n", b"---\nx: " + b"[" * 2000 + b"\n---\n"])
def test_yaml_that_pyyaml_cannot_construct_is_an_error_not_a_crash(source: bytes) -> None:
    with pytest.raises(Invalid):
        parse(PATH, source)
