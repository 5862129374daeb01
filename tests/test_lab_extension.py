"""The JupyterLab extension without a browser: installed and prebuilt, in sync with its
sources, its TypeScript unit tests, and the kernel bridge it calls (in a real kernel)."""

from __future__ import annotations

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
    shortcut = schema["jupyter.lab.shortcuts"][0]
    assert shortcut["command"] == "nbdatachat:open" and shortcut["keys"] == ["Accel Alt A"]
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
    assert "nbdatachat.as_dataset('tips').frame()" in answer["code"]


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
