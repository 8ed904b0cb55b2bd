"""UI text and dates in the reader's language.

Strings come from the theme's catalogue, one YAML file per language (``i18n/ja.yaml``), so
a third language is one more file. Dates follow each language's own convention:
``2025年9月18日(木) 19:00`` and ``Thu 18 Sep 2025, 19:00``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml

_WEEKDAYS = {
    "ja": ("月", "火", "水", "木", "金", "土", "日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Catalogue:
    language: str
    strings: dict[str, str]

    def __call__(self, key: str, **values: object) -> str:
        text = self.strings.get(key, key)
        return text.format(**values) if values else text


def load_catalogue(folders: list[Path], language: str) -> Catalogue:
    """Merge the catalogues of the theme chain; earlier folders (the hub's) win."""
    strings: dict[str, str] = {}
    for folder in reversed(folders):
        for name in ("en", language):  # English fills in what a catalogue lacks
            path = folder / f"{name}.yaml"
            if path.is_file():
                strings.update({str(k): str(v) for k, v in (yaml.safe_load(path.read_text("utf-8")) or {}).items()})
    return Catalogue(language, strings)


def format_date(day: date, language: str) -> str:
    weekday = _WEEKDAYS.get(language, _WEEKDAYS["en"])[day.weekday()]
    if language == "ja":
        return f"{day.year}年{day.month}月{day.day}日({weekday})"
    return f"{weekday} {day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def format_time(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def format_datetime(moment: date, language: str) -> str:
    if not isinstance(moment, datetime):
        return format_date(moment, language)
    separator = " " if language == "ja" else ", "
    return f"{format_date(moment.date(), language)}{separator}{format_time(moment)}"


def format_range(start: date, end: date, language: str) -> str:
    """'2025年9月18日(木) 19:00–21:00', or both dates when the range spans days."""
    if isinstance(start, datetime) and isinstance(end, datetime):
        if start.date() == end.date():
            return f"{format_datetime(start, language)}–{format_time(end)}"
        return f"{format_datetime(start, language)} – {format_datetime(end, language)}"
    if start == end:
        return format_date(start, language)
    return f"{format_date(start, language)} – {format_date(end, language)}"


def format_month(day: date, language: str) -> str:
    if language == "ja":
        return f"{day.year}年{day.month}月"
    return f"{_MONTHS_EN[day.month - 1]} {day.year}"
