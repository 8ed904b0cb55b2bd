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
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Set
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


_SCALARS = frozenset({str, int, bool, bytes, type(None)})


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


StoredPart = tuple[Any, tuple[int, ...]]  # a part's value, and its reads numbered in the key table


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

    def keep(self, parts: Mapping[Key, Part]) -> None:
        """Parts an earlier build made whose inputs have not changed since: used as they are."""
        for key, part in parts.items():
            self._parts.setdefault(key, part)

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
        part = self._parts.get(key) or self._passing.get(key) or self._lasting.get(key)
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


class Inputs:
    """The fingerprints of keys in this build, each computed once.

    ``roots`` gives the objects behind the views (``"site"``, ``"plan"``); ``lookups``
    gives the value of other kinds of key (``"template"``, ``"file"``, ``"menu"``).
    """

    def __init__(
        self,
        roots: Mapping[str, object],
        lookups: Mapping[str, Callable[[Key], object]],
        known: Iterable[tuple[object, bytes]] = (),
    ) -> None:
        """``known`` gives entries whose fingerprint is known already (items, made when
        their files were parsed), which saves describing them again."""
        self._roots, self._lookups = roots, lookups
        self._known: dict[Key, bytes] = {}
        self._collections: dict[Key, object] = {}
        # An entry reached by several keys is digested once.
        self._of_object: dict[int, tuple[object, bytes]] = {id(value): (value, found) for value, found in known}
        self._entry_types = frozenset(type(value) for value, _ in self._of_object.values())

    def __getitem__(self, key: Key) -> bytes:
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._fingerprint(self._value(key))
        return found

    def collection(self, key: Key) -> Key | None:
        """The key of the whole collection a key looks into (``("site", "talks")``), if it is one of the roots'."""
        return key[:2] if key[0] in self._roots and len(key) >= 2 else None

    def _value(self, key: Key) -> object:
        # Tens of thousands of keys a build: the usual ones (an entry of one of the site's or
        # plan's dicts) take the shortest way, their dict looked up once for all of them.
        collection = self._collections.get(key[:2], MISSING)
        if collection is MISSING:
            lookup = self._lookups.get(key[0])  # type: ignore[call-overload]
            if lookup is not None:
                return lookup(key)
            root = self._roots[key[0]]  # type: ignore[index]
            collection = self._collections[key[:2]] = getattr(root, str(key[1]), MISSING)
        if len(key) == 2:
            return collection
        if isinstance(collection, Mapping):
            return collection.get(key[2], MISSING)
        return key[2] in collection  # type: ignore[operator]  # a set: only whether it holds the member

    def _fingerprint(self, value: object) -> bytes:
        """Like ``fingerprint``, but a collection of entries is digested from its entries'
        digests, each made once, and a set from its members' digests in order."""
        if type(value) in _SCALARS:
            return fingerprint(value)
        known = self._of_object.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        if isinstance(value, Set):
            found = digest(b"set", *sorted(self._fingerprint(member) for member in value))
        elif not self._holds_entries(value):
            found = fingerprint(value)  # plain values (ids, dates, pairs): their repr says it all
        elif isinstance(value, Mapping):
            found = digest(b"map", *(repr(k) + ":" for k in value), *(self._fingerprint(v) for v in value.values()))
        else:
            found = digest(b"list", *(self._fingerprint(member) for member in value))  # type: ignore[attr-defined]
        self._of_object[id(value)] = (value, found)
        return found

    def _holds_entries(self, value: object) -> bool:
        if isinstance(value, Mapping):
            members: Iterable[object] = value.values()
        elif isinstance(value, tuple | list):
            members = value
        else:
            return False
        entries = self._entry_types
        return any(type(member) in entries for member in members)


class Record(NamedTuple):
    """What one output was made from: its own description (template, ids, format) and the keys it read."""

    spec: bytes
    reads: tuple[int, ...]  # numbers in the key table


class KeyTable:
    """Every key some output read, numbered (records stay small), with its fingerprint then.

    A key that changed was read again by every output that still reads it, so its
    fingerprint here is current; a key nothing reads any more keeps an old one, harmlessly.

    The table also keeps the fingerprint of each whole collection its keys look into (the
    site's talks, the plan's URLs): a build finds most of them as they were, and then
    need not look at the thousands of keys into each.
    """

    def __init__(
        self,
        keys: Iterable[Key] = (),
        fingerprints: Iterable[bytes] = (),
        collections: Iterable[tuple[Key, bytes]] = (),
    ) -> None:
        self.keys, self.fingerprints = list(keys), list(fingerprints)
        self.collections = dict(collections)
        self._numbers = {key: number for number, key in enumerate(self.keys)}
        self._numbered: set[int] = set()

    def changed(self, inputs: Inputs) -> set[int]:
        """The keys whose value is not what it was when they were last read."""
        same = {where for where, before in self.collections.items() if inputs[where] == before}
        pairs = zip(self.keys, self.fingerprints, strict=True)
        return {n for n, (key, before) in enumerate(pairs) if key[:2] not in same and inputs[key] != before}

    def number(self, reads: Set[Key]) -> tuple[int, ...]:
        """The numbers of the keys an output read; ``refresh`` then fingerprints them as they are now."""
        numbers = self._numbers
        for key in [key for key in reads if key not in numbers]:
            numbers[key] = len(self.keys)
            self.keys.append(key)
            self.fingerprints.append(b"")
        found = tuple(sorted(map(numbers.__getitem__, reads)))
        self._numbered.update(found)
        return found

    def refresh(self, inputs: Inputs) -> None:
        """Fingerprint every key numbered since the last refresh as it is in this build (once
        each, however many outputs read it), and every collection the keys look into."""
        for number in self._numbered:
            self.fingerprints[number] = inputs[self.keys[number]]
        self._numbered.clear()
        # Sound because every key of a collection that changed was looked at: the outputs
        # that read one that changed were made again, and so read it again, or no longer.
        self.collections = {where: inputs[where] for where in {inputs.collection(key) for key in self.keys} if where}


def is_stale(record: Record | None, spec: bytes, changed: Set[int]) -> bool:
    return record is None or record.spec != spec or not changed.isdisjoint(record.reads)
