"""Seeds 001 (analytics chat + dashboards), 003 (OpenAI-compatible completions with the
official ``openai`` SDK, suggestGraph, getData, applications) and 004 (threads), plus
dataset registration, against a real ``nbdatachat serve``. Numbers are checked against pandas
on the same demo data."""

from __future__ import annotations

import io
import sqlite3

import httpx
import pandas as pd
import pytest
import requests

from nbdatachat.data import default_catalog
from server_helpers import API_KEY, poll, start_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("chat")
    shop = tmp / "shop.csv"
    pd.DataFrame({"item": ["tea", "cake", "tea", "bun"], "amount": [3.0, 5.5, 4.0, 2.0]}
                 ).to_csv(shop, index=False)
    allow = f"sqlite:///{tmp_path_factory.getbasetemp()}/*"  # the operator's SQL allow-list
    srv = start_server(tmp, "--dataset", f"shop={shop}", env={"NBDATACHAT_SQL_ALLOW": allow})
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def sales() -> pd.DataFrame:
    return default_catalog().get("sales").frame()


def bearer(extra: dict | None = None) -> dict:
    return {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json",
            **(extra or {})}


# ---------------------------------------------------------------------------- seed 001


def test_analytics_chat_conversation_and_dashboard(server, sales):
    url = f"{server.base_url}/api/v1/analytics/chat"
    r = requests.post(url, headers=bearer(), json={
        "query": "total sales by region", "collectionIds": ["sales"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["success"] is True
    assert body["conversationId"] and body["messageId"]
    expected = sales.groupby("region")["sales"].sum()
    table = {row["region"]: row["sum_sales"] for row in body["table"]}
    for region, total in expected.items():
        assert table[region] == pytest.approx(total)
    assert "North" in body["response"]
    chart = body["charts"][0]
    assert chart["chartType"] == "bar" and chart["title"]
    plotted = dict(zip(chart["data"]["labels"], chart["data"]["datasets"][0]["data"]))
    assert plotted == pytest.approx(expected.to_dict())
    src = body["sources"][0]
    assert src["id"] == "sales" and src["rows"] == len(sales)
    assert set(src["columns"]) == {"region", "sales"} and src["resultRows"] == 4

    follow = requests.post(url, headers=bearer(), json={
        "query": "only for North", "collectionIds": ["sales"],
        "conversationId": body["conversationId"]}).json()
    assert follow["conversationId"] == body["conversationId"]
    assert [row["region"] for row in follow["table"]] == ["North"]
    assert follow["table"][0]["sum_sales"] == pytest.approx(expected["North"])

    conv = requests.get(f"{server.base_url}/api/v1/analytics/conversations/"
                        f"{body['conversationId']}", headers=bearer()).json()
    assert [m["role"] for m in conv["messages"]] == ["user", "assistant"] * 2

    dash = requests.post(f"{server.base_url}/api/v1/dashboards", headers=bearer(), json={
        "conversationId": body["conversationId"], "name": "Regional sales"})
    assert dash.status_code == 201
    got = requests.get(f"{server.base_url}/api/v1/dashboards/{dash.json()['id']}",
                       headers=bearer()).json()
    # The one-row follow-up has no chart (a single number), so one chart is saved.
    assert got["name"] == "Regional sales" and len(got["charts"]) == 1
    assert got["charts"][0] == chart
    listed = requests.get(f"{server.base_url}/api/v1/dashboards", headers=bearer()).json()
    assert dash.json()["id"] in [d["id"] for d in listed["dashboards"]]


def test_chat_turn_is_committed_before_the_response(server):
    """When the response arrives, the conversation's engine state and both messages are
    already in the database file (read here through a separate sqlite3 connection, as a
    restarted or another worker would), with the caller's key recorded."""
    import json

    url = f"{server.base_url}/api/v1/analytics/chat"
    body = requests.post(url, headers=bearer(), json={
        "query": "average price by region", "collectionIds": ["sales"]}).json()
    cid = body["conversationId"]
    con = sqlite3.connect(server.db_url.removeprefix("sqlite:///"))
    try:
        kind, datasets, state, key_id = con.execute(
            "select kind, datasets, state, key_id from conversations where id = ?",
            (cid,)).fetchone()
        msgs = con.execute("select id, role, content from messages where conversation_id = ?"
                           " order by seq", (cid,)).fetchall()
        known_keys = {k for (k,) in con.execute("select id from api_keys")}
    finally:
        con.close()
    assert kind == "chat" and json.loads(datasets) == ["sales"] and key_id in known_keys
    turns = json.loads(state)["turns"]
    assert [t["question"] for t in turns] == ["average price by region"]
    assert turns[0]["plan"]["group_by"] == ["region"]
    assert [(m[1], m[2]) for m in msgs] == [("user", "average price by region"),
                                            ("assistant", body["response"])]
    assert msgs[1][0] == body["messageId"]


@pytest.mark.parametrize("body, headers, status, code", [
    ({"collectionIds": ["sales"]}, None, 400, "invalid_request"),
    ({"query": "x", "collectionIds": []}, None, 400, "invalid_request"),
    ({"query": "total sales", "collectionIds": ["nope"]}, None, 403, "forbidden"),
    ({"query": "total sales", "collectionIds": ["sales"]}, {"Authorization": "Bearer bad-key-1"},
     401, "unauthorized"),
    ({"query": "total sales", "collectionIds": ["sales"], "conversationId": "conv_nope"},
     None, 404, "not_found"),
])
def test_analytics_chat_errors(server, body, headers, status, code):
    r = requests.post(f"{server.base_url}/api/v1/analytics/chat",
                      headers=headers or bearer(), json=body)
    assert r.status_code == status, r.text
    assert r.json()["success"] is False and r.json()["error"]["code"] == code
    assert r.json()["error"]["message"]


def test_dashboard_errors(server):
    r = requests.get(f"{server.base_url}/api/v1/dashboards/dash_nope", headers=bearer())
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = requests.post(f"{server.base_url}/api/v1/dashboards", headers=bearer(),
                      json={"conversationId": "conv_nope", "name": "x"})
    assert r.status_code == 404
    cid = requests.post(f"{server.base_url}/api/v1/analytics/chat", headers=bearer(), json={
        "query": "how many rows", "collectionIds": ["sales"]}).json()["conversationId"]
    r = requests.post(f"{server.base_url}/api/v1/dashboards", headers=bearer(),
                      json={"conversationId": cid, "name": "x"})
    assert r.status_code == 400 and "no charts" in r.json()["error"]["message"]


# ---------------------------------------------------------------------------- seed 003


def _html_cells(markup: str) -> list[str]:
    from html.parser import HTMLParser

    cells: list[str] = []

    class Cells(HTMLParser):
        inside = False

        def handle_starttag(self, tag, attrs):
            self.inside = tag == "td"

        def handle_endtag(self, tag):
            self.inside = False

        def handle_data(self, data):
            if self.inside:
                cells.append(data.strip())

    Cells().feed(markup)
    return cells


def test_openai_sdk_exactly_as_seed(server, sales):
    from openai import OpenAI

    client = OpenAI(base_url=f"{server.base_url}/api/v1", api_key=API_KEY)
    extra_headers = {"responseType": "html"}
    response = client.chat.completions.create(
        model="sales",
        messages=[{"role": "user", "content": "average price by region"}],
        extra_headers=extra_headers)
    message = response.choices[0].message
    assert message.role == "assistant" and response.choices[0].finish_reason == "stop"
    assert message.content.startswith("<p>Average price by region")
    cells = _html_cells(message.content)
    expected = sales.groupby("region")["price"].mean()
    got = {cells[i]: float(cells[i + 1]) for i in range(0, len(cells), 2)}
    assert got == pytest.approx(expected.to_dict(), rel=1e-5)
    assert response.model == "sales" and response.object == "chat.completion"

    # dataFilePath -> getData (CSV) and suggestGraph, like the seed's requests examples.
    raw = client.chat.completions.with_raw_response.create(
        model="sales", messages=[{"role": "user", "content": "average price by region"}],
        extra_headers={"responseType": "md"})
    completion = raw.parse()
    assert "| region | mean_price |" in completion.choices[0].message.content
    path = raw.http_response.json()["dataFilePath"]
    data = requests.post(f"{server.base_url}/api/v1/chat/getData", headers=bearer(),
                         json={"model": "sales", "dataFilePath": path}).json()["data"]
    csv = pd.read_csv(io.StringIO(data)).set_index("region")["mean_price"]
    assert csv.to_dict() == pytest.approx(expected.to_dict())
    g = requests.post(f"{server.base_url}/v1/chat/suggestGraph", headers=bearer(), json={
        "model": "sales", "graphType": "Custom", "dataFilePath": path,
        "query": "generate a graph for price and region"}).json()["graphSuggestion"]
    assert g["graphType"] == "Custom"
    assert (g["x_axis"], g["y_axis"]) == ("region", "mean_price")
    line = requests.post(f"{server.base_url}/v1/chat/suggestGraph", headers=bearer(), json={
        "model": "sales", "graphType": "Line Chart", "dataFilePath": path,
        "query": "price by region"}).json()["graphSuggestion"]
    assert line["graphType"] == "Line Chart"


def test_openai_sdk_streaming(server, sales):
    from openai import OpenAI

    client = OpenAI(base_url=f"{server.base_url}/api/v1", api_key=API_KEY)
    stream = client.chat.completions.create(
        model="sales", messages=[{"role": "user", "content": "total units by region"}],
        stream=True, extra_headers={"responseType": "raw"})
    chunks = list(stream)
    assert len(chunks) >= 3
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices[0].finish_reason == "stop"
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    plain = client.chat.completions.create(
        model="sales", messages=[{"role": "user", "content": "total units by region"}])
    assert text == plain.choices[0].message.content
    total_north = sales.loc[sales.region == "North", "units"].sum()
    assert f"{total_north:,}" in text
    # The wire format ends with OpenAI's terminator.
    with httpx.stream("POST", f"{server.base_url}/api/v1/chat/completions", headers=bearer(),
                      json={"model": "sales", "stream": True, "messages": [
                          {"role": "user", "content": "how many rows"}]}) as r:
        lines = [ln for ln in r.iter_lines() if ln]
    assert r.headers["content-type"].startswith("text/event-stream")
    assert lines[-1] == "data: [DONE]" and all(ln.startswith("data: ") for ln in lines)


@pytest.mark.parametrize("body, headers, status, expected", [
    ({"model": "sales", "messages": [{"role": "user", "content": "x"}]},
     {"Authorization": "Bearer not-a-key"}, 401,
     {"code": "401", "error_description": "The access token is expired or invalid",
      "error": "UnAuthorized Access"}),
    ({"model": "Online_Retail_Store", "messages": [{"role": "user", "content": "x"}]}, None,
     412, {"code": "412", "error": "Unable to access the Data Intelligence application "
                                   "Online_Retail_Store with the provided API key."}),
    ({"messages": [{"role": "user", "content": "x"}]}, None, 422,
     {"code": "422", "error": "Please provide a valid value for model."}),
    ({"model": "sales", "messages": []}, None, 422,
     {"code": "422", "error": "Please provide a valid value for messages."}),
    ({"model": "sales", "messages": [{"role": "system", "content": "x"}]}, None, 422,
     {"code": "422", "error": "Please provide a valid value for messages."}),
    ({"model": "sales", "messages": [{"role": "user", "content": "x"}]},
     {"responseType": "pdf"}, 422,
     {"code": "422", "error": "Please provide a valid value for responseType."}),
])
def test_completion_errors_exact_bodies(server, body, headers, status, expected):
    h = bearer(headers) if headers and "Authorization" not in headers else (
        {**bearer(), **headers} if headers else bearer())
    r = requests.post(f"{server.base_url}/api/v1/chat/completions", headers=h, json=body)
    assert r.status_code == status
    assert r.json() == expected


def test_openai_sdk_errors_map_to_exceptions(server):
    import openai

    bad = openai.OpenAI(base_url=f"{server.base_url}/api/v1", api_key="wrong-key-xyz")
    with pytest.raises(openai.AuthenticationError):
        bad.chat.completions.create(model="sales",
                                    messages=[{"role": "user", "content": "x"}])
    client = openai.OpenAI(base_url=f"{server.base_url}/api/v1", api_key=API_KEY,
                           max_retries=0)
    with pytest.raises(openai.UnprocessableEntityError):
        client.chat.completions.create(model="sales", messages=[])


def test_get_data_and_suggest_graph_errors(server):
    for url, body in ((f"{server.base_url}/api/v1/chat/getData",
                       {"model": "sales", "dataFilePath": "/etc/passwd"}),
                      (f"{server.base_url}/v1/chat/suggestGraph",
                       {"model": "sales", "dataFilePath": "/results/res_nope.csv",
                        "query": "q"})):
        r = requests.post(url, headers=bearer(), json=body)
        assert r.status_code == 422
        assert r.json() == {"code": "422",
                            "error": "Please provide a valid value for dataFilePath."}
    r = requests.post(f"{server.base_url}/api/v1/chat/getData", headers=bearer(),
                      json={"model": "nope", "dataFilePath": "/results/x.csv"})
    assert r.status_code == 412


def test_applications_paginated(server):
    url = f"{server.base_url}/api/v1/chat/applications"
    everything = requests.post(url, headers=bearer(), json={}).json()
    names = [a["name"] for a in everything["data"]]
    assert everything["status"] == "SUCCESS" and everything["totalRecords"] == len(names)
    assert {"sales", "tips", "shop"} <= set(names)
    page = requests.post(url, headers=bearer(), json={"pageNumber": 2, "pageSize": 2}).json()
    assert page["totalRecords"] == len(names) and [a["name"] for a in page["data"]] == names[2:4]
    assert set(page["data"][0]) >= {"role", "description", "dateModified", "tags",
                                    "dateCreated", "sourceType", "createdBy", "name",
                                    "connectionId", "modifiedBy", "connectionName",
                                    "projectName", "syncStatus"}
    none = requests.post(url, headers=bearer(), json={"projectName": "Other"}).json()
    assert none["totalRecords"] == 0 and none["data"] == []
    assert requests.post(url, headers=bearer(), json={"pageSize": 0}).status_code == 422


# ---------------------------------------------------------------------------- seed 004


def test_threads_polling_as_seed(server):
    create_chat_url = f"{server.base_url}/api/newMessage"
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {API_KEY}"}
    response = requests.post(create_chat_url, headers=headers,
                             json={"message": "average amount by item", "dataset": "shop"})
    assert response.status_code == 200
    first = response.json()
    thread_id = first["thread_id"]
    assert first["run_status"]["status"] in ("queued", "in_progress", "completed")

    def get_thread():
        return requests.get(f"{server.base_url}/api/getThread", headers=headers,
                            params={"threadId": thread_id}).json()

    seen = set()
    data = poll(lambda: (d := get_thread(), seen.add(d["run_status"]["status"]))[0],
                lambda d: d["run_status"]["status"] in ("completed", "failed", "expired",
                                                        "cancelled"), interval=0.02)
    assert data["run_status"]["status"] == "completed"
    assert seen <= {"queued", "in_progress", "completed"}
    texts = [c["text"]["value"] for m in data["messages"] for c in m["content"]
             if c["type"] == "text"]
    assert texts[0] == "average amount by item"
    assert "tea 3.50" in texts[1] and "cake 5.50" in texts[1]

    # Continue the thread.
    again = requests.post(create_chat_url, headers=headers,
                          json={"message": "how many rows", "thread_id": thread_id}).json()
    assert again["thread_id"] == thread_id
    data = poll(get_thread, lambda d: d["run_status"]["status"] == "completed")
    assert [m["role"] for m in data["messages"]] == ["user", "assistant"] * 2
    assert "4 rows" in data["messages"][-1]["content"][0]["text"]["value"]


def test_thread_errors(server):
    h = bearer()
    r = requests.post(f"{server.base_url}/api/newMessage", headers=h,
                      json={"message": "x", "thread_id": "thread_nope"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_FOUND"
    r = requests.get(f"{server.base_url}/api/getThread", headers=h)
    assert r.status_code == 400 and r.json()["error"]["details"]["parameter"] == "threadId"
    r = requests.post(f"{server.base_url}/api/newMessage", headers=h, json={"message": ""})
    assert r.status_code == 400
    r = requests.post(f"{server.base_url}/api/newMessage", headers=h,
                      json={"message": "x", "dataset": "nope"})
    assert r.status_code == 404 and "Available" in r.json()["error"]["message"]
    r = requests.get(f"{server.base_url}/api/getThread", params={"threadId": "x"})
    assert r.status_code == 401


# ---------------------------------------------------------------------------- datasets


def test_dataset_upload_path_and_sql(server, tmp_path):
    h = {"X-API-Key": API_KEY}
    base = f"{server.base_url}/api/v1/datasets"
    frame = pd.DataFrame({"city": ["Oslo", "Rome", "Oslo"], "temp": [3.5, 18.0, 5.5]})
    parquet = io.BytesIO()
    frame.to_parquet(parquet)
    up = requests.post(f"{base}/upload", headers=h, data={"name": "weather"},
                       files={"file": ("w.parquet", parquet.getvalue())})
    assert up.status_code == 201, up.text
    assert up.json()["columns"] == ["city", "temp"] and up.json()["rows"] == 3
    ask = requests.post(f"{server.base_url}/api/v1/analytics/chat", headers=bearer(), json={
        "query": "average temp by city", "collectionIds": ["weather"]}).json()
    assert {r["city"]: r["mean_temp"] for r in ask["table"]} == {"Oslo": 4.5, "Rome": 18.0}
    dup = requests.post(f"{base}/upload", headers=h, data={"name": "weather"},
                        files={"file": ("w.parquet", parquet.getvalue())})
    assert dup.status_code == 409
    bad = requests.post(f"{base}/upload", headers=h, files={"file": ("x.exe", b"MZ")})
    assert bad.status_code == 400 and "Unsupported file type" in bad.json()["error"]["message"]
    broken = requests.post(f"{base}/upload", headers=h, data={"name": "broken"},
                           files={"file": ("b.parquet", b"not parquet")})
    assert broken.status_code == 400

    db = tmp_path / "orders.db"
    con = sqlite3.connect(db)
    con.execute("create table orders (id integer, total real)")
    con.executemany("insert into orders values (?, ?)", [(1, 10.0), (2, 32.5)])
    con.commit()
    con.close()
    sql = requests.post(base, headers=h, json={"name": "orders", "url": f"sqlite:///{db}",
                                                "table": "orders"})
    assert sql.status_code == 201 and sql.json()["rows"] == 2
    run = requests.post(f"{server.base_url}/tools/run", headers=h, json={
        "taskList": {"inputs": {"name": "describe", "dataset": "orders",
                                "features": ["total"]}}}).json()
    assert run["result"]["statistics"]["total"]["mean"] == pytest.approx(21.25)

    outside = requests.post(base, headers=h, json={"name": "pw", "path": "/etc/hosts.csv"})
    assert outside.status_code == 403
    assert requests.post(base, headers=h, json={"name": "x"}).status_code == 400
    names = [d["name"] for d in requests.get(base, headers=h).json()["datasets"]]
    assert {"weather", "orders", "shop", "sales"} <= set(names)
    info = requests.get(f"{base}/weather", headers=h).json()
    assert info["rows"] == 3
    assert requests.delete(f"{base}/weather", headers=h).json() == {"deleted": "weather"}
    assert requests.get(f"{base}/weather", headers=h).status_code == 404
