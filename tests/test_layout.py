"""The layout shows the architecture (ARCHITECTURE.md): every import points down, and no module imports itself back.

Imports are read from the source (ast), including those inside functions and under TYPE_CHECKING: a deferred import
is still a dependency a reader has to follow.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

# Each package and what it may import of ours. Lower packages never import higher ones.
BELOW: dict[str, set[str]] = {
    "core": set(),
    "extractors.readers": {"core"},
    "extractors.grammar": {"core"},
    "extractors": {"core", "extractors.readers", "extractors.grammar"},
    "validation": {"core"},
    "warehouse": {"core"},
    "samplegen": {"core"},
}
BELOW["pipeline"] = {"extractors", "validation", "warehouse"} | BELOW["extractors"] | {"core"}
BELOW["flows"] = BELOW["pipeline"] | {"pipeline"}
# The workbench (township_rollup/web) sits above the flows; the command line above it starts it (`serve`).
BELOW["township_rollup.web"] = BELOW["flows"] | {"flows"}
BELOW["township_rollup"] = BELOW["flows"] | {"flows", "samplegen", "township_rollup.web"}
BELOW["benchmarks"] = set(BELOW) | {"township_rollup"}
PACKAGES = tuple(sorted(BELOW, key=len, reverse=True))  # longest first: extractors.readers before extractors
# Only these may use the sample generator: the demo's fallback when no bundled sample is at hand.
SAMPLEGEN_USERS = {"township_rollup.demo"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    roots = {p.split(".")[0] for p in BELOW}
    return {_module_name(p): p for root in roots for p in (REPO / root).rglob("*.py")}


def _imports(path: Path, known: set[str]) -> set[str]:
    """Our modules that `path` imports (a `from pkg import mod` counts as importing pkg.mod)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module
                     for a in node.names]
        else:
            continue
        found |= {n for n in names if n in known}
    return found


def _package(module: str) -> str:
    return next(p for p in PACKAGES if module == p or module.startswith(p + "."))


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {m: _imports(p, known) - {m} for m, p in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle() -> None:
    assert _cycles(_graph()) == []


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_import_points_down() -> None:
    upward = sorted(f"{m} -> {dep}" for m, deps in _graph().items() for dep in deps
                    if _package(dep) != _package(m) and _package(dep) not in BELOW[_package(m)])
    assert upward == []


def test_foundation_imports_nothing_of_ours() -> None:
    graph = _graph()
    assert sorted(f"{m} -> {d}" for m, deps in graph.items() if _package(m) == "core"
                  for d in deps if _package(d) != "core") == []


def test_only_the_demo_benchmarks_and_tests_use_the_sample_generator() -> None:
    graph = _graph()
    users = {m for m, deps in graph.items() if any(_package(d) == "samplegen" for d in deps)}
    product_users = {m for m in users if _package(m) not in ("samplegen", "benchmarks")}
    assert product_users <= SAMPLEGEN_USERS
