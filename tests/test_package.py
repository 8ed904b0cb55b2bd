"""commsite as people install it: a wheel, installed into a fresh virtual environment, making
a hub with init in a folder outside this repository, and building it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import REPO
from .support import page_text


def run(*command: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run([*map(str, command)], capture_output=True, text=True, cwd=cwd, check=False)
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_wheel_installs_into_a_fresh_environment_and_makes_a_hub_that_builds(tmp_path: Path) -> None:
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", tmp_path / "dist", REPO)
    wheel = next((tmp_path / "dist").glob("commsite-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in (
        "commsite/themes/default/templates/base.html",
        "commsite/github/pages.yml",
        "commsite/search/index.py",
    ):
        assert shipped in names, shipped
    # A new environment, with the dependencies already installed here (nothing to download);
    # commsite itself only from the wheel.
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--system-site-packages", venv)
    python, command = venv / "bin" / "python", venv / "bin" / "commsite"
    run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", wheel)
    where = run(python, "-c", "import commsite; print(commsite.__file__)", cwd=tmp_path)
    assert where.startswith(str(venv)), where  # not this repository's code
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    run(command, "init", "my-hub", "--language", "ja", "--timezone", "Asia/Tokyo", cwd=outside)
    hub = outside / "my-hub"
    assert (hub / ".github" / "workflows" / "pages.yml").is_file()
    built = run(command, "build", "--base-url", "https://example.github.io/my-hub/", cwd=hub)
    assert "built" in built
    site = hub / "public"
    assert "First meetup" in page_text(site, "events")
    shipped_css = REPO / "themes" / "default" / "static" / "style.css"
    assert (site / "theme" / "style.css").read_bytes() == shipped_css.read_bytes()  # the theme, from the wheel
    assert (site / "pagefind" / "pagefind-entry.json").is_file()  # search, from the installed Pagefind
