"""What each output read, so that the next build renders only the outputs whose inputs changed.

While an output is made, the site and plan it sees are thin read-only views that note
every entry, index and URL looked up, and the template environment notes every template
looked for. A key names one such input: ``("site", "members", "alice")`` is one member,
``("site", "upcoming")`` a whole list, ``("template", "base.html")`` a template, found or
not. Its fingerprint is a digest of the value it has in a build. Entries are frozen
values, so one key covers everything inside them (an event's talks, a talk's speakers'
ids); what they point to by id is looked up, and so noted, on its own.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence, Set
from typing import Any, NamedTuple, Protocol, TypeVar, cast

Key = tuple[Hashable, ...]
MISSING = "<missing>"  # the value of a key looked up and not there (a later build may add it)


def digest(*parts: bytes | str) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.digest()


SCALARS = frozenset({str, int, bool, bytes, type(None)})


def fingerprint(value: object) -> bytes:
    """A digest of a value's repr (of a text, its own bytes). A short value is its own
    fingerprint (marked so that it cannot look like a digest). Collections are left to
    ``Inputs``, which digests members."""
    if isinstance(value, str | int | bool) or value is None:
        text = repr(value).encode("utf-8", "surrogatepass")
        if len(text) < 64:
            return b"=" + text
        if isinstance(value, str):
            return digest(b"str", value)
    return digest(repr(value))


T = TypeVar("T")


class Shared(Protocol):
    """Gives a part several outputs use, made once per build: ``shared(key, make)``."""

    def __call__(self, key: Key, make: Callable[[], T], *, kept: bool = False) -> T: ...


def unshared(key: Key, make: Callable[[], T], *, kept: bool = False) -> T:
    """``Shared`` where nothing is recorded: every part is simply made."""
    return make()


class Part(NamedTuple):
    """A part several outputs use, and the keys making it read."""

    value: Any
    reads: frozenset[Key]


# Numbers in the key table (keytable.py), packed as 32-bit integers: a site's records hold
# a million, which as ints took a tenth of a second to load and as much to save, every build.
Numbers = bytes
StoredPart = tuple[Any, Numbers]  # a part's value, and its reads numbered in the key table


def packed(numbers: Iterable[int]) -> Numbers:
    return array("I", numbers).tobytes()


def unpacked(numbers: Numbers) -> array[int]:
    found = array("I")
    found.frombytes(numbers)
    return found


class Recorder:
    """Collects the keys read while one output is made. Keys are interned, so that the
    records of thousands of outputs share one copy of each."""

    def __init__(self) -> None:
        self.reads: set[Key] = set()
        self._interned: dict[Key, Key] = {}
        self._parts: dict[Key, Part] = {}  # kept parts: for the whole build, and the next
        self._passing: dict[Key, Part] = {}  # other parts: for the outputs being made now
        self._lasting: dict[Key, Part] = {}  # lasting parts: for the whole build, in this process
        self._made: dict[Key, Part] = {}  # kept parts made in this process since they were last taken
        self._stored: Mapping[Key, StoredPart] = {}  # kept parts of the last build (``keep``)
        self._keys: Sequence[Key] = ()

    def keep(self, parts: Mapping[Key, StoredPart], keys: Sequence[Key]) -> None:
        """Parts an earlier build made whose inputs have not changed since, their reads
        numbered in ``keys``: used as they are. Each is unpacked when first asked for, as
        an edit uses a few of thousands."""
        self._stored, self._keys = parts, keys

    def note(self, key: Key) -> None:
        self.reads.add(self._interned.setdefault(key, key))

    def shared(self, key: Key, make: Callable[[], T], *, kept: bool = False, lasting: bool = False) -> T:
        """A part several outputs use (an event in many calendars, a feed in Atom and RSS).
        Every output that uses it is noted as reading what making it read.

        A ``kept`` part lasts the whole build and is kept for the next, which uses it unless
        something it read changed: worth it for a part that outlives edits to others (one
        event among a calendar's thousand). Its ``make`` must look up through the site and
        plan everything it depends on, never be handed an item. A ``lasting`` part (a piece
        of markup that many pages show) lasts the whole build, in the process that made it.
        Other parts last until the outputs being made are done (see ``take_kept``): they
        stay out of memory."""
        part = self._parts.get(key) or self._passing.get(key) or self._lasting.get(key) or self._unpacked(key)
        if part is None:
            outer, self.reads = self.reads, set()
            try:
                value = make()
            finally:
                inner, self.reads = self.reads, outer
            part = Part(value, frozenset(inner))
            if kept:
                self._parts[key] = self._made[key] = part
            elif lasting:
                self._lasting[key] = part
            else:
                self._passing[key] = part
        self.reads.update(part.reads)
        return cast(T, part.value)

    def _unpacked(self, key: Key) -> Part | None:
        stored = self._stored.get(key)
        if stored is None:
            return None
        part = self._parts[key] = Part(stored[0], frozenset(self._keys[number] for number in unpacked(stored[1])))
        return part

    def take_kept(self) -> dict[Key, Part]:
        """The kept parts made since this was last asked, for the next build. The passing
        parts are forgotten: they served the outputs made since."""
        made, self._made = self._made, {}
        self._passing.clear()
        return made

    def take(self) -> frozenset[Key]:
        reads = frozenset(self.reads)
        self.reads.clear()
        return reads


class _Noting:
    """What a tracked dict and a tracked set share: a membership test notes that one key,
    listing or counting notes the whole collection."""

    __slots__ = ("_data", "_key", "_recorder")

    def __init__(self, key: Key, data: Any, recorder: Recorder) -> None:
        self._key, self._data, self._recorder = key, data, recorder

    def __contains__(self, item: object) -> bool:
        self._recorder.note((*self._key, item))
        return item in self._data

    def __iter__(self) -> Iterator[Any]:
        self._recorder.note(self._key)
        return iter(self._data)

    def __len__(self) -> int:
        self._recorder.note(self._key)
        return len(self._data)


class TrackedMap(_Noting, Mapping[Any, Any]):
    """A dict that notes one key per lookup, and the whole dict when it is listed."""

    __slots__ = ()

    def __getitem__(self, item: Any) -> Any:
        self._recorder.note((*self._key, item))
        return self._data[item]

    def get(self, item: Any, default: Any = None) -> Any:
        self._recorder.note((*self._key, item))
        return self._data.get(item, default)

    def keys(self) -> Any:
        self._recorder.note(self._key)
        return self._data.keys()

    def values(self) -> Any:
        self._recorder.note(self._key)
        return self._data.values()

    def items(self) -> Any:
        self._recorder.note(self._key)
        return self._data.items()


class TrackedSet(_Noting, Set[Any]):
    """A set that notes one member per membership test, and the whole set when it is listed."""

    __slots__ = ()


class Tracked:
    """A read-only view of an object (the site, the plan) that notes each attribute read.

    Attributes in ``settled`` are not noted: they are part of every output's settings.
    """

    def __init__(self, name: str, target: object, recorder: Recorder, settled: frozenset[str] = frozenset()) -> None:
        self._name, self._target, self._recorder, self._settled = name, target, recorder, settled

    def __getattr__(self, attribute: str) -> Any:
        value = getattr(self._target, attribute)
        key = (self._name, attribute)
        if isinstance(value, Mapping):
            view: Any = TrackedMap(key, value, self._recorder)
        elif isinstance(value, Set):
            view = TrackedSet(key, value, self._recorder)
        else:
            if attribute not in self._settled:
                self._recorder.note(key)
            return value
        setattr(self, attribute, view)  # views note each use themselves, so one is enough
        return view


class Noted(list[Any]):
    """A ready-made list (such as the menu) that notes its key whenever it is read."""

    def __init__(self, key: Key, items: list[Any], recorder: Recorder) -> None:
        super().__init__(items)
        self._key, self._recorder = key, recorder

    def __iter__(self) -> Iterator[Any]:
        self._recorder.note(self._key)
        return super().__iter__()

    def __len__(self) -> int:
        self._recorder.note(self._key)
        return super().__len__()

    def __getitem__(self, index: Any) -> Any:
        self._recorder.note(self._key)
        return super().__getitem__(index)
