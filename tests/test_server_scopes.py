"""Issue 13, isolation between keys: scopes and per-key tool lists on every route, tools
reached through chat included.

The first test is the service hook the server relies on: ``ask(..., allowed_tools=...)``
refuses a question whose plan would run another tool, before the tool runs.
"""

from __future__ import annotations

from nbdatachat.service import ask


def test_ask_refuses_a_tool_outside_allowed_tools(tips):
    q = "does total bill predict tip?"
    refused = ask(tips, q, allowed_tools=["describe"])
    assert refused.status == "cannot_answer"
    assert refused.error["error"]["code"] == "TOOL_NOT_ALLOWED"
    assert refused.error["error"]["details"] == {"tool": "linear_regression",
                                                 "allowed": ["describe"]}
    assert refused.tool_result is None and (refused.table is None or refused.table.empty)
    allowed = ask(tips, q, allowed_tools=["linear_regression"])
    assert allowed.status == "answered" and allowed.tool_result is not None
    # Questions that run no tool are not affected by an empty tool list.
    assert ask(tips, "average tip by day", allowed_tools=[]).status == "answered"


# ---------------------------------------------------------------------------- a real server


import httpx  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from server_helpers import API_KEY, cli, poll, start_server  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scopes")
    shop = tmp / "shop.csv"
    pd.DataFrame({"item": ["tea", "cake"], "amount": [3.0, 5.5]}).to_csv(shop, index=False)
    srv = start_server(tmp / "srv", "--dataset", f"shop={shop}")

    def key(*args: str) -> str:
        return cli("keys", "create", *args, data_dir=srv.data_dir,
                   db_url=srv.db_url).stdout.strip()

    srv.keys = {"admin": API_KEY, "alice": key("--name", "alice"), "bob": key("--name", "bob"),
                "describe": key("--name", "d", "--tools", "describe"),
                "team1": key("--name", "t1", "--tenant", "team"),
                "team2": key("--name", "t2", "--tenant", "team"),
                "tools_only": key("--name", "to", "--scopes", "tools")}
    yield srv
    srv.stop()


def client(server, who: str) -> httpx.Client:
    return httpx.Client(base_url=server.base_url, timeout=60,
                        headers={"Authorization": f"Bearer {server.keys[who]}"})


