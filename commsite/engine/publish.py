"""How a build's outputs reach the output folder: rendered into a new tree swapped in at
once, or, for an edit of a big site, replaced in place. The live preview has its own way
(serve/preview.py): its folder, which only it reads, is always updated in place."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from ..errors import BuildFailed
from ..render.render import Progress, Rendered, Renderer, render_all, rendered_or_failed
from .incremental import Work
from .write import Changes, copy_file, new_site, update_in_place, write_file

_IN_PLACE_BELOW = 1000  # files to write: fewer are rendered in memory and replaced in the folder itself
# Files kept from the last build: linking and deleting this many cost more than an edit
# (a second and more for 15,000), so from here on an edit is written in place. A new tree
# is swapped in at once; files replaced in place are each whole, but a build killed while
# renaming them leaves some pages new and others old until the next build.
_IN_PLACE_FROM_KEPT = 2000


def publish(
    out: Path,
    made: Renderer,
    work: Work,
    trusted: bool,
    progress: Progress | None,
    also_kept: Callable[[], Sequence[str]] = tuple,
) -> Rendered:
    """A few new files in a big site (an edit): replaced in place, which spares linking and
    deleting every other file of the site. Otherwise (a smaller site, many files, files to
    remove, or a folder this cache does not describe) a new tree, pages going to disk as
    they are made, swapped in at the end. Either way a template error touches nothing;
    nothing to do, nothing touched. ``also_kept``: lists the files of the output that no build
    plans (the search index's), which a new tree keeps too; asked only then, as listing
    10,000 files of an index takes longer than writing an edit's pages."""
    rendered = Rendered()
    if not (work.to_render or work.to_copy or work.removed or not trusted):
        return rendered
    few = len(work.to_render) + len(work.to_copy) < _IN_PLACE_BELOW
    # Only files that stay planned: no removed file can then stand where a new folder goes.
    if trusted and few and not work.removed and len(work.kept) >= _IN_PLACE_FROM_KEPT:
        return _in_place(out, made, work)
    with new_site(out, [*work.kept, *also_kept()]) as tree:
        render_all(made, work.to_render, partial(write_file, tree), rendered, progress)
        if rendered.errors:
            raise BuildFailed(rendered.errors)
        for file, source in work.to_copy:
            copy_file(tree, file, source)
    return rendered


def _in_place(out: Path, made: Renderer, work: Work) -> Rendered:
    """Every page rendered first, then the files replaced."""
    rendered = rendered_or_failed(made, work.to_render)
    update_in_place(out, Changes(rendered.pages.items(), work.to_copy, work.removed))
    return rendered
