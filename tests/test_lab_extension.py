"""The JupyterLab extension without a browser: installed and prebuilt, in sync with its
sources, its TypeScript unit tests, and the kernel bridge it calls (in a real kernel)."""

from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LABEXT_SRC = REPO / "labextension"
BUILT = REPO / "src" / "nbdatachat" / "labextension"


def sources_sha256() -> str:
    """The same digest as labextension/scripts/stamp.mjs."""
    files: list[Path] = []
    for name in ("package.json", "tsconfig.json", "src", "schema", "style"):
        path = LABEXT_SRC / name
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    digest = hashlib.sha256()
    for rel in sorted(p.relative_to(LABEXT_SRC).as_posix() for p in files):
        digest.update((rel + "\n").encode())
        digest.update((LABEXT_SRC / rel).read_text(encoding="utf-8").replace("\r\n", "\n")
                      .encode())
    return digest.hexdigest()


def test_prebuilt_bundle_matches_sources() -> None:
    stamp = BUILT / "sources.sha256"
    assert (BUILT / "static" / "style.js").is_file(), "run `jlpm build:prod` in labextension/"
    assert stamp.read_text().strip() == sources_sha256(), (
        "src/nbdatachat/labextension is older than labextension/: rebuild it with "
        "`cd labextension && jlpm install && jlpm build:prod` and commit the output")
    meta = json.loads((BUILT / "package.json").read_text())
    assert meta["name"] == "nbdatachat"
    assert (BUILT / "static" / meta["jupyterlab"]["_build"]["load"].split("/")[-1]).is_file()
    size = sum(p.stat().st_size for p in BUILT.rglob("*") if p.is_file())
    assert size < 1_000_000, f"the committed bundle is {size:,} bytes"


def test_labextension_listed_enabled_and_prebuilt() -> None:
    out = subprocess.run([sys.executable, "-m", "jupyter", "labextension", "list"],
                         capture_output=True, text=True, timeout=120)
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.stdout + out.stderr)
    line = next((ln for ln in text.splitlines() if ln.strip().startswith("nbdatachat ")), None)
    assert line is not None, f"nbdatachat is not in `jupyter labextension list`:\n{text}"
    assert "enabled" in line and "OK" in line and "(python, nbdatachat)" in line, line


def test_settings_schema_declares_shortcut_and_defaults() -> None:
    schema = json.loads((BUILT / "schemas" / "nbdatachat" / "plugin.json").read_text())
    # Ctrl+Alt+A collided with JupyterLab's running:show-modal; the browser test checks that
    # no other command has these keys in the JupyterLab it runs.
    shortcut = schema["jupyter.lab.shortcuts"][0]
    assert shortcut["command"] == "nbdatachat:focus-input"
    assert shortcut["keys"] == ["Accel Shift ;"]
    props = schema["properties"]
    assert props["insertAs"]["enum"] == ["code", "magic"]
    assert {k: v["default"] for k, v in props.items()}["maxRows"] == 10


@pytest.mark.skipif(not (LABEXT_SRC / "node_modules").is_dir() or shutil.which("node") is None,
                    reason="TypeScript unit tests need `cd labextension && jlpm install` (Node)")
def test_typescript_unit_tests() -> None:
    jlpm = Path(sys.executable).with_name("jlpm")
    out = subprocess.run([str(jlpm), "test", "--silent"], cwd=LABEXT_SRC, capture_output=True,
                         text=True, timeout=180)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    assert re.search(r"Tests:\s+\d+ passed", out.stderr + out.stdout)


# -- the kernel bridge, in a real kernel ------------------------------------------------------
BRIDGE = "__import__('nbdatachat.jupyter.lab_bridge', fromlist=['_'])"


