"""Issue 10: no API key can make the server read its own database or files outside
``--allow-path``, or connect anywhere, through ``POST /api/v1/datasets``.

Each bypass found by probing ``nbdatachat serve`` is replayed against a real server: the
request is refused with a documented error (403 ``FORBIDDEN`` for a key without the scope,
403 ``SOURCE_NOT_ALLOWED`` for a refused source, 400 ``INVALID_REQUEST`` for a path that
is a URL), nothing is registered, the refusal does not depend on whether the file or port
exists, and a listener on a local port records that no connection was made.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
from pathlib import Path

import pandas as pd
import pytest
import requests

from nbdatachat.server import ServerConfig
from nbdatachat.server.sources import SourceNotAllowed, SourcePolicy, parse_sql_url
from nbdatachat.errors import InvalidRequest
from server_helpers import API_KEY, cli, free_port, start_server


class Listener:
    """A TCP server on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                con, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            con.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


def _sqlite_db(path: Path, table: str = "orders") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    con.execute(f"create table {table} (id integer, total real)")
    con.executemany(f"insert into {table} values (?, ?)", [(1, 10.0), (2, 32.5)])
    con.commit()
    con.close()
    return path


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sources")
    server_dir, data = tmp / "server", tmp / "data"
    data.mkdir()
    _sqlite_db(data / "orders.db")
    pd.DataFrame({"x": [1, 2]}).to_csv(data / "ok.csv", index=False)
    # The operator allows every SQLite file under tmp (the server's own database included,
    # which must still be refused) and Postgres for the user "netuser" on any host.
    allow = f"sqlite:///{tmp}/*,postgresql://netuser@*"
    srv = start_server(server_dir, "--allow-path", str(data),
                       env={"NBDATACHAT_SQL_ALLOW": allow})
    describe_key = cli("keys", "create", "--name", "describe-only", "--tools", "describe",
                       data_dir=server_dir, db_url=srv.db_url).stdout.strip()
    yield {"srv": srv, "tmp": tmp, "data": data, "db": server_dir / "state.db",
           "describe_key": describe_key}
    srv.stop()


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.close()


def _register(env, body, key=API_KEY):
    return requests.post(f"{env['srv'].base_url}/api/v1/datasets", json=body,
                         headers={"X-API-Key": key}, timeout=30)


def _not_registered(env, name):
    r = requests.get(f"{env['srv'].base_url}/api/v1/datasets/{name}",
                     headers={"X-API-Key": API_KEY}, timeout=30)
    return r.status_code == 404


def _refused(r, code="SOURCE_NOT_ALLOWED", status=403):
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code, r.text
    return r.json()["error"]


def test_allowed_sources_still_register(env):
    ok = _register(env, {"name": "orders", "url": f"sqlite:///{env['data'] / 'orders.db'}",
                         "table": "orders"})
    assert ok.status_code == 201, ok.text
    assert ok.json()["rows"] == 2
    csv = _register(env, {"name": "okcsv", "path": str(env["data"] / "ok.csv")})
    assert csv.status_code == 201 and csv.json()["rows"] == 2


def test_parquet_directory_registers_without_loading(env):
    lake = env["data"] / "lake"
    frame = pd.DataFrame({"region": ["N", "S", "N", "E"], "sales": [1.0, 2.0, 3.5, 4.0],
                          "year": [2023, 2023, 2024, 2024]})
    frame.to_parquet(lake, partition_cols=["year"], index=False)
    ok = _register(env, {"name": "lake", "path": str(lake)})
    assert ok.status_code == 201, ok.text
    body = ok.json()
    assert body["rows"] == 4 and set(body["columns"]) == {"region", "sales", "year"}
    assert body["kind"] == "parquet"


def test_describe_only_key_cannot_register_a_database_url(env, listener):
    for url in (f"sqlite:///{env['db']}",
                f"postgresql://netuser:pw@127.0.0.1:{listener.port}/db"):
        err = _refused(_register(env, {"name": "k", "url": url, "table": "api_keys"},
                                 key=env["describe_key"]), code="FORBIDDEN")
        assert "admin" in err["message"] and err["details"]["scope"] == "admin"
    assert _not_registered(env, "k")
    assert listener.connections == 0


