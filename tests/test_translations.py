"""Translations read and matched (CONTENT.md, "Translations"): x.en.md gives the texts of
x.md in English; each language's site has every item, translated where a translation is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from commsite import kinds
from commsite.content.load import load
from commsite.errors import CommsiteError, Problems
from commsite.graph.link import link
from commsite.graph.site import Site
from commsite.graph.translate import editions
from commsite.scaffold import new, translate
from commsite.source.config import read_config
from commsite.source.discover import discover

from .conftest import NOW, MakeHub

BILINGUAL = """\
title: Test Hub
base_url: https://example.github.io/hub/
languages: [ja, en]
timezone: Asia/Tokyo
"""

EVENT = """\
---
title: "勉強会 #12"
start: 2026-12-12 14:00
venue: {name: 東京ホール, address: 東京都千代田区, url: "https://example.com/hall"}
agenda:
  - {time: "14:00", title: 開場}
  - {time: "14:30", title: 懇親会}
talks:
  - {title: 成果の伝え方, slug: results, speakers: [sato]}
  - {title: コミュニティ運営, speakers: [sato]}
---
年末の勉強会です。
"""

EVENT_EN = """\
---
title: "Study meetup #12"
venue: {name: Tokyo Hall}
agenda:
  - {title: Doors open}
  - {title: Party}
talks:
  - {slug: results, title: Telling results, abstract: "How to *tell* them."}
  - {title: Running a community}