def test_every_resource_of_another_tenant_answers_404(server):
    alice, bob = client(server, "alice"), client(server, "bob")
    # alice's analytics conversation, dashboard, completion result, thread, job, dataset.
    chat = alice.post("/api/v1/analytics/chat", json={
        "query": "total sales by region", "collectionIds": ["sales"]}).json()
    conv = chat["conversationId"]
    dash = alice.post("/api/v1/dashboards", json={"conversationId": conv, "name": "d"}).json()
    comp = alice.post("/api/v1/chat/completions", json={
        "model": "sales", "messages": [{"role": "user", "content": "sales by region"}]}).json()
    thread = alice.post("/api/newMessage", json={"message": "how many rows"}).json()
    job = alice.post("/tools/run", json={"pollResponse": True, "taskList": {"inputs": {
        "name": "describe", "dataset": [{"x": 1}, {"x": 2}]}}}).json()
    up = alice.post("/api/v1/datasets/upload", data={"name": "secret"},
                    files={"file": ("s.csv", b"code,value\nA,1\nB,2\n")})
    assert up.status_code == 201, up.text
    bot = alice.post("/api/v2/create-chatbot", json={
        "chatbotName": "Private", "sourceText": "The vault code is 4711."}).json()["chatbotId"]
    poll(lambda: alice.get(f"/api/v2/chatbot/status/{bot}").json(),
         lambda b: b.get("progress") == 100)
    kb_chat = alice.post("/api/v2/chat", json={
        "chatbotId": bot, "messages": [{"role": "user", "content": "vault code?"}]}).json()

    # alice sees all of it...
    assert alice.get(f"/api/v1/analytics/conversations/{conv}").status_code == 200
    assert alice.get(f"/tools/status/{job['processing_id']}").status_code == 200
    # ...bob none of it.
    assert bob.get(f"/api/v1/analytics/conversations/{conv}").status_code == 404
    again = bob.post("/api/v1/analytics/chat", json={
        "query": "and by product", "collectionIds": ["sales"], "conversationId": conv})
    assert again.status_code == 404
    assert bob.post("/api/v1/dashboards", json={"conversationId": conv,
                                                "name": "x"}).status_code == 404
    assert bob.get(f"/api/v1/dashboards/{dash['id']}").status_code == 404
    assert dash["id"] not in [d["id"] for d in bob.get("/api/v1/dashboards").json()[
        "dashboards"]]
    for path in ("/api/v1/chat/getData", "/v1/chat/suggestGraph"):
        r = bob.post(path, json={"model": "sales", "dataFilePath": comp["dataFilePath"],
                                 "query": "sales", "graphType": "Custom"})
        assert r.status_code == 422 and "dataFilePath" in r.json()["error"]
    assert bob.get("/api/getThread", params={"threadId": thread["thread_id"]}
                   ).status_code == 404
    assert bob.post("/api/newMessage", json={"message": "x", "thread_id": thread["thread_id"]}
                    ).status_code == 404
    assert bob.get(f"/tools/status/{job['processing_id']}").status_code == 404
    assert "secret" not in [d["name"] for d in bob.get("/api/v1/datasets").json()["datasets"]]
    assert bob.get("/api/v1/datasets/secret").status_code == 404
    assert bob.delete("/api/v1/datasets/secret").status_code == 404
    r = bob.post("/api/v1/analytics/chat", json={"query": "count rows",
                                                 "collectionIds": ["secret"]})
    assert r.status_code == 403 and "secret" not in r.json()["error"]["details"]["available"]
    r = bob.post("/tools/run", json={"taskList": {"inputs": {"name": "describe",
                                                             "dataset": "secret"}}})
    assert r.status_code == 400 and "secret" not in r.json()["error"]["details"]["available"]
    assert bob.post("/api/v1/chat/completions", json={
        "model": "secret", "messages": [{"role": "user", "content": "x"}]}).status_code == 412
    # A name of the form tenant/name never reaches another tenant's dataset.
    tenant = alice.get("/api/v1/datasets/secret").json()
    assert tenant["shared"] is False
    apps = bob.post("/api/v1/chat/applications", json={}).json()["data"]
    assert "secret" not in [a["name"] for a in apps]
    # Knowledge bases: the chatbot, its conversation, file URLs and queries.
    assert bob.get(f"/api/v2/get-chatbot/{bot}").status_code == 404
    assert bot not in [b["chatbotId"] for b in bob.get("/api/v2/get-chatbots").json()[
        "chatbots"]]
    assert bob.get(f"/api/v2/get-conversation/{kb_chat['conversationId']}").status_code == 404
    assert bob.get(f"/api/v2/get-conversations/{bot}").status_code == 404
    assert bob.post(f"/api/v2/query-knowledge-base/{bot}",
                    json={"query": "vault"}).status_code == 404
    assert bob.post("/api/v2/chat", json={
        "chatbotId": bot, "messages": [{"role": "user", "content": "vault?"}]}
    ).status_code == 404
    assert bob.delete(f"/api/v2/delete-chatbot/{bot}").status_code == 404
    assert bob.post("/api/v2/update-chatbot-settings", json={
        "chatbotId": bot, "chatbotName": "mine"}).status_code == 404
    assert alice.get(f"/api/v2/get-chatbot/{bot}").json()["chatbot"]["chatbotName"] == \
        "Private"
    # bob cannot hijack alice's conversation id for his own chatbot either.
    bobs = bob.post("/api/v2/create-chatbot", json={"chatbotName": "B",
                                                    "sourceText": "Bob's text."}).json()
    poll(lambda: bob.get(f"/api/v2/chatbot/status/{bobs['chatbotId']}").json(),
         lambda b: b.get("progress") == 100)
    hijack = bob.post("/api/v2/chat", json={
        "chatbotId": bobs["chatbotId"], "conversationId": kb_chat["conversationId"],
        "messages": [{"role": "user", "content": "hi"}]})
    assert hijack.status_code == 409
    conv_now = alice.get(f"/api/v2/get-conversation/{kb_chat['conversationId']}").json()
    assert conv_now["conversation"]["chatbotId"] == bot


