"""The MCP server through the official SDK's own client: over stdio (``nbdatachat mcp`` as a
subprocess) and over streamable HTTP on ``nbdatachat serve``'s ``/mcp``, where the REST API
keys, tool scopes and revocation apply."""

from __future__ import annotations

import asyncio
import json
import sys
import time

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("mcp", reason="the mcp SDK is installed by the test extra")

from mcp import Client  # noqa: E402
from mcp.client.stdio import StdioServerParameters  # noqa: E402

EXPECTED_TOOLS = {"ask", "run_tool", "list_tools", "tool_schema", "list_datasets"}


@pytest.fixture()
def shop_csv(tmp_path):
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"store": rng.choice(["Harbor", "Mill", "Quay"], 45),
                       "ads": rng.uniform(0, 10, 45).round(2)})
    df["revenue"] = (50 + 12 * df["ads"] + rng.normal(0, 3, 45)).round(2)
    path = tmp_path / "shop.csv"
    df.to_csv(path, index=False)
    return path, df


def structured(result) -> dict:
    assert not result.is_error, result.content
    if result.structured_content is not None:
        return result.structured_content
    return json.loads(result.content[0].text)


async def exercise(client: Client, df: pd.DataFrame) -> None:
    tools = {t.name: t for t in (await client.list_tools()).tools}
    assert EXPECTED_TOOLS <= set(tools)
    ask_schema = tools["ask"].input_schema
    assert set(ask_schema["required"]) == {"question", "dataset"}
    assert tools["ask"].output_schema is not None
    assert tools["ask"].annotations.read_only_hint is True

    datasets = structured(await client.call_tool("list_datasets", {}))
    names = [d["name"] for d in datasets["result"]]
    assert "shop" in names

    answer = structured(await client.call_tool(
        "ask", {"question": "total revenue by store", "dataset": "shop"}))
    assert answer["status"] == "answered"
    got = {r["store"]: r["sum_revenue"] for r in answer["rows"]}
    expected = df.groupby("store")["revenue"].sum()
    assert got == pytest.approx(expected.to_dict())
    follow = structured(await client.call_tool(
        "ask", {"question": "only for Harbor", "dataset": "shop",
                "conversation_id": answer["conversation_id"]}))
    assert follow["status"] == "answered"
    assert follow["rows"][0]["sum_revenue"] == pytest.approx(expected["Harbor"])

    fit = structured(await client.call_tool(
        "run_tool", {"name": "linear_regression", "dataset": "shop",
                     "inputs": {"target": "revenue", "features": ["ads"]}}))
    assert fit["tool"] == "linear_regression"
    slope = fit["result"]["coefficients"]["ads"]
    assert slope == pytest.approx(np.polyfit(df["ads"], df["revenue"], 1)[0], rel=1e-9)

    schema = structured(await client.call_tool("tool_schema", {"name": "t_test"}))
    assert "input_schema" in schema or "inputSchema" in schema or "properties" in json.dumps(schema)

    listed = structured(await client.call_tool("list_tools", {}))
    assert "linear_regression" in {t["name"] for t in listed["result"]}

    bad = await client.call_tool("ask", {"question": "x", "dataset": "no_such_data"})
    assert bad.is_error and "no_such_data" in bad.content[0].text


def test_stdio(shop_csv):
    path, df = shop_csv
    params = StdioServerParameters(command=sys.executable,
                                   args=["-m", "nbdatachat", "mcp", "--dataset", f"shop={path}",
                                         "--planner", "rules"])

    async def main() -> None:
        async with Client(params, read_timeout_seconds=120) as client:
            await exercise(client, df)

    asyncio.run(main())


def test_streamable_http_with_keys_and_scopes(shop_csv, tmp_path):
    import httpx
    import httpx2
    from mcp.client.streamable_http import streamable_http_client

    from server_helpers import cli, start_server

    path, df = shop_csv
    srv = start_server(tmp_path / "srv", "--dataset", f"shop={path}",
                       "--allow-path", str(tmp_path))
    try:
        def key(name: str, *extra: str) -> str:
            out = cli("keys", "create", "--name", name, *extra, data_dir=srv.data_dir,
                      db_url=srv.db_url)
            return out.stdout.strip().splitlines()[0]

        full, scoped = key("agent"), key("scoped", "--tools", "describe")
        url = srv.base_url + "/mcp"

        def client_for(secret: str) -> Client:
            http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {secret}"},
                                      timeout=60)
            return Client(streamable_http_client(url, http_client=http),
                          read_timeout_seconds=60)

        async def main() -> None:
            async with client_for(full) as client:
                await exercise(client, df)
            async with client_for(scoped) as client:
                listed = structured(await client.call_tool("list_tools", {}))
                assert [t["name"] for t in listed["result"]] == ["describe"]
                denied = await client.call_tool(
                    "run_tool", {"name": "linear_regression", "dataset": "shop",
                                 "inputs": {"target": "revenue", "features": ["ads"]}})
                assert denied.is_error and "may not run" in denied.content[0].text

        asyncio.run(main())
        # no key, or a revoked one: refused before the MCP layer, in the REST error shape
        body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
        accept = {"Accept": "application/json, text/event-stream"}
        r = httpx.post(url, json=body, headers=accept)
        assert r.status_code == 401 and "API key" in r.text
        cli("keys", "revoke", "agent", data_dir=srv.data_dir, db_url=srv.db_url)
        # a revoked key stops working within the key cache's TTL (2 s), not instantly
        deadline = time.monotonic() + 10
        while True:
            r = httpx.post(url, json=body, headers={**accept, "Authorization": f"Bearer {full}"})
            if r.status_code == 401 or time.monotonic() > deadline:
                break
            time.sleep(0.25)
        assert r.status_code == 401
    finally:
        srv.stop()
