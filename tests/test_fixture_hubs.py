"""Small inline hubs, built end to end: what each page shows, and where it lives."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from commsite import BuildFailed, build
from commsite.engine.cache import CACHE_DIR
from commsite.render.theme import BUILTIN_THEMES

from .conftest import NOW, SITE_YAML, MakeHub
from .support import broken_links, page_text

MEETUP = """\
---
title: Study Meetup 12
start: 2026-12-10 19:00
end: 2026-12-10 21:30
venue: {name: Hall A, address: 1-2-3 Shibuya, lat: 35.66, lon: 139.70}
registration: https://example.com/register
hashtag: "#test_meetup"
organisers: [hanako]
series: study
tags: [community]
agenda:
  - {time: "18:30", title: Doors open}
  - {time: "21:00", title: Networking party}
talks:
  - title: Growing a community
    speakers: [sato]
    kind: keynote
    start: "19:05"
    duration: 20
  - title: Five minutes on badges
    speakers: [{name: Guest Person, affiliation: Example Inc.}]
    kind: lightning
    start: "19:40"
    duration: 5
---
A quarterly meetup.
"""

MEMBERS = {
    "content/members/sato.md": """\
        ---
        name: 佐藤 花子
        reading: さとう はなこ
        aliases: [hanako]
        links: {github: sato-h, mastodon: "@sato@example.social"}
        ---
        Organiser.
        """,
    "content/members/ito.md": """\
        ---
        name: 伊藤 大輔
        reading: いとう だいすけ
        ---
        """,
}

SITE_YAML_WITH_MENU = """\
title: Test Hub
base_url: https://example.github.io/hub/
menu:
  - {title: Events, url: /events/}
  - {title: About, url: /about/}