def test_job_ids_are_per_tenant(server):
    """Two tenants may send the same processing_id; neither learns which ids the other used."""
    alice, bob = client(server, "alice"), client(server, "bob")

    def run(who: httpx.Client, pid: str, xs: list[float]) -> httpx.Response:
        return who.post("/tools/run", json={"taskList": {"inputs": {
            "name": "describe", "processing_id": pid, "dataset": [{"x": x} for x in xs]}}})

    long_id = "j" * 200
    for pid in ("same-id", long_id):
        a, b = run(alice, pid, [1, 2, 3]), run(bob, pid, [10, 20, 30, 40])
        assert (a.status_code, b.status_code) == (200, 200), (a.text, b.text)
        assert a.json()["processing_id"] == b.json()["processing_id"] == pid
        for who, mean, n in ((alice, 2.0, 3), (bob, 25.0, 4)):
            got = who.get(f"/tools/status/{pid}").json()
            assert got["processing_id"] == pid
            stats = got["result"]["statistics"]["x"]
            assert (stats["mean"], stats["count"]) == (mean, n)
    # A tenant's own id taken twice is a conflict that names the id it sent.
    again = run(alice, "same-id", [5])
    assert again.status_code == 409
    assert again.json()["error"]["details"]["processing_id"] == "same-id"
    # An id only alice used: bob gets the same 404 as for an id nobody used.
    assert run(alice, "alice-only", [1]).status_code == 200
    for pid in ("alice-only", "nobody-used"):
        r = bob.get(f"/tools/status/{pid}")
        assert r.status_code == 404 and r.json()["error"]["details"] == {"processing_id": pid}
    assert run(bob, "alice-only", [7]).status_code == 200


def test_keys_of_one_named_tenant_share_its_resources(server):
    t1, t2, bob = client(server, "team1"), client(server, "team2"), client(server, "bob")
    chat = t1.post("/api/v1/analytics/chat", json={
        "query": "average price by region", "collectionIds": ["sales"]}).json()
    r = t2.get(f"/api/v1/analytics/conversations/{chat['conversationId']}")
    assert r.status_code == 200 and len(r.json()["messages"]) == 2
    assert bob.get(f"/api/v1/analytics/conversations/{chat['conversationId']}"
                   ).status_code == 404


def test_shared_datasets_are_read_only_except_for_admin(server):
    bob, admin = client(server, "bob"), client(server, "admin")
    csv = b"region,sales\nX,1\n"
    for name in ("sales", "shop"):
        r = bob.post("/api/v1/datasets/upload", data={"name": name, "replace": "true"},
                     files={"file": ("x.csv", csv)})
        assert r.status_code == 403, r.text
        r = bob.post("/api/v1/datasets/upload", data={"name": name},
                     files={"file": ("x.csv", csv)})
        assert r.status_code == 409, r.text
        assert bob.delete(f"/api/v1/datasets/{name}").status_code == 403
    assert bob.delete("/api/v1/datasets/iris").status_code == 403
    rows = bob.post("/tools/run", json={"taskList": {"inputs": {
        "name": "describe", "dataset": "sales", "features": ["sales"]}}}).json()
    assert rows["result"]["statistics"]["sales"]["count"] > 1  # sales is untouched
    # bob's own dataset of another name is his to replace and delete.
    assert bob.post("/api/v1/datasets/upload", data={"name": "mine"},
                    files={"file": ("x.csv", csv)}).status_code == 201
    assert bob.post("/api/v1/datasets/upload", data={"name": "mine", "replace": "true"},
                    files={"file": ("x.csv", csv + b"Y,2\n")}).json()["rows"] == 2
    assert bob.delete("/api/v1/datasets/mine").status_code == 200
    # The operator's admin key may delete a shared dataset.
    assert admin.delete("/api/v1/datasets/shop").status_code == 200
    assert bob.get("/api/v1/datasets/shop").status_code == 404


def test_scopes_apply_to_every_route(server):
    narrow = client(server, "tools_only")
    assert narrow.get("/tools").status_code == 200
    for method, path, body in (
            ("POST", "/api/v1/analytics/chat", {"query": "x", "collectionIds": ["sales"]}),
            ("GET", "/api/v1/dashboards", None),
            ("POST", "/api/v1/chat/completions",
             {"model": "sales", "messages": [{"role": "user", "content": "x"}]}),
            ("POST", "/api/newMessage", {"message": "x"}),
            ("GET", "/api/v2/get-chatbots", None),
            ("POST", "/api/v2/create-chatbot", {"chatbotName": "x"}),
            ("POST", "/api/v1/datasets", {"name": "x", "path": "x.csv"})):
        r = narrow.request(method, path, json=body)
        assert r.status_code == 403, (path, r.status_code, r.text)
        assert "scope" in r.text
    chat_key = client(server, "bob")
    r = chat_key.post("/api/v1/datasets", json={"name": "k", "url": "sqlite:////x.db",
                                                "table": "t"})
    assert r.status_code == 403 and r.json()["error"]["details"]["scope"] == "admin"


