"""The layers drawn in docs/architecture.md hold in the code (issue 17 item 8).

The rules are read from the page's "may import" table, so the page and this test cannot drift
apart: every subpackage and top-level module has a row, imports go only where its row allows
(module-level and function-level imports alike, see ``import_graph.py``), and no modules import
each other in a cycle.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import import_graph as g

DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"
ANYTHING = "anything"

#: Breaks of the rules known on main, each being fixed (issue 17). Remove an entry in the
#: commit that fixes it: the tests fail while a listed break no longer exists.
PENDING_IMPORTS: set[tuple[str, str]] = set()
PENDING_CYCLES: list[set[str]] = []


def layer_rules() -> dict[str, set[str]]:
    """Layer -> the layers it may import, from the doc's table (``| `a`, `b` | `c`, `d` |``)."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    rules: dict[str, set[str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 2 or cells[0].startswith(("layer", "---")):
            continue
        allowed = set(re.findall(r"`([\w.]+)`", re.sub(r"\([^)]*\)", "", cells[1])))
        if cells[1].startswith(ANYTHING):
            allowed = {ANYTHING}
        for name in re.findall(r"`([\w./]+)`", cells[0]):
            rules[name.removeprefix("nbdatachat.").removesuffix("/").removesuffix(".py")] = allowed
    return rules


def _layer(module: str) -> str:
    return g.layer_of(module)  # "data", "cli", ... and "__init__" for the top level


@pytest.fixture(scope="module")
def found() -> list[g.Edge]:
    return g.edges()


def test_every_layer_has_a_row_in_the_architecture_page(found):
    rules = layer_rules()
    layers = {_layer(m) for m in g.module_names()}
    missing = sorted(layers - set(rules))
    assert not missing, (f"add a row for {missing} to the Layers table of docs/architecture.md "
                         f"(what it may import)")
    stale = sorted(set(rules) - layers)
    assert not stale, f"the Layers table names layers that no longer exist: {stale}"
    for layer, allowed in rules.items():
        unknown = allowed - layers - {ANYTHING}
        assert not unknown, f"the row of {layer!r} allows unknown layers {sorted(unknown)}"


def test_imports_go_only_where_the_layers_allow(found):
    rules = layer_rules()
    wrong, pending = [], set()
    for edge in found:
        source, target = _layer(edge.source), _layer(edge.target)
        allowed = rules.get(source, set())
        if source != target and ANYTHING not in allowed and target not in allowed:
            if (source, target) in PENDING_IMPORTS:
                pending.add((source, target))
            else:
                wrong.append(f"{edge.where()} imports {edge.target} ({source} -> {target})")
    assert not wrong, "imports the Layers table does not allow:\n" + "\n".join(wrong)
    assert pending == PENDING_IMPORTS, (
        f"fixed, so remove from PENDING_IMPORTS: {sorted(PENDING_IMPORTS - pending)}")


def test_no_import_cycles(found):
    module_cycles = [set(c) for c in g.cycles(g.graph(found))]
    new = [c for c in module_cycles if c not in PENDING_CYCLES]
    assert not new, "import cycles:\n" + "\n".join(" -> ".join(sorted(c)) for c in new)
    fixed = [c for c in PENDING_CYCLES if c not in module_cycles]
    assert not fixed, f"fixed, so remove from PENDING_CYCLES: {fixed}"


def test_the_graph_sees_lazy_imports_and_typing_only_ones():
    """The checker itself: a function-level import is an edge; a TYPE_CHECKING one is an edge
    for the layer rules but not for cycles."""
    edges = {(e.source, e.target): e for e in g.edges()}
    formatters = edges[("nbdatachat.jupyter.formatters", "nbdatachat.display")]
    assert formatters.lazy and not formatters.typing_only
    chartjs = edges[("nbdatachat.charts.chartjs", "nbdatachat.charts.spec")]
    assert chartjs.typing_only
    assert "nbdatachat.charts.spec" not in g.graph(g.edges())["nbdatachat.charts.chartjs"]
    assert g.cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