def test_url_and_table_need_the_allow_list_even_for_an_admin_key(env, listener):
    outside = env["tmp"].parent / f"{env['tmp'].name}-other"
    _sqlite_db(outside / "exists.db")
    exists = _refused(_register(env, {"name": "k", "url": f"sqlite:///{outside}/exists.db",
                                      "table": "orders"}))
    missing = _refused(_register(env, {"name": "k", "url": f"sqlite:///{outside}/missing.db",
                                       "table": "orders"}))
    # The same answer whether the file exists or not.
    assert exists["message"].replace("exists.db", "X") == \
        missing["message"].replace("missing.db", "X")
    assert "NBDATACHAT_SQL_ALLOW" in exists["message"]
    pg = _refused(_register(env, {"name": "k", "table": "t",
                                  "url": f"postgresql://u:p@127.0.0.1:{listener.port}/db"}))
    assert "p@" not in pg["message"]  # the password is never echoed
    assert _not_registered(env, "k")
    assert listener.connections == 0


def test_path_holding_a_url_and_table_is_not_a_database(env):
    for path in (f"sqlite:///{env['db']}#api_keys", "sqlite:////etc/x.db#t",
                 f"{env['data']}/x.csv#sqlite://"):
        err = _refused(_register(env, {"name": "k", "path": path}), code="INVALID_REQUEST",
                       status=400)
        assert "url and table" in err["message"]
    assert _not_registered(env, "k")


def test_server_database_by_file_is_refused(env):
    data, db = env["data"], env["db"]
    (data / "link.db").symlink_to(db)
    (data / "link.csv").symlink_to(db)
    os.link(db, data / "hard.csv")
    os.link(db, data / "hard.db")
    dotted = data / ".." / "server" / "state.db"
    for body in ({"path": str(db)}, {"path": str(data / "link.csv")},
                 {"path": str(data / "hard.csv")}, {"path": str(dotted)},
                 {"path": str(db.parent / "datasets" / "x.csv")},
                 {"url": f"sqlite:///{db}", "table": "api_keys"},
                 {"url": f"sqlite:///{dotted}", "table": "api_keys"},
                 {"url": f"SQLITE:///{data / 'link.db'}", "table": "api_keys"},
                 {"url": f"sqlite:///{data / 'hard.db'}", "table": "api_keys"}):
        _refused(_register(env, {"name": "k", **body}))
    outside = _refused(_register(env, {"name": "k", "path": "/etc/passwd.csv"}))
    missing = _refused(_register(env, {"name": "k", "path": "/etc/nothing-here.csv"}))
    assert outside["message"].replace("passwd", "X") == \
        missing["message"].replace("nothing-here", "X")
    assert _not_registered(env, "k")


def test_server_database_by_url_is_refused_and_nothing_connects(env, listener):
    # The server's own database, spelt exactly as the server's own URL.
    _refused(_register(env, {"name": "k", "url": env["srv"].db_url, "table": "api_keys"}))
    # A PostgreSQL server database, named by another host spelling: refused in process,
    # before any connection, even when the allow-list names that host.
    os.environ["NBDATACHAT_SQL_ALLOW"] = "postgresql://*@127.0.0.1:*/*"
    try:
        cfg = ServerConfig(data_dir=str(env["tmp"] / "pgserver"),
                           db_url=f"postgresql://nbdc@localhost:{listener.port}/nbdc")
        policy = SourcePolicy.from_config(cfg)
        with pytest.raises(SourceNotAllowed):
            policy.check_sql_url(f"postgresql://other:pw@127.0.0.1:{listener.port}/nbdc")
        # another database on that server is a different source
        target = policy.check_sql_url(f"postgresql://other:pw@127.0.0.1:{listener.port}/shop")
        assert target.host == "127.0.0.1" and "connect_timeout=10" in target.connect_url
    finally:
        del os.environ["NBDATACHAT_SQL_ALLOW"]
    assert listener.connections == 0


def test_network_policy_refuses_local_ports_without_connecting(env, listener):
    closed = free_port()
    bodies = [_register(env, {"name": "k", "table": "t",
                              "url": f"postgresql://netuser:pw@127.0.0.1:{port}/db"})
              for port in (listener.port, closed)]
    errors = [_refused(r) for r in bodies]
    # Open and closed ports answer the same (only the URL echoed differs).
    assert errors[0]["message"].replace(str(listener.port), "P") == \
        errors[1]["message"].replace(str(closed), "P")
    for url in (f"postgresql://netuser@localhost:{listener.port}/db",
                f"postgresql://netuser@[::1]:{listener.port}/db",
                f"postgresql://netuser@0.0.0.0:{listener.port}/db",
                f"postgresql://netuser@169.254.169.254:{listener.port}/db",
                f"postgresql://netuser@example.com/db?host=127.0.0.1&port={listener.port}",
                "postgresql://netuser@example.com/db?hostaddr=127.0.0.1"):
        r = _register(env, {"name": "k", "table": "t", "url": url})
        assert r.status_code in (400, 403), (url, r.text)
        assert r.json()["error"]["code"] in ("SOURCE_NOT_ALLOWED", "INVALID_REQUEST")
    assert _not_registered(env, "k")
    assert listener.connections == 0


