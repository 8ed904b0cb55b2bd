"""Updating a site in place: each file whole, nothing left behind, failures change nothing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from commsite import BuildFailed
from commsite.engine.write import MARKER, Changes, folder_id, update_in_place


def _site(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    (root / MARKER).write_text("")
    return root


def _tree(root: Path) -> dict[str, str | None]:
    """The site's files (the marker apart: its token is new on every write, see the test below)."""
    files = (p for p in sorted(root.rglob("*")) if p.name != MARKER)
    return {p.relative_to(root).as_posix(): p.read_text() if p.is_file() else None for p in files}


def test_removed_files_take_their_emptied_folders_with_them(tmp_path: Path) -> None:
    out = _site(tmp_path / "out", {"tags/lt/index.html": "old", "tags/lt/rss.xml": "old", "index.html": "old"})
    changes = Changes([("index.html", b"new")], [], ["tags/lt/index.html", "tags/lt/rss.xml", "gone/x/index.html"])
    update_in_place(out, changes)  # a file whose folder is gone already is no error
    assert _tree(out) == {"index.html": "new"}


def test_a_failure_while_writing_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    out = _site(tmp_path / "out", {"index.html": "old", "events/a/index.html": "old"})
    before = _tree(out)
    pages = [("index.html", b"new"), ("events/b/index.html", b"new")]
    copies = [("events/b/slides.pdf", tmp_path / "missing.pdf")]
    with pytest.raises(BuildFailed):
        update_in_place(out, Changes(pages, copies, ["events/a/index.html"]))
    assert _tree(out) == before  # no new file, no temporary, no new folder, nothing removed
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # the staging folder is gone too


def test_files_being_written_never_show_inside_the_site(tmp_path: Path) -> None:
    # A build killed while it writes leaves only whole files in the site, old or new.
    out = _site(tmp_path / "out", {"index.html": "old"})
    seen = []

    def pages() -> Iterator[tuple[str, bytes]]:
        for relative in ("index.html", "events/a/index.html", "atom.xml"):
            seen.append(_tree(out))
            yield relative, b"new"

    update_in_place(out, Changes(pages(), []))
    assert all(tree == {"index.html": "old"} for tree in seen), seen
    assert _tree(out) == {
        "index.html": "new",
        "events": None,
        "events/a": None,
        "events/a/index.html": "new",
        "atom.xml": "new",
    }
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left


def test_a_site_restored_whole_is_the_folder_its_cache_describes_and_an_older_copy_is_not(tmp_path: Path) -> None:
    # CI restores the output folder from its cache into a new inode: still the same site.
    out = _site(tmp_path / "out", {"index.html": "old"})
    update_in_place(out, Changes([("index.html", b"new")], []))
    token = folder_id(out)
    assert token is not None
    restored = shutil.copytree(out, tmp_path / "restored")
    assert folder_id(restored) == token
    update_in_place(out, Changes([("index.html", b"newer")], []))
    assert folder_id(out) not in (None, token)  # the copy made before is another site now
    assert folder_id(tmp_path / "none") is None