"""

REPORT = """\
---
title: Notes from meetup 12
date: 2026-12-11
event: 2026-12-10-meetup-12
authors: [ito]
---
It was fun.
"""


def _hub(make_hub: MakeHub) -> Path:
    return make_hub(
        {
            "content/events/2026-12-10-meetup-12.md": MEETUP,
            "content/reports/2026-12-11-notes.md": REPORT,
            **MEMBERS,
        }
    )


def test_event_page_lists_its_talks_speakers_and_agenda_in_time_order(make_hub: MakeHub) -> None:
    out = build(_hub(make_hub), now=NOW).out
    text = page_text(out, "events/meetup-12")
    order = ["Doors open", "Growing a community", "Five minutes on badges", "Networking party"]
    positions = [text.index(entry) for entry in order]
    assert positions == sorted(positions)
    assert "Keynote" in text and "Lightning talk" in text
    assert "佐藤 花子" in text and "Guest Person" in text
    assert "Thu 10 Dec 2026, 19:00–21:30" in text
    assert "#test_meetup" in text and "Register" in text


def test_alias_resolves_to_the_member(make_hub: MakeHub) -> None:
    out = build(_hub(make_hub), now=NOW).out
    html = (out / "events" / "meetup-12" / "index.html").read_text("utf-8")
    assert html.count('href="/hub/members/sato/"') == 2  # organiser (as alias) and speaker


def test_member_page_lists_talks_reports_and_events_organised(make_hub: MakeHub) -> None:
    out = build(_hub(make_hub), now=NOW).out
    sato = page_text(out, "members/sato")
    assert "Growing a community" in sato and "Study Meetup 12" in sato
    assert "Events organised" in sato
    ito = page_text(out, "members/ito")
    assert "Notes from meetup 12" in ito


def test_member_links_given_as_handles_become_profile_urls(make_hub: MakeHub) -> None:
    out = build(_hub(make_hub), now=NOW).out
    html = (out / "members" / "sato" / "index.html").read_text("utf-8")
    assert 'href="https://github.com/sato-h"' in html
    assert 'href="https://example.social/@sato"' in html


def test_report_links_back_to_its_event_and_the_event_to_the_report(make_hub: MakeHub) -> None:
    out = build(_hub(make_hub), now=NOW).out
    assert "Study Meetup 12" in page_text(out, "reports/notes")
    assert "Notes from meetup 12" in page_text(out, "events/meetup-12")


def test_series_without_a_file_is_titled_by_its_id(make_hub: MakeHub) -> None:
    out = build(_hub(make_hub), now=NOW).out
    assert "Study Meetup 12" in page_text(out, "series/study")


def test_tag_page_gathers_tagged_items(make_hub: MakeHub) -> None:
    out = build(_hub(make_hub), now=NOW).out
    assert "Study Meetup 12" in page_text(out, "tags/community")


def test_japanese_ids_get_percent_encoded_links_that_resolve(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/members/たなか.md": "---\nname: 田中 一郎\n---\n",
            "content/events/2026-12-01-忘年会.md": (
                "---\ntitle: 忘年会\nstart: 2026-12-01 19:00\norganisers: [たなか]\n---\n"
            ),
        }
    )
    out = build(hub, now=NOW).out
    assert (out / "members" / "たなか" / "index.html").is_file()
    assert (out / "events" / "忘年会" / "index.html").is_file()
    html = (out / "events" / "忘年会" / "index.html").read_text("utf-8")
    assert 'href="/hub/members/%E3%81%9F%E3%81%AA%E3%81%8B/"' in html
    assert broken_links(out, "/hub/") == []


def test_hub_template_overrides_the_theme(make_hub: MakeHub) -> None:
    hub = make_hub({"templates/404.html": "custom not found for {{ config.title }}\n"})
    out = build(hub, now=NOW).out
    assert (out / "404.html").read_text("utf-8") == "custom not found for Test Hub\n"


def test_ui_language_follows_site_yaml(make_hub: MakeHub) -> None:
    site_yaml = "title: 勉強会\nbase_url: https://example.org/\nlanguage: ja\ntimezone: Asia/Tokyo\n"
    hub = make_hub({"content/events/2026-12-10-meetup-12.md": MEETUP, **MEMBERS}, site_yaml=site_yaml)
    text = page_text(build(hub, now=NOW).out, "events/meetup-12")
    assert "タイムテーブル" in text and "2026年12月10日(木) 19:00–21:30" in text


def test_all_day_event_over_two_days_shows_both_days(make_hub: MakeHub) -> None:
    hub = make_hub({"content/events/camp.md": "---\ntitle: Camp\nstart: 2026-12-19\nend: 2026-12-20\n---\n"})
    text = page_text(build(hub, now=NOW).out, "events/camp")
    assert "Sat 19 Dec 2026 – Sun 20 Dec 2026" in text


def test_static_files_are_copied_and_the_hub_wins_over_the_theme(make_hub: MakeHub) -> None:
    hub = make_hub({"static/CNAME": "hub.example.org\n", "static/theme/style.css": "/* mine */\n"})
    out = build(hub, now=NOW).out
    assert (out / "CNAME").read_text() == "hub.example.org\n"
    assert (out / "theme" / "style.css").read_text() == "/* mine */\n"


def test_a_second_build_replaces_the_first_and_drops_stale_pages(make_hub: MakeHub) -> None:
    hub = _hub(make_hub)
    out = build(hub, now=NOW).out
    (hub / "content" / "reports" / "2026-12-11-notes.md").unlink()
    build(hub, now=NOW)
    assert not (out / "reports" / "notes").exists()
    staging_left = [p.name for p in out.parent.iterdir() if p.name.startswith(".") and p.name != CACHE_DIR]
    assert staging_left == []


def test_root_links_in_markdown_bodies_follow_the_deploy_sub_path(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/pages/about.md": "---\ntitle: About\n---\nSee [events](/events/) and [x](https://x.org/).\n",
        }
    )
    html = (build(hub, now=NOW).out / "about" / "index.html").read_text("utf-8")
    assert 'href="/hub/events/"' in html and 'href="https://x.org/"' in html


@pytest.mark.parametrize(
    ("template", "line", "says"),
    [
        ("line one\n{{ site.nothing_here() }}\n", 2, "nothing_here"),
        ("{{ cached('x', caller=config) }}\n", 1, "call cached"),  # cached() takes call blocks only
    ],
)
def test_a_broken_hub_template_is_reported_with_its_file_and_line(
    make_hub: MakeHub, template: str, line: int, says: str
) -> None:
    hub = make_hub({"templates/404.html": template})
    with pytest.raises(BuildFailed) as caught:
        build(hub, now=NOW)
    (error,) = caught.value.errors
    assert error.location.path.name == "404.html" and error.location.line == line
    assert says in error.message


def test_a_hub_template_may_give_the_themes_macros_a_list(make_hub: MakeHub) -> None:
    # faces() shares its markup among pages by its values; a list cannot be a key, and is
    # simply shown without sharing.
    page = "{% extends 'base.html' %}{% from '_macros.html' import faces %}{% block content %}"
    page += "<div id=team>{{ faces(['sato', 'ito']) }}</div>{% endblock %}"
    hub = make_hub({"templates/page.html": page, "content/pages/team.md": "---\ntitle: Team\n---\n", **MEMBERS})
    text = page_text(build(hub, now=NOW).out, "team")
    assert "佐藤 花子" in text and "伊藤 大輔" in text


def test_hub_catalogue_overrides_only_its_own_language(make_hub: MakeHub) -> None:
    site_yaml = "title: 勉強会\nbase_url: https://example.org/\nlanguage: ja\ntimezone: Asia/Tokyo\n"
    hub = make_hub(
        {
            "content/events/2026-12-10-meetup-12.md": MEETUP,
            **MEMBERS,
            "i18n/en.yaml": "register: Sign up now\n",
            "i18n/ja.yaml": "timetable: 当日の流れ\n",
        },
        site_yaml=site_yaml,
    )
    text = page_text(build(hub, now=NOW).out, "events/meetup-12")
    assert "当日の流れ" in text and "参加申込" in text and "Sign up now" not in text


def test_a_third_language_is_one_catalogue_file(make_hub: MakeHub) -> None:
    site_yaml = "title: Le club\nbase_url: https://example.org/\nlanguage: fr\ntimezone: Europe/Paris\n"
    french = """\
        register: S'inscrire
        timetable: Programme
        date_weekdays: lun. mar. mer. jeu. ven. sam. dim.
        date_months: janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.
        date_months_long: janvier février mars avril mai juin juillet août septembre octobre novembre décembre
        date_format: "{weekday} {day} {month_long} {year}"
        datetime_format: "{date} à {time}"
        month_format: "{month_long} {year}"
        """
    hub = make_hub(
        {"content/events/2026-12-10-meetup-12.md": MEETUP, **MEMBERS, "i18n/fr.yaml": french}, site_yaml=site_yaml
    )
    out = build(hub, now=NOW).out
    html = (out / "events/meetup-12/index.html").read_text("utf-8")
    text = page_text(out, "events/meetup-12")
    assert '<html lang="fr">' in html
    assert "S'inscrire" in text and "Programme" in text
    assert "jeu. 10 décembre 2026 à 19:00–21:30" in text, text
    assert "décembre 2026" in page_text(out, "calendar/2026/12")
    # What the catalogue does not say comes in English: a new language can start small.
    assert "Upcoming events" in page_text(out, "events")


def test_a_language_without_a_catalogue_is_a_located_error(make_hub: MakeHub) -> None:
    hub = make_hub({}, site_yaml="title: Hub\nbase_url: https://example.org/\nlanguage: de\n")
    with pytest.raises(BuildFailed) as caught:
        build(hub, now=NOW)
    (error,) = caught.value.errors
    assert error.location.path.name == "site.yaml" and error.location.line == 3 and error.field == "language"
    assert error.hint is not None and "i18n/de.yaml" in error.hint and "en, ja" in error.hint


def test_a_catalogue_with_six_weekdays_is_a_located_error(make_hub: MakeHub) -> None:
    hub = make_hub({"i18n/en.yaml": "register: Join\ndate_weekdays: Mo Tu We Th Fr Sa\n"})
    with pytest.raises(BuildFailed) as caught:
        build(hub, now=NOW)
    (error,) = caught.value.errors
    assert error.location.line == 2 and error.field == "date_weekdays" and "expected 7 names" in error.message


def test_a_broken_hub_catalogue_is_a_located_error(make_hub: MakeHub) -> None:
    hub = make_hub({"i18n/en.yaml": "register: Join\ncapacity: [a, b]\n"})
    with pytest.raises(BuildFailed) as caught:
        build(hub, now=NOW)
    (error,) = caught.value.errors
    assert error.location.path.name == "en.yaml" and error.location.line == 2 and error.field == "capacity"


def test_site_root_urls_in_fields_follow_the_deploy_sub_path(make_hub: MakeHub) -> None:
    event = (
        "---\ntitle: E\nstart: 2026-12-01 19:00\nregistration: /join/\nimage: /img/cover.svg\n"
        "venue: {name: Hall, url: /venues/hall/}\n---\n"
    )
    hub = make_hub(
        {
            "content/events/e.md": event,
            "content/pages/join.md": "---\ntitle: Join\n---\n",
            "content/pages/venues.md": "---\ntitle: Venues\nslug: venues-hall\n---\n",
            "static/img/cover.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        }
    )
    html = (build(hub, now=NOW).out / "events" / "e" / "index.html").read_text("utf-8")
    assert 'href="/hub/join/"' in html and 'src="/hub/img/cover.svg"' in html and 'href="/hub/venues/hall/"' in html


def test_pages_with_a_menu_position_join_the_menu_of_site_yaml(make_hub: MakeHub) -> None:
    site_yaml = SITE_YAML_WITH_MENU
    hub = make_hub(
        {
            "content/pages/about.md": "---\ntitle: About\nmenu: 1\n---\n",
            "content/pages/conduct.md": "---\ntitle: Code of conduct\nmenu: 2\n---\n",
            "content/pages/hidden.md": "---\ntitle: Hidden\n---\n",
        },
        site_yaml=site_yaml,
    )
    html = (build(hub, now=NOW).out / "index.html").read_text("utf-8")
    nav = html[html.index("<nav") : html.index("</nav>")]
    assert nav.count('href="/hub/about/"') == 1 and 'href="/hub/conduct/"' in nav and "Hidden" not in nav


def _menu_entries(out: Path) -> list[tuple[str, str]]:
    """The home page's menu as a reader sees it: (name, link) in order."""
    html = (out / "index.html").read_text("utf-8")
    nav = html[html.index("<nav") : html.index("</nav>")]
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', nav)