---
Our year-end meetup.
"""

HUB = {
    "content/events/2026-12-12-study-12.md": EVENT,
    "content/events/2026-12-12-study-12.en.md": EVENT_EN,
    "content/members/sato.md": "---\nname: 佐藤 花子\naffiliation: 東京大学\n---\n佐藤です。\n",
    "content/members/sato.en.md": "---\nname: Hanako Sato\n---\nI am Sato.\n",
    "content/pages/about.md": "---\ntitle: このハブについて\n---\n説明。\n",
    "content/pages/guide/index.md": "---\ntitle: 案内\n---\n案内です。\n",
    "content/pages/guide/index.en.md": "---\ntitle: Guide\n---\nThe guide.\n",
}


def _editions(hub: Path) -> tuple[dict[str, Site], Problems]:
    problems = Problems()
    config = read_config(hub, problems)
    files = discover(hub / "content", kinds.folders(), problems, config.languages[1:])
    loaded = load(files, config, problems)
    site, _ = link(loaded, config, NOW, NOW, problems)
    return editions(site, loaded.translations, set(loaded.broken | loaded.drafts), problems), problems


def _messages(problems: Problems) -> list[tuple[str, int | None, str | None, str]]:
    return [(e.location.path.name, e.location.line, e.field, e.message) for e in problems.errors]


def test_each_language_has_every_item_with_its_translated_texts(make_hub: MakeHub) -> None:
    sites, problems = _editions(make_hub(HUB, site_yaml=BILINGUAL))
    assert problems.errors == []
    ja, en = sites["ja"], sites["en"]
    assert (ja.config.language, en.config.language) == ("ja", "en")

    event = en.events["2026-12-12-study-12"]
    assert (event.title, event.written_in) == ("Study meetup #12", "en")
    assert event.venue is not None and (event.venue.name, event.venue.address) == ("Tokyo Hall", "東京都千代田区")
    assert event.venue.url == "https://example.com/hall"  # a fact: from the original
    assert [entry.title for entry in event.agenda] == ["Doors open", "Party"]  # by position
    assert [(t.title, t.written_in) for t in event.talks] == [("Telling results", "en"), ("Running a community", "en")]
    assert "<em>tell</em>" in en.bodies["talks", "2026-12-12-study-12/results"]
    assert "year-end" in en.bodies["events", "2026-12-12-study-12"]
    assert event.start == ja.events["2026-12-12-study-12"].start

    member = en.members["sato"]
    assert (member.name, member.affiliation, member.written_in) == ("Hanako Sato", "東京大学", "en")
    assert en.pages["guide"].title == "Guide"

    # Untranslated: present, in its own language, and saying which.
    assert (en.pages["about"].title, en.pages["about"].written_in) == ("このハブについて", "ja")
    # The first language's site is the one site graph, untouched.
    assert ja.events["2026-12-12-study-12"].title == "勉強会 #12" and ja.pages["about"].written_in is None


def test_a_translation_that_sets_a_fact_names_its_original(make_hub: MakeHub) -> None:
    en = "---\ntitle: Study\nstart: 2026-12-13 14:00\ntags: [ai]\ntalks:\n  - {title: T, speakers: [sato]}\n---\n"
    hub = make_hub({**HUB, "content/events/2026-12-12-study-12.en.md": en}, site_yaml=BILINGUAL)
    _, problems = _editions(hub)
    assert _messages(problems) == [
        ("2026-12-12-study-12.en.md", 3, "start", "'start' is a fact, which comes from the original"),
        ("2026-12-12-study-12.en.md", 4, "tags", "'tags' is a fact, which comes from the original"),
        ("2026-12-12-study-12.en.md", 6, "talks[0].speakers", "'speakers' is a fact, which comes from the original"),
    ]
    assert problems.errors[0].hint is not None and "content/events/2026-12-12-study-12.md" in problems.errors[0].hint


def test_a_translation_of_nothing_suggests_the_file_it_meant(make_hub: MakeHub) -> None:
    hub = make_hub({**HUB, "content/members/satou.en.md": "---\nname: Sato\n---\n"}, site_yaml=BILINGUAL)
    _, problems = _editions(hub)
    assert _messages(problems) == [("satou.en.md", 1, None, "this translates 'satou', which does not exist")]
    assert problems.errors[0].hint == "name it after its original: sato.en.md"


def test_a_talk_the_original_does_not_have_is_a_mistake(make_hub: MakeHub) -> None:
    en = "---\ntitle: Study\ntalks:\n  - {slug: resluts, title: A}\n  - {title: B}\n  - {title: C}\n---\n"
    hub = make_hub({**HUB, "content/events/2026-12-12-study-12.en.md": en}, site_yaml=BILINGUAL)
    _, problems = _editions(hub)
    assert [(line, field, message) for _, line, field, message in _messages(problems)] == [
        (4, "talks[0].slug", "the original has no talk 'resluts'"),
        (6, "talks[2]", "the original has 2 talks; this is talk 3"),
    ]
    assert problems.errors[0].hint == "did you mean 'results'?"


def test_a_field_that_is_no_text_of_the_kind_is_unknown(make_hub: MakeHub) -> None:
    hub = make_hub({**HUB, "content/pages/about.en.md": "---\ntitel: About\nname: X\n---\n"}, site_yaml=BILINGUAL)
    _, problems = _editions(hub)
    assert [
        (field, message, error.hint)
        for (_, _, field, message), error in zip(_messages(problems), problems.errors, strict=True)
    ] == [
        ("titel", "unknown field 'titel'", "did you mean 'title'?"),
        ("name", "unknown field 'name'", "a translation holds only title and the body"),
    ]


def test_a_hub_of_one_language_reads_a_dotted_name_as_an_id(make_hub: MakeHub) -> None:
    hub = make_hub({"content/pages/notes.en.md": "---\ntitle: Notes\n---\n"})
    sites, problems = _editions(hub)
    assert problems.errors == [] and list(sites) == ["en"] and "notes.en" in sites["en"].pages


def test_languages_in_site_yaml(make_hub: MakeHub) -> None:
    for site_yaml, expected in [
        (BILINGUAL, []),
        (BILINGUAL + "language: en\n", ["'language: en' is not the first of 'languages:'"]),
        (BILINGUAL.replace("[ja, en]", "[ja, en, ja]"), ["'ja' is listed twice"]),
        (BILINGUAL.replace("[ja, en]", "[]"), ["no languages are listed"]),
    ]:
        problems = Problems()
        read_config(make_hub({}, site_yaml=site_yaml, name=f"hub{len(site_yaml)}{len(expected)}"), problems)
        assert [e.message for e in problems.errors] == expected


def test_translate_writes_a_valid_stub_of_exactly_the_texts(make_hub: MakeHub) -> None:
    files = {k: v for k, v in HUB.items() if not k.endswith(".en.md")}
    hub = make_hub(files, site_yaml=BILINGUAL)
    stub = translate(hub / "content/events/2026-12-12-study-12.md", "en", hub)
    assert stub == hub / "content/events/2026-12-12-study-12.en.md"
    front, body = stub.read_text("utf-8").removeprefix("---\n").split("---\n")
    assert yaml.safe_load(front) == {
        "title": "勉強会 #12",
        "venue": {"name": "東京ホール", "address": "東京都千代田区"},
        "agenda": [{"title": "開場"}, {"title": "懇親会"}],
        "talks": [
            {"slug": "results", "title": "成果の伝え方"},
            {"slug": "コミュニティ運営", "title": "コミュニティ運営"},
        ],
    }
    assert body == "年末の勉強会です。\n"
    sites, problems = _editions(hub)  # as written, the stub is a valid translation
    assert problems.errors == [] and sites["en"].events["2026-12-12-study-12"].written_in == "en"


def test_translate_refuses_what_it_cannot_do(make_hub: MakeHub) -> None:
    hub = make_hub(HUB, site_yaml=BILINGUAL)
    with pytest.raises(CommsiteError, match="already exists"):
        translate(hub / "content/members/sato.md", "en", hub)
    with pytest.raises(CommsiteError, match="'fr' is not one of the hub's other languages"):
        translate(hub / "content/pages/about.md", "fr", hub)
    with pytest.raises(CommsiteError, match="is not a content file"):
        translate(hub / "site.yaml", "en", hub)


def test_new_item_written_in_another_language(make_hub: MakeHub) -> None:
    hub = make_hub({}, site_yaml=BILINGUAL)
    path = new("page", "English night", hub, language="en")
    assert path.read_text("utf-8").startswith('---\nlanguage: en\ntitle: "English night"\n')
    with pytest.raises(CommsiteError, match="'de' is not one of the hub's languages"):
        new("page", "Abend", hub, language="de")


def test_check_counts_what_is_not_translated(make_hub: MakeHub) -> None:
    hub = make_hub(HUB, site_yaml=BILINGUAL)
    listed = subprocess.run(
        [sys.executable, "-m", "commsite", "check", str(hub), "--list"], capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[1:] == ["not translated into en: 1 page", "  pages: about"]
    assert listed.stderr == ""  # information, not warnings


def test_a_translation_into_a_language_the_hub_lacks_is_a_mistake(make_hub: MakeHub) -> None:
    hub = make_hub({**HUB, "content/members/sato.fr.md": "---\nname: Hanako Sato\n---\n"}, site_yaml=BILINGUAL)
    _, problems = _editions(hub)
    assert [(e.location.path.name, e.hint) for e in problems.errors] == [
        ("sato.fr.md", "add fr to 'languages:' in site.yaml, or rename the file")
    ]


def test_agenda_titles_of_another_count_are_told(make_hub: MakeHub) -> None:
    en = EVENT_EN.replace(
        "agenda:\n  - {title: Doors open}\n", "agenda:\n  - {title: A}\n  - {title: B}\n  - {title: C}\n"
    )
    hub = make_hub({**HUB, "content/events/2026-12-12-study-12.en.md": en}, site_yaml=BILINGUAL)
    _, problems = _editions(hub)
    assert problems.errors == []
    assert [w.message for w in problems.warnings] == [
        "the translation has 4 agenda entries and the original 2; they are matched in order"
    ]


def test_the_hubs_title_and_description_may_be_given_per_language(make_hub: MakeHub) -> None:
    site_yaml = BILINGUAL.replace("title: Test Hub\n", "title: {ja: テストハブ, en: Test Hub}\ndescription: 勉強会\n")
    sites, problems = _editions(make_hub(HUB, site_yaml=site_yaml))
    assert problems.errors == []
    assert (sites["ja"].config.title, sites["en"].config.title) == ("テストハブ", "Test Hub")
    assert sites["en"].config.description == "勉強会"  # given once: the same in every language
