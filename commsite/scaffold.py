"""`commsite init` and `commsite new`: files an organiser starts from, valid as written."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from .cache import CACHE_DIR
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

_TEMPLATES = {
    "event": """\
---
title: {title}
start: {today} 19:00
end: {today} 21:00
venue: TBD
registration: https://example.com/register
talks:
  - title: Opening talk
    speakers: [{member}]
    kind: talk
    start: "19:10"
    duration: 20
---
What the event is about, who it is for, and what to bring.
""",
    "member": """\
---
name: {title}
roles: [speaker]
links:
  website: https://example.com/
---
A few words about yourself.
""",
    "report": """\
---
title: {title}
date: {today}
authors: []
summary: One sentence for lists and feeds.
---
What happened, what you learned, and who you met.
""",
    "page": """\
---
title: {title}
---
Write the page here.
""",
}

_FOLDERS = {"event": "events", "member": "members", "report": "reports", "page": "pages"}


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
    today = date.today().isoformat()
    item_id = member_id or slugify(title)
    if kind in ("event", "report"):
        item_id = f"{today}-{item_id}"
    path = hub / "content" / _FOLDERS[kind] / f"{item_id}.md"
    if path.exists():
        raise CommsiteError(f"{path} already exists; choose another title")
    text = _TEMPLATES[kind].format(title=json.dumps(title, ensure_ascii=False), today=today, member=member)
    if kind == "event" and not member:
        text = text.replace("    speakers: []\n", "")
    return _write(path, text)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
