"""The GitHub Pages workflow the repository ships: valid, and publishing the way Pages needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .conftest import REPO
from .support import actionlint

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def _workflow() -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(WORKFLOW.read_text("utf-8"), Loader=yaml.BaseLoader)  # 'on' stays a key
    return data


def test_actionlint_finds_nothing_wrong() -> None:
    assert actionlint([WORKFLOW]) == []


def test_actionlint_would_catch_a_mistake(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        WORKFLOW.read_text("utf-8").replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url")
    )
    assert actionlint([broken])


def test_it_runs_on_push_by_hand_and_daily() -> None:
    triggers = _workflow()["on"]
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert triggers["schedule"][0]["cron"]


def test_it_has_the_permissions_and_concurrency_pages_requires() -> None:
    workflow = _workflow()
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"


def test_it_builds_with_the_address_configure_pages_reports_and_deploys_with_the_official_actions() -> None:
    jobs = _workflow()["jobs"]
    steps = jobs["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps + jobs["deploy"]["steps"]]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    build = next(step["run"] for step in steps if "commsite build" in step.get("run", ""))
    assert '--base-url "${{ steps.pages.outputs.base_url }}/"' in build
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
