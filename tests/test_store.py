"""The SQLAlchemy store on SQLite and (when the binaries exist) a real PostgreSQL server:
hashed keys, jobs (duplicate ids, crash recovery), conversations, threads, results,
dashboards, the dataset registry, and the rate limiter's fixed windows."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
import sqlalchemy as sa

from nbdatachat.errors import Conflict, InvalidRequest, NotFound
from nbdatachat.jobs import Job, JobRunner
from nbdatachat.server.auth import RateLimiter
from nbdatachat.server.errors import RateLimited
from nbdatachat.store import INTERRUPTED_REASON, ApiKey, Store, parse_limits


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    """A throw-away PostgreSQL cluster (initdb + pg_ctl), or skip when unavailable."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not installed")
    pytest.importorskip("psycopg")
    root = tempfile.mkdtemp(prefix="nbdc-pg-")
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser")
        try:
            import pwd

            pw = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("no postgres user to run the server as")
        os.chown(root, pw.pw_uid, pw.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = os.path.join(root, "data"), _free_port()
    try:
        subprocess.run([*prefix, initdb, "-D", data, "-A", "trust", "-U", "postgres"],
                       check=True, capture_output=True, timeout=120)
        subprocess.run([*prefix, pg_ctl, "-D", data, "-l", os.path.join(root, "log"), "-w",
                        "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1", "start"],
                       check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"could not start PostgreSQL: {exc}")
    yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    subprocess.run([*prefix, pg_ctl, "-D", data, "-m", "immediate", "stop"],
                   capture_output=True, timeout=60)
    shutil.rmtree(root, ignore_errors=True)


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
    # Jobs a dead process left behind.
    store.jobs.insert(Job("j2", "describe", status="running", started=time.time()))
    store.jobs.insert(Job("j3", "describe"))
    counts = store.recover_interrupted()
    assert counts["jobs"] == 2
    for pid in ("j2", "j3"):
        j = store.jobs.get(pid)
        assert j.status == "failed"
        assert j.to_dict()["error"] == {"code": "JOB_INTERRUPTED",
                                        "message": INTERRUPTED_REASON, "details": {}}
    assert store.jobs.get("j1").status == "success"
    assert store.jobs.count("failed") == 2
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
    assert store.recover_interrupted()["threads"] == 1
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
    from nbdatachat.store import conversation_from_row, conversation_state

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
        back = conversation_from_row(conv.id, row)
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
    assert conversation_from_row("conv_none", None).id == "conv_none"
    assert conversation_from_row("conv_old", {"state": {"bogus": 1}}).turns == []


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


def test_rate_limiter_fixed_windows():
    key = ApiKey("k1", "k", None, {"minute": 2, "hour": 3}, 0.0)
    lim = RateLimiter()
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
    default = RateLimiter({"minute": 1})
    default.hit(ApiKey("k3", "k3", None, None, 0.0), t0)
    with pytest.raises(RateLimited):
        default.hit(ApiKey("k3", "k3", None, None, 0.0), t0 + 1)
