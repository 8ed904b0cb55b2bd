"""The theme stage: the hub's theme found, its settings read and the hub's changes to them
checked, with its catalogue of UI strings.

A theme declares in its own ``theme.yaml`` the options its templates read (with their
defaults) and the CSS custom properties a hub may set. site.yaml changes them:

    theme_options: {home_events: 4}
    style: {accent: "#b03a2e", dark: {accent: "#ff9c8f"}}

Mistakes in either are reported with the content's errors, in one list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BadValue, BuildFailed, ContentError, Invalid, Location, Problems
from ..source import fields
from ..source.config import Config
from ..source.fields import Field
from ..source.frontmatter import Locator, decode, read_yaml
from ..source.reader import Reader
from . import i18n

# Installed: the themes ship inside the package. From a checkout: the repository's themes/.
_PACKAGE = Path(__file__).resolve().parent.parent  # commsite/
BUILTIN_THEMES = _PACKAGE / "themes" if (_PACKAGE / "themes").is_dir() else _PACKAGE.parent / "themes"
SETTINGS_FILE = "theme.yaml"


@dataclass(frozen=True)
class Theme:
    name: str
    folder: Path
    catalogue: i18n.Catalogue
    dates: i18n.Dates
    options: dict[str, Any] = field(default_factory=dict)  # theme.yaml's, as the hub set them
    style: str = ""  # the hub's custom properties as CSS, to follow the theme's stylesheet

    @property
    def static(self) -> Path:
        return self.folder / "static"


def load_theme(config: Config, problems: Problems) -> Theme:
    """The hub's theme, with the hub's settings of it; their mistakes are put in ``problems``."""
    folder = find_theme(config.root, config.theme)
    declared_options, properties = _read_settings(folder / SETTINGS_FILE, problems)
    locator = config.locator or Locator(config.root / "site.yaml", (), {}, {})
    site = Reader({}, locator, (), problems)
    options = _options(site, config.theme_options, declared_options)
    style = _style(site, config.style, properties)
    catalogue, dates = _catalogue(config, folder, site)
    return Theme(config.theme, folder, catalogue, dates, options, style)


def _catalogue(config: Config, folder: Path, site: Reader) -> tuple[i18n.Catalogue, i18n.Dates]:
    """The UI strings in the hub's language, and how it writes dates. A theme of the hub's
    own that says nothing of dates writes them as the default theme does."""
    folders = [config.root / "i18n", folder / "i18n"]
    if not i18n.has_catalogue(folders, config.language):
        known = sorted({p.stem for base in folders if base.is_dir() for p in base.glob("*.yaml")})
        hint = f"add i18n/{config.language}.yaml (the theme's en.yaml, translated), or use " + ", ".join(known)
        site.error("language", f"the theme has no UI strings in '{config.language}'", hint)
    catalogue = i18n.load_catalogue(folders, config.language, site.problems)
    if i18n.writes_dates(catalogue):  # the default theme's own catalogue does: read it once
        return catalogue, i18n.Dates.of(catalogue, catalogue)
    default_theme = i18n.load_catalogue([BUILTIN_THEMES / "default" / "i18n"], config.language, site.problems)
    return catalogue, i18n.Dates.of(catalogue, default_theme)


def find_theme(root: Path, name: str) -> Path:
    for folder in (root / "themes" / name, BUILTIN_THEMES / name):
        if (folder / "templates").is_dir():
            return folder
    known = sorted({p.name for base in (root / "themes", BUILTIN_THEMES) if base.is_dir() for p in base.iterdir()})
    raise BuildFailed(
        [
            ContentError(
                Location(root / "site.yaml"),
                f"there is no theme '{name}'",
                "theme",
                "themes available: " + ", ".join(known) if known else "remove 'theme:' to use the default theme",
            )
        ]
    )


def _read_settings(path: Path, problems: Problems) -> tuple[dict[str, Any], tuple[str, ...]]:
    """theme.yaml's options (name → default) and the custom properties it lets hubs set."""
    if not path.is_file():
        return {}, ()
    try:
        text = decode(path, path.read_bytes())
        data, locator = read_yaml(path, text, text)
    except Invalid as problem:
        problems.errors.extend(problem.errors)
        return {}, ()
    read = Reader(data, locator, (), problems)
    settings = read.read(_SETTINGS)
    options = dict(settings["options"])
    for name, default in list(options.items()):
        if not isinstance(default, bool | int | float | str):
            read.child("options", options).error(name, "an option's default must be a text, a number, true or false")
            del options[name]
    properties: tuple[str, ...] = settings["style"]
    return options, properties


_SETTINGS = (
    Field("options", fields.extra_data, default={}),  # name → default
    Field("style", lambda value: _property_names(value), default=()),  # the custom properties a hub may set
)


def _property_names(value: Any) -> tuple[str, ...]:
    names = fields.texts_exact(value)
    for name in names:
        if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
            raise BadValue(f"'{name}' is not a custom property name", "write it without '--', e.g. accent")
    return names


def _options(site: Reader, given: Mapping[str, Any], declared: dict[str, Any]) -> dict[str, Any]:
    """The theme's options with the hub's values, each of the type of its default."""
    options = dict(declared)
    read = site.child("theme_options", given)
    read.check_known(declared, hint=_listed("the theme's options", declared))
    for name, default in declared.items():
        if name in given:
            options[name] = read.take(name, _like(default), default=default)
    return options


def _like(default: Any) -> fields.Converter[Any]:
    """Read a hub's value as the type of the theme's default."""
    if isinstance(default, bool):
        return fields.boolean
    if isinstance(default, int):
        return fields.non_negative
    if isinstance(default, float):
        return fields.number
    return fields.text


def _style(site: Reader, given: Mapping[str, Any], properties: tuple[str, ...]) -> str:
    """site.yaml's style: as CSS custom properties, for both schemes and for the dark one (``dark:``)."""
    read = site.child("style", given)
    read.check_known([*properties, "dark"], hint=_listed("the theme's custom properties", properties))
    dark = read.child("dark", read.take("dark", fields.mapping, default={}))
    dark.check_known(properties, hint=_listed("the theme's custom properties", properties))
    both, dark_only = _declarations(read, properties), _declarations(dark, properties)
    css = f":root {{ {both} }}\n" if both else ""
    return css + (f"@media (prefers-color-scheme: dark) {{ :root {{ {dark_only} }} }}\n" if dark_only else "")


def _declarations(read: Reader, properties: tuple[str, ...]) -> str:
    values = {name: read.take(name, _css_value) for name in properties if name in read.data}
    return " ".join(f"--{name}: {value};" for name, value in values.items() if value is not None)


def _listed(what: str, names: Iterable[str]) -> str:
    return f"{what}: {', '.join(names)}" if names else "this theme has none"


def _css_value(value: Any) -> str:
    """One value of a custom property: a colour, a font list, a length. Nothing that could
    end the declaration or the <style> element it is written into, and no url(): pages make
    no request outside the site."""
    text = fields.text(value).strip()
    if "url(" in text.lower():
        hint = "use colours and fonts the reader has; an image belongs in a template of the hub's own"
        raise BadValue("a url() here would load a file on every page", hint)
    if not text or any(mark in text for mark in ";{}<>\\\n"):
        raise BadValue(
            f"'{text}' is not a single CSS value",
            'write one value such as "#b03a2e", "1rem" or \'"BIZ UDPGothic", sans-serif\'',
        )
    return text