@pytest.fixture(scope="module")
def kernel():
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    kc.execute_interactive(
        "import pandas as pd\n"
        "sales_df = pd.DataFrame({'region': ['north', 'south', 'north', 'south', 'east'],"
        " 'sales': [10.0, 20.0, 30.0, 40.0, 50.0]})\n_hidden = sales_df", timeout=60)
    yield kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def call(kc, fn: str, args: dict | str) -> dict:
    literal = json.dumps(args if isinstance(args, str) else json.dumps(args))
    msg_id = kc.execute("", silent=True, store_history=False,
                        user_expressions={"r": f"{BRIDGE}.{fn}({literal})"})
    reply = kc.get_shell_msg(timeout=60)
    assert reply["parent_header"]["msg_id"] == msg_id
    expr = reply["content"]["user_expressions"]["r"]
    assert expr["status"] == "ok", expr
    return expr["data"]["application/json"]


def test_bridge_lists_frames_and_datasets(kernel) -> None:
    data = call(kernel, "list_data", {})
    assert data["dataframes"] == [{"name": "sales_df", "rows": 5, "columns": ["region", "sales"]}]
    # IPython's own entries (_hidden, Out, ...) are not offered
    assert "sales" in data["datasets"] and "tips" in data["datasets"]
    assert isinstance(data["pid"], int)  # a new pid tells the panel the kernel restarted


def test_bridge_hides_a_dataset_shadowed_by_a_variable(kernel) -> None:
    kernel.execute_interactive("tips = sales_df.copy()", timeout=60)
    try:
        data = call(kernel, "list_data", {})
        assert "tips" in [f["name"] for f in data["dataframes"]]
        assert "tips" not in data["datasets"]
    finally:
        kernel.execute_interactive("del tips", timeout=60)


def test_bridge_suggests_questions_from_the_schema(kernel) -> None:
    reply = call(kernel, "suggest", {"data": "sales_df"})
    assert reply["questions"] == ["What is the average sales by region?",
                                  "How many rows are there per region?",
                                  "What is the distribution of sales?"]


def test_bridge_loads_a_dropped_csv_into_a_new_variable(kernel, tmp_path) -> None:
    path = tmp_path / "Shop Sales 2024.csv"
    path.write_text("city,amount\na,1.5\nb,2\na,3\n")
    loaded = call(kernel, "load_file", {"path": str(path)})
    assert loaded == {"name": "shop_sales_2024", "rows": 3, "columns": ["city", "amount"]}
    answer = call(kernel, "ask", {"data": "shop_sales_2024", "question": "total amount by city"})
    assert {r["city"]: list(r.values())[-1] for r in answer["table"]["records"]} == {
        "a": 4.5, "b": 2.0}
    again = call(kernel, "load_file", {"path": str(path)})  # the same file: same variable
    assert again["name"] == "shop_sales_2024"
    missing = call(kernel, "load_file", {"path": str(tmp_path / "nope.csv")})
    assert "No file at" in missing["error"]["message"]


def test_bridge_redraws_a_stored_chart_from_its_plan(kernel) -> None:
    answer = call(kernel, "ask", {"data": "sales_df", "question": "total sales by region"})
    redrawn = call(kernel, "redraw", {"data": "sales_df", "question": "total sales by region",
                                      "plan": answer["plan"]})
    assert redrawn["chart"]["data"] == answer["chart"]["data"]
    assert "plan" in call(kernel, "redraw", {"data": "sales_df"})["error"]["message"]


def test_bridge_formats_rows_and_names_the_data(kernel) -> None:
    kernel.execute_interactive(
        "import pandas as pd\nyears = pd.DataFrame({'year': [1952, 1952, 2007], "
        "'pop': [2514000.0, 1000000.0, 3000000.0]})", timeout=60)
    answer = call(kernel, "ask", {"data": "years", "question": "total pop by year"})
    assert answer["dataset"] == "years" and answer["data"] == "years"
    assert answer["table"]["formatted"] == [["1952", "3,514,000"], ["2007", "3,000,000"]]


