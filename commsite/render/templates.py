"""The template environment: what templates are given, and how each output's reads are noted.

Templates are looked up in an ordered list of folders, the hub's own ``templates/`` first
and then the theme's, so a hub overrides any template by giving one of the same name.
They get the linked ``Site`` and small helpers (the globals and filters docs/themes.md
lists); they never scan the hub. The environment notes every template looked for and every
body read, so that the next build knows what each output was made from (track.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, cast

import jinja2
from jinja2.environment import TemplateModule
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from .. import kinds
from ..content.model import Item
from ..engine.cache import TemplateCache
from ..engine.track import Recorder
from ..graph import months
from ..graph.site import Site, body_key, table_key
from ..outputs import structured
from ..outputs.formats import FORMATS, file_of
from ..outputs.planned import Plan
from ..source.config import Config
from ..timeutil import zone
from ..urls import absolute, href, month_path, slugify
from . import charts, i18n, images, insight, services, views
from .theme import BUILTIN_THEMES, Theme


class _Template(jinja2.Template):
    def _get_default_module(self, ctx: Context | None = None) -> TemplateModule:
        """An imported template's top level, made once for each batch of outputs and
        shared by them (Jinja would keep it for the whole build). Each output that
        imports it is noted as reading what making it read: it may show the site."""
        environment = cast(_Environment, self.environment)
        return environment.recorder.shared((*environment.part_key, "import", self.name), self.make_module)


class _Environment(jinja2.Environment):
    """Notes every template looked for, found or not: a hub may add one that is missing today.
    An item's body is read from ``site.bodies``, which notes it (see graph.site.body_key)."""

    template_class = _Template
    recorder: Recorder
    bodies: Mapping[tuple[str, str], str]  # the tracked site's
    body_attributes: frozenset[str]  # the attributes that hold an item's body, of any kind
    part_key: tuple[str, ...] = ()  # before the keys of the parts it shares: its language's, apart from others'

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        # A plain dict, not Jinja's ChainMap, which each page would copy key by key: the
        # globals are all set before the first template is loaded, and never changed.
        return {**self.globals, **(d or {})}

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute in self.body_attributes and (key := body_key(obj, attribute)) is not None:
            return self.bodies[key]
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:  # item["body_html"], and filters' attribute=
        if (
            isinstance(argument, str)
            and argument in self.body_attributes
            and (key := body_key(obj, argument)) is not None
        ):
            return self.bodies[key]
        return super().getitem(obj, argument)

    def get_template(self, name: Any, parent: str | None = None, globals: Any = None) -> jinja2.Template:
        if isinstance(name, str):
            self.recorder.note(("template", name))
        return super().get_template(name, parent, globals)

    def select_template(self, names: Any, parent: str | None = None, globals: Any = None) -> jinja2.Template:
        for name in names if not isinstance(names, jinja2.Undefined) else ():
            if isinstance(name, str):
                self.recorder.note(("template", name))
        return super().select_template(names, parent, globals)


class _Sandboxed(_Environment, SandboxedEnvironment):
    """For templates that come with the hub: a pull request that changes one must not run
    code on the build machine."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._safe: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # The sandbox's answer depends only on the object's type and the name, and templates
        # ask it a million times a build: ask it once per pair.
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe


def _trusted(root: Path, theme: Theme) -> bool:
    """Only the templates commsite itself ships are run unsandboxed, which is a fifth faster:
    they are as trusted as its code. A hub's own templates/ or theme gets the sandbox."""
    builtin = theme.folder.resolve().is_relative_to(BUILTIN_THEMES.resolve())
    return builtin and not (root / "templates").exists()


