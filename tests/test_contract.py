"""A hub written by hand from CONTENT.md, using every field of the contract, builds and shows them."""

from __future__ import annotations

from commsite import build

from .conftest import NOW, MakeHub
from .support import broken_links, page_text

EVERY_FIELD = {
    "content/events/2026-12-05-full/index.md": """\
        ---
        title: Every field
        start: 2026-12-05 13:00
        end: 2026-12-05 18:00
        timezone: Asia/Tokyo
        status: scheduled
        venue: {name: Hall, address: "1-1 Chiyoda, Tokyo", url: https://hall.example.com/, lat: 35.68, lon: 139.76}
        online: {url: https://meet.example.com/x, platform: Zoom}
        registration: https://connpass.example.com/event/1/
        capacity: 80
        series: study
        tags: [community, DevRel]
        hashtag: "#every_field"
        organisers: [ada]
        talks:
          - title: Keynote of everything
            speakers: [ada, {name: Guest Speaker, url: https://guest.example.com/, affiliation: Guest Inc.}]
            kind: keynote
            start: "13:10"
            duration: 30
            language: en
            slides: https://slides.example.com/k
            video: https://youtu.be/abcdefghijk
            tags: [keynote]
            abstract: "An **abstract** in Markdown."
            slug: keynote
          - {title: Workshop, kind: workshop, start: 2026-12-05 15:00}
          - {title: Panel, kind: panel, start: 2026-12-05}
        agenda:
          - {time: "12:30", title: Doors open}
        attendance: {registered: 90, attended: 70, first_timers: 20}
        image: cover.svg
        draft: false
        extra: {sponsor: Example Inc.}
        ---
        The **description**.
        """,
    "content/events/2026-12-05-full/cover.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n',
    "content/events/monthly.md": """\
        ---
        title: Monthly online
        start: 2026-12-17 20:00
        online: {platform: Zoom}
        recurrence: {rule: "FREQ=MONTHLY;BYDAY=3TH", until: 2027-06-30, except: [2027-01-21]}
        ---
        """,
    "content/events/plain.md": """\
        ---
        title: Plain strings
        start: 2026-12-20
        venue: Somewhere
        online: https://stream.example.com/
        status: postponed
        ---
        """,
    "content/members/ada.md": """\
        ---
        name: Ada Lovelace
        reading: ada lovelace
        aliases: [countess]
        avatar: https://img.example.com/ada.png
        roles: [organiser, speaker]
        affiliation: Analytical Engines
        location: London
        pronouns: she/her
        links: {website: https://ada.example.com/, github: ada, bluesky: ada.example.com}
        joined: 2024-01-01
        listed: true
        ---
        A bio.
        """,
    "content/reports/2026-12-06-notes.md": """\
        ---
        title: Notes
        date: 2026-12-06
        event: 2026-12-05-full
        authors: [countess, {name: Guest Writer, url: https://writer.example.com/}]
        tags: [community]
        summary: What happened.
        draft: false
        ---
        Body.
        """,
    "content/reports/2026-12-07-elsewhere.md": """\
        ---
        title: Elsewhere
        date: 2026-12-07 10:00
        external_url: https://blog.example.com/post
        ---
        """,
    "content/pages/about.md": "---\ntitle: About us\nmenu: 1\n---\nHello.\n",
    "content/series/study.md": """\
        ---
        title: Study meetup
        registration: https://connpass.example.com/group/
        organisers: [ada]
        tags: [community]
        ---
        Quarterly.
        """,
}


def test_a_hub_using_every_field_builds_and_shows_them(make_hub: MakeHub) -> None:
    out = build(make_hub(EVERY_FIELD), now=NOW).out
    assert broken_links(out, "/hub/") == []
    event = page_text(out, "events/full")
    for shown in ["Every field", "Hall", "1-1 Chiyoda", "Zoom", "80 people", "#every_field", "Ada Lovelace"]:
        assert shown in event, shown
    assert "Guest Speaker" in event and "Doors open" in event and "Workshop" in event and "Panel" in event
    talk = page_text(out, "events/full/keynote")
    assert "Keynote" in talk and "abstract" in talk and "https://slides.example.com/k" in talk
    assert "youtube-nocookie.com/embed/abcdefghijk" in (out / "events/full/keynote/index.html").read_text("utf-8")
    monthly = page_text(out, "events/monthly")
    assert "The link is sent to registered participants." in monthly
    assert "Thu 18 Feb 2027" in monthly and "Thu 21 Jan 2027" not in monthly
    assert "Postponed" in page_text(out, "events/plain")
    assert "Notes" in page_text(out, "members/ada") and "Guest Writer" in page_text(out, "reports/notes")
    assert 'href="https://blog.example.com/post"' in (out / "reports/index.html").read_text("utf-8")
    assert "About us" in page_text(out, "about") and "Study meetup" in page_text(out, "series/study")
