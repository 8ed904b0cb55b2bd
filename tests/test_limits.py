"""scripts/limits.py, which the test command runs, fails on each limit a package breaks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import REPO, write_files


def _limits(package: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "scripts/limits.py"), str(package)], capture_output=True, text=True
    )


def test_a_package_within_the_limits_passes(tmp_path: Path) -> None:
    write_files(tmp_path, {"pkg/__init__.py": "", "pkg/a.py": "from . import b\n", "pkg/b.py": "X = 1\n"})
    result = _limits(tmp_path / "pkg")
    assert result.returncode == 0, result.stdout
    assert "import cycles: 0" in result.stdout


def test_a_cycle_a_long_function_and_a_long_module_each_fail(tmp_path: Path) -> None:
    long_function = "def f() -> None:\n" + "    x = 1\n" * 60
    write_files(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from .sub import b\n",
            "pkg/sub/__init__.py": "",
            "pkg/sub/b.py": "def g() -> None:\n    from .. import a\n",  # a lazy import is a cycle too
            "pkg/c.py": long_function + "\n" * 250,
            "pkg/d.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import e\n",
            "pkg/e.py": "from . import d\n",  # only a type checker sees d import e: no cycle
        },
    )
    result = _limits(tmp_path / "pkg")
    assert result.returncode == 1
    broken = [line for line in result.stdout.splitlines() if line.startswith("limit broken")]
    assert broken == [
        "limit broken: function p90 is 61 lines (limit 20)",
        "limit broken: pkg.c.f is 61 lines (limit 50)",
        "limit broken: pkg.c is 311 lines (limit 300)",
        "limit broken: import cycle: pkg.a → pkg.sub.b → pkg.a",
    ]