def environment(site: Site, plan: Plan, theme: Theme, menu: Sequence[views.MenuItem]) -> _Environment:
    root = site.config.root
    kind = _Environment if _trusted(root, theme) else _Sandboxed
    env = kind(
        loader=jinja2.FileSystemLoader([root / "templates", theme.folder / "templates"]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # each build makes its own environment: no need to stat templates on every page
        bytecode_cache=TemplateCache(root, kind.__name__),
    )
    env.bodies = site.bodies
    env.body_attributes = kinds.body_attributes()
    env.globals.update(_settings(site, theme, menu), **_links(env, site, plan), **_views(site, plan, theme))
    env.filters.update(_filters(env, site, theme))
    return env


def _settings(site: Site, theme: Theme, menu: Sequence[views.MenuItem]) -> dict[str, Any]:
    """The hub's and the theme's settings, and the menu."""
    base = site.config.base_path
    return dict(
        site=site,
        config=site.config,
        lang=site.config.language,
        t=theme.catalogue,
        theme_options=theme.options,
        style=theme.style,
        menu=menu,
        menu_marks=lambda path: views.menu_marks(menu, href(base, path), href(base, "")),
        community_links=[(name, services.profile_url(name, value)) for name, value in site.config.links],
    )


def _links(env: _Environment, site: Site, plan: Plan) -> dict[str, Any]:
    """Links to the site's pages, files, feeds and calendars, and to other sites."""
    base, base_url = site.config.base_path, site.config.base_url
    image_url = _image_url(plan, base)
    return dict(
        image_url=image_url,
        image_size=lambda item, value: _image_size(env, site.config, item, value),
        url=lambda path: href(base, views.in_folder(plan.folder, path)),
        site_root=href(base, ""),  # the site's own root, whatever the page's language: where search is
        link=_linker(plan, base),
        url_for=_url_for(base_url, plan, base),
        media_type=lambda format: FORMATS[format].media_type,
        person=views.person_view(site, plan, base, image_url),
        map_url=services.map_url,
        video_embed=services.video_embed,
        profile_url=services.profile_url,
        calendar_links=lambda event: views.calendar_links(site, plan.urls, event),
        subscribe_url=lambda path: services.webcal_url(absolute(base_url, path)),
        link_path=lambda kind, item_id: plan.urls[kind, item_id],
        canonical=lambda path: absolute(base_url, path),
        alternates=lambda path: views.alternates(site.config.languages, path),
        lang_attr=lambda item: views.lang_attr(item, site.config.language, site.config.languages[0]),
        feed_folder=lambda path: plan.feeds.get(path),
        month_url=lambda month: href(base, plan.folder + month_path(*month)),
        json_ld=lambda kind, item: structured.script_json(_STRUCTURED[kind](site, plan, item)),
        tag_slug=slugify,
        cached=lambda *values, caller: _cached(env, values, caller),
    )


def _views(site: Site, plan: Plan, theme: Theme) -> dict[str, Any]:
    """Lists and groupings made for pages (views.py): what a page shows, ready to show."""
    first_weekday = theme.dates.first_weekday
    return dict(
        ends_at=lambda event, end: views.ends_at(event, end),
        recent_talks=lambda count: views.recent_talks(site, count),
        timetable=views.timetable,
        event_dates=lambda event: views.event_dates(site, event),
        is_past=lambda event: event.id not in site.ahead,
        card_date=lambda event: views.card_date(site, event),
        past_by_year=lambda: views.past_by_year(site),
        month_weeks=lambda month: months.weeks(month, site.days, first_weekday),
        month_nav=lambda month: views.month_nav(site, month),
        month_has_events=lambda month: month in site.busy_months,
        weekday_names=theme.dates.weekday_names(),
        talks_by_year=lambda: views.talks_by_year(site),
        search_choices=lambda: site.search_choices,
        figure=lambda name, events=None: insight.figure(
            name, site, _linker(plan, site.config.base_path), theme.catalogue, events
        ),
        month_grid=charts.month_grid,
        month_rows=insight.month_rows,
        reported_share=lambda: insight.reported_share(site),
        percent=insight.percent,
    )


def _filters(env: _Environment, site: Site, theme: Theme) -> dict[str, Any]:
    """Dates and times as the hub's language writes them, and images given their sizes."""
    dates = theme.dates
    return dict(
        date=lambda d: dates.day(d if not hasattr(d, "date") else d.date()),
        datetime=dates.moment,
        time=lambda d: i18n.format_time(d) if isinstance(d, datetime) else dates.day(d),
        weekday=dates.weekday,
        month_abbr=lambda d: dates.month_abbr(d.month),
        daterange=lambda pair: dates.span(pair[0], pair[1]),
        month_title=dates.month,
        local_time=lambda moment: i18n.format_time(moment.astimezone(zone(site.config.timezone))),
        sized_images=lambda html, item: images.with_sizes(html, lambda src: _image_size(env, site.config, item, src)),
    )


_STRUCTURED: dict[str, Callable[[Site, Plan, Any], dict[str, Any]]] = {
    "event": structured.event,
    "member": structured.member,
    "report": structured.report,
}


def _image_url(plan: Plan, base: str) -> Callable[[str, str, str], str]:
    """An item's image: a URL as is, '/x' from the site root, anything else beside the item's page."""

    def image_url(kind: str, item_id: str, value: str) -> str:
        if value.startswith(("http://", "https://")):
            return value
        if value.startswith("/"):
            return href(base, value)
        return href(base, plan.urls[kind, item_id] + value)

    return image_url


def _cached(env: _Environment, values: tuple[Any, ...], caller: Any) -> Any:
    """``{% call cached(name, *values) %}…{% endcall %}``: the markup between, made once a
    build (in each process) for each place that asks and each set of values, and shared by
    the pages that show it. Values that cannot be a key (a list) make it every time."""
    if not isinstance(caller, jinja2.runtime.Macro):
        raise TypeError("cached() is used as {% call cached(name, ...) %}...{% endcall %}")
    # The body's compiled code names the place, so that two templates using one name stay
    # apart. (Without it, in another Jinja, each use is its own: nothing shared, nothing wrong.)
    place = getattr(getattr(caller, "_func", None), "__code__", caller)
    key = (*env.part_key, "markup", place, *values)
    try:
        hash(key)
    except TypeError:
        return caller()
    return env.recorder.shared(key, caller, lasting=True)


def _image_size(env: _Environment, config: Config, item: Item, value: str) -> images.Size | None:
    """The size of an image the hub holds, named as ``item``'s file names it. The page is
    noted as reading the image's file, so a new picture of another size renders it again."""
    path = images.local_file(config.root, item.source, value, config.base_path)
    if path is None:
        return None
    env.recorder.note(("file", str(path)))
    return images.size(path)


def _url_for(base_url: str, plan: Plan, base: str) -> Callable[..., str]:
    def url_for(item: object = None, format: str = "html", subscribe: bool = False) -> str:
        """The link to an item's page (``format`` html), or to the feed or calendar beside it
        (atom, rss, ics); no item, the hub's own; a site path, the page there. ``subscribe``:
        the calendar as a webcal:// link that calendar apps keep in sync."""
        kind, page = None, item if isinstance(item, str) else plan.folder
        if item is not None and not isinstance(item, str):
            kind, key = table_key(item)
            page = plan.urls[kind, key]
        target = page + file_of(kind, format)
        return services.webcal_url(absolute(base_url, target)) if subscribe else href(base, target)

    return url_for


def _linker(plan: Plan, base: str) -> Callable[[str, str], str | None]:
    def link(kind: str, item_id: str) -> str | None:
        path = plan.urls.get((kind, item_id))
        return href(base, path) if path is not None else None

    return link