def test_tool_lists_apply_through_chat_completions_and_threads(server):
    d = client(server, "describe")
    question = "does total bill predict tip?"
    r = d.post("/tools/run", json={"taskList": {"inputs": {
        "name": "linear_regression", "dataset": "tips", "target": "tip",
        "features": ["total_bill"]}}})
    assert r.status_code == 403
    r = d.post("/api/v1/analytics/chat", json={"query": question, "collectionIds": ["tips"]})
    assert r.status_code == 403 and r.json()["error"]["details"]["reason"] == \
        "TOOL_NOT_ALLOWED"
    assert r.json()["error"]["details"]["tool"] == "linear_regression"
    r = d.post("/api/v1/chat/completions", json={
        "model": "tips", "messages": [{"role": "user", "content": question}]})
    assert r.status_code == 403 and "linear_regression" in r.json()["error"]
    t = d.post("/api/newMessage", json={"message": question, "dataset": "tips"}).json()
    done = poll(lambda: d.get("/api/getThread", params={"threadId": t["thread_id"]}).json(),
                lambda b: b["run_status"]["status"] not in ("queued", "in_progress"))
    assert done["run_status"]["status"] == "failed"
    assert done["run_status"]["last_error"]["code"] == "TOOL_NOT_ALLOWED"
    # The same key still answers questions that need no tool.
    ok = d.post("/api/v1/analytics/chat", json={"query": "average tip by day",
                                                "collectionIds": ["tips"]})
    assert ok.status_code == 200 and ok.json()["status"] == "answered"
    # A key allowed the tool gets the regression.
    full = client(server, "bob").post("/api/v1/analytics/chat", json={
        "query": question, "collectionIds": ["tips"]})
    assert full.status_code == 200 and "total_bill" in full.text


def test_server_owned_chatbot_fields_cannot_be_set_by_clients(server):
    alice = client(server, "alice")
    created = alice.post("/api/v2/create-chatbot", json={
        "chatbotName": "Greedy", "sourceText": "Ten characters of text here.",
        "consumedCharacters": -10_000_000, "trainedVersion": "forged", "tenant": "bob",
        "status": 100, "createdAt": 1, "webhooks": [{"endpoint": "http://x", "secret": "s",
                                                     "events": ["chat"]}]}).json()
    bot = created["chatbotId"]
    poll(lambda: alice.get(f"/api/v2/chatbot/status/{bot}").json(),
         lambda b: b.get("progress") == 100)
    alice.post("/api/v2/update-chatbot-settings", json={
        "chatbotId": bot, "consumedCharacters": -5, "trainedVersion": "again",
        "tenant": "bob", "lastTrainedAt": 1})
    info = alice.get(f"/api/v2/get-chatbot/{bot}").json()["chatbot"]
    assert info["consumedCharacters"] == len("Ten characters of text here.")
    assert info["createdAt"] > 1 and info["lastTrainedAt"] > 1
    assert "trainedVersion" not in info and "tenant" not in info and "webhooks" not in info
    assert client(server, "bob").get(f"/api/v2/get-chatbot/{bot}").status_code == 404
    # The account is the tenant's: its chatbots and characters only, the forged count ignored.
    mine = alice.get("/api/v2/get-chatbots").json()["chatbots"]
    plan = alice.get("/api/v2/account").json()["plan"]
    assert plan["chatbots"] == len(mine)
    assert plan["remainingTrainingChars"] == plan["refreshingTrainingChars"] - sum(
        b["consumedCharacters"] for b in mine)


def test_a_revoked_key_stops_at_once(server):
    secret = cli("keys", "create", "--name", "shortlived", data_dir=server.data_dir,
                 db_url=server.db_url).stdout.strip()
    h = {"X-API-Key": secret}
    assert httpx.get(f"{server.base_url}/tools", headers=h).status_code == 200
    cli("keys", "revoke", "shortlived", data_dir=server.data_dir, db_url=server.db_url)
    assert httpx.get(f"{server.base_url}/tools", headers=h).status_code == 401
