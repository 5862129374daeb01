"""Named datasets of the server: the catalog plus a persisted registry.

What seed 001 calls a *collection* and seed 003 an *application* (``model``) is a catalog
entry. Datasets added through the API (upload, server path, SQL table) or ``serve --dataset``
are written to the ``datasets`` table and re-registered at start-up and on demand, so every
worker process and every restart sees them. Uploaded files live in ``<data_dir>/datasets``.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from ..data import Dataset, SQLTable, safe_name
from ..data.readers import TABULAR_SUFFIXES
from ..errors import Conflict, DataError, InvalidRequest, NotFound, closest
from .errors import Forbidden

log = logging.getLogger("nbdatachat.server")

_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\- ]{0,99}$")
_KINDS = {".parquet": "parquet", ".pq": "parquet", ".json": "json", ".jsonl": "json",
          ".ndjson": "json"}


def kind_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in TABULAR_SUFFIXES:
        raise InvalidRequest(f"Unsupported file type {suffix or '(none)'!r}; send a CSV, TSV, "
                             f"Parquet or JSON file.",
                             details={"parameter": "file", "accepted": sorted(TABULAR_SUFFIXES)})
    return _KINDS.get(suffix, "csv")


def check_name(name: str | None) -> str:
    name = (name or "").strip()
    if not _NAME.match(name):
        raise InvalidRequest(f"Invalid dataset name {name!r}: use 1-100 letters, digits, '_', "
                             f"'-', '.' or spaces, starting with a letter, digit or '_'.",
                             details={"parameter": "name"})
    return name


def _source(row: dict[str, Any]) -> Any:
    if row["kind"] == "sql":
        return SQLTable(row["location"], row["table_name"])
    return row["location"]


def _register_row(state: Any, row: dict[str, Any]) -> Dataset:
    return state.catalog.register(row["name"], _source(row), description=row["description"])


def load_registered(state: Any) -> None:
    """Register every persisted dataset (lazily: nothing is read until first use)."""
    for name, location in (state.config.preload or {}).items():
        try:
            register(state, name, location=location, replace=True, created_by="serve")
        except Exception as exc:  # a bad preload must not stop the server
            log.warning("cannot preload dataset %s=%s: %s", name, location, exc)
    for row in state.store.datasets.list():
        if row["name"] in state.catalog and not state.catalog.entry(row["name"]).demo \
                and row["name"] not in (state.config.preload or {}):
            continue
        try:
            _register_row(state, row)
        except Exception as exc:
            log.warning("registered dataset %s is unavailable: %s", row["name"], exc)


def lookup(state: Any, name: str) -> Dataset | None:
    """The dataset called ``name``: from the catalog, else from the registry (another worker
    may have registered it since this process started)."""
    if name in state.catalog:
        return state.catalog.get(name)
    row = state.store.datasets.get(name)
    if row is None:
        return None
    try:
        return _register_row(state, row)
    except Exception:
        return None


def require(state: Any, name: str, *, role: str = "dataset") -> Dataset:
    ds = lookup(state, name) if isinstance(name, str) else None
    if ds is None:
        names = state.catalog.names()
        hints = closest(str(name), names)
        hint = f" Did you mean {hints[0]!r}?" if hints else ""
        raise NotFound(f"Unknown {role} {name!r}.{hint} Available: {', '.join(names)}.",
                       details={role: name, "available": names, "suggestions": hints})
    return ds


def _inside_roots(state: Any, path: Path) -> Path:
    resolved = path.expanduser().resolve()
    roots = state.config.roots()
    if not any(resolved == r or r in resolved.parents for r in roots):
        raise Forbidden(f"{str(path)!r} is outside the folders this server may read "
                        f"({', '.join(map(str, roots))}); upload the file instead, or start "
                        f"the server with --allow-path.", details={"path": str(path)})
    return resolved


def register(state: Any, name: str, *, location: str | None = None, url: str | None = None,
             table: str | None = None, description: str = "", project: str = "Default",
             replace: bool = False, created_by: str | None = None,
             check_roots: bool = False) -> dict[str, Any]:
    """Register a file path (``location``) or an SQL table (``url`` + ``table``) as ``name``;
    persist it and check that it loads, so that a bad file fails now with a clear error."""
    name = check_name(name)
    if name in state.catalog and not replace and not state.catalog.entry(name).demo:
        raise Conflict(f"A dataset named {name!r} already exists; choose another name or send "
                       f'"replace": true.', details={"name": name})
    if location and "#" in location and "://" in location and not url:
        url, table = location.split("#", 1)
        location = None
    if url:
        if not table:
            raise InvalidRequest("An SQL dataset needs both url and table.",
                                 details={"parameter": "table"})
        kind, where = "sql", url
        source: Any = SQLTable(url, table)
    elif location:
        path = Path(location)
        if check_roots:
            path = _inside_roots(state, path)
        if not path.exists():
            raise DataError(f"File not found: {location}.", details={"path": location})
        kind, where, source = kind_of(path), str(path.resolve()), path.resolve()
    else:
        raise InvalidRequest("Send either path (a CSV/Parquet/JSON file) or url and table.",
                             details={"parameter": "path"})
    ds = state.catalog.register(name, source, description=description)
    try:
        frame = ds.frame()
    except Exception:
        state.catalog.remove(name)
        raise
    row = state.store.datasets.upsert(name=name, kind=kind, location=where, table_name=table,
                                      description=description, project=project or "Default",
                                      created_by=created_by)
    return info(state, name, row=row, frame=frame)


def save_upload(state: Any, name: str, filename: str, data: bytes) -> Path:
    kind_of(filename)
    folder = state.data_dir / "datasets"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{safe_name(name)}{Path(filename).suffix.lower()}"
    path.write_bytes(data)
    return path


def info(state: Any, name: str, *, row: dict[str, Any] | None = None,
         frame: Any = None) -> dict[str, Any]:
    """Description of a dataset for the API: kind, project, columns and size."""
    ds = require(state, name)
    entry = state.catalog.entry(name)
    row = row if row is not None else state.store.datasets.get(name)
    out: dict[str, Any] = {
        "name": name, "description": ds.description or entry.description, "kind": ds.kind,
        "demo": entry.demo, "projectName": (row or {}).get("project", "Default"),
        "created": (row or {}).get("created", entry.created),
        "modified": (row or {}).get("modified", entry.created),
    }
    if frame is not None:
        out["columns"] = [str(c) for c in frame.columns]
        out["rows"] = int(len(frame))
    return out


def all_entries(state: Any) -> list[dict[str, Any]]:
    """Every dataset (catalog plus registry rows not loaded in this process yet)."""
    rows = {r["name"]: r for r in state.store.datasets.list()}
    for name in rows:
        if name not in state.catalog:
            lookup(state, name)
    out = []
    for entry in state.catalog.entries():
        row = rows.get(entry.name) or {}
        out.append({"name": entry.name, "description": entry.description, "kind": entry.kind,
                    "demo": entry.demo, "projectName": row.get("project", "Default"),
                    "createdBy": row.get("created_by") or ("nbdatachat" if entry.demo
                                                           else None),
                    "created": row.get("created", entry.created),
                    "modified": row.get("modified", entry.created)})
    return out
