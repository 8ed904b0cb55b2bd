"""UI text and dates in the reader's language.

Strings come from the theme's catalogue, one YAML file per language (``i18n/ja.yaml``), so
a third language is one more file. The catalogue also says how the language writes dates
(``date_format``, the names of days and months, the day weeks start on):
``2025年9月18日(木) 19:00`` in Japanese, ``Thu 18 Sep 2025, 19:00`` in English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from string import Formatter

from ..errors import ContentError, Invalid, Problems
from ..source.frontmatter import Locator, decode, read_yaml


@dataclass(frozen=True)
class Catalogue:
    strings: dict[str, str]

    def __call__(self, key: str, fallback: str | None = None, **values: object) -> str:
        """The string of ``key``; when the catalogue has none, ``fallback`` (a role or a
        language code as the hub wrote it), or else the key itself."""
        text = self.strings.get(key, key if fallback is None else fallback)
        return text.format(**values) if values else text


def load_catalogue(folders: list[Path], language: str, problems: Problems) -> Catalogue:
    """Merge the catalogues of the theme chain; earlier folders (the hub's) win.

    English fills in what the language's catalogues lack, so it is read first, everywhere.
    A string with a mistake is put in ``problems``.
    """
    strings: dict[str, str] = {}
    placeholders: dict[str, set[str]] = {}  # what the theme's English strings are given, per key
    for name in dict.fromkeys(("en", language)):
        for folder in reversed(folders):
            path = folder / f"{name}.yaml"
            if path.is_file():
                found, locator = _read_catalogue(path, problems)
                for key, text in found.items():
                    fields = _fields(text)
                    allowed = _FILLED.get(key) or placeholders.setdefault(key, fields or set())
                    if fields is None or not fields <= allowed:
                        problems.errors.append(_placeholder_error(locator, key, allowed))
                    elif problem := _date_problem(key, text):
                        problems.errors.append(ContentError(locator.at((key,)), problem[0], key, problem[1]))
                strings.update(found)
    return Catalogue(strings)


def writes_dates(catalogue: Catalogue) -> bool:
    """Whether the catalogue says all of how its language writes dates."""
    return all(key in catalogue.strings for key in (*_WORDS, *_FILLED, "date_week_starts"))


def has_catalogue(folders: list[Path], language: str) -> bool:
    return language == "en" or any((folder / f"{language}.yaml").is_file() for folder in folders)


def _date_problem(key: str, text: str) -> tuple[str, str] | None:
    """What is wrong with a list of day or month names, or the day weeks start on."""
    if key in _WORDS and len(text.split()) != _WORDS[key]:
        first = "January" if "months" in key else "Monday"
        return f"expected {_WORDS[key]} names separated by spaces, got {len(text.split())}", f"list them from {first}"
    if key == "date_week_starts" and text not in _WEEK_STARTS:
        return f"expected the name of a day in English, got '{text}'", "write monday or sunday"
    return None


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


def _read_catalogue(path: Path, problems: Problems) -> tuple[dict[str, str], Locator]:
    try:
        text = decode(path, path.read_bytes())
        data, locator = read_yaml(path, text, text)
    except Invalid as problem:
        problems.errors.extend(problem.errors)
        return {}, Locator(path, (), {}, {})
    strings = {}
    for key, value in data.items():
        if isinstance(value, dict | list) or value is None:
            hint = 'put the text in quotes, e.g. capacity: "{count} seats"'
            problems.errors.append(ContentError(locator.at((key,)), "expected a text", str(key), hint))
        else:
            strings[str(key)] = str(value)
    return strings, locator


@dataclass(frozen=True)
class Dates:
    """Dates as one language writes them, from its catalogue: ``2025年9月18日(木) 19:00``,
    ``Thu 18 Sep 2025, 19:00``."""

    weekdays: tuple[str, ...]  # Monday first
    months: tuple[str, ...]  # short names, January first
    months_long: tuple[str, ...]
    date_format: str
    datetime_format: str
    month_format: str
    first_weekday: int  # 0 = Monday: where a calendar's weeks start

    @classmethod
    def of(cls, catalogue: Catalogue, base: Catalogue) -> Dates:
        """As ``catalogue`` writes dates, and ``base`` where it does not say."""

        def t(key: str) -> str:
            return catalogue.strings.get(key) or base(key)

        return cls(
            tuple(t("date_weekdays").split()),
            tuple(t("date_months").split()),
            tuple(t("date_months_long").split()),
            t("date_format"),
            t("datetime_format"),
            t("month_format"),
            _WEEK_STARTS.index(t("date_week_starts")),
        )

    def weekday(self, day: date) -> str:
        return self.weekdays[day.weekday()]

    def month_abbr(self, number: int) -> str:
        return self.months[number - 1]

    def day(self, day: date) -> str:
        month = self._month_values(day.year, day.month)
        return self.date_format.format(**month, day=day.day, weekday=self.weekday(day))

    def moment(self, moment: date) -> str:
        if not isinstance(moment, datetime):
            return self.day(moment)
        return self.datetime_format.format(date=self.day(moment.date()), time=format_time(moment))

    def span(self, start: date, end: date) -> str:
        """'2025年9月18日(木) 19:00–21:00', or both dates when the range spans days."""
        if isinstance(start, datetime) and isinstance(end, datetime):
            if start.date() == end.date():
                return f"{self.moment(start)}–{format_time(end)}"
            return f"{self.moment(start)} – {self.moment(end)}"
        if start == end:
            return self.day(start)
        return f"{self.day(start)} – {self.day(end)}"

    def month(self, month: tuple[int, int]) -> str:
        return self.month_format.format(**self._month_values(*month))

    def weekday_names(self) -> list[str]:
        """The days in the order of a calendar's columns."""
        return [self.weekdays[(self.first_weekday + offset) % 7] for offset in range(7)]

    def _month_values(self, year: int, number: int) -> dict[str, object]:
        return {
            "year": year,
            "month": number,
            "month_abbr": self.months[number - 1],
            "month_long": self.months_long[number - 1],
        }


def format_time(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


_WEEK_STARTS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_FIELDS = {"year", "month", "month_abbr", "month_long"}
# What commsite itself fills into the catalogue's date patterns, and how many words each
# list of names has: a catalogue's mistakes there are reported at their line.
_FILLED = {
    "date_format": _MONTH_FIELDS | {"day", "weekday"},
    "datetime_format": {"date", "time"},
    "month_format": _MONTH_FIELDS,
}
_WORDS = {"date_weekdays": 7, "date_months": 12, "date_months_long": 12}
