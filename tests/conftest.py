"""Shared fixtures: tiny hubs written inline, built in a temporary folder."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from .support import CHROMIUM_FLAGS

REPO = Path(__file__).resolve().parent.parent

# A fixed "now" so that upcoming and past do not depend on the day the tests run.
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)

SITE_YAML = """\
title: Test Hub
base_url: https://example.github.io/hub/
language: en
timezone: Asia/Tokyo
"""

MakeHub = Callable[..., Path]


def copy_example_hub(hub: Path) -> Path:
    """A copy of the repository's example hub (content, static files, site.yaml) at ``hub``."""
    for folder in ("content", "static"):
        shutil.copytree(REPO / folder, hub / folder)
    shutil.copy(REPO / "site.yaml", hub / "site.yaml")
    return hub


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Write files into a hub: texts dedented (so tests can indent them), bytes as they are."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def make_hub(tmp_path: Path) -> MakeHub:
    """Write a hub from {relative path: text}; texts are dedented. site.yaml has a default."""

    def make(files: dict[str, str | bytes], *, site_yaml: str = SITE_YAML, name: str = "hub") -> Path:
        root = tmp_path / name
        root.mkdir()
        (root / "site.yaml").write_text(site_yaml, encoding="utf-8")
        write_files(root, files)
        return root

    return make


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright (never a browser of Playwright's own)."""
    chromium = shutil.which("chromium")
    assert chromium, "run scripts/test, which installs Debian's chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
