"""Links that lead nowhere, named at build time.

Every link and image an organiser wrote to this site (in a body, a talk's abstract or the
HTML in them, a menu entry or a link of site.yaml) is looked up among the files this build
publishes, static/ included. One that finds nothing is a warning with its file, line and
column, and the nearest URL the site has. Links are judged as the published site resolves
them: one from the site root under the deploy sub-path, a relative one from the page of
the item that wrote it.

Bodies are parsed once and their links kept with them (markdown.py), so the check runs in
full on every build, edits included: a page that disappears is reported at every page that
still links to it.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterator
from difflib import get_close_matches
from urllib.parse import unquote

from ..content.model import Link
from ..errors import ContentError, Location
from ..graph.site import Site, table_key
from ..source.config import Config
from .planned import Plan

_HINTED_AT_MOST = 100  # broken links given a 'did you mean': finding the nearest URL compares it with them all


def broken_links(
    site: Site, plan: Plan, published_by: Plan | None = None, translated_into: str | None = None
) -> list[ContentError]:
    """Every link of ``site`` (whose pages ``plan`` places) that leads to nothing that
    ``published_by`` (the plan of every output; by default ``plan``) publishes. With
    ``translated_into``, only the links written in translations into that language: the
    others are the originals', checked with the first language's site."""
    published = _Published(published_by or plan)
    found: list[ContentError] = []
    links = _links(site, plan) if translated_into is None else _translated_links(site, plan, translated_into)
    for page, link in links:
        path = _resolved(link.target, page)
        if path is None or not published.has(path):
            hint = published.nearest(path) if path is not None and len(found) < _HINTED_AT_MOST else None
            message = f"the link '{unquote(link.target)}' leads to no page or file of this site"
            found.append(ContentError(link.location, message, None, f"did you mean /{hint}?" if hint else None))
    return sorted(found, key=lambda error: (str(error.location.path), error.location.line or 0))


def _links(site: Site, plan: Plan) -> Iterator[tuple[str, Link]]:
    """Each link written to the site, with the site path of the page that shows it."""
    for table in site.tables.values():
        for item in table.values():
            page = plan.urls.get(table_key(item), "")
            if "://" not in page:  # a report that lives elsewhere shows no body here
                yield from ((page, link) for link in item.body_links)
    yield from (("", link) for link in _settings_links(site.config))


def _translated_links(site: Site, plan: Plan, language: str) -> Iterator[tuple[str, Link]]:
    written_in = f".{language}."  # x.en.md, index.en.md
    for table in site.tables.values():
        for item in table.values():
            if getattr(item, "written_in", None) != language:
                continue  # untranslated: its links are the original's
            page = plan.urls.get(table_key(item), "")
            if "://" not in page:
                yield from ((page, link) for link in item.body_links if written_in in link.location.path.name)


def _settings_links(config: Config) -> Iterator[Link]:
    """site.yaml's menu entries and links that lead into the site."""
    locate = config.locator.at if config.locator is not None else (lambda at: Location(config.root / "site.yaml"))
    for index, entry in enumerate(config.menu):
        if entry.url.startswith("/") and not entry.url.startswith("//"):
            yield Link(entry.url, locate(("menu", index, "url")))
    for name, value in config.links:
        if value.startswith("/") and not value.startswith("//"):
            yield Link(value, locate(("links", name)))


def _resolved(target: str, page: str) -> str | None:
    """The site path a link leads to from the page at ``page``, or None when it leaves the site."""
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return page  # only a query or a fragment: this page
    if path.startswith("/"):
        return path[1:]
    joined = posixpath.normpath(posixpath.join("/" + page, path))
    folder = path.endswith("/") or path.endswith(("/.", "/..")) or path in (".", "..")
    return joined[1:] + ("/" if folder and joined != "/" else "")


class _Published:
    """The files of this build, and the folders a browser may ask for (a page's, with or without its '/')."""

    def __init__(self, plan: Plan) -> None:
        self.files = {output.file for output in plan.outputs}
        self.pages = [output.path for output in plan.outputs if output.format == "html"]
        self._by_name: dict[str, list[str]] | None = None

    def has(self, path: str) -> bool:
        if path in self.files or path == "":
            return True
        folder = path if path.endswith("/") else path + "/"
        return folder + "index.html" in self.files  # Pages answers /about with /about/

    def nearest(self, path: str) -> str | None:
        """The page or file most like ``path``: one of the same name elsewhere, else the closest
        spelling; a page for a page, a file (an image, a PDF) for a file."""
        if self._by_name is None:
            self._by_name = defaultdict(list)
            for known in sorted(self.files | set(self.pages)):
                self._by_name[_name(known)].append(known.removesuffix("index.html"))
        name = _name(path)
        kind = [known for known in self._by_name if _is_file(known) == _is_file(name)]
        same = self._by_name.get(name) or next(
            (self._by_name[close] for close in get_close_matches(name, kind, n=1, cutoff=0.75)), None
        )
        return min(same, key=len) if same else None


def _is_file(name: str) -> bool:
    return "." in name


def _name(path: str) -> str:
    """The last part of a path: 'about' for 'pages/about/', 'pic.png' for 'x/pic.png'."""
    parts = [part for part in path.removesuffix("index.html").split("/") if part]
    return parts[-1] if parts else ""
