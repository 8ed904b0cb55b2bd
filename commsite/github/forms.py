"""The issue forms members contribute through, and the answers read back from an issue.

Each form is plain data here, written out as a GitHub issue form in the hub's language
(``.github/ISSUE_TEMPLATE/<name>.yml``). GitHub renders a form's answers as Markdown, a
``### Label`` heading per field and ``_No response_`` for one left empty; ``answers``
reads them back by the labels of the hub's own form file, so that an organiser may
reword a label. The field ids are fixed: other tools fill the forms by them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import CommsiteError

FORMS_FOLDER = Path(".github") / "ISSUE_TEMPLATE"


@dataclass(frozen=True)
class Field:
    id: str
    kind: str  # GitHub's type: input or textarea
    label: dict[str, str]  # by language
    description: dict[str, str]
    required: bool = False


@dataclass(frozen=True)
class Form:
    name: str  # its file's stem, and the label its issues get
    title: dict[str, str]
    about: dict[str, str]
    fields: tuple[Field, ...]


_EVENT = Field(
    "event",
    "input",
    {"ja": "イベント", "en": "Event"},
    {
        "ja": "イベントページのアドレス、または id(例: 2026-12-12-study-12)",
        "en": "The event page's address, or its id (e.g. 2026-12-12-study-12)",
    },
    required=True,
)
_TITLE = Field("title", "input", {"ja": "タイトル", "en": "Title"}, {"ja": "", "en": ""}, required=True)


def _person(role_ja: str, role_en: str) -> Field:
    return Field(
        role_en.lower(),
        "input",
        {"ja": role_ja, "en": role_en},
        {
            "ja": "ハブにプロフィールがあればその id、なければお名前",
            "en": "Your member id if the hub has your profile; otherwise your name",
        },
        required=True,
    )


FORMS = {
    form.name: form
    for form in (
        Form(
            "lightning-talk",
            {"ja": "LT を申し込む", "en": "Propose a lightning talk"},
            {"ja": "イベントで 5 分の LT をする", "en": "Give a 5-minute lightning talk at an event"},
            (
                _EVENT,
                _TITLE,
                Field("abstract", "textarea", {"ja": "概要", "en": "Abstract"}, {"ja": "Markdown", "en": "Markdown"}),
                _person("発表者", "Speaker"),
            ),
        ),
        Form(
            "report",
            {"ja": "イベントについて書きました", "en": "I wrote about an event"},
            {
                "ja": "ブログなどに書いたイベントの記事をハブに載せる",
                "en": "List a post you wrote about an event on the hub",
            },
            (
                _EVENT,
                _TITLE,
                Field("url", "input", {"ja": "URL", "en": "URL"}, {"ja": "記事のアドレス", "en": "Where it is"}, True),
                _person("書いた人", "Author"),
            ),
        ),
        Form(
            "profile",
            {"ja": "プロフィールを追加", "en": "Add my profile"},
            {"ja": "ハブにメンバーとして載る", "en": "Appear on the hub as a member"},
            (
                Field("name", "input", {"ja": "名前", "en": "Name"}, {"ja": "表示名", "en": "As shown"}, True),
                Field(
                    "reading",
                    "input",
                    {"ja": "読み", "en": "Reading"},
                    {"ja": "ふりがな、またはローマ字", "en": "Kana or a romanised name, for sorting"},
                ),
                Field(
                    "links",
                    "textarea",
                    {"ja": "リンク", "en": "Links"},
                    {"ja": "1 行に 1 つの URL(ブログ、X、GitHub など)", "en": "One address a line (blog, X, GitHub …)"},
                ),
                Field("bio", "textarea", {"ja": "自己紹介", "en": "Bio"}, {"ja": "Markdown", "en": "Markdown"}),
            ),
        ),
    )
}


def form_yaml(form: Form, language: str) -> str:
    """The form as GitHub reads it from .github/ISSUE_TEMPLATE/, in ``language`` (ja or, else, en)."""
    lang = "ja" if language == "ja" else "en"
    body: list[dict[str, Any]] = []
    for field in form.fields:
        attributes = {"label": field.label[lang]}
        if field.description[lang]:
            attributes["description"] = field.description[lang]
        body.append(
            {"type": field.kind, "id": field.id, "attributes": attributes, "validations": {"required": field.required}}
        )
    data = {"name": form.title[lang], "description": form.about[lang], "labels": [form.name], "body": body}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


_NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


def answers(body: str, form: Form, hub: Path) -> dict[str, str]:
    """Each field's answer (``""`` when left empty), by id, read from an issue's body."""
    by_label = _labels(form, hub)
    found: dict[str, str] = {}
    text = body.replace("\r\n", "\n")
    headings = list(_HEADING.finditer(text))
    for number, heading in enumerate(headings):
        end = headings[number + 1].start() if number + 1 < len(headings) else len(text)
        field_id = by_label.get(heading.group(1).strip())
        if field_id is not None and field_id not in found:
            answer = text[heading.end() : end].strip()
            found[field_id] = "" if answer == _NO_RESPONSE else answer
    missing = [label for label, field_id in by_label.items() if field_id not in found]
    if len(missing) == len(by_label):
        raise CommsiteError(
            f"this issue was not written with the form '{form.name}': it has none of its headings"
            f" ({', '.join('### ' + label for label in by_label)})"
        )
    return {field.id: found.get(field.id, "") for field in form.fields}


def _labels(form: Form, hub: Path) -> dict[str, str]:
    """Label → field id: those of the hub's own form file, else those of every language."""
    labels = {label: field.id for field in form.fields for label in field.label.values()}
    try:
        own = yaml.safe_load((hub / FORMS_FOLDER / f"{form.name}.yml").read_text("utf-8"))
        labels.update(
            {
                item["attributes"]["label"].strip(): item["id"]
                for item in own["body"]
                if item.get("id") in labels.values()
            }
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError):
        pass  # no form of its own, or one that is not what GitHub reads: the built-in labels
    return labels