def test_a_url_named_by_site_yaml_and_by_a_page_is_listed_once_where_site_yaml_put_it(make_hub: MakeHub) -> None:
    site_yaml = SITE_YAML + "menu:\n  - {title: About us, url: /about/}\n  - {title: Events, url: /events/}\n"
    hub = make_hub({"content/pages/about.md": "---\ntitle: About\nmenu: 1\n---\n"}, site_yaml=site_yaml)
    entries = _menu_entries(build(hub, now=NOW).out)
    assert entries == [("/hub/about/", "About us"), ("/hub/calendar/", "Calendar"), ("/hub/events/", "Events")]


@pytest.mark.parametrize(
    "written", ["/join", "/join/index.html", "https://example.github.io/hub/join/", "/参加/", "/%E5%8F%82%E5%8A%A0/"]
)
def test_a_page_is_listed_once_however_site_yaml_writes_its_url(make_hub: MakeHub, written: str) -> None:
    """site.yaml names the page twice, and the page asks for a place in the menu itself."""
    slug = "参加" if "参加" in unquote(written) else "join"
    site_yaml = SITE_YAML + f"menu:\n  - {{title: Join us, url: '{written}'}}\n  - {{title: Again, url: '{written}'}}\n"
    pages = {
        "content/pages/join.md": f"---\ntitle: Join\nslug: {slug}\nmenu: 1\n---\n",
        "content/pages/faq.md": "---\ntitle: FAQ\nmenu: 2\n---\n",
    }
    hub = make_hub(pages, site_yaml=site_yaml)
    names = [name for _, name in _menu_entries(build(hub, now=NOW).out)]
    assert names == ["Join us", "Calendar", "FAQ"]


