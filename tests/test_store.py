"""The SQLAlchemy store on SQLite and a real PostgreSQL server (conftest's ``postgres_url``):
hashed keys, jobs (duplicate ids, crash recovery), conversations, threads, results,
dashboards, the dataset registry, and the rate limiter's fixed windows."""

from __future__ import annotations

import hashlib
import time

import pytest
import sqlalchemy as sa

from nbdatachat.errors import Conflict, InvalidRequest, NotFound
from nbdatachat.jobs import Job, JobRunner
from nbdatachat.server.auth import RateLimiter
from nbdatachat.server.errors import RateLimited
from nbdatachat.store import (DEFAULT_SCOPES, INTERRUPTED_REASON, SCOPES, ApiKey, Store,
                             parse_limits, parse_scopes)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'state.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    s = Store(url)
    yield s
    if request.param == "postgresql":
        from nbdatachat.store.schema import metadata

        metadata.drop_all(s.engine)
    s.close()


def test_keys_are_hashed_and_revocable(store):
    key, secret = store.keys.create("analyst", tools=["describe"], limits={"minute": 5})
    assert secret.startswith("nbdc_") and len(secret) >= 40
    with store.engine.connect() as con:
        rows = con.execute(sa.text("select key_hash, name from api_keys")).all()
    assert rows == [(hashlib.sha256(secret.encode()).hexdigest(), "analyst")]
    found = store.keys.authenticate(secret)
    assert found == key and found.allows_tool("describe") and not found.allows_tool("arima")
    assert found.limits == {"minute": 5}
    assert store.keys.authenticate(secret + "x") is None
    # Registering a chosen key is idempotent.
    k1 = store.keys.register("my-ci-key-123", "ci")
    assert store.keys.register("my-ci-key-123", "ci").id == k1.id
    assert [k.name for k in store.keys.list()] == ["analyst", "ci"]
    revoked = store.keys.revoke("analyst")
    assert [k.id for k in revoked] == [key.id] and revoked[0].revoked is not None
    assert store.keys.authenticate(secret) is None
    with pytest.raises(NotFound):
        store.keys.revoke("analyst")
    with pytest.raises(InvalidRequest):
        store.keys.register("short", "x")


def test_jobs_persist_and_recover(store):
    runner = JobRunner(store=store.jobs)
    job = runner.submit("describe", {"dataset": [{"x": 1.0}, {"x": 3.0}]},
                        processing_id="j1", background=False)
    assert job.status == "success"
    loaded = Store(store.url).jobs.get("j1")  # a fresh engine: read from the database
    assert loaded.status == "success"
    assert loaded.to_dict()["result"]["statistics"]["x"]["mean"] == pytest.approx(2.0)
    with pytest.raises(Conflict):
        runner.submit("describe", {"dataset": [{"x": 1}]}, processing_id="j1")
    # Jobs a dead process left behind (their leases have run out) and a live one's.
    dead = Store(store.url, lease_secs=-1.0)
    dead.jobs.insert(Job("j2", "describe", status="running", started=time.time()))
    dead.jobs.insert(Job("j3", "describe"))
    store.jobs.insert(Job("j4", "describe", status="running", started=time.time()))
    counts = store.recover_interrupted()
    assert counts["jobs"] == 2
    assert store.jobs.get("j4").status == "running"  # vouched for: recovery leaves it
    # Its owner's heartbeat keeps it alive; once it stops, any reader fails it.
    short = Store(store.url, lease_secs=0.3)
    short.jobs.insert(Job("j5", "describe", status="running", started=time.time()))
    assert short.jobs.renew(["j5"]) == 1 and short.jobs.get("j5").status == "running"
    time.sleep(0.5)
    assert short.jobs.get("j5").status == "failed"
    assert short.jobs.get("j5").error["code"] == "JOB_INTERRUPTED"
    for pid in ("j2", "j3"):
        j = store.jobs.get(pid)
        assert j.status == "failed"
        assert j.to_dict()["error"] == {"code": "JOB_INTERRUPTED",
                                        "message": INTERRUPTED_REASON, "details": {}}
    assert store.jobs.get("j1").status == "success"
    assert store.jobs.count("failed") == 3
    runner.shutdown()


