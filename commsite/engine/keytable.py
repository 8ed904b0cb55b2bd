"""What the next build compares: the fingerprint each key an output read has in a build
(``Inputs``), the numbered table of every key read with its fingerprint then (``KeyTable``),
and each output's record of the keys it read (``Record``). track.py notes the reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Set
from typing import NamedTuple

from .track import MISSING, SCALARS, Key, Numbers, digest, fingerprint, packed, unpacked


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
        self._entry_types = frozenset(type(value) for value, _ in self._of_object.values()) - SCALARS  # not bodies

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
        known = self._of_object.get(id(value))
        if known is not None and known[0] is value:
            return known[1]  # a body's too: thousands of texts, digested with their parse
        if type(value) in SCALARS:
            return fingerprint(value)
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
    reads: Numbers


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

    def number(self, reads: Set[Key]) -> Numbers:
        """The numbers of the keys an output read; ``refresh`` then fingerprints them as they are now."""
        numbers = self._numbers
        for key in [key for key in reads if key not in numbers]:
            numbers[key] = len(self.keys)
            self.keys.append(key)
            self.fingerprints.append(b"")
        found = sorted(map(numbers.__getitem__, reads))
        self._numbered.update(found)
        return packed(found)

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
    return record is None or record.spec != spec or not changed.isdisjoint(unpacked(record.reads))
