"""Images' own sizes, for their width and height attributes: with them the browser keeps
an image's room before it loads, so the text a member is reading does not jump.

Only images the hub holds are measured: those the load stage found beside an item, and those
under static/. An image given by URL is left as it is; fetching it would make the build
depend on the network.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from ..content.model import Source

Size = tuple[int, int]


def local_file(root: Path, source: Source | None, value: str, base_path: str = "/") -> Path | None:
    """The file an item's image names: '/x' (or the deployed '/hub/x') under static/, whether
    or not it is there yet; anything else, one of the files the load stage found beside the
    item and copies with it. None for a URL, or for a name that would lead out of its folder."""
    if re.match(r"[a-z][a-z0-9+.-]*:|//", value, re.IGNORECASE):
        return None
    name = unquote(value.split("#")[0].split("?")[0])
    if not name.startswith("/"):
        if source is None:  # a series named by an event, with no file of its own
            return None
        beside = source.path.parent / name
        return beside if beside in source.assets else None
    static = root / "static"
    found = (static / (name[len(base_path) :] if name.startswith(base_path) else name.lstrip("/"))).resolve()
    return found if found.is_relative_to(static.resolve()) else None


def size(path: Path) -> Size | None:
    """Width and height in CSS pixels, or None for a missing file or a format imagesize does not know."""
    import imagesize  # it loads urllib's HTTP client: only for a build that has images to measure

    try:
        width, height = imagesize.get(path)
    except (OSError, ValueError):
        return None
    return (round(width), round(height)) if width > 0 and height > 0 else None


_IMAGE = re.compile(r"<img\s[^>]*>")
_SOURCE = re.compile(r'\ssrc="([^"]*)"')


def with_sizes(html: str, measure: Callable[[str], Size | None]) -> str:
    """Give each image of a rendered body its size (unless the author gave one), and have it
    load only as it scrolls near."""

    def sized(found: re.Match[str]) -> str:
        tag = found[0]
        source = _SOURCE.search(tag)
        known = measure(source[1].replace("&amp;", "&")) if source else None
        extra = ""
        if known and " width=" not in tag and " height=" not in tag:
            extra += f' width="{known[0]}" height="{known[1]}"'
        if " loading=" not in tag:
            extra += ' loading="lazy" decoding="async"'
        end = -2 if tag.endswith("/>") else -1
        return tag[:end].rstrip() + extra + tag[end:]

    return _IMAGE.sub(sized, html)