def test_bridge_answers_with_code_bound_to_the_variable(kernel) -> None:
    answer = call(kernel, "ask", {"data": "sales_df", "question": "total sales by region"})
    assert answer["status"] == "answered"
    table = {r["region"]: list(r.values())[-1] for r in answer["table"]["records"]}
    assert table == {"north": 40.0, "south": 60.0, "east": 50.0}
    assert answer["chart"]["data"], "a Plotly figure"
    assert answer["magic"] == "%%ask sales_df\ntotal sales by region\n"
    assert "d = sales_df" in answer["code"] and answer["code"].endswith("\nresult")
    # The inserted code, run in the kernel, gives the same numbers.
    ns_check = ("import json as _j\n" + answer["code"].rsplit("\n", 1)[0] +
                "\nprint(_j.dumps(result.set_index('region').iloc[:, -1].to_dict()))")
    printed = []
    kernel.execute_interactive(ns_check, output_hook=lambda m: printed.append(
        m["content"].get("text", "")) if m["msg_type"] == "stream" else None, timeout=60)
    assert json.loads("".join(printed)) == table
    # A follow-up continues the same conversation.
    follow = call(kernel, "ask", {"data": "sales_df", "question": "only for north",
                                  "conversation": answer["conversation_id"]})
    assert follow["conversation_id"] == answer["conversation_id"]
    assert [list(r.values())[-1] for r in follow["table"]["records"]] == [40.0]


def test_bridge_catalog_dataset_code_loads_it_by_name(kernel) -> None:
    answer = call(kernel, "ask", {"data": "tips", "question": "average tip by day"})
    assert answer["status"] == "answered" and answer["data"] == "tips"
    assert "from nbdatachat.data import as_dataset\n" in answer["code"]
    assert "as_dataset('tips').frame()" in answer["code"]


def test_bridge_errors_are_replies_not_exceptions(kernel) -> None:
    missing = call(kernel, "ask", {"data": "nope", "question": "total sales"})
    assert missing["error"]["code"] == "INVALID_REQUEST"
    assert "sales_df" in missing["error"]["message"]
    empty = call(kernel, "ask", {"data": "sales_df", "question": "  "})
    assert "Type a question" in empty["error"]["message"]
    garbled = call(kernel, "ask", "{not json")
    assert "not JSON" in garbled["error"]["message"]
    bad = call(kernel, "ask", {"data": "sales_df", "question": "average of the flux capacitor"})
    assert bad["status"] in {"cannot_answer", "needs_clarification"} and bad["text"]
    assert bad["code"] is None and bad["magic"] is None  # nothing to insert for a refusal


def turns(kc, data: str) -> list[str]:
    """The questions of the bridge's conversation about ``data``, as the kernel has them."""
    expr = ("[t.question for t in __import__('nbdatachat.service', fromlist=['_'])"
            f".default_store().load(next(iter({BRIDGE}._sessions.values()))"
            f".conversations[{data!r}]).turns]")
    kc.execute("", silent=True, store_history=False, user_expressions={"t": expr})
    return ast.literal_eval(kc.get_shell_msg(timeout=60)["content"]["user_expressions"]["t"]["data"]
                ["text/plain"])


def test_a_queued_request_asks_the_panel_before_it_starts(kernel) -> None:
    """Stop on a question queued behind a running cell: the kernel reaches the question only
    after the cell, asks the panel on stdin whether to start, and told ``stop`` does nothing
    (no answer, no turn); told ``go`` it answers as usual."""
    from nbdatachat.jupyter.lab_bridge import START_PROMPT

    call(kernel, "ask", {"data": "sales_df", "question": "total sales by region"})
    before = turns(kernel, "sales_df")
    results = {}
    for answer in ("stop", "go"):
        cell = kernel.execute("import time; time.sleep(1)", silent=True, store_history=False)
        args = json.dumps({"data": "sales_df", "question": "average sales by region",
                           "confirm": True})
        msg_id = kernel.execute("", silent=True, store_history=False, allow_stdin=True,
                                user_expressions={"r": f"{BRIDGE}.ask({json.dumps(args)})"})
        asked = kernel.get_stdin_msg(timeout=60)
        assert asked["msg_type"] == "input_request"
        assert asked["parent_header"]["msg_id"] == msg_id
        assert asked["content"]["prompt"] == START_PROMPT
        kernel.input(answer)
        cell_reply, reply = kernel.get_shell_msg(timeout=60), kernel.get_shell_msg(timeout=60)
        assert cell_reply["parent_header"]["msg_id"] == cell
        # the kernel asked only once the cell was done (it never ran beside the cell)
        assert asked["header"]["date"] > cell_reply["header"]["date"]
        assert reply["parent_header"]["msg_id"] == msg_id
        results[answer] = reply["content"]["user_expressions"]["r"]["data"]["application/json"]
    assert results["stop"]["error"]["code"] == "CANCELLED"
    assert results["go"]["status"] == "answered"
    assert turns(kernel, "sales_df") == before + ["average sales by region"]


