"""The fields of front matter and site.yaml: tables of them (``Field``), and the small
converter functions that read what is written into a value, each raising ``BadValue`` (or
returning ``Noted``, with a warning) for what it cannot take. reader.py applies them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

from ..errors import BadValue, describe

T = TypeVar("T")


@dataclass(frozen=True)
class Noted(Generic[T]):
    """What a converter returns for a value it reads, but not as written: the value, and a
    warning to give (``group`` names many of its kind together, see ``errors.grouped``)."""

    value: T
    message: str
    hint: str | None = None
    group: str | None = None


Converter = Callable[[Any], T | Noted[T]]


@dataclass(frozen=True)
class Field:
    """A field a mapping may have: its name, the converter that reads what is written (its
    type), whether it is required, and its value when absent or wrong. A loader lists its
    fields once, in a table of these: the unknown-field check and the reading both come
    from it. A field without a converter is read by the loader itself: reading it needs
    other fields' values (an event's start needs its time zone), or it is a mapping or a
    list of them, read with a table of its own."""

    name: str
    convert: Converter[Any] | None = None
    required: bool = False
    default: Any = None
    attribute: str | None = None  # the model's name for it, where that is not ``name``


Fields = tuple[Field, ...]


def extra_data(value: Any) -> dict[str, Any]:
    """A hub's own fields, under 'extra:': kept as written for its templates."""
    return dict(mapping(value))


def is_blank(value: Any) -> bool:
    """Text with nothing in it (``abstract: |2+`` with no lines, ``summary: ""``)."""
    return isinstance(value, str) and not _cleaned(value)


def _cleaned(value: str) -> str:
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise BadValue(
            f"expected text, got {describe(value)}", "write it as plain text on one line, in quotes if needed"
        )
    result = _cleaned(str(value))
    if not result:
        raise BadValue("expected text, got an empty value")
    return result


# Control characters (but newline and tab) have no place in text and could break calendars and feeds.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def url(value: Any) -> str | Noted[str]:
    """A link as people write it: 'example.com/x' is given its https:// (with a warning);
    anything that is not a web address stays an error, see ``url_exact``."""
    result = text(value)
    web = "https:" + result if result.startswith("//") else "https://" + result
    complete = result.startswith(("https://", "http://", "mailto:", "/")) and not result.startswith("//")
    address = _WEB_ADDRESS.match(web)  # example.com/x, www.example.com, //example.com
    if not complete and address and address[1].casefold() not in _FILE_TYPES:
        message = f"'{result}' is published as the link {web}"
        return Noted(web, message, "write links in full, starting with https://", LINKS_COMPLETED)
    return url_exact(result)


def url_exact(value: Any) -> str:
    result = text(value)
    try:
        urlsplit(result).hostname  # noqa: B018 - raises on a malformed host such as [TBD]
    except ValueError:
        raise BadValue(f"'{result}' is not a valid URL", "replace the placeholder with the real address") from None
    if not result.startswith(("https://", "http://", "mailto:", "/")):
        raise BadValue(
            f"expected a URL starting with https://, got '{result}'", "a page of this site may be given as /path/"
        )
    return result


LINKS_COMPLETED = "links without https:// were given it"
# A host name with a dot and a top-level domain of letters, then a path or nothing: never a
# placeholder such as 'TBD' or 'connpass', which stay errors (a wrong link would be published).
_WEB_ADDRESS = re.compile(r"^https://(?:[\w-]+\.)+([^\W\d_]{2,})\.?(?::\d+)?(?:[/?#]\S*)?$")
# ...and not a file's name, such as slides.pdf: that is no site, and guessing would publish a dead link.
_FILE_TYPES = frozenset(
    "pdf png jpg jpeg gif svg webp html htm md txt ppt pptx key odp doc docx zip mp4 mov".split()  # noqa: SIM905
)


def integer(value: Any) -> int:
    """A whole number, or the text of one ("30": quoted, it means the same)."""
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", unicodedata.normalize("NFKC", value)):
        return int(unicodedata.normalize("NFKC", value))
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValue(f"expected a whole number, got {describe(value)}", "write it in digits, e.g. 30")
    return value


def non_negative(value: Any) -> int:
    number = integer(value)
    if number < 0:
        raise BadValue(f"expected zero or more, got {number}")
    return number


def positive(value: Any) -> int:
    number = integer(value)
    if number < 1:
        raise BadValue(f"expected 1 or more, got {number}")
    return number


def number(value: Any) -> float:
    """A number, or the text of one ("35.68")."""
    if isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
        return float(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadValue(f"expected a number, got {describe(value)}")
    return float(value)


_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def boolean(value: Any) -> bool:
    """true or false, or those words in quotes; 'yes' and 'no' stay errors (YAML 1.2 has them as text)."""
    if isinstance(value, str) and value.strip().casefold() in ("true", "false"):
        return value.strip().casefold() == "true"
    if not isinstance(value, bool):
        raise BadValue(f"expected true or false, got {describe(value)}")
    return value


TEXTS_SPLIT = "texts with commas were read as lists"
_COMMAS = re.compile(r"[,、，]")


def texts(value: Any) -> tuple[str, ...] | Noted[tuple[str, ...]]:
    """A list of strings, read as people write it: a single string with commas in it is
    most likely several (read as a list, with a warning); see ``texts_exact``."""
    if isinstance(value, str) and _COMMAS.search(value):
        parts = tuple(part for part in map(_cleaned, _COMMAS.split(value)) if part)
        message = f"'{value.strip()}' is read as {len(parts)}: {', '.join(parts)}"
        return Noted(parts, message, f"write several as a list: [{', '.join(parts)}]", TEXTS_SPLIT)
    return texts_exact(value)


def texts_exact(value: Any) -> tuple[str, ...]:
    """A list of strings; a single string is taken as a list of one. Blank entries are left out."""
    if isinstance(value, str) and "," in value:
        items = ", ".join(part.strip() for part in value.split(","))
        raise BadValue(f"'{value}' is one text with commas in it", f"write several as a list: [{items}]")
    if isinstance(value, str | int) and not isinstance(value, bool):
        return (text(value),)
    if not isinstance(value, list):
        raise BadValue(f"expected a list, got {describe(value)}", "write it as [a, b] or as lines starting with '- '")
    return tuple(text(item) for item in value if not is_blank(item))


def items(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise BadValue(f"expected a list, got {describe(value)}", "write each entry on a line starting with '- '")
    return value


def text_map(value: Any) -> tuple[tuple[str, str], ...]:
    """A map of names to texts, such as a member's links, in the order written."""
    return tuple(
        (str(key), text(item)) for key, item in mapping(value).items() if item is not None and not is_blank(item)
    )


def mapping(value: Any) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise BadValue(f"expected a set of 'field: value' lines, got {describe(value)}")
    return value