def test_allowed_database_errors_do_not_tell_missing_from_broken(env):
    (env["data"] / "junk.db").write_bytes(b"this is not a database" * 100)
    answers = [_register(env, {"name": "k", "table": "orders",
                               "url": f"sqlite:///{env['data'] / name}"}).json()["error"]
               for name in ("junk.db", "missing.db")]
    assert answers[0]["code"] == answers[1]["code"] == "DATA_LOAD_ERROR"
    assert answers[0]["message"].replace("junk", "X") == \
        answers[1]["message"].replace("missing", "X")
    assert not (env["data"] / "missing.db").exists()  # nothing was created either


def test_rows_registered_before_the_fix_are_refused_on_load(env):
    # A row a vulnerable version stored (no origin) pointing at the server's database.
    con = sqlite3.connect(env["db"])
    con.execute("insert into datasets (name, kind, location, table_name, description, "
                "project, created_by, created, modified) values ('legacy', 'sql', ?, "
                "'api_keys', '', 'Default', 'someone', 0, 0)", (f"sqlite:///{env['db']}",))
    con.commit()
    con.close()
    r = requests.post(f"{env['srv'].base_url}/tools/run", headers={"X-API-Key": API_KEY},
                      json={"taskList": {"inputs": {"name": "describe", "dataset": "legacy"}}})
    assert r.status_code == 400 and "Unknown dataset" in r.json()["error"]["message"]


def test_parse_sql_url_refuses_forms_that_escape_the_checks(tmp_path):
    for url in ("sqlite://", "sqlite:///:memory:", f"sqlite:///file:{tmp_path}/a.db?uri=true",
                f"sqlite:///{tmp_path}/a.db?mode=rwc", "postgresql:///db",
                "postgresql://u@h/db?host=/var/run/postgresql", "postgresql://u@h/db?service=x",
                "mssql://u@h/db", "not a url", "http://example.com/x"):
        with pytest.raises(InvalidRequest):
            parse_sql_url(url)
    t = parse_sql_url("POSTGRES://U:pw@DB.Example.com/shop?sslmode=require")
    assert t.canonical == "postgresql://U@db.example.com:5432/shop"
    assert t.connect_url.startswith("postgresql+psycopg://U:pw@DB.Example.com/shop?")
    rel = parse_sql_url("sqlite:///sub/../x.db", cwd=tmp_path)
    assert rel.path == (tmp_path / "x.db").resolve()
    assert json.dumps(rel.canonical).count("..") == 0


def test_a_checked_host_is_connected_to_by_the_checked_address(postgres_url, monkeypatch):
    """DNS rebinding: a name that resolves to an allowed address when checked and elsewhere
    when connected must not get past the policy. The URL the server connects with carries
    the checked address (``hostaddr``), and libpq really uses it: the name below resolves
    only in this process's Python resolver (where the check runs), never for libpq, yet the
    connection reaches the database."""
    import sqlalchemy as sa

    from nbdatachat.data import SQLTable
    from nbdatachat.data.sql_read import read_sql_table

    real = sa.make_url(postgres_url)
    with sa.create_engine(postgres_url).begin() as con:
        con.execute(sa.text("create table if not exists pinned (x int)"))
        con.execute(sa.text("delete from pinned"))
        con.execute(sa.text("insert into pinned values (1), (2), (3)"))
    name = "pinned-db.nbdatachat.invalid"
    real_getaddrinfo = socket.getaddrinfo
    answers = iter(["127.0.0.1", "10.1.2.3"])  # the second answer would be a rebind

    def getaddrinfo(host, *args, **kwargs):
        if host == name:
            ip = next(answers)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, args[0] if args else 0))]
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    policy = SourcePolicy(roots=(), private=(), server_db=None,
                          sql_allow=(f"postgresql://{real.username}@{name}:{real.port}/*",))
    url = real.set(host=name).render_as_string(hide_password=False)
    target = policy.check_sql_url(url)
    assert sa.make_url(target.connect_url).query["hostaddr"] == "127.0.0.1"
    frame = read_sql_table(SQLTable(target.connect_url, "pinned"))
    assert sorted(frame["x"]) == [1, 2, 3]
    assert next(answers) == "10.1.2.3"  # resolved once only: the connection did not ask again
