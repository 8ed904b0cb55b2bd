"""An issue's answers read as the content format's values: an event, a person, an address,
a profile's links. Lenient where the answer is only unusual (an address without https://,
a fediverse handle); each answer that names nothing is a Problem."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from ..content.model import Event
from ..graph.link_people import github_profile
from ..graph.site import Site
from .problems import Problem


def required(given: dict[str, str], field_id: str, problems: list[Problem]) -> str:
    value = " ".join(given[field_id].split())
    if not value:
        problems.append(Problem(field_id, "empty"))
    return value


def event(answer: str, site: Site, problems: list[Problem]) -> Event | None:
    """The event named by its id, or by its page's address (whose last part is its slug)."""
    text = answer.strip().strip("<>")
    if not text:
        problems.append(Problem("event", "empty"))
        return None
    parts = [unquote(part) for part in urlsplit(text).path.split("/") if part]
    name = parts[parts.index("events") + 1] if "events" in parts[:-1] else parts[-1] if parts else text
    if name in site.events:
        return site.events[name]
    by_slug = [event for event in site.events.values() if event.slug == name]
    if len(by_slug) == 1:
        return by_slug[0]
    soon = list(dict.fromkeys(occurrence.event for occurrence in site.upcoming))[:3]
    upcoming = ", ".join(f"`{event_id}`" for event_id in soon) or "-"
    problems.append(Problem("event", "no_event", {"text": text, "upcoming": upcoming}))
    return None


def person(
    answer: str, field_id: str, site: Site, login: str | None, problems: list[Problem]
) -> str | dict[str, str] | None:
    """A member's id (given as an id or alias, or found by the GitHub login); else a guest,
    with their GitHub profile, by which their profile links them once they add one."""
    name = " ".join(answer.split())
    for member in site.members.values():
        if name and (name == member.id or name in member.aliases):
            return member.id
    if login and (member_id := by_login(site, login)) is not None:
        return member_id
    if not name:
        problems.append(Problem(field_id, "empty"))
        return None
    guest = {"name": name}
    if login:
        guest["url"] = f"https://github.com/{login}"
    return guest


def by_login(site: Site, login: str) -> str | None:
    """The member whose profile links to this GitHub account."""
    account = github_profile(login)
    for member in site.members.values():
        if (link := dict(member.links).get("github")) and github_profile(link) == account:
            return member.id
    return None


def address(answer: str, field_id: str, problems: list[Problem]) -> str | None:
    text = answer.strip().strip("<>")
    if text and "://" not in text and "." in text.split("/")[0]:
        text = f"https://{text}"  # written without its scheme: lenient
    parts = urlsplit(text)
    if parts.scheme in ("http", "https") and parts.netloc and " " not in text:
        return text
    problems.append(Problem(field_id, "not_url", {"text": answer.strip()}))
    return None


_HOSTS = {
    "github.com": "github",
    "x.com": "x",
    "twitter.com": "x",
    "bsky.app": "bluesky",
    "linkedin.com": "linkedin",
    "connpass.com": "connpass",
    "zenn.dev": "zenn",
    "qiita.com": "qiita",
    "note.com": "note",
    "speakerdeck.com": "speakerdeck",
    "youtube.com": "youtube",
}
_FEDIVERSE = re.compile(r"^@?([\w.]+)@([\w-]+(?:\.[\w-]+)+)$")  # @name@host


def links(answer: str, login: str | None, problems: list[Problem]) -> dict[str, str]:
    """One address a line, each named by its site (github, x, …); the first other is the
    website, the next the blog. A fediverse handle becomes its profile's address."""
    links: dict[str, str] = {}
    for line in answer.splitlines():
        text = line.strip().lstrip("-*• ").strip()
        if not text:
            continue
        if handle := _FEDIVERSE.match(text):
            text = f"https://{handle.group(2)}/@{handle.group(1)}"
        url = address(text, "links", problems)
        if url is None:
            continue
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        name = _HOSTS.get(host) or ("mastodon" if urlsplit(url).path.startswith("/@") else "")
        name = name or next(
            key for key in ("website", "blog", *(f"link-{n}" for n in range(2, 99))) if key not in links
        )
        links.setdefault(name, url)
    if login:
        links.setdefault("github", f"https://github.com/{login}")
    return links
