"""Content that is only unusual builds: what it looks like on the site, and the warning
that says where it is (see "Bad input" in docs/content.md). Real hubs converted from other
tools are full of it; a mistake that would publish something wrong stays an error
(tests/test_broken_input.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from commsite import BuildFailed, build
from commsite.build import Built
from commsite.errors import format_error

from .conftest import NOW, MakeHub
from .support import page_text


def headers(built: Built, hub: Path) -> list[str]:
    """The first line of each warning, as the command line prints it."""
    return [format_error(w, hub, "warning").splitlines()[0] for w in built.warnings]


def event(front_matter: str) -> str:
    return "---\n" + front_matter.strip("\n") + "\n---\nBody.\n"


# Slugs ---------------------------------------------------------------------------------


def test_slugs_with_capitals_or_doubled_dashes_are_normalised_with_one_warning(make_hub: MakeHub) -> None:
    talks = "\n".join(f"  - {{title: Talk {n}, slug: Part-{n}--of-3-}}" for n in range(1, 4))
    hub = make_hub({"content/events/meetup.md": event(f"title: Meetup\nstart: 2026-12-10 19:00\ntalks:\n{talks}")})
    built = build(hub, now=NOW)

    for n in range(1, 4):
        assert "Talk" in page_text(hub / "public", f"events/meetup/part-{n}-of-3/")
    assert headers(built, hub) == [
        "warning: content/events/meetup.md:5:27: field 'talks[0].slug': 3 slugs were normalised to lower case"
        " without doubled or trailing '-'; the first is here: the slug 'Part-1--of-3-' is published as 'part-1-of-3'"
    ]


def test_an_item_slug_is_normalised_too(make_hub: MakeHub) -> None:
    hub = make_hub({"content/pages/about.md": "---\ntitle: About\nslug: About-Us-\n---\n"})
    built = build(hub, now=NOW)
    assert (hub / "public" / "about-us" / "index.html").is_file()
    assert headers(built, hub) == [
        "warning: content/pages/about.md:3:7: field 'slug': the slug 'About-Us-' is published as 'about-us'"
    ]


@pytest.mark.parametrize("slug", ["about/us", "../escape", "about us", "a.b"])
def test_a_slug_that_cannot_be_one_path_segment_stays_an_error(make_hub: MakeHub, slug: str) -> None:
    hub = make_hub({"content/pages/about.md": f'---\ntitle: About\nslug: "{slug}"\n---\n'})
    with pytest.raises(BuildFailed) as failure:
        build(hub, now=NOW)
    assert [e.message for e in failure.value.errors] == [f"'{slug}' cannot be a URL slug"]


def test_two_talk_slugs_equal_once_normalised_both_publish(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/events/meetup.md": event(
                "title: Meetup\nstart: 2026-12-10 19:00\ntalks:\n"
                "  - {title: First, slug: intro}\n  - {title: Second, slug: Intro-}"
            )
        }
    )
    built = build(hub, now=NOW)
    assert "First" in page_text(hub / "public", "events/meetup/intro/")
    assert "Second" in page_text(hub / "public", "events/meetup/intro-2/")
    assert any("talks[1].slug" in line and "published as 'intro-2'" in line for line in headers(built, hub))


# Two items at one URL ------------------------------------------------------------------


def test_two_events_that_want_one_url_both_publish_the_second_with_a_number(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/events/2025-09-18-study-01.md": event("title: September\nstart: 2025-09-18 19:00"),
            "content/events/2025-10-02-study-01.md": event("title: October\nstart: 2025-10-02 19:00"),
            "content/reports/notes.md": "---\ntitle: Notes\ndate: 2025-10-03\nevent: 2025-10-02-study-01\n---\n",
        }
    )
    built = build(hub, now=NOW)

    assert "September" in page_text(hub / "public", "events/study-01/")
    october = page_text(hub / "public", "events/study-01-2/")
    assert "October" in october
    assert "Notes" in october  # the report still finds its event by id
    assert headers(built, hub) == [
        "warning: content/events/2025-10-02-study-01.md:1: this wants the URL /events/study-01/, which"
        " content/events/2025-09-18-study-01.md has; it is published at /events/study-01-2/"
    ]
    assert "set 'slug:' in one of them" in format_error(built.warnings[0])


def test_two_spellings_of_one_person_both_publish_and_the_warning_suggests_aliases(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/members/albert-o-connor.md": "---\nname: Albert O'Connor\n---\n",
            "content/members/albert-o’connor.md": "---\nname: Albert O’Connor\n---\n",
            "content/events/meetup.md": event(
                "title: Meetup\nstart: 2026-12-10 19:00\ntalks:\n  - {title: Hello, speakers: [albert-o’connor]}"
            ),
        }
    )
    built = build(hub, now=NOW)

    assert (hub / "public" / "members" / "albert-o-connor" / "index.html").is_file()
    assert "Hello" in page_text(hub / "public", "members/albert-o-connor-2/")
    [warning] = built.warnings
    assert warning.location.path.name == "albert-o’connor.md"
    assert "content/members/albert-o-connor.md has" in warning.message
    assert warning.hint is not None and "add 'albert-o’connor' to its 'aliases:'" in warning.hint


def test_the_same_urls_and_warnings_on_a_build_from_the_cache(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/events/2025-09-18-study-01.md": event("title: September\nstart: 2025-09-18 19:00"),
            "content/events/2025-10-02-study-01.md": event("title: October\nstart: 2025-10-02 19:00\nslug: Study-01"),
            "content/events/2025-11-02-x.md": event("title: X\nstart: 2025-11-02 19:00\nslug: X-"),
        }
    )
    cold = build(hub, now=NOW)
    (hub / "content" / "events" / "2025-11-02-x.md").write_text(event("title: Y\nstart: 2025-11-02 19:00\nslug: X-"))
    warm = build(hub, now=NOW)

    assert headers(warm, hub) == headers(cold, hub)
    assert len(cold.warnings) == 2  # the slugs normalised, on one line; the shared URL
    assert "October" in page_text(hub / "public", "events/study-01-2/")
    assert "Y" in page_text(hub / "public", "events/x/")


def test_a_page_that_wants_a_built_in_url_stays_an_error(make_hub: MakeHub) -> None:
    hub = make_hub({"content/pages/about.md": "---\ntitle: About\nslug: events\n---\n"})
    with pytest.raises(BuildFailed, match="build failed"):
        build(hub, now=NOW)


# Blank fields --------------------------------------------------------------------------


def test_blank_optional_fields_are_absent(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/events/meetup.md": (
                '---\ntitle: Meetup\nstart: 2026-12-10 19:00\nvenue: ""\nseries: ""\nregistration:\ntalks:\n'
                "  - title: Blank\n    abstract:\n  - title: Kept\n    abstract: |2+\n\n  - title: Third\n"
                '    abstract: ""\n---\n'
            ),
            "content/reports/notes.md": '---\ntitle: Notes\ndate: 2026-12-11\nsummary: ""\n---\n',
        }
    )
    built = build(hub, now=NOW)
    assert not built.warnings
    assert (hub / "public" / "events" / "meetup" / "kept" / "index.html").is_file()
    assert not (hub / "public" / "series").joinpath("index.html").read_text("utf-8").count("/series/-")


def test_a_blank_required_field_stays_an_error(make_hub: MakeHub) -> None:
    hub = make_hub({"content/events/meetup.md": '---\ntitle: ""\nstart: 2026-12-10 19:00\n---\n'})
    with pytest.raises(BuildFailed) as failure:
        build(hub, now=NOW)
    [error] = failure.value.errors
    assert (error.field, error.location.line) == ("title", 2)


# Series --------------------------------------------------------------------------------


def test_a_series_without_a_file_is_a_series_even_when_its_id_looks_like_another(make_hub: MakeHub) -> None:
    named = "\nseries: book-club-kansai"
    events = {
        f"content/events/kansai-{n}.md": event(f"title: Kansai {n}\nstart: 2026-1{n}-01 19:00{named}") for n in range(3)
    }
    hub = make_hub({"content/series/book-club.md": "---\ntitle: Book Club\n---\n", **events})
    built = build(hub, now=NOW)
    page = page_text(hub / "public", "series/book-club-kansai/")
    assert "book-club-kansai" in page and "Kansai 2" in page
    assert not built.warnings  # three events mean it: no "did you mean"


def test_a_series_named_once_like_a_file_is_a_warning_that_suggests_it(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/series/study.md": "---\ntitle: Study\n---\n",
            "content/events/meetup.md": event("title: Meetup\nstart: 2026-12-10 19:00\nseries: studdy"),
        }
    )
    built = build(hub, now=NOW)
    assert (hub / "public" / "series" / "studdy" / "index.html").is_file()
    assert headers(built, hub) == [
        "warning: content/events/meetup.md:4:9: field 'series': there is no series 'studdy':"
        " it is a series of its own, titled 'studdy'"
    ]
    assert "did you mean 'study'?" in format_error(built.warnings[0])


# Talk kinds ----------------------------------------------------------------------------


def test_talk_kinds_as_people_write_them(make_hub: MakeHub) -> None:
    written = ["LT", "Lightning Talk", "ライトニングトーク", "基調講演"]
    written += ["パネル・ディスカッション", "hands-on", "セッション"]
    talks = "\n".join(f"  - {{title: Talk {n}, kind: {kind}}}" for n, kind in enumerate(written))
    hub = make_hub({"content/events/meetup.md": event(f"title: Meetup\nstart: 2026-12-10 19:00\ntalks:\n{talks}")})
    built = build(hub, now=NOW)

    assert not built.warnings
    kinds = [t.kind for t in built.checked.site.talks.values()] if built.checked else []
    assert kinds == ["lightning", "lightning", "lightning", "keynote", "panel", "workshop", "talk"]
    assert "Lightning talk" in page_text(hub / "public", "events/meetup/talk-0/")


def test_an_unknown_talk_kind_is_shown_as_written_and_listed_as_a_talk(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/events/meetup.md": event(
                "title: Meetup\nstart: 2026-12-10 19:00\ntalks:\n"
                "  - {title: Poster A, kind: Poster}\n  - {title: Poster B, kind: lightening}"
            )
        }
    )
    built = build(hub, now=NOW)

    assert "Poster" in page_text(hub / "public", "events/meetup/poster-a/")
    event_page = (hub / "public" / "events" / "meetup" / "index.html").read_text("utf-8")
    assert 'kind-talk">Poster' in event_page and 'kind-talk">lightening' in event_page
    assert headers(built, hub) == [
        "warning: content/events/meetup.md:5:29: field 'talks[0].kind': the kind 'Poster' is none of"
        " talk, lightning, keynote, panel, workshop: shown as written, listed as a talk",
        "warning: content/events/meetup.md:6:29: field 'talks[1].kind': the kind 'lightening' is none of"
        " talk, lightning, keynote, panel, workshop: shown as written, listed as a talk",
    ]
    assert built.warnings[1].hint == "did you mean 'lightning'?"


# Values as other tools write them --------------------------------------------------------

MEMBERS = {
    "content/members/sato.md": "---\nname: Sato\n---\n",
    "content/members/ito.md": "---\nname: Ito\n---\n",
}


def test_values_written_another_way_are_read_as_meant(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            **MEMBERS,
            "content/events/meetup.md": """\
                ---
                title: Meetup
                start: 2026-12-10 19:00
                status: 中止
                capacity: "30"
                draft: "false"
                venue: {name: Hall, lat: "35.66", lon: "139.70"}
                talks:
                  - title: Long one
                    start: "19:10:00"
                    duration: 1時間30分
                    language: English
                  - title: Short one
                    duration: 5 min
                ---
                """,
        }
    )
    build(hub, now=NOW)
    [event] = build(hub, now=NOW).checked.site.events.values()  # type: ignore[union-attr]

    assert (event.status, event.capacity, event.draft) == ("cancelled", 30, False)
    assert event.venue is not None and (event.venue.lat, event.venue.lon) == (35.66, 139.70)
    long, short = event.talks
    assert (long.duration, short.duration, long.language) == (90, 5, "en")
    assert long.start is not None and f"{long.start:%H:%M}" == "19:10"


def test_several_written_as_one_text_with_commas_are_read_as_a_list(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            **MEMBERS,
            "content/events/meetup.md": event(
                "title: Meetup\nstart: 2026-12-10 19:00\norganisers: sato, ito\ntags: python、community\n"
                "talks:\n  - {title: Duo, speakers: 'sato, ito'}"
            ),
        }
    )
    built = build(hub, now=NOW)

    assert "Duo" in page_text(hub / "public", "members/ito/")
    assert "Meetup" in page_text(hub / "public", "tags/community/")
    assert headers(built, hub) == [
        "warning: content/events/meetup.md:4:13: field 'organisers': 3 texts with commas were read as lists;"
        " the first is here: 'sato, ito' is read as 2: sato, ito"
    ]


def test_an_unknown_member_in_a_text_with_commas_stays_an_error(make_hub: MakeHub) -> None:
    hub = make_hub(
        {**MEMBERS, "content/events/meetup.md": event("title: Meetup\nstart: 2026-12-10 19:00\norganisers: sato, itoh")}
    )
    with pytest.raises(BuildFailed) as failure:
        build(hub, now=NOW)
    assert [e.message for e in failure.value.errors] == ["there is no member 'itoh'"]


def test_a_link_without_https_is_given_it_and_a_platform_name_is_a_platform(make_hub: MakeHub) -> None:
    hub = make_hub(
        {
            "content/events/meetup.md": event(
                "title: Meetup\nstart: 2026-12-10 19:00\nonline: Zoom\nregistration: connpass.com/event/1/\n"
                "talks:\n  - {title: Slides, slides: //speakerdeck.com/x/y}"
            ),
        }
    )
    built = build(hub, now=NOW)

    page = (hub / "public" / "events" / "meetup" / "index.html").read_text("utf-8")
    assert 'href="https://connpass.com/event/1/"' in page and "Zoom" in page
    assert headers(built, hub) == [
        "warning: content/events/meetup.md:4:9: field 'online': 'Zoom' is taken as the platform, with no link",
        "warning: content/events/meetup.md:5:15: field 'registration': 2 links without https:// were given it;"
        " the first is here: 'connpass.com/event/1/' is published as the link https://connpass.com/event/1/",
    ]


@pytest.mark.parametrize("written", ["TBD", "slides.pdf", "see the page"])
def test_a_link_that_is_no_web_address_stays_an_error(make_hub: MakeHub, written: str) -> None:
    hub = make_hub(
        {"content/events/meetup.md": event(f"title: Meetup\nstart: 2026-12-10 19:00\nregistration: {written}")}
    )
    with pytest.raises(BuildFailed) as failure:
        build(hub, now=NOW)
    assert [e.field for e in failure.value.errors] == ["registration"]
