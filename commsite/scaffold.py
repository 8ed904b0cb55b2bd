"""`commsite init`, `commsite new` and `commsite translate`: files an organiser starts from, valid as written."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from . import kinds
from .content.load import parse_file
from .content.translations import translatable_texts
from .engine.cache import CACHE_DIR
from .errors import BuildFailed, CommsiteError
from .github.forms import FORMS, FORMS_FOLDER, form_yaml
from .github.workflows import WORKFLOWS_FOLDER, contribute_workflow, pages_workflow
from .source.config import load_config
from .source.discover import BUNDLE_INDEX, SourceFile
from .source.frontmatter import parse
from .urls import slugify

_SITE_YAML = """\
title: {title}
description: {description}
base_url: https://example.github.io/{name}/
language: {language}
timezone: {timezone}
event_duration: 120
menu:
{menu}
"""
_MENU = {
    "ja": (("イベント", "events"), ("発表", "talks"), ("メンバー", "members"), ("レポート", "reports")),
    "en": (("Events", "events"), ("Talks", "talks"), ("Members", "members"), ("Reports", "reports")),
}
_ABOUT = {"ja": "このハブについて", "en": "About"}
_DESCRIPTION = {"ja": "commsite で作ったコミュニティのハブ", "en": "A community hub built with commsite"}


def init(target: Path, *, language: str = "en", timezone: str = "UTC", forms: bool = True) -> list[Path]:
    """A hub that builds at once, with a workflow that publishes it to GitHub Pages on its
    first push and, unless ``forms`` is false, the issue forms members contribute through."""
    if target.exists() and any(target.iterdir()):
        raise CommsiteError(f"{target} is not empty; choose a new folder for the hub")
    _known_zone(timezone)
    lang = "ja" if language == "ja" else "en"  # the languages the default theme speaks
    menu = [*_MENU[lang], (_ABOUT[lang], "about")]
    settings = _SITE_YAML.format(
        title=json.dumps(target.resolve().name, ensure_ascii=False),
        description=_DESCRIPTION[lang],
        name=slugify(target.resolve().name),
        language=lang,
        timezone=timezone,
        menu="\n".join(f"  - {{title: {title}, url: /{folder}/}}" for title, folder in menu),
    )
    written = [
        _write(target / "site.yaml", settings),
        _write(target / ".gitignore", f"public/\n{CACHE_DIR}/\n"),
        _write(target / "static" / ".keep", ""),
        new("member", "Your Name", target, item_id="you"),
        new("event", "First meetup", target, member="you"),
        new("page", _ABOUT[lang], target, item_id="about"),
        _write(target / WORKFLOWS_FOLDER / "pages.yml", pages_workflow(timezone)),
    ]
    if forms:
        written.append(_write(target / WORKFLOWS_FOLDER / "contribute.yml", contribute_workflow()))
        written += [
            _write(target / FORMS_FOLDER / f"{name}.yml", form_yaml(form, lang)) for name, form in FORMS.items()
        ]
    return written


def _known_zone(timezone: str) -> None:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise CommsiteError(f"'{timezone}' is not a time zone; write an IANA name such as Asia/Tokyo") from None


def local_timezone() -> str:
    """This computer's IANA time zone, the default of a new hub's: from TZ, else from
    /etc/localtime's link into the zone database; UTC when neither names one."""
    named = os.environ.get("TZ", "").lstrip(":")
    if not named:
        try:
            named = os.path.realpath("/etc/localtime").split("zoneinfo/", 1)[1]
        except IndexError:
            named = "UTC"
    try:
        ZoneInfo(named)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return named


def new(
    kind: str, title: str, hub: Path, *, item_id: str | None = None, member: str = "", language: str | None = None
) -> Path:
    """A new item's file, valid as written; ``language``: its original's, when not the hub's first."""
    if not title.strip():
        raise CommsiteError('give the new item a title, e.g. commsite new event "Study meetup #13"')
    declared = kinds.named(kind)
    assert declared.starter is not None, kind  # the command line offers only kinds with a starter
    today = date.today().isoformat()
    item_id = item_id or slugify(title)
    if declared.starter_dated:
        item_id = f"{today}-{item_id}"
    path = hub / "content" / declared.name / f"{item_id}.md"
    if path.exists():
        raise CommsiteError(f"{path} already exists; choose another title")
    text = declared.starter.format(title=json.dumps(title, ensure_ascii=False), today=today, member=member)
    if language is not None:
        text = text.replace("---\n", f"---\nlanguage: {_one_of_the_hubs(language, hub)}\n", 1)
    if not member:  # an event's first talk, when init has no member to give it
        text = text.replace("    speakers: []\n", "")
    return _write(path, text)


def _one_of_the_hubs(language: str, hub: Path) -> str:
    languages = load_config(hub).languages
    if language not in languages:
        raise CommsiteError(f"'{language}' is not one of the hub's languages ({', '.join(languages)})")
    return language


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def translate(original: Path, language: str, hub: Path) -> Path:
    """Write the translation of ``original`` into ``language`` beside it (x.en.md beside
    x.md): exactly the fields a translation may set, each with the original's text, for
    the translator to write over. The original must read without mistakes."""
    config = load_config(hub)
    file = _source_file(original.resolve(), hub.resolve())
    if language not in config.languages[1:]:
        others = ", ".join(config.languages[1:]) or "none: add 'languages: [...]' to site.yaml"
        raise CommsiteError(f"'{language}' is not one of the hub's other languages ({others})")
    raw = file.path.read_bytes()
    parsed = parse_file(file, raw, config)
    if parsed.errors or parsed.item is None:
        raise BuildFailed(parsed.errors)
    target = file.path.with_name(f"{file.path.stem}.{language}{file.path.suffix}")
    if target.exists():
        raise CommsiteError(f"{target} already exists")
    doc = parse(file.path, raw)
    texts = yaml.dump(
        translatable_texts(parsed.item, doc.meta), Dumper=_Stub, allow_unicode=True, sort_keys=False, width=1000
    )
    return _write(target, f"---\n{texts}---\n{doc.body.strip()}\n" if doc.body.strip() else f"---\n{texts}---\n")


class _Stub(yaml.SafeDumper):
    """Writes a text of several lines as a block (``|``), as organisers write abstracts."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Stub.add_representer(str, _text)


def _source_file(path: Path, hub: Path) -> SourceFile:
    """The content file at ``path``, as discover would find it."""
    folders = kinds.folders()
    try:
        kind = path.relative_to(hub / "content").parts[0]
    except ValueError:
        kind = ""
    if kind not in folders or not path.is_file():
        raise CommsiteError(f"{path} is not a content file of the hub in {hub} (content/{'|'.join(folders)}/...)")
    item_id = path.parent.name if path.name == BUNDLE_INDEX else path.stem
    return SourceFile(kind, item_id, path)
