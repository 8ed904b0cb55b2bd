"""Reading front-matter mappings field by field, with every problem collected and located.

A ``Reader`` wraps one mapping (the whole front matter, or a nested one such as a talk).
Each ``take`` converts one field with a converter of fields.py that raises ``BadValue``;
the reader turns that into a ``ContentError`` pointing at the value, so the load stage
reads as a list of fields and never stops at the first mistake.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from difflib import get_close_matches
from typing import Any, overload

from ..errors import BadValue, ContentError, Problems, suggest
from .fields import Converter, Fields, Noted, T, is_blank, items
from .frontmatter import FieldPath, Locator, field_name


class Reader:
    """Reads one mapping, at ``at`` in the file ``locator`` locates, into ``problems``."""

    def __init__(self, data: Mapping[str, Any], locator: Locator, at: FieldPath, problems: Problems):
        self.data = data
        self.locator = locator
        self.at = at
        self.problems = problems
        self.misspelled: set[str] = set()  # known fields an unknown one looks like

    def name(self, field: str | int) -> str:
        return field_name((*self.at, field))

    def error(self, field: str | int, message: str, hint: str | None = None, *, key: bool = False) -> None:
        where = self.locator.at((*self.at, field), key=key)
        self.problems.errors.append(ContentError(where, message, self.name(field), hint))

    def warn(self, field: str | int, message: str, hint: str | None = None, group: str | None = None) -> None:
        where = self.locator.at((*self.at, field))
        self.problems.warnings.append(ContentError(where, message, self.name(field), hint, group))

    @overload
    def take(self, field: str, convert: Converter[T], *, required: bool = False) -> T | None: ...

    @overload
    def take(self, field: str, convert: Converter[T], *, required: bool = False, default: T) -> T: ...

    def take(self, field: str, convert: Converter[T], *, required: bool = False, default: T | None = None) -> T | None:
        value = self.data.get(field)
        if value is None and field in self.data and self._commented_out(field):
            hint = f'put the value in quotes: {field}: "#..."'
            self.error(field, "the value is empty: text after ' #' is a YAML comment", hint, key=True)
            return default
        if not required and is_blank(value):
            value = None  # an optional field left blank is absent
        if value is None:
            if required and field not in self.misspelled:  # a typo of it is reported already
                where = self.locator.at(self.at)  # the mapping it is missing from
                message = f"the required field '{self.name(field)}' is missing"
                hint = f"add a line '{field}: ...'"
                self.problems.errors.append(ContentError(where, message, self.name(field), hint))
            return default
        try:
            result = convert(value)
        except BadValue as problem:
            self.error(field, str(problem), problem.hint)
            return default
        if isinstance(result, Noted):
            self.warn(field, result.message, result.hint, result.group)
            return result.value
        return result

    def _commented_out(self, field: str) -> bool:
        line = self.locator.at((*self.at, field), key=True).source_line or ""
        return "#" in line.partition(":")[2]

    def take_all(self, table: Fields) -> dict[str, Any]:
        """Every field of the table that has a converter, read, by name: what to give the model."""
        return {
            field.attribute or field.name: self.take(
                field.name, field.convert, required=field.required, default=field.default
            )
            for field in table
            if field.convert is not None
        }

    def read(self, table: Fields) -> dict[str, Any]:
        """``check_table`` then ``take_all``: for a mapping none of whose fields needs another's value."""
        self.check_table(table)
        return self.take_all(table)

    def check_table(self, table: Fields, *, hint: str | None = None) -> None:
        """Every field written must be one of the table's."""
        self.check_known((field.name for field in table), hint=hint)

    def entries(self, field: str, needs: str, example: str) -> Iterator[Reader]:
        """A reader of each mapping in the list ``field`` (talks, agenda entries); an entry
        that is not a mapping is an error that says what each ``needs``, with an example."""
        holder = self.child(field, {})
        for index, value in enumerate(self.take(field, items) or []):
            if isinstance(value, dict):
                yield holder.child(index, value)
            else:
                holder.error(index, needs, example)

    def child(self, field: str | int, value: Mapping[str, Any]) -> Reader:
        return Reader(value, self.locator, (*self.at, field), self.problems)

    def check_known(self, known: Iterable[str], *, hint: str | None = None) -> None:
        """Every field must be known; an item's ``extra`` is the escape hatch for a hub's own data.
        ``hint`` is what to say of a field that looks like none of them."""
        names = set(known)
        otherwise = hint or "put a hub's own fields under 'extra:'"
        for field in self.data:
            if field not in names:
                advice = suggest(str(field), names) or otherwise
                self.misspelled.update(get_close_matches(str(field), names, n=1, cutoff=0.6))
                self.error(str(field), f"unknown field '{self.name(str(field))}'", advice, key=True)
