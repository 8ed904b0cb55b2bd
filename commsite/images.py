"""Images' own sizes, for their width and height attributes: with them the browser keeps
an image's room before it loads, so the text a member is reading does not jump.

Only images the hub holds are measured: a bundle's files and those under static/. An image
given by URL is left as it is; fetching it would make the build depend on the network.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import imagesize

Size = tuple[int, int]


def local_file(root: Path, source: Path | None, value: str, base_path: str = "/") -> Path | None:
    """The file an item's image names: '/x' (or the deployed '/hub/x') from static/, anything
    else beside a bundle's index.md. None for a URL or a file that is not there."""
    if "://" in value or value.startswith(("//", "data:")):
        return None
    if value.startswith("/"):
        path = value[len(base_path) :] if value.startswith(base_path) else value.lstrip("/")
        found = root / "static" / path
    elif source is not None and source.name == "index.md":
        found = source.parent / value
    else:
        return None
    return found if found.is_file() else None


def size(path: Path) -> Size | None:
    """Width and height in CSS pixels, or None for a format imagesize does not know."""
    try:
        width, height = imagesize.get(path)
    except (OSError, ValueError):
        return None
    return (round(width), round(height)) if width > 0 and height > 0 else None


_IMAGE = re.compile(r'<img src="([^"]*)"')  # as markdown-it (and the sanitizer) write them


def with_sizes(html: str, measure: Callable[[str], Size | None]) -> str:
    """Give each image of a rendered body its size, and have it load only as it scrolls near."""

    def sized(found: re.Match[str]) -> str:
        known = measure(found[1].replace("&amp;", "&"))
        dimensions = f' width="{known[0]}" height="{known[1]}"' if known else ""
        return f'{found[0]}{dimensions} loading="lazy" decoding="async"'

    return _IMAGE.sub(sized, html)
