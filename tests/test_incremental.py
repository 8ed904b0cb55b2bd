"""Incremental builds are exact: after any change, the site equals a build from nothing,
and only the outputs whose inputs changed were rendered and written."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import jinja2
import pytest

import commsite.content.load
import commsite.engine.cache
import commsite.outputs.ics
import commsite.render.render
from commsite import Built, build, check
from commsite.engine.cache import CACHE_DIR, cache_file, load_cache
from commsite.errors import BuildFailed
from commsite.graph.site import Site
from commsite.outputs.plan import item_urls
from commsite.render.theme import BUILTIN_THEMES
from commsite.serve.preview import pages_of_new_bodies

from .conftest import NOW, REPO, copy_example_hub
from .support import site_files

_tree = site_files


def _folders(out: Path) -> list[str]:
    folders = (p.relative_to(out) for p in out.rglob("*") if p.is_dir())
    return sorted(folder.as_posix() for folder in folders if not folder.parts[0].startswith("pagefind"))


class Hub:
    """A copy of the example hub, built into public/ again and again, each build checked
    against a build of the same content from nothing."""

    def __init__(self, tmp_path: Path) -> None:
        self.root, self.tmp = copy_example_hub(tmp_path / "hub"), tmp_path
        self.out = self.root / "public"
        self.first = self.build()
        self.before = _tree(self.out)

    def build(self, now_offset: timedelta = timedelta()) -> Built:
        result = build(self.root, self.out, now=NOW + now_offset)
        cold_out = self.tmp / f"cold-{len(list(self.tmp.glob('cold-*')))}" / "public"
        cold = build(self.root, cold_out, now=NOW + now_offset)
        assert len(cold.written) == cold.files  # a build from nothing writes every file
        assert _tree(self.out) == _tree(cold_out), "the incremental build differs from a build from nothing"
        assert _folders(self.out) == _folders(cold_out), "a folder was left behind (or is missing)"
        return result

    def rebuild(self, now_offset: timedelta = timedelta()) -> tuple[Built, set[str]]:
        """Build again: the result, and the files whose bytes changed."""
        self.before = _tree(self.out)
        result = self.build(now_offset)
        after = _tree(self.out)
        changed = {file for file, data in after.items() if self.before.get(file) != data}
        return result, changed

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text("utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _site(root: Path) -> Site:
    return check(root, now=NOW).site


@pytest.fixture(params=["in place", "new tree"])
def hub(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hub:
    """The example hub; its edits are written in place (as a few files of a big site are) or
    as a new tree (as many files are, or those of a smaller site)."""
    if request.param == "in place":
        monkeypatch.setattr("commsite.engine.publish._IN_PLACE_FROM_KEPT", 0)  # raises if it is gone
    return Hub(tmp_path)


def test_a_build_with_nothing_changed_writes_nothing_and_keeps_the_folder(hub: Hub) -> None:
    folder = hub.out.stat().st_ino
    result, changed = hub.rebuild()
    assert result.written == () and result.removed == () and changed == set()
    assert hub.out.stat().st_ino == folder  # not even swapped


def test_editing_a_member_updates_every_talk_event_and_list_that_shows_them(hub: Hub) -> None:
    site = _site(hub.root)
    talks = site.member_talks["emily-carter"]
    talk_pages = {f"{_path(site, 'talks', key)}index.html" for key in talks}
    event_pages = {f"{_path(site, 'events', site.talks[key].event)}index.html" for key in talks}
    hub.edit("content/members/emily-carter.md", "name: Emily Carter", "name: Emily Carter-Jones")
    result, changed = hub.rebuild()
    written = set(result.written)
    shows_them = talk_pages | event_pages | {"members/index.html", "members/emily-carter/index.html"}
    assert shows_them <= written
    for page in shows_them:
        assert "Emily Carter-Jones" in (hub.out / page).read_text("utf-8"), page
    # Exact: what was rendered is what changed; nothing about anyone else was made again.
    assert written == changed
    assert "members/kato-takumi/index.html" not in written
    assert "events/study-12/index.html" not in written


def test_an_edit_undone_builds_back_the_site_it_started_from(hub: Hub) -> None:
    """Each build compares each collection (the site's members, the plan's URLs) as a whole
    first: an edit and its undoing must both be seen, and nothing between them missed."""
    start = _tree(hub.out)
    hub.edit("content/members/emily-carter.md", "name: Emily Carter", "name: Emily Carter-Jones")
    hub.rebuild()
    hub.edit("content/members/emily-carter.md", "name: Emily Carter-Jones", "name: Emily Carter")
    _, changed = hub.rebuild()
    assert _tree(hub.out) == start
    assert "members/emily-carter/index.html" in changed
    assert hub.rebuild()[0].written == ()


def test_a_picture_of_another_size_renders_the_pages_that_show_it_again(hub: Hub) -> None:
    page = "events/book-club-09/index.html"
    assert 'ている" width="800" height="450" loading="lazy"' in (hub.out / page).read_text("utf-8")
    picture = hub.root / "content/events/2026-10-17-book-club-09/whiteboard.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"/>', encoding="utf-8")
    result, changed = hub.rebuild()
    assert 'ている" width="640" height="480"' in (hub.out / page).read_text("utf-8")
    shown = {page, "events/book-club-09/whiteboard.svg"}  # in each language
    assert set(result.written) == shown | {f"en/{file}" for file in shown} == changed


def test_a_picture_added_after_the_page_that_names_it_gets_its_size(hub: Hub) -> None:
    hub.edit("content/pages/about.md", "## やっていること", "![集合写真](/images/group.svg)\n\n## やっていること")
    hub.rebuild()
    page = hub.out / "about/index.html"
    assert '<img src="/commsite/images/group.svg" alt="集合写真" loading="lazy"' in page.read_text("utf-8")
    picture = '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"/>'
    (hub.root / "static/images/group.svg").write_text(picture, encoding="utf-8")
    result, changed = hub.rebuild()
    assert 'alt="集合写真" width="1200" height="800" loading="lazy"' in page.read_text("utf-8")
    assert set(result.written) == {"about/index.html", "images/group.svg"} == changed


def test_renaming_a_tag_moves_its_page(hub: Hub) -> None:
    hub.edit("content/events/2026-11-28-lt-night-03.md", "tags: [LT,", "tags: [Lightning,")
    result, changed = hub.rebuild()
    old, new = "tags/lt/", "tags/lightning/"
    moved = {"index.html", "atom.xml", "rss.xml", "calendar.ics"}
    assert {old + name for name in moved} <= set(result.removed)
    assert not (hub.out / old).exists()
    assert {new + name for name in moved} <= set(result.written)
    assert {"tags/index.html", "events/lt-night-03/index.html"} <= set(result.written)
    assert "tags/ライトニングトーク/index.html" in result.written  # lists the event, whose tags it shows
    assert "tags/ai/index.html" not in result.written
    assert changed <= set(result.written)


def test_editing_a_template_renders_exactly_the_pages_that_use_it(hub: Hub) -> None:
    pages = {file.removeprefix("en/") for file in hub.before if file.endswith("/index.html")}
    talk_pages = {f for f in pages if f.count("/") == 3 and f.startswith("events/")}
    talk_pages |= {f"en/{page}" for page in talk_pages}  # in each language
    theme_template = (BUILTIN_THEMES / "default" / "templates" / "talk.html").read_text("utf-8")
    override = hub.root / "templates" / "talk.html"
    override.parent.mkdir()
    # A template looked for in the hub and not found is an input too: adding it is a change.
    override.write_text(theme_template.replace("</article>", "<p>override one</p></article>", 1), encoding="utf-8")
    result, _ = hub.rebuild()
    assert set(result.written) == talk_pages
    assert all("override one" in (hub.out / page).read_text("utf-8") for page in talk_pages)
    override.write_text(theme_template.replace("</article>", "<p>override two</p></article>", 1), encoding="utf-8")
    result, _ = hub.rebuild()
    assert set(result.written) == talk_pages
    override.unlink()
    result, _ = hub.rebuild()
    assert set(result.written) == talk_pages


def test_what_an_imported_template_reads_is_noted_for_every_page_that_imports_it(hub: Hub) -> None:
    """Jinja runs an imported template's top level once and shares it, as the theme's
    _chrome.html is shared by every page: what it read is still an input of each page."""
    chrome = (BUILTIN_THEMES / "default" / "templates" / "_chrome.html").read_text("utf-8")
    override = hub.root / "templates" / "_chrome.html"
    override.parent.mkdir()
    count = "<p>{{ site.members | length }} members</p>"
    override.write_text(chrome.replace("{% set footer %}", "{% set footer %}" + count, 1), encoding="utf-8")
    hub.rebuild()
    members = len(_site(hub.root).members)
    (hub.root / "content" / "members" / "new-member.md").write_text("---\nname: New Member\n---\n", encoding="utf-8")
    _, changed = hub.rebuild()  # which checks it against a build from nothing
    pages = [file for file in _tree(hub.out) if file.endswith(".html")]
    assert len(pages) > 100 and set(pages) <= changed
    assert all(f"<p>{members + 1} members</p>" in (hub.out / page).read_text("utf-8") for page in pages)


def test_markup_cached_under_one_name_in_two_templates_stays_apart(hub: Hub) -> None:
    theme_template = (BUILTIN_THEMES / "default" / "templates" / "talk.html").read_text("utf-8")
    # The theme's faces() caches under the name "faces" too.
    mine_faces = "{% call cached('faces', talk.speakers) %}MINE{% endcall %}"
    mine = theme_template.replace("{{ faces(talk.speakers) }}", mine_faces)
    override = hub.root / "templates" / "talk.html"
    override.parent.mkdir()
    override.write_text(mine, encoding="utf-8")
    hub.rebuild()  # each build is checked against a build from nothing
    override.write_text(mine.replace("</article>", "<p>again</p></article>"), encoding="utf-8")
    hub.rebuild()
    pages = _tree(hub.out)
    talks = [file for file, data in pages.items() if b"<p>again</p>" in data]
    assert talks and all(b"MINE" in pages[file] for file in talks)
    assert not any(b"MINE" in data for file, data in pages.items() if file not in talks)  # the theme's faces()


def test_editing_site_yaml_rebuilds_everything(hub: Hub) -> None:
    hub.edit("site.yaml", "event_duration: 120", "event_duration: 121")
    result, _ = hub.rebuild()
    assert len(result.written) == result.files == len(hub.before)  # every file (but the search index)


def test_deleting_an_event_removes_its_pages_calendars_and_feed_entries(hub: Hub) -> None:
    site = _site(hub.root)
    event = site.events["2027-02-10-online-workshop-metrics"]
    page = _path(site, "events", event.id)
    (hub.root / "content/events/2027-02-10-online-workshop-metrics.md").unlink()
    result, _ = hub.rebuild()
    gone = {f"{page}index.html", f"{page}event.ics"}
    gone |= {f"{_path(site, 'talks', talk.key)}index.html" for talk in event.talks}
    assert gone <= set(result.removed)
    assert not (hub.out / page).exists()
    for listing in ("calendar.ics", "atom.xml", "rss.xml", "events/atom.xml", "events/index.html", "events.json"):
        assert listing in result.written
        assert page not in (hub.out / listing).read_text("utf-8"), listing


def test_time_passing_renders_the_pages_that_depend_on_what_is_past(hub: Hub) -> None:
    # study-12 (12 December) is upcoming on NOW and past a month later.
    result, changed = hub.rebuild(timedelta(days=30))
    assert {"index.html", "events/index.html", "events/study-12/index.html"} <= set(result.written)
    assert changed <= set(result.written)
    # kato-takumi speaks at study-12: his path (the talks he has given) now counts it. A
    # member with nothing at study-12 shows nothing that its passing changes.
    assert "members/kato-takumi/index.html" in changed
    assert "members/kobayashi-sho/index.html" not in result.written


def test_a_file_deleted_from_the_output_is_written_again(hub: Hub) -> None:
    (hub.out / "members/index.html").unlink()
    result, _ = hub.rebuild()
    assert result.written == ("members/index.html",)


def _pieces(hub: Hub) -> set[str]:
    """The pieces of the cache of hub.out (not of the builds it is compared with)."""
    return {path.name for path in (hub.root / CACHE_DIR).glob(cache_file(hub.root, hub.out).stem + "-*.piece")}


@pytest.mark.parametrize("damage", ["truncated", "foreign", "garbage"])
@pytest.mark.parametrize("which", ["the main file", "a piece"])
def test_a_corrupt_or_foreign_cache_is_rebuilt_silently(hub: Hub, damage: str, which: str) -> None:
    path = cache_file(hub.root, hub.out) if which == "the main file" else hub.root / CACHE_DIR / min(_pieces(hub))
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "foreign":  # signed with someone else's key, e.g. committed to the hub
        path.write_bytes(bytes(32) + data[32:])
    else:
        path.write_bytes(b"\0" * 100)
    result, changed = hub.rebuild()
    assert len(result.written) == result.files and changed == set()
    assert hub.rebuild()[0].written == ()  # and written again, to be trusted from then on


def test_only_changed_files_are_parsed_again(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    real = commsite.content.load.parse_file
    monkeypatch.setattr(
        commsite.content.load, "parse_file", lambda file, *args: parsed.append(file.id) or real(file, *args)
    )
    hub.edit("content/members/kato-takumi.md", "\n---\n", "\n---\n\nEdited.\n")
    build(hub.root, hub.out, now=NOW)
    assert parsed == ["kato-takumi"]


def test_a_mistake_in_a_file_the_cache_holds_is_reported_at_its_line(hub: Hub) -> None:
    (hub.root / "content/members/kato-takumi.md").unlink()  # named by files that did not change
    with pytest.raises(BuildFailed) as failed:
        build(hub.root, hub.out, now=NOW)
    places = {(error.location.path.name, error.location.line) for error in failed.value.errors}
    assert ("2026-12-12-study-12.md", 51) in places
    assert ("2027-06-26-cmc-conference-2027.md", 14) in places


def test_an_edit_writes_again_only_the_pieces_of_the_cache_it_changed(hub: Hub) -> None:
    before = _pieces(hub)
    assert len(before) > 8
    hub.edit("content/members/kato-takumi.md", "\n---\n", "\n---\n\nEdited.\n")
    result, _ = hub.rebuild()
    after = _pieces(hub)
    # Its parse, and the records of the pages that show the member's words; the old pieces
    # are gone, not left to pile up.
    assert 2 <= len(after - before) == len(before - after) <= 4
    loaded = load_cache(hub.root, hub.out)  # and the pieces kept and those written make the build's cache
    assert (loaded.parsed, loaded.records, loaded.keys, loaded.parts) == (
        result.cache.parsed,
        result.cache.records,
        result.cache.keys,
        result.cache.parts,
    )


def test_an_edited_event_is_the_only_one_the_hub_calendar_makes_again(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    real = commsite.outputs.ics._event_bytes

    def counted(site: Site, urls: dict[tuple[str, str], str], event_id: str) -> bytes:
        made.append(event_id)
        return real(site, urls, event_id)

    monkeypatch.setattr(commsite.outputs.ics, "_event_bytes", counted)
    hub.edit("content/events/2026-12-12-study-12.md", "12F イベントスペース", "13F イベントスペース")  # its LOCATION
    result = build(hub.root, hub.out, now=NOW)
    assert {"calendar.ics", "events/study-12/event.ics"} <= set(result.written)
    assert made == ["2026-12-12-study-12"]  # every other event's part was kept from the last build


def test_editing_a_description_makes_only_the_outputs_that_show_it_again(hub: Hub) -> None:
    hub.edit("content/events/2026-12-12-study-12.md", "LT 枠はあと2枠", "LT 枠はあと1枠")
    result, changed = hub.rebuild()
    written = set(result.written)
    assert written == changed  # exact: each output made again shows the new text
    assert "events/study-12/index.html" in written
    assert {"atom.xml", "rss.xml", "events/atom.xml"} <= written  # feeds carry an event's description
    # Lists, calendars and the talks' own pages show the event's title and date, not its description.
    for unchanged in ("index.html", "events/index.html", "talks/index.html", "calendar.ics", "events.json"):
        assert unchanged not in written
    assert [file for file in written if file.startswith("events/study-12/")] == ["events/study-12/index.html"]


def _counting_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(str(name))
        return real(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    # Counted in this process: rendering stays in it, however many pages the hub has.
    monkeypatch.setattr(commsite.render.render, "_PARALLEL_FROM", 10**9)
    return compiled


def test_templates_compiled_by_one_build_are_not_compiled_again_by_the_next(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = _counting_compiles(monkeypatch)
    hub.edit("content/events/2026-12-12-study-12.md", "LT 枠はあと2枠", "LT 枠はあと1枠")
    hub.rebuild()  # and a build from nothing, which renders with every template
    assert compiled == []


def test_compiled_templates_someone_else_wrote_are_not_run(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = list((hub.root / CACHE_DIR / "templates").glob("*.code"))
    assert kept
    for file in kept:  # signed with another key, as a cache committed to the hub would be
        file.write_bytes(bytes(32) + file.read_bytes()[32:])
    compiled = _counting_compiles(monkeypatch)
    hub.rebuild()
    assert "event.html" in compiled


def test_a_hubs_own_templates_are_compiled_apart_from_the_themes(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hub's templates run sandboxed, which compiles every template differently."""
    (hub.root / "templates").mkdir()
    (hub.root / "templates" / "404.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    hub.rebuild()
    folder = hub.root / CACHE_DIR / "templates"
    kept = [file.name for file in folder.glob("*.code")]
    assert any(name.startswith("_Sandboxed-") for name in kept)
    assert any(name.startswith("_Environment-") for name in kept)
    # Copied over the sandboxed one's name, code compiled without the sandbox is not run.
    copied = [name for name in kept if name.startswith("_Environment-") and "_Sandboxed-" + name[13:] in kept]
    assert copied
    for name in copied:
        (folder / ("_Sandboxed-" + name[13:])).write_bytes((folder / name).read_bytes())
    compiled = _counting_compiles(monkeypatch)
    hub.edit("content/events/2026-12-12-study-12.md", "LT 枠はあと2枠", "LT 枠はあと1枠")
    hub.rebuild()
    assert len(compiled) >= len(copied)


@pytest.mark.parametrize(
    "read", ["page['body_html']", "page | attr('body_html')", "[page] | map(attribute='body_html') | first"]
)
def test_a_body_read_in_any_way_a_template_can_is_noted(hub: Hub, read: str) -> None:
    (hub.root / "templates").mkdir()
    page = "{% extends 'base.html' %}{% block content %}<div>{{ " + read + " | safe }}</div>{% endblock %}"
    (hub.root / "templates" / "page.html").write_text(page, encoding="utf-8")
    hub.rebuild()
    hub.edit("content/pages/about.md", "四半期ごと", "半年ごと")
    _, changed = hub.rebuild()  # which checks it against a build from nothing
    assert "about/index.html" in changed and "半年ごと" in (hub.out / "about/index.html").read_text("utf-8")


def test_the_cache_lives_in_a_folder_the_hub_ignores(hub: Hub) -> None:
    assert cache_file(hub.root, hub.out).parent == hub.root / CACHE_DIR
    assert f"{CACHE_DIR}/" in (REPO / ".gitignore").read_text("utf-8").splitlines()
    # Ignored by git even in a hub whose .gitignore predates the cache.
    subprocess.run(["git", "init", "-q", str(hub.root)], check=True)
    status = subprocess.run(
        ["git", "status", "--porcelain", "--ignored=no"], cwd=hub.root, capture_output=True, text=True
    )
    assert CACHE_DIR not in status.stdout and "content/" in status.stdout


def _path(site: Site, kind: str, item_id: str) -> str:
    return item_urls(site)[kind, item_id]


def test_the_preview_answers_a_body_edit_from_the_last_site_and_leaves_other_edits_to_the_build(hub: Hub) -> None:
    checked = check(hub.root, now=NOW)
    path = hub.root / "content/events/2026-12-12-study-12.md"
    last = (checked.site, checked.plan, checked.theme, checked.parses)
    path.write_text(path.read_text("utf-8") + "\nA new closing line.\n", encoding="utf-8")
    pages = pages_of_new_bodies(*last, {path})
    assert "A new closing line." in pages["events/study-12/index.html"].decode("utf-8")
    assert set(pages) == {f"{_path(checked.site, 'events', '2026-12-12-study-12')}index.html"} | {
        f"{_path(checked.site, 'talks', talk.key)}index.html"
        for talk in checked.site.events["2026-12-12-study-12"].talks
    } | {"events/study-12/event.ics"} | {
        f"{_path(checked.site, 'talks', talk.key)}talk.ics"
        for talk in checked.site.events["2026-12-12-study-12"].talks
        if talk.start is not None
    }
    hub.edit("content/events/2026-12-12-study-12.md", "capacity: 100", "capacity: 120")
    assert pages_of_new_bodies(*last, {path}) == {}  # the front matter changed: the full build decides


def test_a_cache_written_by_other_commsite_code_is_not_trusted(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patched:
        patched.setattr(commsite.engine.cache, "code_digest", lambda: b"another version")
        result = build(hub.root, hub.out, now=NOW)
        assert len(result.written) == result.files  # everything made again
    assert len(build(hub.root, hub.out, now=NOW).written) == result.files  # and back with this code
    parsed: list[str] = []
    real = commsite.content.load.parse_file
    monkeypatch.setattr(
        commsite.content.load, "parse_file", lambda file, *args: parsed.append(file.id) or real(file, *args)
    )
    assert build(hub.root, hub.out, now=NOW).written == () and parsed == []  # whose cache is then trusted
