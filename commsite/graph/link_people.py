"""The people items name: member ids and aliases resolved to members' ids, each unknown
one reported with what the organiser most likely meant."""

from __future__ import annotations

from ..content.model import Member, Person
from ..errors import ContentError, Problems, suggest
from ..source.frontmatter import FieldPath, Locator, field_name


def member_names(members: dict[str, Member], problems: Problems) -> dict[str, str]:
    """Every id and alias, mapped to the member it names; an alias may not name two people."""
    names = {member_id: member_id for member_id in members}
    for member in members.values():
        for index, alias in enumerate(member.aliases):
            owner = names.get(alias)
            if owner is not None and owner != member.id:
                where = member.source.locator.at(("aliases", index))
                message = f"the alias '{alias}' already names the member '{owner}'"
                hint = "remove it from one of the two"
                problems.errors.append(ContentError(where, message, f"aliases[{index}]", hint))
            else:
                names[alias] = member.id
    return names


class Resolver:
    """Turns member ids and aliases into canonical member ids, reporting unknown ones."""

    def __init__(self, members: dict[str, Member], names: dict[str, str], broken: set[str], problems: Problems):
        self.names, self.broken, self.problems = names, broken, problems
        self.display_names = {m.name: m.id for m in members.values()}
        # A guest given with a member's GitHub profile is that member: a member who spoke or
        # wrote as a guest (commsite from-issue keeps their login) and then added a profile.
        self.by_github = {
            github_profile(url): m.id for m in members.values() for name, url in m.links if name == "github"
        }

    def member(self, locator: Locator, at: FieldPath, name: str) -> str | None:
        if name in self.names:
            return self.names[name]
        if name not in self.broken:
            message = f"there is no member '{name}'"
            self.problems.errors.append(ContentError(locator.at(at), message, field_name(at), self._hint(name)))
        return None

    def _hint(self, name: str) -> str:
        by_display_name = self.display_names.get(name)
        if by_display_name:
            return f"refer to members by id: write '{by_display_name}'"
        if "," in name:
            return "write several members as a list: [" + ", ".join(p.strip() for p in name.split(",")) + "]"
        return suggest(name, self.names) or f"add content/members/{name}.md, or write a guest as {{name: {name}}}"

    def people(self, locator: Locator, at: FieldPath, people: tuple[Person, ...]) -> tuple[Person, ...]:
        resolved = []
        for index, person in enumerate(people):
            if person.member is None:
                member_id = self.by_github.get(github_profile(person.url)) if person.url else None
                resolved.append(person if member_id is None else Person(member=member_id))
            elif (member := self.member(locator, (*at, index), person.member)) is not None:
                resolved.append(Person(member=member))
        return tuple(resolved)

    def ids(self, locator: Locator, at: FieldPath, ids: tuple[str, ...]) -> tuple[str, ...]:
        found = (self.member(locator, (*at, index), name) for index, name in enumerate(ids))
        return tuple(member for member in found if member is not None)


def github_profile(link: str) -> str:
    """A GitHub account as compared: its profile's address, or just its login, written with
    or without https:// and www, a trailing slash, in any case."""
    url = link if "/" in link else f"github.com/{link}"
    return url.strip().casefold().removeprefix("http://").removeprefix("https://").removeprefix("www.").rstrip("/")
