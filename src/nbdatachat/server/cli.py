"""``nbdatachat serve`` and ``nbdatachat keys``.

``add_commands(subparsers)`` plugs both into the main CLI; ``python -m nbdatachat.server`` runs
them stand-alone. ``serve`` prepares the database once (tables, interrupted jobs marked
failed, preloaded datasets, keys) and then starts uvicorn, with one or several workers that
each build the app from the same configuration.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import re
import sys
from typing import Any

from .config import CONFIG_ENV, ServerConfig

API_KEY_ENV = "NBDATACHAT_API_KEY"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def add_commands(subparsers: Any) -> None:
    """Add ``serve`` and ``keys`` to an argparse subparsers object."""
    serve = subparsers.add_parser(
        "serve", help="Run the REST API server (seeds 000/001/003/004) on uvicorn.",
        description="Run the embedded REST server. In dev mode (loopback host, no "
                    f"{API_KEY_ENV}) a dev API key is printed at start: created once, kept in "
                    f"<data dir>/dev-key (mode 600) and reused while it is not revoked.")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--uds", default=None, help="Listen on this Unix socket instead.")
    serve.add_argument("--db-url", default=None,
                       help="SQLAlchemy URL (default: $NBDATACHAT_DB_URL or a SQLite file in "
                            "the data dir).")
    serve.add_argument("--data-dir", default=None,
                       help="Where the SQLite file and uploads live (default ~/.nbdatachat).")
    serve.add_argument("--dataset", action="append", default=[], metavar="NAME=PATH",
                       help="Preload a dataset (file path, or SQL_URL#table). Repeatable.")
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes.")
    serve.add_argument("--rate-limit", default=None, metavar="N/minute,N/hour,N/day",
                       help="Default per-key rate limits (default: unlimited).")
    serve.add_argument("--max-body-mb", type=float, default=10.0)
    serve.add_argument("--lease-secs", type=float, default=30.0,
                       help="A job or thread run whose process stops renewing it for this "
                            "long (killed worker or host) is failed by the others.")
    serve.add_argument("--allow-path", action="append", default=[], metavar="DIR",
                       help="Folders whose files may be registered by path (default: cwd). "
                            "The server's data dir and database are never readable.")
    serve.add_argument("--allow-sql", action="append", default=[], metavar="URL_PATTERN",
                       help="Database URLs that admin keys may register as datasets, as "
                            "shell-style patterns matched against backend://user@host:port/db "
                            "or sqlite:////resolved/path (e.g. 'sqlite:////srv/data/*.db', "
                            "'postgresql://reader@db.internal:5432/*'). Repeatable; "
                            "$NBDATACHAT_SQL_ALLOW adds comma-separated patterns. Default: "
                            "none (no database URL can be registered over HTTP). Private "
                            "hosts only when a pattern names the host exactly.")
    serve.add_argument("--no-auth", action="store_true",
                       help="Accept requests without a key (only behind an authenticating "
                            "proxy such as Jupyter Server).")
    serve.add_argument("--no-dev-key", action="store_true",
                       help="Do not create and print a fresh key at start.")
    serve.add_argument("--root-path", default="", help="Base URL prefix behind a proxy.")
    serve.add_argument("--planner", choices=["rules", "llm", "auto"], default=None,
                       help="Who reads questions (default: NBDATACHAT_PLANNER; rules without "
                            "a model, auto with one).")
    serve.add_argument("--llm-model", default="", help="Model name (NBDATACHAT_LLM_MODEL).")
    serve.add_argument("--llm-base-url", default="",
                       help="Model API base URL (NBDATACHAT_LLM_BASE_URL); the key is read "
                            "from NBDATACHAT_LLM_API_KEY.")
    serve.add_argument("--llm-provider", choices=["openai", "ollama", "anthropic"],
                       default=None, help="Model wire format (NBDATACHAT_LLM_PROVIDER).")
    serve.add_argument("--no-mcp", action="store_true", help="Do not serve MCP at /mcp.")
    serve.add_argument("--log-level", default="warning")
    serve.set_defaults(func=cmd_serve)

    keys = subparsers.add_parser("keys", help="Create, list and revoke API keys.")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True)
    create = keys_sub.add_parser("create", help="Create a key and print it (shown once).")
    create.add_argument("--name", required=True)
    create.add_argument("--tools", default=None, help="Comma-separated tools the key may run.")
    create.add_argument("--scopes", default=None,
                        help="Comma-separated scopes: tools, chat, kb, datasets:write, admin "
                             "(default: all but admin). admin may register database URLs.")
    create.add_argument("--tenant", default=None,
                        help="Tenant whose resources (conversations, jobs, datasets, chatbots) "
                             "the key shares; default: the key's own.")
    create.add_argument("--rate-limit", default=None, metavar="N/minute,N/hour,N/day")
    create.add_argument("--db-url", default=None)
    create.add_argument("--data-dir", default=None)
    create.set_defaults(func=cmd_keys_create)
    lst = keys_sub.add_parser("list", help="List keys (never the secrets).")
    lst.add_argument("--db-url", default=None)
    lst.add_argument("--data-dir", default=None)
    lst.set_defaults(func=cmd_keys_list)
    revoke = keys_sub.add_parser("revoke", help="Revoke a key by id or name.")
    revoke.add_argument("key", help="Key id (key_...) or name.")
    revoke.add_argument("--db-url", default=None)
    revoke.add_argument("--data-dir", default=None)
    revoke.set_defaults(func=cmd_keys_revoke)


def _store(args: argparse.Namespace) -> Any:
    from ..store import Store

    cfg = ServerConfig(db_url=args.db_url, data_dir=args.data_dir)
    return Store(cfg.resolved_db_url())


def cmd_keys_create(args: argparse.Namespace) -> int:
    from ..store import parse_limits, parse_scopes

    tools = [t.strip() for t in args.tools.split(",") if t.strip()] if args.tools else None
    scopes = parse_scopes(args.scopes)
    if args.tenant is not None and not re.fullmatch(r"[A-Za-z0-9_.-]{1,100}", args.tenant):
        print("nbdatachat keys create: --tenant takes 1-100 letters, digits, '_', '.', '-'",
              file=sys.stderr)
        return 2
    if tools:
        from ..tools import get_tool

        for t in tools:
            get_tool(t)  # unknown tool -> clear error now, not a useless key
    store = _store(args)
    key, secret = store.keys.create(args.name, tools=tools, limits=parse_limits(args.rate_limit),
                                    scopes=scopes, tenant=args.tenant)
    print(secret)
    print(f"# id {key.id}, name {key.name!r}, tools {', '.join(tools) if tools else 'all'}, "
          f"scopes {','.join(key.scopes)}, tenant {key.tenant} (the key is shown once; it is "
          f"stored hashed)",
          file=sys.stderr)
    return 0


def cmd_keys_list(args: argparse.Namespace) -> int:
    keys = _store(args).keys.list()
    print(f"{'id':<18} {'name':<24} {'status':<8} {'scopes':<36} tools")
    for k in keys:
        status = "revoked" if k.revoked else "active"
        tools = ",".join(k.tools) if k.tools is not None else "all"
        print(f"{k.id:<18} {k.name:<24} {status:<8} {','.join(k.scopes):<36} {tools}")
    return 0


def cmd_keys_revoke(args: argparse.Namespace) -> int:
    revoked = _store(args).keys.revoke(args.key)
    for k in revoked:
        print(f"revoked {k.id} ({k.name})")
    return 0


def prepare(cfg: ServerConfig, *, api_key: str | None, dev_key: bool) -> tuple[Any, str | None]:
    """Once, before workers start: tables, crash recovery, preloads, keys."""
    from ..store import SCOPES, Store

    store = Store(cfg.resolved_db_url())
    recovered = store.recover_interrupted()
    if any(recovered.values()):
        print(f"nbdatachat: marked {recovered['jobs']} interrupted job(s) and "
              f"{recovered['threads']} thread run(s) as failed", file=sys.stderr)
    printed = None
    if cfg.auth:
        if api_key:
            # The operator's own key: every scope, admin included.
            key = store.keys.register(api_key, "env:" + API_KEY_ENV, scopes=SCOPES)
            if key.revoked:
                print(f"nbdatachat: warning: {API_KEY_ENV} is a revoked key", file=sys.stderr)
        elif dev_key:
            printed = _dev_key(store, cfg)
    return store, printed


def _dev_key(store: Any, cfg: ServerConfig) -> str:
    """The dev key of this data dir: the one saved in ``dev-key`` while it is still active,
    else a new one (saved, readable by the user only). One key, not one per start."""
    from ..store import SCOPES

    path = cfg.resolved_data_dir() / "dev-key"
    try:
        secret = path.read_text().strip()
    except OSError:
        secret = ""
    if secret and store.keys.authenticate(secret) is not None:
        return secret
    _, secret = store.keys.create("dev", scopes=SCOPES)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(secret + "\n")
    os.chmod(path, 0o600)
    return secret


def cmd_serve(args: argparse.Namespace) -> int:
    from ..extras import require

    require("server", "nbdatachat serve")
    import uvicorn

    from ..errors import NbDataChatError
    from ..store import parse_limits

    preload = {}
    for item in args.dataset:
        if "=" not in item:
            print(f"--dataset expects NAME=PATH, got {item!r}", file=sys.stderr)
            return 2
        name, path = item.split("=", 1)
        preload[name.strip()] = path.strip()
    try:
        cfg = ServerConfig(db_url=args.db_url, data_dir=args.data_dir, auth=not args.no_auth,
                           rate_limits=parse_limits(args.rate_limit),
                           max_body_bytes=int(args.max_body_mb * 1024 * 1024),
                           allowed_roots=args.allow_path, sql_allow=args.allow_sql,
                           preload=preload, lease_secs=max(1.0, args.lease_secs),
                           planner=args.planner, llm_model=args.llm_model,
                           llm_base_url=args.llm_base_url, llm_provider=args.llm_provider,
                           mcp=not args.no_mcp)
        dev = not args.no_dev_key and (_is_loopback(args.host) or bool(args.uds))
        store, printed = prepare(cfg, api_key=os.environ.get(API_KEY_ENV), dev_key=dev)
        if preload:
            from .app import ServerState

            ServerState(cfg).close()  # registers and persists the preloads once
            cfg.preload = {}
        store.close()
    except NbDataChatError as exc:
        print(f"nbdatachat serve: {exc.message}", file=sys.stderr)
        return 2
    where = args.uds or f"http://{args.host}:{args.port}"
    print(f"nbdatachat REST API on {where}{args.root_path}  (docs: /docs, db: "
          f"{cfg.resolved_db_url()})", flush=True)
    if printed:
        print(f"dev API key: {printed}  (kept in {cfg.resolved_data_dir() / 'dev-key'})",
              flush=True)
    os.environ[CONFIG_ENV] = cfg.to_env()
    # Several workers each with a BLAS thread pool oversubscribe the cores and make small
    # solves 10x slower; one BLAS thread per worker unless the user chose otherwise.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    os.environ["NBDATACHAT_ROOT_PATH"] = args.root_path
    uvicorn.run("nbdatachat.server.app:app_from_env", factory=True, host=args.host,
                port=args.port, uds=args.uds, workers=max(1, args.workers),
                log_level=args.log_level, root_path=args.root_path, access_log=False,
                http="nbdatachat.server.protocol:HeaderTimeoutProtocol",
                timeout_graceful_shutdown=5,
                timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECS)
    return 0


#: How long uvicorn waits for a worker to answer its health ping before killing it as hung.
#: A worker running a model fit can hold the GIL for seconds at a time (statsmodels' Kalman
#: filter), so uvicorn's default of 5 s killed busy, healthy workers under load and lost every
#: job they were running. A dead worker is still replaced at once (its process is gone).
WORKER_HEALTHCHECK_SECS = 60


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nbdatachat")
    sub = parser.add_subparsers(dest="command", required=True)
    add_commands(sub)
    args = parser.parse_args(argv)
    from ..errors import NbDataChatError

    try:
        return int(args.func(args) or 0)
    except NbDataChatError as exc:
        print(f"nbdatachat {args.command}: {exc.message}", file=sys.stderr)
        return 2
