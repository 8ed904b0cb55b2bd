"""UI text and dates in the reader's language.

Strings come from the theme's catalogue, one YAML file per language (``i18n/ja.yaml``), so
a third language is one more file. Dates follow each language's own convention:
``2025年9月18日(木) 19:00`` and ``Thu 18 Sep 2025, 19:00``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from string import Formatter

from .errors import BuildFailed, ContentError, Invalid
from .frontmatter import Locator, decode, read_yaml

_WEEKDAYS = {
    "ja": ("月", "火", "水", "木", "金", "土", "日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Catalogue:
    strings: dict[str, str]

    def __call__(self, key: str, fallback: str | None = None, **values: object) -> str:
        """The string of ``key``; when the catalogue has none, ``fallback`` (a role or a
        language code as the hub wrote it), or else the key itself."""
        text = self.strings.get(key, key if fallback is None else fallback)
        return text.format(**values) if values else text


def load_catalogue(folders: list[Path], language: str) -> Catalogue:
    """Merge the catalogues of the theme chain; earlier folders (the hub's) win.

    English fills in what the language's catalogues lack, so it is read first, everywhere.
    """
    strings: dict[str, str] = {}
    errors: list[ContentError] = []
    placeholders: dict[str, set[str]] = {}  # what the theme's English strings are given, per key
    for name in dict.fromkeys(("en", language)):
        for folder in reversed(folders):
            path = folder / f"{name}.yaml"
            if path.is_file():
                found, locator = _read_catalogue(path, errors)
                for key, text in found.items():
                    fields = _fields(text)
                    allowed = placeholders.setdefault(key, fields or set())
                    if fields is None or not fields <= allowed:
                        errors.append(_placeholder_error(locator, key, allowed))
                strings.update(found)
    if errors:
        raise BuildFailed(errors)
    return Catalogue(strings)


def _fields(text: str) -> set[str] | None:
    """The {names} a UI string uses, or None when its braces are broken."""
    try:
        names = {name for _, name, _, _ in Formatter().parse(text) if name is not None}
    except ValueError:
        return None
    return None if "" in names or any(not n.isidentifier() for n in names) else names


def _placeholder_error(locator: Locator, key: str, allowed: set[str]) -> ContentError:
    given = ", ".join("{" + name + "}" for name in sorted(allowed)) or "no {...} placeholders"
    hint = f"this text can use {given}; write a literal brace as {{{{ or }}}}"
    return ContentError(locator.at((key,)), "the text has placeholders the theme does not fill in", key, hint)


def _read_catalogue(path: Path, errors: list[ContentError]) -> tuple[dict[str, str], Locator]:
    try:
        text = decode(path, path.read_bytes())
        data, locator = read_yaml(path, text, text)
    except Invalid as problem:
        errors.extend(problem.errors)
        return {}, Locator(path, (), {}, {})
    strings = {}
    for key, value in data.items():
        if isinstance(value, dict | list) or value is None:
            hint = 'put the text in quotes, e.g. capacity: "{count} seats"'
            errors.append(ContentError(locator.at((key,)), "expected a text", str(key), hint))
        else:
            strings[str(key)] = str(value)
    return strings, locator


def format_weekday(day: date, language: str) -> str:
    """'木', 'Thu'."""
    return _WEEKDAYS.get(language, _WEEKDAYS["en"])[day.weekday()]


def format_month_abbr(month: int, language: str) -> str:
    """'9月', 'Sep': a month on a calendar leaf."""
    return f"{month}月" if language == "ja" else _MONTHS_EN[month - 1]


def format_date(day: date, language: str) -> str:
    weekday = format_weekday(day, language)
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


def format_month(month: tuple[int, int], language: str) -> str:
    year, number = month
    return f"{year}年{number}月" if language == "ja" else f"{_MONTHS_LONG_EN[number - 1]} {year}"


_MONTHS_LONG_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def first_weekday(language: str) -> int:
    """0 = Monday. Japanese calendars start on Sunday."""
    return 6 if language == "ja" else 0


def weekday_names(language: str) -> list[str]:
    names = _WEEKDAYS.get(language, _WEEKDAYS["en"])
    start = first_weekday(language)
    return [names[(start + offset) % 7] for offset in range(7)]
