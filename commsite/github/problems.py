"""What is wrong with an issue's answers, said in the hub's language with a fix, and the
Markdown comment that the contribution workflow posts on the issue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as default
from pathlib import Path

from ..errors import CommsiteError, ContentError, display_path
from .forms import Form


@dataclass(frozen=True)
class Problem:
    field: str  # the form field's id
    what: str  # one of _SAID
    values: dict[str, str] = default(default_factory=dict)

    def said(self, language: str) -> tuple[str, str]:
        """What is wrong and how to fix it, in ``language`` (ja, else en)."""
        message, fix = _SAID[self.what]["ja" if language == "ja" else "en"]
        return message.format(**self.values), fix.format(**self.values)


_SAID = {
    "empty": {"en": ("it is empty", "fill it in"), "ja": ("空欄です", "記入してください")},
    "no_event": {
        "en": ("there is no event '{text}'", "give the address of the event's page (upcoming: {upcoming})"),
        "ja": ("イベント「{text}」が見つかりません", "イベントページのアドレスを書いてください(開催予定: {upcoming})"),
    },
    "not_held": {
        "en": ("'{title}' does not take place", "choose an event that takes place"),
        "ja": ("「{title}」は中止または延期です", "開催されるイベントを選んでください"),
    },
    "past": {
        "en": ("'{title}' took place on {date}", "choose an upcoming event"),
        "ja": ("「{title}」は {date} に終わっています", "これから開催されるイベントを選んでください"),
    },
    "by_hand": {
        "en": ("{why}", "an organiser adds the talk to the event's file by hand"),
        "ja": ("{why}", "運営がイベントのファイルに手で追加します"),
    },
    "listed": {
        "en": ("this post is on the hub already ({file})", "there is nothing to add"),
        "ja": ("この記事はもうハブに載っています({file})", "追加は要りません"),
    },
    "mine": {
        "en": ("the hub has your profile already ({id})", "ask an organiser to edit it"),
        "ja": ("あなたのプロフィールはもうあります({id})", "変更は運営に頼んでください"),
    },
    "taken": {
        "en": ("the id '{id}' is taken by another member", "ask an organiser"),
        "ja": ("id「{id}」は別のメンバーが使っています", "運営に相談してください"),
    },
    "not_url": {
        "en": ("'{text}' is not an address", "write it as https://…"),
        "ja": ("「{text}」はアドレスではありません", "https://… の形で書いてください"),
    },
}


class NotMade(CommsiteError):
    """The issue's answers make no file that builds: what is wrong, in the form's terms."""

    def __init__(
        self, form: Form, problems: list[Problem], errors: Sequence[ContentError] = (), hub: Path | None = None
    ):
        super().__init__(f"{len(problems) + len(errors)} problem(s) in the issue")
        self.form, self.problems, self.errors, self.hub = form, problems, list(errors), hub

    def markdown(self, language: str) -> str:
        """The comment the workflow posts: each problem with its field's label and the fix."""
        lang = "ja" if language == "ja" else "en"
        labels = {field.id: field.label[lang] for field in self.form.fields}
        lines = [_HEADER[lang], ""]
        for problem in self.problems:
            message, fix = problem.said(lang)
            lines.append(f"- **{labels.get(problem.field, problem.field)}** (`{problem.field}`): {message}")
            lines.append(f"  {_FIX[lang]}: {fix}")
        for error in self.errors:
            where = f"{display_path(error.location.path, self.hub)}:{error.location.line or 1}"
            field = f" `{error.field}`" if error.field else ""
            lines.append(f"- `{where}`{field}: {error.message}")
            if error.hint:
                lines.append(f"  {_FIX[lang]}: {error.hint}")
        lines += ["", _FOOTER[lang]]
        return "\n".join(lines) + "\n"


_HEADER = {
    "ja": "**この issue からファイルを作れませんでした。** 次の点を直してください。",
    "en": "**commsite could not make a file from this issue.** Please fix the following.",
}
_FIX = {"ja": "直し方", "en": "Fix"}
_FOOTER = {
    "ja": "issue を編集したら、ラベル `accepted` を付け直してください。",
    "en": "Once the issue is edited, an organiser adds the label `accepted` again.",
}
