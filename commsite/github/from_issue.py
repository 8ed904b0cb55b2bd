"""`commsite from-issue`: a member's issue, written with one of the hub's forms, as a content file.

The answers are read (forms.py), turned into the file the form asks for (a lightning talk
added to its event's file, an external report, a member's profile), and the hub is checked
with that file in it, as ``commsite check`` would. Only a file that builds is written;
otherwise every problem is given back, each with its field and a fix, for the workflow to
post on the issue in Markdown.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from ..build import check
from ..engine.cache import CACHE_DIR
from ..errors import BuildFailed, CommsiteError, ContentError, display_path
from ..graph.site import Site
from ..source.discover import BUNDLE_INDEX
from ..urls import slugify
from . import read
from .forms import FORMS, Form, answers
from .problems import NotMade, Problem


def from_issue(body: str, form_name: str, hub: Path, login: str | None = None) -> Path:
    """Write the file the issue asks for into ``hub`` and return its path; raise NotMade
    (writing nothing) when its answers do not make a file that builds."""
    form = FORMS.get(form_name)
    if form is None:
        raise CommsiteError(f"there is no form '{form_name}'; the forms are {', '.join(FORMS)}")
    hub = hub.resolve()
    given = answers(body, form, hub)
    site = check(hub).site  # the hub as it stands must build: a mistake of its own is not the member's
    problems: list[Problem] = []
    path, text = _MAKERS[form.name](given, site, login or None, problems)
    if problems:
        raise NotMade(form, problems)
    _check_with(hub, path, text, form, site.config.output_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _lightning_talk(given: dict[str, str], site: Site, login: str | None, problems: list[Problem]) -> tuple[Path, str]:
    event = read.event(given["event"], site, problems)
    title = read.required(given, "title", problems)
    speaker = read.person(given["speaker"], "speaker", site, login, problems)
    if event is None or not title or speaker is None:
        return Path(), ""
    if event.status != "scheduled":
        problems.append(Problem("event", "not_held", {"title": event.title}))
    elif event.id not in site.upcoming_dates:
        when = event.start.isoformat()[:10]
        problems.append(Problem("event", "past", {"title": event.title, "date": when}))
    talk: dict[str, Any] = {"title": title, "kind": "lightning", "speakers": [speaker]}
    if given["abstract"]:
        talk["abstract"] = given["abstract"]
    path = event.source.path
    try:
        text = with_talk(path.read_text("utf-8"), talk)
    except ValueError as error:
        problems.append(Problem("event", "by_hand", {"why": str(error)}))
        return path, ""
    return path, text


def _report(given: dict[str, str], site: Site, login: str | None, problems: list[Problem]) -> tuple[Path, str]:
    event = read.event(given["event"], site, problems)
    title = read.required(given, "title", problems)
    url = read.address(given["url"], "url", problems)
    author = read.person(given["author"], "author", site, login, problems)
    if event is None or not title or url is None or author is None:
        return Path(), ""
    listed = [report for report in site.reports.values() if report.external_url == url]
    if listed:
        where = display_path(listed[0].source.path, site.config.root)
        problems.append(Problem("url", "listed", {"file": where}))
    today = datetime.now(ZoneInfo(site.config.timezone)).date()
    fields = {"title": title, "date": today, "event": event.id, "authors": [author], "external_url": url}
    path = _free(site.config.root / "content" / "reports", f"{today.isoformat()}-{slugify(title)}")
    return path, _front_matter(fields)


def _profile(given: dict[str, str], site: Site, login: str | None, problems: list[Problem]) -> tuple[Path, str]:
    name = read.required(given, "name", problems)
    links = read.links(given["links"], login, problems)
    member_id = slugify(login) if login else slugify(name) if name else ""
    if login and (mine := read.by_login(site, login)) is not None:
        problems.append(Problem("name", "mine", {"id": mine}))
    elif member_id in site.members:
        problems.append(Problem("name", "taken", {"id": member_id}))
    fields: dict[str, Any] = {"name": name}
    if given["reading"]:
        fields["reading"] = given["reading"]
    if links:
        fields["links"] = links
    path = site.config.root / "content" / "members" / f"{member_id}.md"
    body = given["bio"].strip()
    return path, _front_matter(fields) + (f"{body}\n" if body else "")


_MAKERS = {"lightning-talk": _lightning_talk, "report": _report, "profile": _profile}


def with_talk(text: str, talk: dict[str, Any]) -> str:
    """An event file's text with ``talk`` added at the end of its ``talks:`` list, every other
    line as it was (comments, order, quoting): the file stays the organiser's own."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].lstrip("\ufeff").strip() != "---" or "---" not in (line.rstrip() for line in lines[1:]):
        raise ValueError("the event's file has no front matter")
    close = next(n for n, line in enumerate(lines) if n > 0 and line.rstrip() == "---")
    start = next((n for n in range(1, close) if re.match(r"talks\s*:", lines[n])), None)
    item = yaml.safe_dump([talk], allow_unicode=True, sort_keys=False, width=1000).rstrip("\n").split("\n")
    if start is None or re.fullmatch(r"talks\s*:\s*(\[\s*\])?\s*(#.*)?", lines[start]) is None:
        if start is not None:
            raise ValueError("the event's talks are written on one line")
        lines[close:close] = ["talks:", *(f"  {line}" for line in item)]
    else:
        end = start + 1
        while end < close and (not lines[end].strip() or lines[end][0] in " \t-#"):
            end += 1
        while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1  # blank lines and comments after the last talk stay after the new one
        items = [line for line in lines[start + 1 : end] if line.lstrip().startswith("- ")]
        indent = re.match(r"\s*", items[0]).group() if items else "  "  # type: ignore[union-attr]
        if lines[start].split(":", 1)[1].strip().startswith("[]"):
            lines[start] = "talks:"
        lines[end:end] = [f"{indent}{line}" for line in item]
    return newline.join(lines)


def _front_matter(fields: dict[str, Any]) -> str:
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{text}---\n"


def _free(folder: Path, stem: str) -> Path:
    """``folder/stem.md``, or with -2, -3 … when that file exists."""
    path, number = folder / f"{stem}.md", 2
    while path.exists() or (folder / stem / BUNDLE_INDEX).exists():
        path, number = folder / f"{stem}-{number}.md", number + 1
        stem = path.stem
    return path


def _check_with(hub: Path, path: Path, text: str, form: Form, output_dir: str) -> None:
    """Check a copy of the hub with the new file in it, as ``commsite check`` would."""
    with tempfile.TemporaryDirectory(prefix="commsite-issue-") as folder:
        copy = Path(folder) / "hub"
        shutil.copytree(hub, copy, ignore=shutil.ignore_patterns(".git", CACHE_DIR, output_dir))
        target = copy / path.relative_to(hub)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
        try:
            check(copy)
        except BuildFailed as failure:
            moved = [_in_hub(error, copy, hub) for error in failure.errors]
            raise NotMade(form, [], moved, hub) from None


def _in_hub(error: ContentError, copy: Path, hub: Path) -> ContentError:
    """An error found in the copy, told as of the hub's own file."""
    try:
        path = hub / error.location.path.relative_to(copy)
    except ValueError:
        return error
    return replace(error, location=replace(error.location, path=path))