def test_multi_day_timetable_shows_each_day(make_hub: MakeHub) -> None:
    camp = (
        "---\ntitle: Camp\nstart: 2026-12-19 13:00\nend: 2026-12-20 12:00\n"
        "agenda:\n  - {time: 2026-12-19 13:00, title: Arrive}\n  - {time: 2026-12-20 08:00, title: Breakfast}\n---\n"
    )
    text = page_text(build(make_hub({"content/events/camp.md": camp}), now=NOW).out, "events/camp")
    assert text.index("Sat 19 Dec 2026 13:00 Arrive") < text.index("Sun 20 Dec 2026 08:00 Breakfast")


def test_event_cards_name_a_foreign_time_zone(make_hub: MakeHub) -> None:
    sf = "---\ntitle: SF\nstart: 2026-12-01 17:00\ntimezone: America/Los_Angeles\n---\n"
    text = page_text(build(make_hub({"content/events/sf.md": sf}), now=NOW).out, "events")
    assert "Tue 1 Dec 2026, 17:00–19:00 (America/Los_Angeles)" in text


def test_items_may_be_grouped_in_year_folders(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/events/2027/2027-01-10-newyear.md": "---\ntitle: New year\nstart: 2027-01-10\n---\n",
            "content/events/2026/party.markdown": "---\ntitle: Party\nstart: 2026-12-24\n---\n",
        }
    )
    out = build(hub, now=NOW).out
    assert (out / "events" / "newyear" / "index.html").is_file() and (out / "events" / "party" / "index.html").is_file()