def test_conversations_threads_results_dashboards(store):
    conv = store.conversations
    cid = conv.create(kind="chat", datasets=["sales"], key_id="k")
    m1 = conv.add_message(cid, "user", "total sales by region")
    m2 = conv.add_message(cid, "assistant", "North leads.", payload={"charts": [{"a": 1}]})
    msgs = conv.messages(cid)
    assert [m["id"] for m in msgs] == [m1, m2]
    assert msgs[1]["payload"] == {"charts": [{"a": 1}]}
    conv.set_state(cid, {"turns": 2})
    assert conv.get(cid)["state"] == {"turns": 2}
    with pytest.raises(NotFound):
        conv.require("conv_missing")

    store.threads.create(cid, "sales", "k")
    store.threads.set_status(cid, "in_progress", run_id="run_1")
    assert store.recover_interrupted()["threads"] == 0  # its lease is live
    Store(store.url, lease_secs=-1.0).threads.set_status(cid, "in_progress", run_id="run_1")
    assert store.recover_interrupted()["threads"] == 1  # its process stopped renewing
    thread = store.threads.get(cid)
    assert thread["status"] == "failed" and thread["run_id"] == "run_1"
    assert thread["last_error"]["code"] == "run_interrupted"

    path = store.results.put(dataset="sales", query="q", columns=["a"], n_rows=1, csv="a\n1\n")
    assert path.startswith("/results/") and path.endswith(".csv")
    assert store.results.get_by_path(path)["csv"] == "a\n1\n"
    assert store.results.get_by_path("/results/../../etc/passwd") is None

    dash = store.dashboards.create(name="d", conversation_id=cid, charts=[{"a": 1}], key_id="k")
    assert store.dashboards.get(dash["id"])["charts"] == [{"a": 1}]
    assert [d["id"] for d in store.dashboards.list()] == [dash["id"]]


def test_save_turn_commits_state_and_messages_together(store):
    """A chat turn is one transaction: another connection (another worker) sees the
    conversation's engine state and both messages at once, and a failing write leaves the
    previous turn intact (neither the new state nor a half turn)."""
    from nbdatachat.service import Conversation, Turn
    from nbdatachat.service.conversation import conversation_state, restore_conversation

    conv = Conversation(id="conv_turns", dataset="sales")
    conv.add(Turn("total sales by region", "answered", "North leads.",
                  {"kind": "aggregate"}))
    ids = store.conversations.save_turn(
        conv.id, conversation_state(conv),
        [("user", "total sales by region", None),
         ("assistant", "North leads.", {"charts": [{"type": "bar"}]})],
        kind="chat", datasets=["sales"], key_id="key_1", new=True)
    assert len(ids) == 2 and ids[0] != ids[1]

    other = Store(store.url)  # a second engine: what another worker process would see
    try:
        row = other.conversations.get(conv.id)
        assert row["kind"] == "chat" and row["datasets"] == ["sales"]
        assert row["key_id"] == "key_1"
        back = restore_conversation(conv.id, row["state"])
        assert [t.question for t in back.turns] == ["total sales by region"]
        assert back.dataset == "sales" and back.turns[0].plan == {"kind": "aggregate"}
        msgs = other.conversations.messages(conv.id)
        assert [(m["id"], m["role"]) for m in msgs] == [(ids[0], "user"),
                                                         (ids[1], "assistant")]
        assert msgs[1]["payload"] == {"charts": [{"type": "bar"}]}

        # The follow-up updates the same row (new=False) and appends after the first turn.
        conv.add(Turn("only for North", "answered", "North: 10.", None))
        more = store.conversations.save_turn(
            conv.id, conversation_state(conv),
            [("user", "only for North", None), ("assistant", "North: 10.", None)],
            kind="chat", datasets=["sales"])
        assert [m["id"] for m in other.conversations.messages(conv.id)] == ids + more
        assert len(other.conversations.get(conv.id)["state"]["turns"]) == 2

        # A turn whose message cannot be written rolls back its state update too.
        conv.add(Turn("broken", "answered", "x", None))
        with pytest.raises((sa.exc.StatementError, TypeError)):  # not JSON-serializable
            store.conversations.save_turn(
                conv.id, conversation_state(conv),
                [("user", "broken", None), ("assistant", "x", {"bad": object()})],
                kind="chat", datasets=["sales"])
        assert len(other.conversations.get(conv.id)["state"]["turns"]) == 2
        assert len(other.conversations.messages(conv.id)) == 4
    finally:
        other.close()

    # new=False on an id with no row yet creates it (upsert), as the engine's store does.
    store.conversations.save_turn("conv_fresh", {"id": "conv_fresh", "turns": []},
                                  [("user", "q", None)], kind="completion", datasets=["tips"])
    assert store.conversations.get("conv_fresh")["kind"] == "completion"
    assert restore_conversation("conv_none", None).id == "conv_none"
    assert restore_conversation("conv_old", {"bogus": 1}).turns == []


