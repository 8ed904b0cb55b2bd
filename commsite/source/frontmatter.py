"""Split a content file into YAML front matter and Markdown body, keeping positions.

The YAML is read with YAML 1.2 scalars rather than PyYAML's 1.1 defaults: ``no`` stays a
string, ``19:10`` is not the base-60 number 1150, and dates stay text so that the load
stage parses them with an error that names the field.
"""

from __future__ import annotations

import pickle
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml

from ..errors import ContentError, Invalid, Location

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}


def _resolve(tag: str, pattern: str, first: str) -> None:
    _Loader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_resolve("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolve("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789")
_resolve(
    "tag:yaml.org,2002:float",
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
    "-+0123456789.",
)
_resolve("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])  # type: ignore[arg-type]
_resolve("tag:yaml.org,2002:merge", r"^(?:<<)$", "<")


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int:
    text = str(node.value)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text)  # '012' is twelve in YAML 1.2, not octal ten


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)

FieldPath = tuple[str | int, ...]
MAX_EXPANDED = 100_000  # YAML '*' aliases can make a few lines expand to gigabytes ("billion laughs")


def field_name(path: FieldPath) -> str:
    """A path into the front matter as organisers read it: ``talks[2].speakers[0]``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True)
class Locator:
    """Turns a path into the front matter (``("talks", 2, "title")``) into a file location."""

    path: Path
    lines: tuple[str, ...]
    values: dict[FieldPath, tuple[int, int]]
    keys: dict[FieldPath, tuple[int, int]]

    def at(self, field: FieldPath = (), *, key: bool = False) -> Location:
        table = self.keys if key else self.values
        probe = field
        while probe and probe not in table and probe not in self.values:
            probe = probe[:-1]
        line, column = table.get(probe) or self.values.get(probe) or (1, 1)
        return self.line(line, column)

    def line(self, line: int, column: int | None = None) -> Location:
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else None
        return Location(self.path, line, column, source)

    def __reduce__(self) -> tuple[Any, ...]:
        # In the build cache a locator waits for a mistake to report, and its positions are
        # most of what a hub's cache holds (small tuples, hundreds a file): they are kept
        # as one blob, unpacked only if a later build asks for one.
        positions = self.__dict__.get("_positions") or pickle.dumps((self.values, self.keys), pickle.HIGHEST_PROTOCOL)
        return _unpickled_locator, (self.path, self.lines, positions)

    def __getattr__(self, name: str) -> Any:  # only for what is missing: the positions of an unpickled one
        if name not in ("values", "keys") or "_positions" not in self.__dict__:
            raise AttributeError(name)
        values, keys = pickle.loads(self.__dict__["_positions"])  # written by this machine's own cache
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "keys", keys)
        return values if name == "values" else keys


def _unpickled_locator(path: Path, lines: tuple[str, ...], positions: bytes) -> Locator:
    locator = Locator.__new__(Locator)
    for name, value in (("path", path), ("lines", lines), ("_positions", positions)):
        object.__setattr__(locator, name, value)
    return locator


@dataclass(frozen=True)
class Document:
    path: Path
    meta: dict[str, Any]
    body: str
    body_line: int  # line of the file where the body starts
    locator: Locator


def decode(path: Path, raw: bytes) -> str:
    """UTF-8 text with any BOM removed and CRLF/CR turned into LF."""
    if b"\x00" in raw[:8192]:  # text never holds NUL; an image or a document saved as .md does
        hint = "keep images and other files beside the item, not in place of it"
        raise Invalid(ContentError(Location(path, 1), "the file is binary, not Markdown text", hint=hint))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        shown = raw.split(b"\n")[line - 1].decode("utf-8", errors="replace")
        raise Invalid(
            ContentError(
                Location(path, line, None, shown),
                f"the file is not UTF-8 text (byte {error.start})",
                hint="save the file as UTF-8",
            )
        ) from None
    # Text copied from macOS can be decomposed (NFD); ids and references must compare equal.
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


_FENCE = re.compile(r"^---[ \t]*$")


def split(path: Path, text: str) -> tuple[str, str, int]:
    """Return (front matter, body, body's first line number)."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        first = lines[0] if lines else ""
        raise Invalid(
            ContentError(
                Location(path, 1, 1, first),
                "the file does not start with front matter",
                hint="put a line '---', the YAML fields (such as 'title: ...'), and another '---' at the very top",
            )
        )
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]) or lines[index].rstrip() == "...":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    raise Invalid(
        ContentError(
            Location(path, 1, 1, lines[0]),
            "the front matter has no closing '---' line",
            hint="add a line '---' after the last field of the front matter",
        )
    )


def parse(path: Path, raw: bytes) -> Document:
    text = decode(path, raw)
    front, body, body_line = split(path, text)
    # The locator keeps the front matter's lines only: items keep it (for errors) in the build cache.
    head = "\n".join(text.split("\n", body_line - 1)[: body_line - 1])
    meta, locator = read_yaml(path, head, front, first_line=2)
    return Document(path, meta, body, body_line, locator)


