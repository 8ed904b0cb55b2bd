"""The pipeline, stage by stage. ``check`` is the same pipeline stopped before rendering.

config → discover → load → link → plan → render → write
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .config import Config, load_config
from .discover import discover
from .errors import BuildFailed, ContentError
from .link import Site, link
from .load import load
from .plan import Plan, plan
from .render import Theme, environment, find_theme, render
from .write import guard_output, output_lock, write_site


@dataclass(frozen=True)
class Checked:
    config: Config
    site: Site
    plan: Plan
    theme: Theme
    warnings: tuple[ContentError, ...] = ()


@dataclass(frozen=True)
class Built:
    out: Path
    pages: int
    files: int
    warnings: tuple[ContentError, ...] = ()


_FIXED_STAMP = datetime(2000, 1, 1, tzinfo=UTC)


def source_date() -> datetime | None:
    """SOURCE_DATE_EPOCH, the reproducible-builds convention for 'when this was built'."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else None


def build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so that a build can be reproduced."""
    return source_date() or datetime.now(UTC)


def check(root: Path, *, drafts: bool = False, base_url: str | None = None, now: datetime | None = None) -> Checked:
    config = load_config(root, base_url_override=base_url)
    files, discover_errors = discover(root / "content")
    loaded = load(files, config, drafts=drafts)
    # Calendars and feeds carry a stamp that must not change from build to build of the same content.
    site, link_errors = link(loaded, config, now or build_time(), source_date() or _FIXED_STAMP)
    theme = find_theme(root, config.theme)
    the_plan, plan_errors = plan(site, theme.static)
    errors: list[ContentError] = [*discover_errors, *loaded.errors, *link_errors, *plan_errors]
    if errors:
        raise BuildFailed(errors)
    return Checked(config, site, the_plan, theme, loaded.warnings)


def build(
    root: Path,
    out: Path | None = None,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    now: datetime | None = None,
) -> Built:
    checked = check(root, drafts=drafts, base_url=base_url, now=now)
    out = out or root / checked.config.output_dir
    guard_output(out, root)
    with output_lock(out):
        env = environment(checked.site, checked.plan, checked.theme)
        pages, errors = render(env, checked.site, checked.plan)
        if errors:
            raise BuildFailed(errors)
        copies = [(o.file, o.source) for o in checked.plan.outputs if o.format == "copy" and o.source is not None]
        files = write_site(out, pages, copies)
    return Built(out, len(pages), files, checked.warnings)