def test_an_unknown_content_folder_is_an_error_naming_the_right_one(make_hub: MakeHub) -> None:
    hub = make_hub({"content/event/a.md": "---\ntitle: A\nstart: 2026-12-24\n---\n"})
    with pytest.raises(BuildFailed) as caught:
        build(hub, now=NOW)
    (error,) = caught.value.errors
    assert error.location.path.name == "event" and "did you mean 'events'" in (error.hint or "")


@pytest.mark.parametrize("text", ["定員{人数}名", "{count seats", "{} seats"])
def test_a_hub_string_with_placeholders_the_theme_does_not_fill_is_refused(make_hub: MakeHub, text: str) -> None:
    hub = make_hub({"i18n/en.yaml": f'capacity: "{text}"\n'})
    with pytest.raises(BuildFailed) as caught:
        build(hub, now=NOW)
    (error,) = caught.value.errors
    assert error.field == "capacity" and "{count}" in (error.hint or "")


def test_templates_cannot_reach_python_internals(make_hub: MakeHub) -> None:
    hub = make_hub({"templates/404.html": "{{ lipsum.__globals__['os'].popen('id').read() }}\n"})
    with pytest.raises(BuildFailed) as caught:
        build(hub, now=NOW)
    assert "unsafe" in caught.value.errors[0].message or "__globals__" in caught.value.errors[0].message


def test_a_japanese_sentence_over_two_lines_reads_as_one(make_hub: MakeHub) -> None:
    body = "これは**強調**\nです。`コード`\nです。[リンク](/x/)\nです。\n\nTwo English\nlines.\n\n한국어\n문장\n"
    hub = make_hub({"content/pages/p.md": "---\ntitle: P\n---\n" + body})
    html = (build(hub, now=NOW).out / "p/index.html").read_text("utf-8")
    # A newline left between two of these characters would show as a space.
    assert '<p>これは<strong>強調</strong>です。<code>コード</code>です。<a href="/hub/x/">リンク</a>です。</p>' in html
    assert "<p>Two English\nlines.</p>" in html and "<p>한국어\n문장</p>" in html  # spaces between words stay


