"""The hub's settings: site.yaml read into a frozen ``Config``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import BadValue, BuildFailed, ContentError, Invalid, Location, Problems
from ..timeutil import zone
from . import fields
from .fields import Field
from .frontmatter import Locator, decode, read_yaml
from .markdown import RAW_HTML_MODES
from .reader import Reader

SETTINGS_FILE = "site.yaml"


@dataclass(frozen=True)
class MenuLink:
    title: str  # as written; or, in a hub of several languages, in its first language
    url: str
    titles: tuple[tuple[str, str], ...] = ()  # by language, when written as {ja: イベント, en: Events}

    def title_in(self, language: str) -> str:
        return dict(self.titles).get(language, self.title)


@dataclass(frozen=True)
class Config:
    root: Path  # the hub's folder
    title: str
    base_url: str
    description: str = ""
    language: str = "en"  # the hub's first language: its pages are at the root
    languages: tuple[str, ...] = ("en",)  # every language it publishes, the first one first
    timezone: str = "UTC"
    event_duration: int = 120  # minutes
    theme: str = "default"
    output_dir: str = "public"
    menu: tuple[MenuLink, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    recurrence_horizon_months: int = 12
    raw_html: str = "sanitize"  # HTML in Markdown: rendered as GitHub does ("sanitize"), or shown as text ("escape")
    search: bool = True  # a search index is built with the site (Pagefind), and a search page
    stats: bool = True  # the community's record: /stats/, stats.json, first-talk badges, members' paths
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    theme_options: dict[str, Any] = field(
        default_factory=dict, compare=False
    )  # checked against the theme's own (theme.py)
    style: dict[str, Any] = field(default_factory=dict, compare=False)  # CSS custom properties, checked likewise
    locator: Locator | None = field(default=None, compare=False, repr=False)  # site.yaml's, for those checks
    texts: tuple[tuple[str, str, str], ...] = ()  # (field, language, text): a title or description given per language

    def in_language(self, language: str) -> Config:
        """The settings as a site in ``language`` reads them: its UI language, and the title
        and description written for it, if site.yaml gives them per language."""
        own = {name: text for name, code, text in self.texts if code == language}
        title, description = own.get("title", self.title), own.get("description", self.description)
        return replace(self, language=language, title=title, description=description)

    @property
    def domain(self) -> str | None:
        """A custom domain for GitHub Pages (written to CNAME), or None for *.github.io."""
        host = urlsplit(self.base_url).hostname or ""
        if not host or host == "localhost" or host.endswith(".github.io") or host.replace(".", "").isdigit():
            return None
        return host

    @property
    def base_path(self) -> str:
        """The deploy sub-path, always with a leading and trailing slash: '/' or '/hub/'."""
        path = urlsplit(self.base_url).path.strip("/")
        return f"/{path}/" if path else "/"


def base_url(value: Any) -> str:
    result = fields.url_exact(value)
    parts = urlsplit(result)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadValue(f"expected an absolute URL such as https://example.github.io/hub/, got '{result}'")
    return result if result.endswith("/") else result + "/"


def language_tag(value: Any) -> str:
    """A BCP 47 tag such as ja, en or pt-BR: the theme's catalogue for it is checked later."""
    tag = fields.text(value)
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag):
        raise BadValue(f"'{tag}' is not a language code", "write a code such as ja or en")
    return tag


def language_tags(value: Any) -> tuple[str, ...]:
    """``languages: [ja, en]``: each a language code, none twice."""
    tags = tuple(language_tag(item) for item in fields.items(value))
    if not tags:
        raise BadValue("no languages are listed", "write the hub's languages, its first one first: [ja, en]")
    twice = sorted({tag for tag in tags if tags.count(tag) > 1})
    if twice:
        raise BadValue(f"'{twice[0]}' is listed twice", "list each language once")
    return tags


def timezone_name(value: Any) -> str:
    name = fields.text(value)
    zone(name)
    return name


def _raw_html(value: Any) -> str:
    """'sanitize' or 'escape'; yes and no, as earlier versions took, mean the same."""
    if isinstance(value, bool):
        return RAW_HTML_MODES[0] if value else RAW_HTML_MODES[1]
    mode = fields.text(value)
    if mode not in RAW_HTML_MODES:
        hint = "'sanitize' (the default) renders HTML as GitHub does; 'escape' shows it as text"
        raise BadValue(f"'{mode}' is not one of {', '.join(RAW_HTML_MODES)}", hint)
    return mode


def _horizon(value: Any) -> int:
    months = fields.positive(value)
    if months > 120:
        raise BadValue(f"{months} months is further ahead than anyone plans", "use at most 120 (ten years)")
    return months