def test_a_request_the_panel_never_confirms_gives_up(kernel) -> None:
    """A panel reloaded while its question waited never answers: the kernel does not wait
    for it forever, the request ends as stopped and the kernel stays usable."""
    from nbdatachat.jupyter.lab_bridge import START_TIMEOUT

    kernel.execute_interactive(f"{BRIDGE}.START_TIMEOUT = 0.5", timeout=60)
    try:
        before = turns(kernel, "sales_df")
        args = json.dumps({"data": "sales_df", "question": "count rows", "confirm": True})
        msg_id = kernel.execute("", silent=True, store_history=False, allow_stdin=True,
                                user_expressions={"r": f"{BRIDGE}.ask({json.dumps(args)})"})
        assert kernel.get_stdin_msg(timeout=60)["parent_header"]["msg_id"] == msg_id
        reply = kernel.get_shell_msg(timeout=60)  # no answer sent
        assert reply["parent_header"]["msg_id"] == msg_id
        result = reply["content"]["user_expressions"]["r"]["data"]["application/json"]
        assert result["error"]["code"] == "CANCELLED"
        assert turns(kernel, "sales_df") == before
        assert call(kernel, "ask", {"data": "sales_df", "question": "count rows"})["status"] \
            == "answered"
    finally:
        kernel.execute_interactive(f"{BRIDGE}.START_TIMEOUT = {START_TIMEOUT}", timeout=60)


def _imports_on_top_and_used(code: str) -> list[str]:
    """Problems of an inserted cell: an import below other code, or a name imported and
    never used (what issue 14 item 10 asks of the code generation)."""
    import ast

    tree = ast.parse(code)
    problems, seen_code = [], False
    imported: dict[str, int] = {}
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if seen_code:
                problems.append(f"import below code at line {node.lineno}")
            for alias in node.names:
                imported[(alias.asname or alias.name).split(".")[0]] = node.lineno
        else:
            seen_code = True
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    problems += [f"unused import {name}" for name in imported if name not in used]
    return problems


@pytest.mark.parametrize("question", ["total sales by region", "top 2 regions by total sales",
                                      "correlation between sales and units"])
def test_inserted_code_has_imports_on_top_and_gives_the_table(kernel, question) -> None:
    kernel.execute_interactive("sales_df['units'] = [1, 3, 2, 5, 4]", timeout=60)
    answer = call(kernel, "ask", {"data": "sales_df", "question": question, "new": True})
    assert answer["status"] == "answered", answer["text"]
    code = answer["code"]
    assert _imports_on_top_and_used(code) == [], code
    assert ".sample(" not in code
    if question.startswith("correlation"):
        return  # a tool call: its result is a ToolResult, not the table
    check = code.rsplit("\n", 1)[0] + "\nimport json as _j\nprint(_j.dumps(result.to_dict('records')))"
    printed: list[str] = []
    kernel.execute_interactive(check, output_hook=lambda m: printed.append(
        m["content"].get("text", "")) if m["msg_type"] == "stream" else None, timeout=60)
    assert json.loads("".join(printed)) == answer["table"]["records"]
