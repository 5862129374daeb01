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
                    f"{API_KEY_ENV}) a fresh API key is printed at start.")
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
    serve.add_argument("--allow-path", action="append", default=[], metavar="DIR",
                       help="Folders whose files may be registered by path (default: cwd).")
    serve.add_argument("--no-auth", action="store_true",
                       help="Accept requests without a key (only behind an authenticating "
                            "proxy such as Jupyter Server).")
    serve.add_argument("--no-dev-key", action="store_true",
                       help="Do not create and print a fresh key at start.")
    serve.add_argument("--root-path", default="", help="Base URL prefix behind a proxy.")
    serve.add_argument("--log-level", default="warning")
    serve.set_defaults(func=cmd_serve)

    keys = subparsers.add_parser("keys", help="Create, list and revoke API keys.")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True)
    create = keys_sub.add_parser("create", help="Create a key and print it (shown once).")
    create.add_argument("--name", required=True)
    create.add_argument("--tools", default=None, help="Comma-separated tools the key may run.")
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
    from ..store import parse_limits

    tools = [t.strip() for t in args.tools.split(",") if t.strip()] if args.tools else None
    if tools:
        from ..tools import get_tool

        for t in tools:
            get_tool(t)  # unknown tool -> clear error now, not a useless key
    store = _store(args)
    key, secret = store.keys.create(args.name, tools=tools, limits=parse_limits(args.rate_limit))
    print(secret)
    print(f"# id {key.id}, name {key.name!r}, tools {', '.join(tools) if tools else 'all'} "
          "(the key is shown once; it is stored hashed)", file=sys.stderr)
    return 0


def cmd_keys_list(args: argparse.Namespace) -> int:
    keys = _store(args).keys.list()
    print(f"{'id':<18} {'name':<24} {'status':<8} tools")
    for k in keys:
        status = "revoked" if k.revoked else "active"
        tools = ",".join(k.tools) if k.tools is not None else "all"
        print(f"{k.id:<18} {k.name:<24} {status:<8} {tools}")
    return 0


def cmd_keys_revoke(args: argparse.Namespace) -> int:
    revoked = _store(args).keys.revoke(args.key)
    for k in revoked:
        print(f"revoked {k.id} ({k.name})")
    return 0


def prepare(cfg: ServerConfig, *, api_key: str | None, dev_key: bool) -> tuple[Any, str | None]:
    """Once, before workers start: tables, crash recovery, preloads, keys."""
    from ..store import Store

    store = Store(cfg.resolved_db_url())
    recovered = store.recover_interrupted()
    if any(recovered.values()):
        print(f"nbdatachat: marked {recovered['jobs']} interrupted job(s) and "
              f"{recovered['threads']} thread run(s) as failed", file=sys.stderr)
    printed = None
    if cfg.auth:
        if api_key:
            key = store.keys.register(api_key, "env:" + API_KEY_ENV)
            if key.revoked:
                print(f"nbdatachat: warning: {API_KEY_ENV} is a revoked key", file=sys.stderr)
        elif dev_key:
            _, printed = store.keys.create("dev")
    return store, printed


def cmd_serve(args: argparse.Namespace) -> int:
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
                           allowed_roots=args.allow_path, preload=preload)
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
        print(f"dev API key (shown once): {printed}", flush=True)
    os.environ[CONFIG_ENV] = cfg.to_env()
    # Several workers each with a BLAS thread pool oversubscribe the cores and make small
    # solves 10x slower; one BLAS thread per worker unless the user chose otherwise.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    os.environ["NBDATACHAT_ROOT_PATH"] = args.root_path
    uvicorn.run("nbdatachat.server.app:app_from_env", factory=True, host=args.host,
                port=args.port, uds=args.uds, workers=max(1, args.workers),
                log_level=args.log_level, root_path=args.root_path, access_log=False,
                timeout_graceful_shutdown=5)
    return 0


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
