"""Broken input: every case is a small valid hub plus ONE broken file or field.

For each case the real CLI builds the good hub first, then the broken one into the same
output folder. The broken build must fail with exit status 1 and no traceback, name the
file, the line and the field, give the hint where one is obvious, and leave the previous
output exactly as it was (see "Bad input" in the content format contract).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import MakeHub, write_files

# A fixed build time (2026-11-18 UTC), so that both builds of a case see the same "now".
SOURCE_DATE_EPOCH = "1795000000"

Files = dict[str, str | bytes]

# The good hub every case starts from. Line numbers in the cases below count from the
# first '---' of the file they write, as an editor shows them.
EVENT = "content/events/2025-09-18-study-01.md"
REPORT = "content/reports/2025-09-20-study-01-report.md"
SATO = "content/members/sato-hanako.md"
TANAKA = "content/members/tanaka-taro.md"
ABOUT = "content/pages/about.md"

GOOD: Files = {
    SATO: """\
        ---
        name: 佐藤 花子
        reading: さとう はなこ
        ---
        Organiser.
        """,
    TANAKA: """\
        ---
        name: Tanaka Taro
        aliases: [taro]
        ---
        """,
    EVENT: """\
        ---
        title: Study 01
        start: 2025-09-18 19:00
        end: 2025-09-18 21:00
        organisers: [sato-hanako]
        talks:
          - title: Opening
            speakers:
              - tanaka-taro
              - sato-hanako
            start: "19:10"
        ---
        The first study meetup.
        """,
    REPORT: """\
        ---
        title: Study 01 report
        date: 2025-09-20
        event: 2025-09-18-study-01
        authors:
          - tanaka-taro
          - sato-hanako
        ---
        Notes.
        """,
    ABOUT: """\
        ---
        title: About
        menu: 1
        ---
        About us.
        """,
}

SITE_YAML = """\
title: Test Hub
base_url: https://example.github.io/hub/
language: en
timezone: Asia/Tokyo
"""


@dataclass(frozen=True)
class Case:
    id: str
    files: Files  # written over the good hub: the one broken file (or a second file that clashes)
    file: str  # the file the error must name, relative to the hub
    line: int  # the line it must name
    field: str | None  # the field it must name, None where no field applies
    hint: str | None = None  # a substring of the hint, where one is obvious


def event(front_matter: str, body: str = "Body.\n") -> str:
    """An event file (dedented) from its front matter lines; line 2 is the first field."""
    return "---\n" + textwrap.dedent(front_matter).strip("\n") + "\n---\n" + body


CASES = [
    # References between files ---------------------------------------------------------
    Case(
        "unknown-member-id",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                organisers: [sato-hanako]
                talks:
                  - title: Opening
                    speakers:
                      - tanaka-taro
                      - sato-hanko
                """)
        },
        EVENT,
        9,
        "talks[0].speakers[1]",
        "did you mean 'sato-hanako'",
    ),
    Case(
        "unknown-member-in-organisers",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                end: 2025-09-18 21:00
                organisers: [sato-hanako, tanaka-tarou]
                """)
        },
        EVENT,
        5,
        "organisers[1]",
        "did you mean 'tanaka-taro'",
    ),
    Case(
        "unknown-member-in-report-authors",
        {
            REPORT: """\
                ---
                title: Study 01 report
                date: 2025-09-20
                event: 2025-09-18-study-01
                authors:
                  - tanaka-taro
                  - nobody-here
                ---
                Notes.
                """
        },
        REPORT,
        7,
        "authors[1]",
        "content/members/nobody-here.md",
    ),
    Case(
        "unknown-event-id",
        {
            REPORT: """\
                ---
                title: Study 01 report
                date: 2025-09-20
                event: 2025-09-18-study-1
                ---
                Notes.
                """
        },
        REPORT,
        4,
        "event",
        "did you mean '2025-09-18-study-01'",
    ),
    Case(
        "member-alias-clashes-with-id",
        {
            TANAKA: """\
                ---
                name: Tanaka Taro
                aliases:
                  - taro
                  - sato-hanako
                ---
                """
        },
        TANAKA,
        5,
        "aliases[1]",
    ),
    # Unknown fields ----------------------------------------------------------------------
    Case(
        "unknown-field",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                venu: Hall A
                """)
        },
        EVENT,
        4,
        "venu",
        "did you mean 'venue'",
    ),
    Case(
        "unknown-field-typo-title",
        {
            EVENT: event("""
                start: 2025-09-18 19:00
                titel: Study 01
                """)
        },
        EVENT,
        3,
        "titel",
        "did you mean 'title'",
    ),
    Case(
        "unknown-field-in-talk",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                talks:
                  - title: Opening
                    speaker: [sato-hanako]
                """)
        },
        EVENT,
        6,
        "talks[0].speaker",
        "did you mean 'speakers'",
    ),
    # Wrong types -------------------------------------------------------------------------
    Case(
        "wrong-type-capacity",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                capacity: many
                """)
        },
        EVENT,
        4,
        "capacity",
    ),
    Case(
        "wrong-type-tags-mapping",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                tags: {a: b}
                """)
        },
        EVENT,
        4,
        "tags",
    ),
    Case(
        "wrong-type-draft-string",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                draft: "yes"
                """)
        },
        EVENT,
        4,
        "draft",
    ),
    Case(
        "wrong-type-venue-lat",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                venue:
                  name: Hall A
                  lat: north
                """)
        },
        EVENT,
        6,
        "venue.lat",
    ),
    Case(
        "wrong-type-talks-not-a-list",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                talks: Opening
                """)
        },
        EVENT,
        4,
        "talks",
    ),
    # Times -------------------------------------------------------------------------------
    Case(
        "end-before-start",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                end: 2025-09-18 18:00
                """)
        },
        EVENT,
        4,
        "end",
    ),
    Case(
        "unknown-time-zone",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                timezone: Asia/Tokio
                """)
        },
        EVENT,
        4,
        "timezone",
        "Asia/Tokyo",
    ),
    Case(
        "malformed-date",
        {
            EVENT: event("""
                title: Study 01
                start: 18/09/2025 19:00
                """)
        },
        EVENT,
        3,
        "start",
        "2025-09-18",
    ),
    Case(
        "impossible-date",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-02-30
                """)
        },
        EVENT,
        3,
        "start",
        "check the month and the day",
    ),
    Case(
        "bad-talk-start-time",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                talks:
                  - title: Opening
                    start: "25:99"
                """)
        },
        EVENT,
        6,
        "talks[0].start",
    ),
    Case(
        "invalid-rrule",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                recurrence:
                  rule: FREQ=SOMETIMES;BYDAY=3TH
                """)
        },
        EVENT,
        5,
        "recurrence.rule",
        "FREQ=MONTHLY",
    ),
    # Choices -----------------------------------------------------------------------------
    Case(
        "invalid-status",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                status: cancel
                """)
        },
        EVENT,
        4,
        "status",
        "did you mean 'cancelled'",
    ),
    # Required fields ---------------------------------------------------------------------
    Case(
        "missing-title",
        {
            EVENT: event("""
                start: 2025-09-18 19:00
                end: 2025-09-18 21:00
                """)
        },
        EVENT,
        2,
        "title",
        "title:",
    ),
    Case(
        "missing-start",
        {
            EVENT: event("""
                title: Study 01
                end: 2025-09-18 21:00
                """)
        },
        EVENT,
        2,
        "start",
        "start:",
    ),
    Case(
        "missing-talk-title",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                talks:
                  - speakers: [sato-hanako]
                """)
        },
        EVENT,
        5,
        "talks[0].title",
        "title:",
    ),
    # YAML and front matter ---------------------------------------------------------------
    Case(
        "yaml-unclosed-bracket",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                tags: [community, study
                organisers: [sato-hanako]
                """)
        },
        EVENT,
        4,
        None,
    ),
    Case(
        "yaml-tab-indentation",
        {EVENT: "---\ntitle: Study 01\nstart: 2025-09-18 19:00\nvenue:\n\tname: Hall A\n---\nBody.\n"},
        EVENT,
        5,
        None,
        "tab",
    ),
    Case(
        "missing-closing-fence",
        {EVENT: "---\ntitle: Study 01\nstart: 2025-09-18 19:00\n\nThe body, with no closing line above.\n"},
        EVENT,
        1,
        None,
        "---",
    ),
    Case(
        "no-front-matter",
        {EVENT: "# Study 01\n\nJust Markdown, no fields.\n"},
        EVENT,
        1,
        None,
        "---",
    ),
    Case(
        "empty-file",
        {EVENT: b""},
        EVENT,
        1,
        None,
        "---",
    ),
    Case(
        "front-matter-is-a-list",
        {EVENT: "---\n- title: Study 01\n- start: 2025-09-18 19:00\n---\nBody.\n"},
        EVENT,
        2,
        None,
        "title:",
    ),
    Case(
        "duplicate-keys",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                title: Study 01 (again)
                """)
        },
        EVENT,
        4,
        "title",
    ),
    Case(
        "non-utf8-file",
        {EVENT: "---\ntitle: Café night\nstart: 2025-09-18 19:00\n---\n".encode("latin-1")},
        EVENT,
        2,
        None,
        "UTF-8",
    ),
    # Ids and URLs ------------------------------------------------------------------------
    Case(
        "duplicate-id-file-and-bundle",
        {
            "content/events/2025-09-18-study-01/index.md": event("""
                title: Study 01, as a bundle
                start: 2025-09-18 19:00
                """)
        },
        "content/events/2025-09-18-study-01/index.md",
        1,
        None,
    ),
    Case(
        "page-slug-takes-built-in-url",
        {
            ABOUT: """\
                ---
                title: About
                slug: events
                ---
                About us.
                """
        },
        ABOUT,
        3,
        "slug",
    ),
    Case(
        "slug-with-dot-dot",
        {
            ABOUT: """\
                ---
                title: About
                slug: ../escape
                ---
                About us.
                """
        },
        ABOUT,
        3,
        "slug",
        "'escape'",
    ),
    Case(
        "missing-image",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                image: cover.png
                """)
        },
        EVENT,
        4,
        "image",
    ),
    Case(
        "slides-as-a-file-name",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                talks:
                  - {title: Opening, slides: slides.pdf}
                """)
        },
        EVENT,
        5,
        "talks[0].slides",
        "/path/",
    ),
    # site.yaml ---------------------------------------------------------------------------
    Case(
        "site-unknown-language",
        {"site.yaml": SITE_YAML.replace("language: en", "language: jp")},
        "site.yaml",
        3,
        "language",
        "ja",
    ),
    Case(
        "site-missing-base-url",
        {"site.yaml": SITE_YAML.replace("base_url: https://example.github.io/hub/\n", "")},
        "site.yaml",
        1,
        "base_url",
        "base_url:",
    ),
    Case(
        "site-unknown-time-zone",
        {"site.yaml": SITE_YAML.replace("Asia/Tokyo", "Asia/Tokio")},
        "site.yaml",
        4,
        "timezone",
        "Asia/Tokyo",
    ),
    Case(
        "theme-option-typo",
        {"site.yaml": SITE_YAML + "theme_options:\n  home_event: 4\n"},
        "site.yaml",
        6,
        "theme_options.home_event",
        "home_events",
    ),
    Case(
        "theme-option-of-the-wrong-type",
        {"site.yaml": SITE_YAML + "theme_options:\n  home_events: many\n"},
        "site.yaml",
        6,
        "theme_options.home_events",
    ),
    Case(
        "style-value-that-would-break-out",
        {"site.yaml": SITE_YAML + 'style:\n  accent: "red</style><script>alert(1)</script>"\n'},
        "site.yaml",
        6,
        "style.accent",
        "one value",
    ),
    Case(
        "style-value-loading-a-file",
        {"site.yaml": SITE_YAML + "style:\n  bg: url(https://cdn.example.com/paper.png)\n"},
        "site.yaml",
        6,
        "style.bg",
        "colours and fonts",
    ),
    Case(
        "style-property-the-theme-lacks",
        {"site.yaml": SITE_YAML + "style:\n  dark:\n    accnet: '#fff'\n"},
        "site.yaml",
        7,
        "style.dark.accnet",
        "accent",
    ),
    # Mistakes organisers make often -----------------------------------------------------
    Case(
        "hash-starts-a-comment",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                hashtag: #CMC_Meetup
                """)
        },
        EVENT,
        4,
        "hashtag",
        "put the value in quotes",
    ),
    Case(
        "member-by-display-name",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                organisers: [佐藤 花子]
                """)
        },
        EVENT,
        4,
        "organisers[0]",
        "write 'sato-hanako'",
    ),
    Case(
        "series-differing-by-case",
        {
            "content/series/study.md": "---\ntitle: Study\n---\n",
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                series: Study
                """),
        },
        EVENT,
        4,
        "series",
        "write 'study'",
    ),
    Case(
        "compact-date",
        {
            EVENT: event("""
                title: Study 01
                start: 20250918
                """)
        },
        EVENT,
        3,
        "start",
        "2025-09-18 19:00",
    ),
    Case(
        "talk-time-in-words",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                talks:
                  - {title: Opening, start: 7pm}
                """)
        },
        EVENT,
        5,
        "talks[0].start",
        '"19:10"',
    ),
    Case(
        "extra-below-item-level",
        {
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                venue: {name: Hall, extra: {floor: 3}}
                """)
        },
        EVENT,
        4,
        "venue.extra",
        None,
    ),
    # File shape, values and references (robustness corpus) ----------------------------
    Case("front-matter-is-a-scalar", {EVENT: "---\njust some text\n---\nBody\n"}, EVENT, 2, None, "title: My event"),
    Case("binary-file", {EVENT: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, EVENT, 1, None, "beside the item"),
    Case(
        "twenty-megabyte-file",
        {EVENT: b"---\ntitle: Big\n---\n" + b"x" * (20 * 1024 * 1024)},
        EVENT,
        1,
        None,
        "static/",
    ),
    Case("year-zero", {EVENT: event("title: Study 01\nstart: 0000-01-01")}, EVENT, 3, "start", None),
    Case("year-9999", {EVENT: event("title: Study 01\nstart: 9999-12-31")}, EVENT, 3, "start", "between 1900 and 2999"),
    Case(
        "names-differing-only-by-case",
        {"content/events/2025-09-18-Study-01.md": event("title: Other\nstart: 2025-09-19")},
        EVENT,
        1,
        None,
        "rename one of the two files",
    ),
    Case("slug-with-slash", {ABOUT: "---\ntitle: About\nslug: about/us\n---\n"}, ABOUT, 3, "slug", "use 'about-us'"),
    Case(
        "absolute-image-path",
        {EVENT: event("title: Study 01\nstart: 2025-09-18 19:00\nimage: /Users/me/cover.png")},
        EVENT,
        4,
        "image",
        "static/Users/me/cover.png",
    ),
    Case(
        "yaml-alias-bomb",
        {
            EVENT: "---\ntitle: Study 01\nstart: 2025-09-18 19:00\nextra:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"  {n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdef", "bcdefg", strict=True))
            + "---\n"
        },
        EVENT,
        2,
        None,
        "instead of nesting aliases",
    ),
    Case(
        "agenda-time-out-of-range",
        {EVENT: event('title: Study 01\nstart: 2025-09-18 19:00\nagenda:\n  - {time: "25:00", title: Party}')},
        EVENT,
        5,
        "agenda[0].time",
        "19:10",
    ),
    Case(
        "start-not-a-date-of-its-rule",
        {EVENT: event('title: Study 01\nstart: 2025-09-18 19:00\nrecurrence: {rule: "FREQ=MONTHLY;BYDAY=1MO"}')},
        EVENT,
        3,
        "start",
        "2025-10-06 19:00",
    ),
    Case(
        "until-before-start",
        {EVENT: event("title: Study 01\nstart: 2025-09-18 19:00\nrecurrence: {rule: FREQ=WEEKLY, until: 2024-01-01}")},
        EVENT,
        4,
        "recurrence.until",
        "check the year",
    ),
    Case(
        "until-and-count",
        {
            EVENT: event(
                "title: Study 01\nstart: 2025-09-18 19:00\nrecurrence: {rule: FREQ=WEEKLY, until: 2026-01-01, count: 3}"
            )
        },
        EVENT,
        4,
        "recurrence.count",
        "not both",
    ),
    Case(
        "time-skipped-by-dst",
        {EVENT: event("title: Study 01\nstart: 2026-03-08 02:30\ntimezone: America/New_York")},
        EVENT,
        3,
        "start",
        "03:30",
    ),
    Case(
        "time-repeated-by-dst",
        {EVENT: event("title: Study 01\nstart: 2026-11-01 01:30\ntimezone: America/New_York")},
        EVENT,
        3,
        "start",
        "outside that hour",
    ),
    Case(
        "control-characters-only-title",
        {EVENT: event('title: "\\x00\\x07"\nstart: 2025-09-18 19:00')},
        EVENT,
        2,
        "title",
        None,
    ),
]


def run_build(hub: Path, out: Path | None) -> subprocess.CompletedProcess[str]:
    """The real command line, in a fresh interpreter, with a fixed build time; ``commsite
    check`` without an output folder."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONIOENCODING": "utf-8"}
    command = ["build", str(hub), "--out", str(out)] if out is not None else ["check", str(hub)]
    return subprocess.run(
        [sys.executable, "-m", "commsite", *command],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=hub.parent,
        timeout=120,
        check=False,
    )


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes (and every folder, as None) under ``folder``, by relative path."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(folder.rglob("*"))
    }


def error_blocks(stderr: str) -> list[str]:
    """The stderr of a failed build cut into one block per reported problem."""
    return [block for block in re.split(r"(?m)^(?=(?:error|warning): )", stderr) if block.strip()]


def find_error(stderr: str, file: str, line: int) -> str | None:
    """The error block whose first line names ``file:line`` (with or without a column)."""
    header = re.compile(rf"error: {re.escape(file)}:{line}(?::\d+)?:")
    return next((block for block in error_blocks(stderr) if header.match(block)), None)


def build_good(make_hub: MakeHub, tmp_path: Path) -> tuple[Path, Path, dict[str, bytes | None]]:
    """Build the good hub into site/public; return the hub, the output and its snapshot."""
    hub = make_hub(GOOD, site_yaml=SITE_YAML)
    out = tmp_path / "site" / "public"
    good = run_build(hub, out)
    assert good.returncode == 0, f"the good hub must build:\n{good.stderr}"
    assert (out / "index.html").is_file()
    return hub, out, snapshot(out)


def assert_untouched(out: Path, before: dict[str, bytes | None]) -> None:
    after = snapshot(out)
    assert sorted(after) == sorted(before), "the failed build added or removed files in the output"
    changed = [name for name, data in before.items() if after[name] != data]
    assert not changed, f"the failed build changed {changed}"
    beside = sorted(p.name for p in out.parent.iterdir())
    assert beside == [out.name], f"the failed build left stray folders beside the output: {beside}"


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_broken_input_is_reported_and_leaves_output_untouched(case: Case, make_hub: MakeHub, tmp_path: Path) -> None:
    hub, out, before = build_good(make_hub, tmp_path)

    write_files(hub, case.files)
    result = run_build(hub, out)
    stderr = result.stderr

    assert result.returncode == 1, f"exit status {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{stderr}"
    assert "Traceback" not in stderr, stderr
    block = find_error(stderr, case.file, case.line)
    assert block is not None, f"no error names {case.file}:{case.line}\n{stderr}"
    if case.field is not None:
        assert f"field '{case.field}':" in block, f"the error does not name field '{case.field}'\n{stderr}"
    if case.hint is not None:
        assert "= hint:" in block and case.hint in block, f"the hint does not say {case.hint!r}\n{stderr}"
    assert "nothing was written" in stderr
    assert_untouched(out, before)


def test_five_broken_files_are_all_reported_in_one_run(make_hub: MakeHub, tmp_path: Path) -> None:
    hub, out, before = build_good(make_hub, tmp_path)
    broken: Files = {
        EVENT: event("""
            title: Study 01
            start: 2025-09-18 19:00
            talks:
              - title: Opening
                speakers: [sato-hanko]
            """),
        REPORT: """\
            ---
            title: Study 01 report
            date: 2025-09-20
            event: 2025-09-18-study-1
            ---
            """,
        TANAKA: """\
            ---
            name: Tanaka Taro
            joined: yesterday
            ---
            """,
        # The hub's UI strings and theme settings are checked in the same run as its content.
        "i18n/en.yaml": 'register: "Join {nme}"\n',
        "site.yaml": SITE_YAML + "theme_options:\n  home_talks: -1\n",
    }
    write_files(hub, broken)
    result = run_build(hub, out)

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert find_error(result.stderr, EVENT, 6) is not None, result.stderr
    assert find_error(result.stderr, REPORT, 4) is not None, result.stderr
    assert find_error(result.stderr, TANAKA, 3) is not None, result.stderr
    assert find_error(result.stderr, "i18n/en.yaml", 1) is not None, result.stderr
    assert find_error(result.stderr, "site.yaml", 6) is not None, result.stderr
    assert "5 error(s)" in result.stderr, result.stderr
    assert_untouched(out, before)


def test_a_mistake_in_site_yaml_is_listed_with_the_contents_in_one_run(make_hub: MakeHub, tmp_path: Path) -> None:
    hub, out, before = build_good(make_hub, tmp_path)
    write_files(
        hub,
        {
            "site.yaml": SITE_YAML.replace("Asia/Tokyo", "Asia/Tokio"),
            EVENT: event("""
                title: Study 01
                start: 2025-09-18 19:00
                organisers: [sato-hanko]
                """),
        },
    )
    for output in (out, None):  # build, then check
        result = run_build(hub, output)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert find_error(result.stderr, "site.yaml", 4) is not None, result.stderr
        assert find_error(result.stderr, EVENT, 4) is not None, result.stderr
        assert "2 error(s)" in result.stderr, result.stderr
    assert_untouched(out, before)


def test_a_content_file_over_five_megabytes_is_a_mistake_of_its_own(make_hub: MakeHub, tmp_path: Path) -> None:
    hub, out, before = build_good(make_hub, tmp_path)
    # Someone pasted a data dump into a report: read, it would be parsed and put on a page.
    (hub / REPORT).write_text("---\ntitle: Dump\ndate: 2025-09-20\n---\n" + "x" * (6 * 1024 * 1024), "utf-8")
    result = run_build(hub, out)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    found = find_error(result.stderr, REPORT, 1)
    assert found is not None and "the file is 6.0 MB; content files are limited to 5 MB" in found, result.stderr
    assert "move large data out of the Markdown" in found
    assert_untouched(out, before)
