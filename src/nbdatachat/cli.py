"""The ``nbdatachat`` command: analysis tools, datasets and the server from a shell.

::

    nbdatachat tools                         # name, category, description of every tool
    nbdatachat schema linear_regression      # input schema + example (JSON)
    nbdatachat run-tool linear_regression --data sales --target sales --features marketing price
    nbdatachat run-tool arima --data sales.csv --target sales --option date=month \\
        --option aggregate=sum --option horizon=6 --json
    nbdatachat datasets                      # the catalog
    nbdatachat profile orders.csv            # columns: kind, distinct values, examples
    nbdatachat demo                          # the end-to-end demo

Errors a user can fix print one message on stderr and exit with status 2 (no traceback).
Imports are lazy so the command starts fast. Other parts of the package add subcommands
through :data:`EXTERNAL_COMMANDS` (``serve`` and ``keys`` live in the server package).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ._version import __version__

# Subcommands implemented elsewhere: command name -> "module:function". The function is
# called with argparse's subparsers object and adds its commands, each setting ``func``
# (``args.func(args) -> int``). Its module is imported only when one of its commands is
# used (or for ``--help``), so ``nbdatachat tools`` never pays for the server's imports.
EXTERNAL_COMMANDS: dict[str, str] = {
    "serve": "nbdatachat.server.cli:add_commands",
    "keys": "nbdatachat.server.cli:add_commands",
    "mcp": "nbdatachat.mcp_server.cli:add_commands",
}

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2


def _width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 160))


def _print_json(value: Any) -> None:
    from .jsonable import to_jsonable

    print(json.dumps(to_jsonable(value), indent=2, ensure_ascii=False))


# ------------------------------------------------------------------------- commands


def cmd_tools(args: argparse.Namespace) -> int:
    from .textfmt import format_table
    from .tools import get_tool, tool_names

    tools = [get_tool(n) for n in tool_names()]
    if args.json:
        _print_json([{"name": t.name, "category": t.category, "version": t.version,
                      "description": t.description} for t in tools])
        return EXIT_OK
    rows = [{"name": t.name, "category": t.category, "description": t.description}
            for t in tools]
    print(format_table(rows, max_rows=0, max_width=_width()))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .tools import tool_schema

    _print_json(tool_schema(args.name))
    return EXIT_OK


def parse_option(text: str) -> tuple[str, Any]:
    """``k=v`` with ``v`` read as JSON when it is JSON (``3``, ``true``, ``[1,1,1]``), else
    as a string (``date=month``)."""
    from .errors import InvalidRequest

    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise InvalidRequest(f"--option {text!r} is not of the form key=value, e.g. "
                             f"--option horizon=12.", details={"parameter": "option"})
    try:
        return key, json.loads(raw)
    except json.JSONDecodeError:
        return key, raw


def cmd_run_tool(args: argparse.Namespace) -> int:
    from .errors import InvalidRequest
    from .textfmt import format_result
    from .tools import run_tool

    inputs: dict[str, Any] = {"dataset": args.data}
    if args.target is not None:
        inputs["target"] = args.target
    if args.features:
        inputs["features"] = list(args.features)
    for opt in args.option or []:
        key, value = parse_option(opt)
        if key in inputs:
            raise InvalidRequest(f"{key!r} is given twice; pass it once.",
                                 details={"parameter": key})
        inputs[key] = value
    result = run_tool(args.name, **inputs)
    if args.json:
        _print_json(result.to_dict())
        return EXIT_OK
    print(format_result(result, width=_width()))  # data-reading warnings are included
    return EXIT_OK


def cmd_datasets(args: argparse.Namespace) -> int:
    from .data import default_catalog
    from .textfmt import format_table

    entries = default_catalog().entries()
    if args.json:
        _print_json([e.to_dict() for e in entries])
        return EXIT_OK
    rows = [{"name": e.name, "kind": "demo" if e.demo else e.kind,
             "description": e.description} for e in entries]
    print(format_table(rows, max_rows=0, max_width=_width()))
    return EXIT_OK


def cmd_profile(args: argparse.Namespace) -> int:
    from .data import describe_schema
    from .textfmt import format_bullets, format_table, format_value

    schema = describe_schema(args.data, examples=args.examples)
    if args.json:
        _print_json(schema)
        return EXIT_OK
    rows = [{"column": c["name"], "kind": c["kind"], "dtype": c["dtype"],
             "distinct": ("~" if c["n_unique_approx"] else "") + str(c["n_unique"]),
             "missing": c["n_missing"],
             "examples": ", ".join(format_value(v) for v in c["examples"])}
            for c in schema["columns"]]
    print(format_table(rows, title=f"{schema['name']}: {schema['n_rows']} rows, "
                                    f"{len(rows)} columns", max_rows=0, max_width=_width()))
    from .data import as_dataset

    notes = as_dataset(args.data).warnings
    if notes:
        print()
        print(format_bullets(notes, title="Data warnings", width=_width()))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import main as demo_main

    return demo_main([])


# ------------------------------------------------------------------------- parser


def _add_builtin(sub: Any) -> None:
    p = sub.add_parser("tools", help="List the analysis tools.")
    p.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    p.set_defaults(func=cmd_tools)

    p = sub.add_parser("schema", help="Print a tool's input schema and example (JSON).")
    p.add_argument("name", help="Tool name, e.g. linear_regression.")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser(
        "run-tool", help="Run an analysis tool on a file or a catalog dataset.",
        description="Run an analysis tool and print its key numbers, tables and insights.",
        epilog="Tool options: --option key=value, value read as JSON when possible "
               "(--option horizon=6 --option order=[1,1,1] --option group=region).")
    p.add_argument("name", help="Tool name (see `nbdatachat tools`).")
    p.add_argument("--data", "-d", required=True, metavar="FILE_OR_DATASET",
                   help="CSV/TSV/Parquet/JSON file, or a dataset name (see `nbdatachat "
                        "datasets`).")
    p.add_argument("--target", "-t", help="Column to explain or forecast.")
    p.add_argument("--features", "-f", nargs="+", metavar="COLUMN",
                   help="Explanatory columns.")
    p.add_argument("--option", "-o", action="append", metavar="KEY=VALUE",
                   help="Any other tool input; repeatable.")
    p.add_argument("--json", action="store_true", help="Print the result as JSON.")
    p.set_defaults(func=cmd_run_tool)

    p = sub.add_parser("datasets", help="List the datasets in the catalog.")
    p.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    p.set_defaults(func=cmd_datasets)

    p = sub.add_parser("profile", help="Describe the columns of a file or dataset.")
    p.add_argument("data", metavar="FILE_OR_DATASET")
    p.add_argument("--examples", type=int, default=3, help="Example values per column.")
    p.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    p.set_defaults(func=cmd_profile)

    p = sub.add_parser("demo", help="Run the end-to-end demo on the bundled sales data.")
    p.set_defaults(func=cmd_demo)


def _load_provider(spec: str) -> Callable[[Any], None]:
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The argument parser; external providers are loaded only for the command in
    ``argv`` (or all of them when no command is given, for ``--help``)."""
    parser = argparse.ArgumentParser(
        prog="nbdatachat", description="Talk to your data: analysis tools, datasets, server.")
    parser.add_argument("--version", action="version", version=f"nbdatachat {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_builtin(sub)
    wanted = next((a for a in argv if not a.startswith("-")), None)
    for spec in dict.fromkeys(EXTERNAL_COMMANDS.values()):
        names = [n for n, s in EXTERNAL_COMMANDS.items() if s == spec]
        if wanted is None or wanted in names:
            try:
                _load_provider(spec)(sub)
                continue
            except (ImportError, AttributeError) as exc:
                reason = f"not available in this installation ({exc})"
        else:
            reason = ""
        for n in names:
            stub = sub.add_parser(n, help=reason or f"(see `nbdatachat {n} --help`)",
                                  add_help=False)
            stub.set_defaults(func=_unavailable(n, reason))
    return parser


def _unavailable(name: str, reason: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        print(f"error: the {name} command is {reason or 'not available'}.", file=sys.stderr)
        return EXIT_USAGE
    return run


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``nbdatachat`` command; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    from .errors import NbDataChatError

    try:
        return int(args.func(args) or 0)
    except NbDataChatError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `nbdatachat tools | head`
        return EXIT_OK
    except Exception as exc:  # a bug: one line, full traceback only on request
        if os.environ.get("NBDATACHAT_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc} (set NBDATACHAT_DEBUG=1 for the "
              f"traceback)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
