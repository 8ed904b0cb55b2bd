"""The size limits the package keeps (ARCHITECTURE.md says why), checked on every test run.

- functions: 90 in 100 at most 20 lines long, none longer than 50;
- modules: at most 300 lines;
- no import cycles among the package's modules (an import only type checkers see,
  under ``if TYPE_CHECKING:``, does not count);
- at most 5 pairs of places that ``duplicates`` finds in the package, where that
  command is installed (it is a developers' tool, not a package).

Prints the figures, and each limit broken; exits 1 when one is. Given a folder, checks
the package there instead of commsite.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "commsite"
FUNCTION_P90, FUNCTION_MAX, MODULE_MAX, DUPLICATE_PAIRS = 20, 50, 300, 5


def main(package: Path = PACKAGE) -> int:
    modules = {_module_name(path, package): path for path in sorted(package.rglob("*.py"))}
    trees = {name: ast.parse(path.read_text("utf-8"), str(path)) for name, path in modules.items()}
    broken = _function_limits(trees) + _module_limits(modules) + _cycles(trees) + _duplicates(package)
    for problem in broken:
        print(f"limit broken: {problem}")
    return 1 if broken else 0


def _module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _function_limits(trees: dict[str, ast.Module]) -> list[str]:
    lengths = sorted(
        ((node.end_lineno or node.lineno) - node.lineno + 1, f"{name}.{node.name}")
        for name, tree in trees.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    )
    p90 = lengths[int(len(lengths) * 0.9)][0] if lengths else 0
    longest = lengths[-5:][::-1]
    print(f"functions: {len(lengths)}, p90 {p90} lines; longest: " + ", ".join(f"{n} {f}" for f, n in longest))
    broken = [f"function p90 is {p90} lines (limit {FUNCTION_P90})"] if p90 > FUNCTION_P90 else []
    return broken + [f"{name} is {n} lines (limit {FUNCTION_MAX})" for n, name in lengths if n > FUNCTION_MAX]


def _module_limits(modules: dict[str, Path]) -> list[str]:
    sizes = sorted(((len(path.read_text("utf-8").splitlines()), name) for name, path in modules.items()), reverse=True)
    print(f"modules: {len(sizes)}; longest: " + ", ".join(f"{name} {n}" for n, name in sizes[:5]))
    return [f"{name} is {n} lines (limit {MODULE_MAX})" for n, name in sizes if n > MODULE_MAX]


def _cycles(trees: dict[str, ast.Module]) -> list[str]:
    graph = {name: set(_imports(name, tree, trees)) for name, tree in trees.items()}
    cycles = [cycle for cycle in map(lambda start: _cycle_from(start, graph), sorted(graph)) if cycle]
    print(f"import cycles: {len(cycles)}")
    return ["import cycle: " + " → ".join(cycle) for cycle in cycles[:10]]


def _imports(name: str, tree: ast.Module, modules: dict[str, ast.Module]) -> Iterator[str]:
    """The package's modules that ``name`` imports, at its top level or in its functions."""
    package = name if name == "commsite" or _is_package(name, modules) else name.rsplit(".", 1)[0]
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = f"{base}.{node.module}" if node.module else base
            for alias in node.names:  # "from . import kinds" imports the module kinds
                yield f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in modules)


def _is_package(name: str, modules: dict[str, ast.Module]) -> bool:
    return any(other.startswith(name + ".") for other in modules)


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node but those under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            continue
        yield node
        yield from _runtime_nodes(node)


def _cycle_from(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle through ``start`` whose other modules all sort after it (each cycle once)."""
    path, seen = [start], {start}

    def walk(module: str) -> list[str] | None:
        for target in sorted(graph.get(module, ())):
            if target == start:
                return [*path, start]
            if target > start and target not in seen:
                seen.add(target)
                path.append(target)
                if found := walk(target):
                    return found
                path.pop()
        return None

    return walk(start)


def _duplicates(package: Path) -> list[str]:
    command = shutil.which("duplicates")
    if command is None:
        print("duplicates: not installed here, so not counted")
        return []
    report = subprocess.run([command, "--most", "40"], cwd=package, capture_output=True, text=True, check=False)
    rows = [line for line in report.stdout.splitlines() if line.startswith("D") and " ~ " in line]
    print(f"duplicates: {len(rows)} pairs")
    return [f"duplicates finds {len(rows)} pairs (limit {DUPLICATE_PAIRS}):\n" + report.stdout] * (
        len(rows) > DUPLICATE_PAIRS
    )


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else PACKAGE))
