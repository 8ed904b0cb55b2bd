"""`commsite init` and `commsite new`: files an organiser starts from, valid as written."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from . import kinds
from .engine.cache import CACHE_DIR
from .errors import CommsiteError
from .urls import slugify

_SITE_YAML = """\
title: {title}
description: A community hub built with commsite
base_url: https://example.github.io/{name}/
language: en
timezone: Asia/Tokyo
event_duration: 120
menu:
  - {{title: Events, url: /events/}}
  - {{title: Talks, url: /talks/}}
  - {{title: Members, url: /members/}}
  - {{title: Reports, url: /reports/}}
  - {{title: About, url: /about/}}
"""


def init(target: Path) -> list[Path]:
    if target.exists() and any(target.iterdir()):
        raise CommsiteError(f"{target} is not empty; choose a new folder for the hub")
    name = slugify(target.resolve().name)
    written = [
        _write(
            target / "site.yaml",
            _SITE_YAML.format(title=json.dumps(target.resolve().name, ensure_ascii=False), name=name),
        ),
        _write(target / ".gitignore", f"public/\n{CACHE_DIR}/\n"),
        _write(target / "static" / ".keep", ""),
        new("member", "Your Name", target, member_id="you"),
        new("event", "First meetup", target, member="you"),
        new("page", "About", target),
    ]
    return written


def new(kind: str, title: str, hub: Path, *, member_id: str | None = None, member: str = "") -> Path:
    if not title.strip():
        raise CommsiteError('give the new item a title, e.g. commsite new event "Study meetup #13"')
    declared = kinds.named(kind)
    assert declared.starter is not None, kind  # the command line offers only kinds with a starter
    today = date.today().isoformat()
    item_id = member_id or slugify(title)
    if declared.starter_dated:
        item_id = f"{today}-{item_id}"
    path = hub / "content" / declared.name / f"{item_id}.md"
    if path.exists():
        raise CommsiteError(f"{path} already exists; choose another title")
    text = declared.starter.format(title=json.dumps(title, ensure_ascii=False), today=today, member=member)
    if not member:  # an event's first talk, when init has no member to give it
        text = text.replace("    speakers: []\n", "")
    return _write(path, text)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
