"""A hub of one's own on GitHub: what `commsite init` writes (a Pages workflow, issue forms
and the workflow that takes contributions), checked by actionlint and by GitHub's own
issue-forms schema; and `commsite from-issue` on issue bodies exactly as GitHub renders
forms, good, empty and wrong."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from commsite.github.from_issue import with_talk
from commsite.version import __version__

from .conftest import REPO
from .support import actionlint, page_text
from .test_cli import commsite

SOON = date.today() + timedelta(days=30)
EVENT = f"""\
---
title: "Study meetup #12"
start: {SOON} 19:00
# Talks are added here by the contribution workflow too.
talks:
- title: Opening
  speakers: [rin]
  kind: talk   # twenty minutes

agenda:
  - {{time: "21:00", title: Networking party}}
---
Bring a laptop.
"""
PAST = """\
---
title: "Study meetup #1"
start: 2024-01-18 19:00
---
"""
RIN = """\
---
name: Rin Aoki
links:
  github: https://github.com/rin-a
---
"""


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    """A hub made by init, with an upcoming event, a past one and a member with a GitHub profile."""
    hub = tmp_path / "hub"
    assert commsite("init", hub, "--timezone", "Asia/Tokyo").returncode == 0
    (hub / "content" / "events" / f"{SOON}-study-12.md").write_text(EVENT, encoding="utf-8")
    (hub / "content" / "events" / "2024-01-18-study-01.md").write_text(PAST, encoding="utf-8")
    (hub / "content" / "members" / "rin.md").write_text(RIN, encoding="utf-8")
    return hub


def rendered(answers: dict[str, str]) -> str:
    """An issue's body as GitHub renders a form: a heading per field, _No response_ for an empty one."""
    return "\n\n".join(f"### {label}\n\n{value or '_No response_'}" for label, value in answers.items()) + "\n"


def from_issue(hub: Path, form: str, answers: dict[str, str], *more: str) -> subprocess.CompletedProcess[str]:
    body = hub.parent / "issue.md"
    body.write_text(rendered(answers), encoding="utf-8")
    return commsite("from-issue", body, "--form", form, hub, *more)


def files(hub: Path) -> dict[str, bytes]:
    return {p.relative_to(hub).as_posix(): p.read_bytes() for p in sorted((hub / "content").rglob("*")) if p.is_file()}


def built(hub: Path, page: str) -> str:
    result = commsite("build", hub)
    assert result.returncode == 0, result.stderr
    return page_text(hub / "public", page)


# What init writes


