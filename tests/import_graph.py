"""The package's import graph, read from the source with ``ast`` (nothing is imported).

Every ``import`` and ``from ... import`` counts, at module level or inside a function (a lazy
import is still a dependency). Imports under ``if TYPE_CHECKING:`` never run: they count for the
layer rules (naming another layer's type is depending on it) but not for cycles. An edge goes to the
module that is named: ``from .data import catalog`` is an edge to ``nbdatachat.data.catalog``
when that is a module, else to ``nbdatachat.data``. Importing a submodule does not add an edge
to its parent package (Python runs the parent's ``__init__`` too, but counting that would turn
every package that re-exports its own modules into a cycle).

Run ``python tests/import_graph.py`` for the cycles and the layer edges it finds.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "nbdatachat"
SRC = Path(__file__).resolve().parents[1] / "src" / PACKAGE


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int
    lazy: bool  # inside a function
    typing_only: bool = False  # under ``if TYPE_CHECKING:``

    def where(self) -> str:
        return f"{self.source}:{self.line}"


def module_names(root: Path = SRC) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file of the package."""
    names: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _resolve(module: str, is_package: bool, level: int, name: str | None) -> str:
    if level == 0:
        return name or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def _nearest(name: str, known: dict[str, Path]) -> str | None:
    """The longest prefix of ``name`` that is a module of the package."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def _lazy_lines(tree: ast.AST) -> set[int]:
    """Line numbers of import statements inside a function body."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    lines.add(inner.lineno)
    return lines


def _typing_lines(tree: ast.AST) -> set[int]:
    """Line numbers of import statements under ``if TYPE_CHECKING:``."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                for inner in node.body:
                    for sub in ast.walk(inner):
                        if isinstance(sub, (ast.Import, ast.ImportFrom)):
                            lines.add(sub.lineno)
    return lines


def edges(root: Path = SRC) -> list[Edge]:
    """Every import of one package module by another."""
    known = module_names(root)
    found: list[Edge] = []
    for module, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        lazy, typing_only = _lazy_lines(tree), _typing_lines(tree)
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, is_package, node.level, node.module)
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    targets.append(full if full in known else base)
            else:
                continue
            for name in targets:
                if name != PACKAGE and not name.startswith(PACKAGE + "."):
                    continue
                target = _nearest(name, known)
                if target and target != module:
                    found.append(Edge(module, target, node.lineno, node.lineno in lazy,
                                      node.lineno in typing_only))
    return sorted(set(found), key=lambda e: (e.source, e.line, e.target))


def graph(found: list[Edge], *, runtime_only: bool = True) -> dict[str, set[str]]:
    """Module -> the modules it imports (by default leaving out ``TYPE_CHECKING`` imports)."""
    out: dict[str, set[str]] = defaultdict(set)
    for edge in found:
        if not (runtime_only and edge.typing_only):
            out[edge.source].add(edge.target)
    return out


def cycles(adjacency: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    nodes = sorted(set(adjacency) | {t for ts in adjacency.values() for t in ts})
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(sorted(adjacency.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(adjacency.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return sorted(components, key=lambda c: (-len(c), c))


def layer_of(module: str) -> str:
    """The subpackage (or top-level module) a module belongs to: ``data``, ``cli``, ..."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer_edges(found: list[Edge]) -> dict[tuple[str, str], list[Edge]]:
    """(from layer, to layer) -> the imports that make that dependency."""
    out: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    for edge in found:
        a, b = layer_of(edge.source), layer_of(edge.target)
        if a != b:
            out[(a, b)].append(edge)
    return out


def main() -> None:
    found = edges()
    print(f"{len(module_names())} modules, {len(found)} imports")
    module_cycles = cycles(graph(found))
    print(f"\nmodule cycles: {len(module_cycles)}")
    for component in module_cycles:
        print(f"  ({len(component)}) " + " ".join(component))
    layers = layer_edges(found)
    layer_graph: dict[str, set[str]] = defaultdict(set)
    for a, b in layers:
        layer_graph[a].add(b)
    print(f"\nlayer cycles: {cycles(layer_graph)}")
    print("\nlayer edges:")
    for (a, b), items in sorted(layers.items()):
        print(f"  {a} -> {b}: " + ", ".join(
            e.where() + ("*" if e.lazy else "") + ("T" if e.typing_only else "")
            for e in items[:4]))
    print("\n(* inside a function, T under TYPE_CHECKING)")


if __name__ == "__main__":
    main()