def test_dataset_registry(store):
    row = store.datasets.upsert(name="shop", kind="csv", location="/data/shop.csv",
                                description="Shop", project="P1", created_by="k")
    again = store.datasets.upsert(name="shop", kind="parquet", location="/data/shop.parquet")
    assert again["created"] == row["created"] and again["kind"] == "parquet"
    assert [r["name"] for r in store.datasets.list()] == ["shop"]
    assert store.datasets.delete("shop") and store.datasets.get("shop") is None


def test_parse_limits():
    assert parse_limits("60/minute, 1000/hour,5000/day") == {"minute": 60, "hour": 1000,
                                                             "day": 5000}
    assert parse_limits({"minutes": 2}) == {"minute": 2}
    assert parse_limits(None) is None
    for bad in ("60/week", "x/minute", "0/minute"):
        with pytest.raises(InvalidRequest):
            parse_limits(bad)


def test_rate_limiter_fixed_windows(store):
    key = ApiKey("k1", "k", None, {"minute": 2, "hour": 3}, 0.0)
    lim = RateLimiter(store.rate_counters)
    t0 = 3600 * 1000 + 10.0  # 10 s into a minute and an hour
    lim.hit(key, t0)
    lim.hit(key, t0 + 1)
    with pytest.raises(RateLimited) as info:
        lim.hit(key, t0 + 2)
    assert info.value.window == "minute" and info.value.retry_after == 48
    lim.hit(key, t0 + 60)  # next minute: allowed, and the hour budget (3) is now spent
    with pytest.raises(RateLimited) as info:
        lim.hit(key, t0 + 120)
    assert info.value.window == "hour" and info.value.retry_after == 3600 - 130
    # Rejected requests are not counted; keys without limits use the default (none here).
    lim.hit(ApiKey("k2", "k2", None, None, 0.0), t0)
    default = RateLimiter(store.rate_counters, {"minute": 1})
    default.hit(ApiKey("k3", "k3", None, None, 0.0), t0)
    with pytest.raises(RateLimited):
        default.hit(ApiKey("k3", "k3", None, None, 0.0), t0 + 1)


def test_rate_limit_is_exact_under_concurrency(store):
    """64 threads on two limiters (as two processes would be) sharing one database: exactly
    the limit gets through, whatever the interleaving."""
    import concurrent.futures

    key = ApiKey("k9", "k", None, {"minute": 10}, 0.0)
    limiters = [RateLimiter(Store(store.url).rate_counters) for _ in range(2)]
    now = 60 * 1000 + 5.0

    def one(i: int) -> bool:
        try:
            limiters[i % 2].hit(key, now)
            return True
        except RateLimited:
            return False

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        allowed = sum(pool.map(one, range(64)))
    assert allowed == 10
    assert store.rate_counters.prune(now + 120) >= 1


def test_key_scopes_and_operator_key_upgrade(store):
    plain, _ = store.keys.create("analyst")
    assert plain.scopes == DEFAULT_SCOPES and not plain.is_admin
    assert plain.has_scope("chat") and not plain.has_scope("admin")
    admin = store.keys.register("operator-key-123", "env", scopes=SCOPES)
    assert admin.is_admin and admin.has_scope("datasets:write")
    # The operator's key registered before scopes existed is brought up to admin.
    old = store.keys.register("operator-key-456", "env")
    assert not old.is_admin
    assert store.keys.register("operator-key-456", "env", scopes=SCOPES).is_admin
    assert store.keys.authenticate("operator-key-456").is_admin
    with pytest.raises(InvalidRequest, match="choose from"):
        parse_scopes("tools,root")
    assert parse_scopes("chat, tools") == ("chat", "tools")


def test_columns_added_after_a_database_was_created(tmp_path):
    """A database made before ``api_keys.scopes`` existed gets the column on open, and its
    keys keep the default (non-admin) scopes."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as con:
        con.execute(sa.text("create table api_keys (id varchar(40) primary key, name "
                            "varchar(200) not null, key_hash varchar(64) not null unique, "
                            "tools json, limits json, created float not null, revoked float)"))
        con.execute(sa.text("insert into api_keys values ('key_1', 'old', :h, null, null, 0, "
                            "null)"), {"h": hashlib.sha256(b"old-secret-1").hexdigest()})
    engine.dispose()
    s = Store(url)
    try:
        key = s.keys.authenticate("old-secret-1")
        assert key is not None and key.scopes == DEFAULT_SCOPES
        cols = {c["name"] for c in sa.inspect(s.engine).get_columns("api_keys")}
        assert "scopes" in cols
    finally:
        s.close()