def test_images_get_their_size_only_from_inside_the_hub(make_hub: MakeHub) -> None:
    picture = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"/>'
    body = "![写真](写真.svg) ![outside](../../../outside.svg) ![root](/../outside.svg)\n"
    hub = make_hub(
        {
            "content/events/e/index.md": "---\ntitle: E\nstart: 2026-12-01\n---\n" + body,
            "content/events/e/写真.svg": picture,
            "outside.svg": picture,
        }
    )
    html = (build(hub, now=NOW).out / "events/e/index.html").read_text("utf-8")
    assert 'alt="写真" width="300" height="200" loading="lazy"' in html  # a Japanese file name, as markdown escapes it
    assert 'alt="outside" loading="lazy"' in html and 'alt="root" loading="lazy"' in html  # not measured


def test_a_single_file_items_cover_beside_it_gets_its_size(make_hub: MakeHub) -> None:
    picture = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"/>'
    hub = make_hub(
        {
            "content/events/e.md": "---\ntitle: E\nstart: 2026-12-01\nimage: cover.svg\n---\n",
            "content/events/cover.svg": picture,
        }
    )
    html = (build(hub, now=NOW).out / "events/e/index.html").read_text("utf-8")
    assert '<img class="cover" src="/hub/events/e/cover.svg" alt="" width="300" height="200">' in html


def test_a_hubs_own_theme_is_sandboxed_too(make_hub: MakeHub) -> None:
    # Only the templates commsite ships run outside the sandbox; a copy of them in the hub does not.
    templates = (BUILTIN_THEMES / "default" / "templates").iterdir()
    theme = {f"themes/mine/templates/{t.name}": t.read_text("utf-8") for t in templates}
    theme["themes/mine/theme.yaml"] = (BUILTIN_THEMES / "default" / "theme.yaml").read_text("utf-8")
    theme["themes/mine/templates/404.html"] = "{{ lipsum.__globals__['os'].popen('id').read() }}\n"
    hub = make_hub(theme, site_yaml=SITE_YAML + "theme: mine\n")
    with pytest.raises(BuildFailed) as caught:
        build(hub, now=NOW)
    (error,) = caught.value.errors
    assert error.location.path.name == "404.html" and "__globals__" in error.message


def test_symbolic_links_are_never_published(make_hub: MakeHub, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("token")
    hub = make_hub({"content/events/e/index.md": "---\ntitle: E\nstart: 2026-12-01\n---\n"})
    (hub / "static").mkdir()
    (hub / "static" / "robots.txt").symlink_to(secret)
    (hub / "content" / "events" / "e" / "notes.txt").symlink_to(secret)
    with pytest.raises(BuildFailed) as caught:
        build(hub, now=NOW)
    assert sorted(e.location.path.name for e in caught.value.errors) == ["notes.txt", "robots.txt"]


def test_hidden_folders_of_a_bundle_stay_private(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/events/e/index.md": "---\ntitle: E\nstart: 2026-12-01\n---\n",
            "content/events/e/_notes/attendees.csv": "name\n",
            "content/events/e/photo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        }
    )
    out = build(hub, now=NOW).out
    assert (out / "events/e/photo.svg").is_file() and not (out / "events/e/_notes").exists()


def test_a_page_that_takes_a_built_in_url_is_told_which(make_hub: MakeHub) -> None:
    hub = make_hub({"content/pages/calendar.md": "---\ntitle: Calendar\n---\n"})
    with pytest.raises(BuildFailed) as caught:
        build(hub, now=NOW)
    (error,) = caught.value.errors
    assert error.location.path.name == "calendar.md" and "the built-in page /calendar/" in error.message