def test_init_writes_workflows_that_actionlint_passes_and_forms_that_githubs_schema_accepts(tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    result = commsite("init", hub, "--language", "ja", "--timezone", "Europe/Berlin")
    assert result.returncode == 0, result.stderr
    workflows = sorted((hub / ".github" / "workflows").glob("*.yml"))
    assert [w.name for w in workflows] == ["contribute.yml", "pages.yml"]
    assert actionlint(workflows) == []
    forms = sorted((hub / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    assert [f.name for f in forms] == ["lightning-talk.yml", "profile.yml", "report.yml"]
    assert check_jsonschema(forms).returncode == 0
    ids = {f.stem: [item["id"] for item in yaml.safe_load(f.read_text("utf-8"))["body"]] for f in forms}
    assert ids == {
        "lightning-talk": ["event", "title", "abstract", "speaker"],
        "report": ["event", "title", "url", "author"],
        "profile": ["name", "reading", "links", "bio"],
    }
    lightning = yaml.safe_load(forms[0].read_text("utf-8"))
    assert lightning["name"] == "LT を申し込む" and lightning["body"][0]["attributes"]["label"] == "イベント"
    assert commsite("build", cwd=hub).returncode == 0


def test_the_checks_would_catch_a_broken_form_and_a_broken_workflow(tmp_path: Path) -> None:
    form = tmp_path / "form.yml"
    form.write_text("name: x\ndescription: y\nbody:\n- type: inputs\n  id: event\n  attributes: {label: Event}\n")
    assert check_jsonschema([form]).returncode != 0
    commsite("init", tmp_path / "hub")
    workflow = tmp_path / "hub" / ".github" / "workflows" / "pages.yml"
    workflow.write_text(workflow.read_text("utf-8").replace("steps.commsite.outputs", "steps.comsite.outputs"))
    assert actionlint([workflow])


def test_no_forms_leaves_out_the_forms_and_their_workflow(tmp_path: Path) -> None:
    assert commsite("init", tmp_path / "hub", "--no-forms").returncode == 0
    assert not (tmp_path / "hub" / ".github" / "ISSUE_TEMPLATE").exists()
    assert [w.name for w in (tmp_path / "hub" / ".github" / "workflows").iterdir()] == ["pages.yml"]


def _workflow(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)  # 'on' stays a key
    return data


def test_the_pages_workflow_pins_the_commsite_that_made_the_hub_and_keeps_the_last_build(tmp_path: Path) -> None:
    commsite("init", tmp_path / "hub")
    workflow = _workflow(tmp_path / "hub" / ".github" / "workflows" / "pages.yml")
    assert workflow["env"]["COMMSITE"] == f"commsite=={__version__}"
    steps = {
        step.get("uses", "").split("@")[0] or step.get("name"): step for step in workflow["jobs"]["build"]["steps"]
    }
    restore, save = steps["actions/cache/restore"], steps["actions/cache/save"]
    kept = {".commsite-cache", "public", "~/.cache/commsite"}  # the cache, the output, the key that signs the cache
    assert set(restore["with"]["path"].split()) == set(save["with"]["path"].split()) == kept
    assert "steps.commsite.outputs.version" in restore["with"]["key"]  # a new commsite starts cold
    assert save["if"] == "github.ref == 'refs/heads/main'"  # only main writes what main restores
    build = steps["Build with the address Pages reports"]["run"]
    assert '--base-url "${{ steps.pages.outputs.base_url }}/"' in build


def test_this_repositorys_workflow_is_the_one_init_writes_installing_commsite_from_its_checkout(tmp_path: Path) -> None:
    commsite("init", tmp_path / "hub", "--timezone", "Asia/Tokyo")  # the example hub's
    ours = _workflow(REPO / ".github" / "workflows" / "pages.yml")
    written = _workflow(tmp_path / "hub" / ".github" / "workflows" / "pages.yml")
    assert ours["env"]["COMMSITE"] == "."
    assert {**ours, "env": None} == {**written, "env": None}


@pytest.mark.parametrize(
    "zone", ["Asia/Tokyo", "Europe/Berlin", "America/Los_Angeles", "Australia/Sydney", "Asia/Kolkata", "UTC"]
)
def test_the_daily_rebuild_is_early_in_the_morning_in_the_hubs_time_zone(tmp_path: Path, zone: str) -> None:
    commsite("init", tmp_path / "hub", "--timezone", zone)
    text = (tmp_path / "hub" / ".github" / "workflows" / "pages.yml").read_text("utf-8")
    minute, hour, *rest = _workflow(tmp_path / "hub" / ".github" / "workflows" / "pages.yml")["on"]["schedule"][0][
        "cron"
    ].split()
    assert rest == ["*", "*", "*"] and f"in {zone}" in text
    for day in (date(2027, 1, 15), date(2027, 7, 15)):  # in standard time and in summer time
        there = datetime(day.year, day.month, day.day, int(hour), int(minute), tzinfo=UTC).astimezone(ZoneInfo(zone))
        assert (there.hour, there.minute) in ((3, 0), (4, 0)), there


def check_jsonschema(files: list[Path]) -> subprocess.CompletedProcess[str]:
    """GitHub's issue-forms schema, as check-jsonschema bundles it."""
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-issue-forms"]
    return subprocess.run([*command, *map(str, files)], capture_output=True, text=True, check=False)


# from-issue


def test_a_lightning_talk_from_a_guest_is_added_to_its_event_and_builds(hub: Path) -> None:
    answers = {"Event": "https://example.github.io/hub/events/study-12/", "Title": "Typing Python in 5 minutes"}
    result = from_issue(hub, "lightning-talk", {**answers, "Abstract": "", "Speaker": "Kenji Mori"}, "--login", "kmori")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"content/events/{SOON}-study-12.md"
    text = (hub / result.stdout.strip()).read_text("utf-8")
    assert text.startswith(EVENT.split("\nagenda:")[0].rstrip())  # every line kept, the comments too
    assert "agenda:\n  - {time" in text and text.endswith("---\nBring a laptop.\n")
    page = built(hub, "events/study-12")
    assert "Typing Python in 5 minutes" in page and "Kenji Mori" in page
    talk = yaml.safe_load(text.split("---")[1])["talks"][-1]
    assert talk == {
        "title": "Typing Python in 5 minutes",
        "kind": "lightning",
        "speakers": [{"name": "Kenji Mori", "url": "https://github.com/kmori"}],
    }


def test_a_member_is_found_by_id_or_by_their_github_login(hub: Path) -> None:
    event = {"Event": "study-12", "Title": "Rin's LT", "Abstract": "**Short.**"}
    assert from_issue(hub, "lightning-talk", {**event, "Speaker": "Rin A."}, "--login", "RIN-A").returncode == 0
    talks = yaml.safe_load((hub / "content" / "events" / f"{SOON}-study-12.md").read_text("utf-8").split("---")[1])
    assert talks["talks"][-1]["speakers"] == ["rin"] and talks["talks"][-1]["abstract"] == "**Short.**"
    assert from_issue(hub, "lightning-talk", {**event, "Title": "Again", "Speaker": "rin"}).returncode == 0


def test_empty_and_wrong_answers_write_nothing_and_say_what_to_fix_in_markdown(hub: Path) -> None:
    before = files(hub)
    answers = {"Event": "study-99", "Title": "", "Abstract": "", "Speaker": ""}
    result = from_issue(hub, "lightning-talk", answers)
    assert result.returncode == 1 and result.stdout == "" and "Traceback" not in result.stderr
    comment = result.stderr
    assert comment.startswith("**commsite could not make a file from this issue.**")
    assert "- **Event** (`event`): there is no event 'study-99'" in comment
    assert f"`{SOON}-study-12`" in comment  # the upcoming events, to choose from
    assert "- **Title** (`title`): it is empty\n  Fix: fill it in" in comment
    assert "- **Speaker** (`speaker`): it is empty" in comment
    past = from_issue(hub, "lightning-talk", {**answers, "Event": "study-01", "Title": "Late", "Speaker": "rin"})
    assert "'Study meetup #1' took place on 2024-01-18" in past.stderr
    assert files(hub) == before


def test_a_post_about_an_event_becomes_an_external_report_and_is_listed_once(hub: Path) -> None:
    post = {"Event": "study-12", "Title": "What I learnt", "URL": "zenn.dev/kmori/articles/x", "Author": "Kenji"}
    result = from_issue(hub, "report", post, "--login", "kmori")
    assert result.returncode == 0, result.stderr
    report = yaml.safe_load((hub / result.stdout.strip()).read_text("utf-8").split("---")[1])
    assert report["external_url"] == "https://zenn.dev/kmori/articles/x" and report["event"] == f"{SOON}-study-12"
    assert report["authors"] == [{"name": "Kenji", "url": "https://github.com/kmori"}]
    assert "What I learnt" in built(hub, "events/study-12")
    again = from_issue(hub, "report", post)
    assert again.returncode == 1 and "this post is on the hub already" in again.stderr
    wrong = from_issue(hub, "report", {**post, "URL": "my blog"})
    assert "- **URL** (`url`): 'my blog' is not an address" in wrong.stderr


def test_a_profile_gets_the_login_as_its_id_and_takes_over_what_they_gave_as_a_guest(hub: Path) -> None:
    talk = {"Event": "study-12", "Title": "Guest talk", "Abstract": "", "Speaker": "Kenji Mori"}
    assert from_issue(hub, "lightning-talk", talk, "--login", "KMori").returncode == 0
    links = "- https://kenji.example.com\n- @kenji@fosstodon.org\n- x.com/kenji"
    profile = {"Name": "Kenji Mori", "Reading": "もり けんじ", "Links": links, "Bio": "I like *types*."}
    result = from_issue(hub, "profile", profile, "--login", "KMori")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "content/members/kmori.md"
    text = (hub / "content" / "members" / "kmori.md").read_text("utf-8")
    assert yaml.safe_load(text.split("---")[1])["links"] == {
        "website": "https://kenji.example.com",
        "mastodon": "https://fosstodon.org/@kenji",
        "x": "https://x.com/kenji",
        "github": "https://github.com/KMori",
    }
    assert text.endswith("---\nI like *types*.\n")
    assert "Guest talk" in built(hub, "members/kmori")  # the guest's talk is on their page now
    again = from_issue(hub, "profile", profile, "--login", "kmori")
    assert "the hub has your profile already (kmori)" in again.stderr


def test_a_japanese_hub_reads_its_japanese_labels_and_answers_in_japanese(tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    commsite("init", hub, "--language", "ja")
    result = from_issue(hub, "report", {"イベント": "nothing", "タイトル": "記事", "URL": "x", "書いた人": "花子"})
    assert result.returncode == 1
    assert result.stderr.startswith("**この issue からファイルを作れませんでした。**")
    assert "- **イベント** (`event`): イベント「nothing」が見つかりません" in result.stderr
    assert "直し方: https://… の形で書いてください" in result.stderr


def test_a_label_the_organiser_reworded_in_the_hubs_form_is_read_by_its_new_words(hub: Path) -> None:
    form = hub / ".github" / "ISSUE_TEMPLATE" / "report.yml"
    form.write_text(form.read_text("utf-8").replace("label: Title", "label: Title of your post"), encoding="utf-8")
    post = {"Event": "study-12", "Title of your post": "Notes", "URL": "https://example.com/n", "Author": "rin"}
    assert from_issue(hub, "report", post).returncode == 0


def test_a_body_not_written_with_the_form_is_told_as_such(hub: Path) -> None:
    result = from_issue(hub, "profile", {"Something else": "hello"})
    assert result.returncode == 1 and "not written with the form 'profile'" in result.stderr


def test_a_talk_is_added_to_any_way_of_writing_talks() -> None:
    talk = {"title": "LT", "kind": "lightning", "speakers": ["rin"]}
    added = "  - title: LT\n    kind: lightning\n    speakers:\n    - rin\n"
    assert with_talk("---\ntitle: A\n---\nBody\n", talk) == f"---\ntitle: A\ntalks:\n{added}---\nBody\n"
    assert with_talk("---\ntitle: A\ntalks: []\n---\n", talk) == f"---\ntitle: A\ntalks:\n{added}---\n"
    crlf = with_talk("---\r\ntitle: A\r\ntalks:\r\n  - title: B\r\n---\r\n", talk)
    assert crlf == "---\r\ntitle: A\r\ntalks:\r\n  - title: B\r\n" + added.replace("\n", "\r\n") + "---\r\n"
    with pytest.raises(ValueError, match="on one line"):
        with_talk("---\ntitle: A\ntalks: [{title: B}]\n---\n", talk)


def _run_step(hub: Path, tmp_path: Path, issue: dict[str, Any]) -> tuple[dict[str, str], str]:
    """The contribution workflow's step that writes the file, run by bash as a runner would:
    what it gives the next steps (GITHUB_OUTPUT), and the comment it left for the issue."""
    workflow = _workflow(hub / ".github" / "workflows" / "contribute.yml")
    step = next(s for s in workflow["jobs"]["contribute"]["steps"] if s.get("id") == "file")
    event, output, shims = tmp_path / "event.json", tmp_path / "output", tmp_path / "bin"
    for each_run in (output, tmp_path / "comment.md"):  # a new runner's, each time
        each_run.unlink(missing_ok=True)
    event.write_text(json.dumps({"issue": issue, "label": {"name": "accepted"}}), encoding="utf-8")
    shims.mkdir(exist_ok=True)  # the installed command, as pip puts it on a runner's PATH
    (shims / "commsite").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m commsite "$@"\n')
    (shims / "commsite").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{shims}:{os.environ['PATH']}",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_OUTPUT": str(output),
        "RUNNER_TEMP": str(tmp_path),
        "LOGIN": issue["user"]["login"],  # as the step's env gives it
    }
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=hub, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    given = dict(line.split("=", 1) for line in output.read_text("utf-8").splitlines())
    comment = tmp_path / "comment.md"
    return given, comment.read_text("utf-8") if comment.is_file() else ""


def test_the_contribution_workflow_writes_the_file_or_the_comment_for_the_issue(hub: Path, tmp_path: Path) -> None:
    answers = {"Event": "study-12", "Title": "A first LT", "Abstract": "", "Speaker": "Kenji"}
    issue = {"body": rendered(answers), "labels": [{"name": "lightning-talk"}, {"name": "accepted"}]}
    issue["user"] = {"login": "kmori"}
    given, comment = _run_step(hub, tmp_path, issue)
    assert given == {"path": f"content/events/{SOON}-study-12.md", "ok": "true"} and comment == ""
    assert "A first LT" in (hub / given["path"]).read_text("utf-8")
    given, comment = _run_step(hub, tmp_path, {**issue, "body": rendered({**answers, "Event": "nope"})})
    assert given == {"ok": "false"} and "- **Event** (`event`): there is no event 'nope'" in comment
    given, comment = _run_step(hub, tmp_path, {**issue, "labels": [{"name": "accepted"}]})
    assert given == {"ok": "false"} and "not written with one of the hub's forms" in comment