_SETTINGS = (
    Field("title", lambda value: _titles(value), required=True, default=(("", ""),)),  # or one per language
    Field("description", lambda value: _titles(value), default=(("", ""),)),
    Field("base_url"),  # unless the command line gives it
    Field("language", language_tag, default="en"),  # one language; or:
    Field("languages", language_tags),  # several, the first one at the root
    Field("timezone", timezone_name, default="UTC"),
    Field("event_duration", fields.positive, default=120),
    Field("theme", fields.text, default="default"),
    Field("output_dir", fields.text, default="public"),
    Field("menu"),  # a list of {title, url}: see _menu
    Field("links", fields.text_map, default=()),
    Field("recurrence_horizon_months", _horizon, default=12),
    Field("raw_html", _raw_html, default="sanitize"),
    Field("search", fields.boolean, default=True),
    Field("stats", fields.boolean, default=True),
    Field("extra", fields.extra_data, default={}),
    Field("theme_options", fields.extra_data, default={}),  # checked against the theme's own (theme.py)
    Field("style", fields.extra_data, default={}),
)


def load_config(root: Path, *, base_url_override: str | None = None) -> Config:
    """site.yaml as a Config, or every mistake in it at once."""
    problems = Problems()
    config = read_config(root, problems, base_url_override=base_url_override)
    problems.stop_if_any()
    return config


def read_config(root: Path, problems: Problems, *, base_url_override: str | None = None) -> Config:
    """site.yaml as a Config, its mistakes put in ``problems``. A field with a mistake takes its default (and
    a file that is not YAML, every field), so that a build checks the content all the same
    and lists every mistake of the hub in one run; only a hub without site.yaml stops here."""
    path = root / SETTINGS_FILE
    if not path.is_file():
        raise BuildFailed(
            [
                ContentError(
                    Location(path),
                    f"there is no {SETTINGS_FILE} in {root}",
                    hint="run commsite in the hub's folder, or create one with 'commsite init DIR'",
                )
            ]
        )
    try:
        text = decode(path, path.read_bytes())
        data, locator = read_yaml(path, text, text)
    except Invalid as problem:
        problems.errors += problem.errors
        return Config(root, title="", base_url="http://localhost/")
    read = Reader(data, locator, (), problems)
    read.check_table(_SETTINGS)
    if base_url_override is not None:
        try:
            url = base_url(base_url_override)
        except BadValue as problem:
            raise BuildFailed([ContentError(Location(Path("--base-url")), str(problem))]) from None
    else:
        url = read.take("base_url", base_url, required=True) or "http://localhost/"
    values = read.take_all(_SETTINGS)
    values["language"], values["languages"] = _languages(read, values.pop("language"), values.pop("languages"))
    texts = {name: values.pop(name) for name in ("title", "description")}
    for name, given in texts.items():  # in the first language; each language's site reads its own (in_language)
        values[name] = dict(given).get(values["language"], given[0][1])
    values["texts"] = tuple((name, code, text) for name, given in texts.items() for code, text in given if code)
    return Config(root, base_url=url, menu=_menu(read), **values, locator=locator)


def _languages(read: Reader, language: str, languages: tuple[str, ...] | None) -> tuple[str, tuple[str, ...]]:
    """The hub's first language and all of them, from ``language:`` or ``languages:``."""
    if languages is None:
        return language, (language,)
    if "language" in read.data and language != languages[0]:
        hint = f"remove 'language:': the first of 'languages:' ({languages[0]}) is the hub's first language"
        read.error("language", f"'language: {language}' is not the first of 'languages:'", hint)
    return languages[0], languages


def _menu(read: Reader) -> tuple[MenuLink, ...]:
    links = []
    needs = "each menu entry needs 'title' and 'url'"
    for entry in read.entries("menu", needs, "write '- {title: Events, url: /events/}'"):
        link = entry.read(_MENU_LINK)
        if link["title"] and link["url"]:
            titles: tuple[tuple[str, str], ...] = link["title"]
            links.append(MenuLink(titles[0][1], link["url"], titles if len(titles) > 1 else ()))
    return tuple(links)


def _titles(value: Any) -> tuple[tuple[str, str], ...]:
    """A menu entry's title: a text, or one per language ({ja: イベント, en: Events}), the first first."""
    if not isinstance(value, dict):
        return (("", fields.text(value)),)
    titles = tuple((language_tag(language), fields.text(text)) for language, text in value.items())
    if not titles:
        raise BadValue("no title is given", "write a title, or one per language: {ja: イベント, en: Events}")
    return titles


_MENU_LINK = (Field("title", _titles, required=True), Field("url", fields.url_exact, required=True))