def read_yaml(path: Path, text: str, yaml_text: str, first_line: int = 1) -> tuple[dict[str, Any], Locator]:
    """Parse a YAML mapping that starts at ``first_line`` of the file whose ``text`` is given."""
    locator = Locator(path, tuple(text.split("\n")), {}, {})
    values: Positions = {}
    keys: Positions = {}
    try:
        loader = _Loader(yaml_text)
        try:
            node = loader.get_single_node()
            # Positions are read before construction, which merges '<<' keys into the node.
            found = _Found(values, keys, set(), yaml_text.split("\n"))
            problems = _index(node, (), first_line, found) if node is not None else []
            # Without an alias ('*name') nothing expands: there are no more values than the text holds.
            if node is not None and "*" in yaml_text and _expanded_size(node, {}) > MAX_EXPANDED:
                problems.append(("aliases", ()))
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        raise Invalid(_yaml_error(error, locator, first_line, yaml_text.count("\n") + 1)) from None
    except RecursionError:
        raise Invalid(ContentError(locator.line(first_line), "the YAML is nested too deeply")) from None
    except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError) as error:
        # e.g. an explicit tag such as '!!bool maybe' that PyYAML cannot construct
        raise Invalid(ContentError(locator.line(first_line), f"the YAML is not valid: {error}")) from None
    if not isinstance(data, dict):
        kind = "empty" if data is None else ("a list" if isinstance(data, list) else f"the single value '{data}'")
        raise Invalid(
            ContentError(
                locator.line(first_line, 1),
                f"expected a set of 'field: value' lines, but this is {kind}",
                hint="write fields such as 'title: My event', one per line",
            )
        )
    locator = Locator(path, locator.lines, values, keys)
    if problems:
        raise Invalid(*(_problem(locator, field, kind) for kind, field in problems))
    return data, locator


def _problem(locator: Locator, field: FieldPath, kind: str) -> ContentError:
    shown = field_name(field)
    if kind == "aliases":
        message = f"the front matter's '*' aliases expand to more than {MAX_EXPANDED:,} values"
        return ContentError(locator.line(2), message, None, "write the values out instead of nesting aliases")
    if kind == "twice":
        return ContentError(
            locator.at(field, key=True), f"'{shown}' is given twice", shown, "keep one of the two lines"
        )
    where = locator.at(field)
    line = (where.source_line or "").strip()
    value = line.partition(":")[2].strip() if ":" in line else line.lstrip("- ")
    message = "text after ' #' is a YAML comment, so the value is cut short"
    return ContentError(where, message, shown, f'put the whole value in quotes: "{value}"')


def _yaml_error(error: yaml.MarkedYAMLError, locator: Locator, first_line: int, yaml_lines: int) -> ContentError:
    mark = error.problem_mark
    unclosed = (error.context or "").startswith(("while parsing a flow", "while scanning a quoted"))
    if mark is None or (error.context_mark is not None and (unclosed or mark.line >= yaml_lines)):
        mark = error.context_mark  # an unclosed bracket or quote is noticed only later; show where it opened
    problem = error.problem or "invalid YAML"
    if error.context:
        problem = f"{error.context}, {problem}"
    if mark is None:
        return ContentError(locator.line(first_line), f"invalid YAML: {problem}", hint=_YAML_HINT)
    where = locator.line(mark.line + first_line, mark.column + 1)
    tabbed = "\t" in (where.source_line or "")
    hint = "YAML does not allow tabs for indentation; use spaces" if tabbed else _YAML_HINT
    return ContentError(where, f"invalid YAML: {problem}", hint=hint)


_YAML_HINT = "check the indentation, and put quotes around values that contain ': ' or ' #'"


Positions = dict[FieldPath, tuple[int, int]]


_COMMENT_AFTER = re.compile(r"^\s+#\S")  # 'CMC Study #12': a '#' glued to a word is meant as text


@dataclass(frozen=True)
class _Found:
    values: Positions
    keys: Positions
    seen: set[int]  # nodes indexed already (aliases point back to them)
    lines: list[str]  # of the YAML text


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values the node stands for once every alias is written out (memoized per node)."""
    if id(node) not in sizes:
        sizes[id(node)] = 0  # a node that contains itself counts once
        children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else node.value
        size = 1 + (sum(_expanded_size(c, sizes) for c in children) if isinstance(children, list) else 0)
        sizes[id(node)] = min(size, MAX_EXPANDED + 1)
    return sizes[id(node)]


def _index(node: yaml.Node, path: FieldPath, first_line: int, found: _Found) -> list[tuple[str, FieldPath]]:
    """Record where every value and key sits; return the problems PyYAML passes silently:
    keys given twice (it keeps the last) and plain text cut short by a ' #' comment."""
    values, keys, seen = found.values, found.keys, found.seen
    values[path] = (node.start_mark.line + first_line, node.start_mark.column + 1)
    if id(node) in seen:  # an alias (*name) of a node indexed already: its positions are known
        return []
    seen.add(id(node))
    problems: list[tuple[str, FieldPath]] = []
    if isinstance(node, yaml.ScalarNode) and not node.style and node.tag == "tag:yaml.org,2002:str":
        end = node.end_mark
        rest = found.lines[end.line][end.column :] if end.line < len(found.lines) else ""
        if _COMMENT_AFTER.match(rest):
            problems.append(("comment", path))
    if isinstance(node, yaml.MappingNode):
        names: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*path, key)
            if key in names and key != "<<":
                problems.append(("twice", child))
            names.add(key)
            keys[child] = (key_node.start_mark.line + first_line, key_node.start_mark.column + 1)
            problems += _index(value_node, child, first_line, found)
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            problems += _index(item, (*path, position), first_line, found)
    return problems
