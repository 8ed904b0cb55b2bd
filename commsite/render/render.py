"""The render stage: each planned page through its Jinja2 template (in the environment
of templates.py), each other output through its generator.

Templates and generators see the site and plan through views that note what each output
reads (see engine/track.py); the next build compares those inputs to decide what to render.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar, cast

import jinja2

from .. import kinds
from ..engine.keytable import Inputs
from ..engine.parallel import done_in_turn, in_chunks
from ..engine.track import MISSING, Key, Noted, Part, Recorder, Shared, Tracked, digest
from ..errors import BuildFailed, ContentError, Location
from ..graph.site import Site
from ..outputs.formats import FORMATS
from ..outputs.planned import Output, Plan
from . import views
from .templates import environment
from .theme import Theme

T = TypeVar("T")


class Edition(NamedTuple):
    """The site in one language: its graph, its plan and its theme (with the language's UI strings)."""

    site: Site
    plan: Plan
    theme: Theme


@dataclass(frozen=True)
class _View:
    """One language's site as the templates and generators of its outputs see it: through
    views that note what they read, under names of that language's own."""

    env: jinja2.Environment
    site: Site  # the tracked view
    plan: Plan  # the tracked view
    shared: Shared  # parts several outputs use, kept apart from other languages'


@dataclass(frozen=True)
class Renderer:
    """The template environments, with the views of the site and plan that outputs are made
    from: one per language, by an output's ``language`` ("" for the hub's first)."""

    languages: dict[str, _View]
    recorder: Recorder
    roots: dict[str, object]  # each name the views note reads under → what it is a view of
    menus: dict[str, list[views.MenuItem]]  # each language's menu, by the language of its outputs
    settings: bytes  # a digest of what every output depends on: site.yaml, the catalogue, the theme

    def inputs(self, known: Iterable[tuple[object, bytes]] = ()) -> Inputs:
        """How to fingerprint each key an output may have read, in this build."""
        env = self.languages[""].env
        loader = env.loader
        assert loader is not None

        def template(key: Key) -> object:
            try:
                source, filename, _ = loader.get_source(env, str(key[1]))
            except jinja2.TemplateNotFound:
                return MISSING
            return (filename, source)

        def menu(key: Key) -> object:  # ("menu",) is the first language's, ("menu", "en") another's
            return self.menus[str(key[1]) if len(key) > 1 else ""]

        return Inputs(self.roots, {"template": template, "menu": menu, "file": _file_digest}, known)


def _file_digest(key: Key) -> object:
    """A file copied as it is (a bundle's image, a static file)."""
    try:
        return digest(Path(str(key[1])).read_bytes())
    except OSError:
        return MISSING


def renderer(editions: Sequence[Edition], *, drafts: bool = False) -> Renderer:
    """The renderer of these editions of the site, the hub's first language's first."""
    recorder = Recorder()
    found, roots, menus = {}, {}, {}
    for number, edition in enumerate(editions):
        language = edition.site.config.language if number else ""
        suffix = f"@{language}" if language else ""
        # The site's settings and stamp are part of every output's settings, so reading them is not noted.
        site = cast(Site, Tracked("site" + suffix, edition.site, recorder, frozenset({"config", "stamp"})))
        the_plan = cast(Plan, Tracked("plan" + suffix, edition.plan, recorder))
        menus[language] = views.menu(edition.site, edition.theme.catalogue, edition.plan.folder)
        menu_key = ("menu", language) if language else ("menu",)
        env = environment(site, the_plan, edition.theme, Noted(menu_key, menus[language], recorder))
        env.recorder = recorder
        env.part_key = (suffix,) if suffix else ()
        found[language] = _View(env, site, the_plan, _shared_apart(recorder, suffix))
        roots.update({"site" + suffix: edition.site, "plan" + suffix: edition.plan})
    parts = (repr(e.site.config) + repr(e.theme) for e in editions)
    settings = digest(repr(editions[0].site.stamp), repr(drafts), *parts)
    return Renderer(found, recorder, roots, menus, settings)


def _shared_apart(recorder: Recorder, suffix: str) -> Shared:
    """``recorder.shared``, for one language's parts: under keys of their own."""
    if not suffix:
        return recorder.shared

    def shared(key: Key, make: Callable[[], T], *, kept: bool = False) -> T:
        return recorder.shared((suffix, *key), make, kept=kept)

    return shared


@dataclass(frozen=True)
class Rendered:
    pages: dict[str, bytes] = field(default_factory=dict)  # output file → its bytes
    reads: dict[str, frozenset[Key]] = field(default_factory=dict)  # output file → the keys it read
    errors: list[ContentError] = field(default_factory=list)
    parts: dict[Key, Part] = field(default_factory=dict)  # the kept parts made, for the next build


Progress = Callable[[int, int], None]  # told (outputs made, outputs to make) as rendering goes


def render(renderer: Renderer, outputs: Iterable[Output]) -> Rendered:
    """Make the given outputs (not files to copy), noting what each one read."""
    done = Rendered()
    for output in outputs:
        renderer.recorder.take()
        try:
            done.pages[output.file] = _make(renderer, output)
        except Exception as error:
            if not _raised_in_template(error):
                raise  # commsite's own bug: let it show as one
            done.errors.append(_template_error(error, output))
        done.reads[output.file] = renderer.recorder.take()
    done.parts.update(renderer.recorder.take_kept())
    return done


def rendered_or_failed(renderer: Renderer, outputs: Iterable[Output]) -> Rendered:
    """The outputs rendered, or the build stopped with every template error they gave."""
    rendered = render(renderer, outputs)
    if rendered.errors:
        raise BuildFailed(rendered.errors)
    return rendered


_CHUNK = 100  # outputs per rendering task
_PARALLEL_FROM = 1000  # below this, starting processes costs more than it saves


def render_all(
    renderer: Renderer,
    outputs: Sequence[Output],
    write: Callable[[str, bytes], None],
    done: Rendered,
    progress: Progress | None = None,
) -> None:
    """Make the outputs, each core taking a share when there are many, and ``write`` each
    page in the process that made it, so that pages never travel between processes.
    What each output read, and any errors, are put in ``done``."""
    # The calendars go together: every calendar an event is in shares its VEVENT, which a
    # process makes once; spread over both processes, each would make nearly every one.
    calendars = [output for output in outputs if output.format == "ics"]
    others = [output for output in outputs if output.format != "ics"]
    chunks = ([calendars] if calendars else []) + in_chunks(others, _CHUNK)

    def render_chunk(number: int) -> Rendered:
        part = render(renderer, chunks[number])
        for file, data in part.pages.items():
            write(file, data)
        return Rendered(reads=part.reads, errors=part.errors, parts=part.parts)

    made = 0
    for _, part in done_in_turn(render_chunk, len(chunks), fork=len(outputs) >= _PARALLEL_FROM):
        done.reads.update(part.reads)
        done.errors.extend(part.errors)
        done.parts.update(part.parts)
        made += len(part.reads)
        if progress is not None:
            progress(made, len(outputs))


def _make(renderer: Renderer, output: Output) -> bytes:
    view = renderer.languages[output.language]
    make = FORMATS[output.format].make
    if make is not None:
        return make(view.site, view.plan, output, view.shared)
    assert output.template is not None, output
    html = view.env.get_template(output.template).render(_context(view.site, output))
    return html.encode("utf-8")


def _context(site: Site, output: Output) -> dict[str, Any]:
    """What a page's template is given: its path, and its item under the name of one
    (``event``, ``tag``), or its month as (year, month)."""
    context: dict[str, Any] = {"path": output.path}
    for name, item_id in output.ids.items():
        if name == "month":
            year, month = item_id.split("-")
            context[name] = (int(year), int(month))
        else:
            context[name] = site.tags[item_id] if name == "tag" else getattr(site, kinds.named(name).name)[item_id]
    return context


def _raised_in_template(error: Exception) -> bool:
    """A template mistake: a Jinja error, a template that cannot be read or recurses,
    or any error raised while a template was running (a helper given a wrong value)."""
    if isinstance(error, jinja2.TemplateError | UnicodeDecodeError | RecursionError):
        return True
    frames = traceback.extract_tb(error.__traceback__)
    return any(frame.filename.endswith(_TEMPLATE_SUFFIXES) for frame in frames)


_TEMPLATE_SUFFIXES = (".html", ".xml", ".txt")


def _template_error(error: Exception, output: Output) -> ContentError:
    """Locate a template failure: syntax errors carry their line; runtime ones, their traceback."""
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not (filename and line):
        frames = traceback.extract_tb(error.__traceback__)
        templates = [f for f in frames if f.filename.endswith(_TEMPLATE_SUFFIXES)]
        if templates:
            filename, line = templates[-1].filename, templates[-1].lineno
    source_line = None
    if filename and line and Path(filename).is_file():
        lines = Path(filename).read_text("utf-8").splitlines()
        source_line = lines[line - 1] if 0 < line <= len(lines) else None
    where = Location(Path(filename or output.template or "?"), line, None, source_line)
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return ContentError(where, f"template error while rendering /{output.path}: {message}")
