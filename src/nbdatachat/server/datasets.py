"""Named datasets of the server: the catalog plus a persisted registry.

What seed 001 calls a *collection* and seed 003 an *application* (``model``) is a catalog
entry. Datasets added through the API (upload, server path, SQL table) or ``serve --dataset``
are written to the ``datasets`` table and re-registered at start-up and on demand, so every
worker process and every restart sees them. Uploaded files live in ``<data_dir>/datasets``.

Datasets belong to a tenant (:attr:`ApiKey.tenant`): one registered over HTTP is seen only
by its tenant, under the key ``"<tenant>/<name>"`` in the catalog and the registry (names a
client sends never contain ``/``); the catalog's demo datasets and ``serve --dataset`` are
shared read-only, and only an admin key may replace or delete them.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from ..data import Dataset, SQLTable, safe_name
from ..data.readers import TABULAR_SUFFIXES
from ..errors import Conflict, DataError, InvalidRequest, NbDataChatError, NotFound, closest
from .errors import Forbidden
from .sources import opening_failed

log = logging.getLogger("nbdatachat.server")

_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\- ]{0,99}$")
_KINDS = {".parquet": "parquet", ".pq": "parquet", ".json": "json", ".jsonl": "json",
          ".ndjson": "json"}


def kind_of(path: str | Path) -> str:
    if Path(path).is_dir():  # a directory of (hive-partitioned) Parquet files
        return "parquet"
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


def _origin(state: Any, row: dict[str, Any]) -> str:
    """How a registry row came to be: ``operator`` (``serve --dataset``), ``upload`` (a
    file this server wrote) or ``api`` (a path or URL a client named). Rows from before
    the column existed: uploads are recognised by their folder, the rest count as ``api``."""
    if row.get("origin"):
        return row["origin"]
    uploads = (state.data_dir / "datasets").resolve()
    if row["kind"] != "sql" and uploads in Path(row["location"]).resolve().parents:
        return "upload"
    return "operator" if row.get("created_by") == "serve" else "api"


def _source(state: Any, row: dict[str, Any]) -> Any:
    """The source of a registry row, checked again against today's policy (the allow-list
    or ``--allow-path`` may have changed since it was registered)."""
    origin = _origin(state, row)
    if row["kind"] == "sql":
        target = state.sources.check_sql_url(row["location"], trusted=origin == "operator")
        return SQLTable(target.connect_url, row["table_name"])
    if origin == "api":
        return state.sources.check_path(row["location"])
    return row["location"]


def _register_row(state: Any, row: dict[str, Any]) -> Dataset:
    return state.catalog.register(row["name"], _source(state, row),
                                  description=row["description"])


def load_registered(state: Any) -> None:
    """Register every persisted dataset (lazily: nothing is read until first use)."""
    for name, location in (state.config.preload or {}).items():
        try:
            register(state, name, location=location, replace=True, created_by="serve",
                     origin="operator")
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


def registry_key(tenant: str | None, name: str) -> str:
    """The catalog / registry key of ``name``: itself when shared, ``tenant/name`` when
    owned."""
    return name if tenant is None else f"{tenant}/{name}"


def _by_key(state: Any, key: str) -> Dataset | None:
    if key in state.catalog:
        return state.catalog.get(key)
    row = state.store.datasets.get(key)  # another worker may have registered it since
    if row is None:
        return None
    try:
        return _register_row(state, row)
    except Exception:
        return None


def resolve(state: Any, name: str, tenant: str | None = None) -> tuple[str, Dataset] | None:
    """(registry key, dataset) of what ``name`` means for ``tenant``: its own dataset of
    that name, else the shared one; None if neither exists (or the name is not valid)."""
    if not isinstance(name, str) or "/" in name or not name.strip():
        return None
    keys = [registry_key(tenant, name), name] if tenant is not None else [name]
    for key in keys:
        ds = _by_key(state, key)
        if ds is not None:
            return key, ds
    return None


def lookup(state: Any, name: str, tenant: str | None = None) -> Dataset | None:
    """The dataset ``name`` as ``tenant`` sees it (named ``name`` in answers), or None."""
    found = resolve(state, name, tenant)
    if found is None:
        return None
    key, ds = found
    return ds if key == name else ds.renamed(name)


def visible_names(state: Any, tenant: str | None) -> list[str]:
    """Dataset names ``tenant`` may use: the shared ones and its own."""
    prefix = f"{tenant}/" if tenant is not None else None
    out = []
    for key in state.catalog.names():
        if "/" not in key:
            out.append(key)
        elif prefix and key.startswith(prefix):
            out.append(key[len(prefix):])
    return sorted(set(out), key=out.index)


def require(state: Any, name: str, tenant: str | None = None, *,
            role: str = "dataset") -> Dataset:
    ds = lookup(state, name, tenant) if isinstance(name, str) else None
    if ds is None:
        names = visible_names(state, tenant)
        hints = closest(str(name), names)
        hint = f" Did you mean {hints[0]!r}?" if hints else ""
        raise NotFound(f"Unknown {role} {name!r}.{hint} Available: {', '.join(names)}.",
                       details={role: name, "available": names, "suggestions": hints})
    return ds


def _shared(state: Any, name: str) -> bool:
    return name in state.catalog or state.store.datasets.get(name) is not None


def register(state: Any, name: str, *, location: str | None = None, url: str | None = None,
             table: str | None = None, description: str = "", project: str = "Default",
             replace: bool = False, created_by: str | None = None,
             origin: str = "api", tenant: str | None = None,
             admin: bool = False) -> dict[str, Any]:
    """Register a file path (``location``) or an SQL table (``url`` + ``table``) as ``name``;
    persist it and check that it loads, so that a bad file fails now with a clear error.

    ``origin`` says who named the source: ``"api"`` (a client: the path must pass
    ``--allow-path`` and the URL the SQL allow-list and network policy, see
    :mod:`.sources`), ``"upload"`` (a file this server just wrote) or ``"operator"``
    (``serve --dataset``, which may also write ``URL#table`` as the location). The
    route checks beforehand that the key may register by URL at all.

    ``tenant`` owns the new dataset (None: shared, for the operator's preloads). A name
    already used by a shared dataset can only be replaced, by an ``admin`` key."""
    name = check_name(name)
    if tenant is not None and _shared(state, name):
        if not (replace and admin):
            raise (Forbidden if replace else Conflict)(
                f"{name!r} is a shared dataset: choose another name"
                + ("; replacing it needs an admin key." if replace else
                   ' (an admin key may replace it with "replace": true).'),
                details={"name": name})
        tenant = None  # an admin replacing a shared dataset keeps it shared
    key = registry_key(tenant, name)
    if key in state.catalog and not replace and not state.catalog.entry(key).demo:
        raise Conflict(f"A dataset named {name!r} already exists; choose another name or send "
                       f'"replace": true.', details={"name": name})
    if origin == "operator" and location and "#" in location and "://" in location \
            and not url:
        url, table = location.split("#", 1)
        location = None
    if url:
        if not table or not str(table).strip():
            raise InvalidRequest("An SQL dataset needs both url and table.",
                                 details={"parameter": "table"})
        target = state.sources.check_sql_url(url, trusted=origin == "operator")
        kind, where = "sql", url
        source: Any = SQLTable(target.connect_url, table)
        shown = _shown_url(target.connect_url)
    elif location:
        if origin == "api":
            path = state.sources.check_path(location)
        else:
            path = Path(location).expanduser().resolve()
        if not path.exists():
            raise DataError(f"File not found: {location}.", details={"path": location})
        kind, where, source = kind_of(path), str(path), path
    else:
        raise InvalidRequest("Send either path (a CSV/Parquet/JSON file) or url and table.",
                             details={"parameter": "path"})
    previous = state.catalog.get(key) if key in state.catalog else None
    ds = state.catalog.register(key, source, description=description)
    try:
        frame = _shape(ds)
    except NbDataChatError as exc:
        _restore(state, key, previous)
        if kind == "sql" and "available" not in exc.details:
            # Connected or not, the client learns only that it could not be opened.
            log.warning("dataset %s: cannot open %s: %s", name, shown, exc.message)
            raise opening_failed(shown, table) from None
        raise
    except Exception:
        _restore(state, key, previous)
        raise
    row = state.store.datasets.upsert(name=key, kind=kind, location=where, table_name=table,
                                      description=description, project=project or "Default",
                                      created_by=created_by, origin=origin, tenant=tenant)
    return info(state, key, name, row=row, frame=frame)


def _restore(state: Any, key: str, previous: Dataset | None) -> None:
    """Undo a failed registration: the dataset it would have replaced comes back."""
    if previous is not None:
        state.catalog.register(key, previous, description=previous.description)
    else:
        state.catalog.remove(key)


def delete(state: Any, name: str, tenant: str | None, *, admin: bool = False) -> None:
    """Remove ``tenant``'s dataset ``name``, or with an admin key a shared one."""
    found = resolve(state, name, tenant)
    if found is None:
        require(state, name, tenant)  # raises NotFound with the names to choose from
        return
    key, _ = found
    if key == name and tenant is not None and not admin:
        raise Forbidden(f"{name!r} is a shared dataset: deleting it needs an admin key.",
                        details={"name": name})
    if key in state.catalog:
        state.catalog.remove(key)
    state.store.datasets.delete(key)


def _shown_url(url: str) -> str:
    import sqlalchemy as sa

    return sa.make_url(url).render_as_string(hide_password=True)


def save_upload(state: Any, name: str, filename: str, data: bytes) -> Path:
    kind_of(filename)
    folder = state.data_dir / "datasets"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{safe_name(name)}{Path(filename).suffix.lower()}"
    path.write_bytes(data)
    return path


class _Shape:
    """Columns and row count of a dataset, as far as ``info`` needs a frame."""

    def __init__(self, columns: list[str], rows: int) -> None:
        self.columns, self._rows = columns, rows

    def __len__(self) -> int:
        return self._rows


def _shape(ds: Dataset) -> Any:
    """Check that ``ds`` opens. Tables in PostgreSQL or Spark and Parquet directories are
    profiled where they live (the whole table is never read into the server); files are
    read, which also reports what the reader had to fix."""
    if ds.in_place:
        from ..query import open_source

        schema = open_source(ds).schema
        return _Shape(schema.names(), schema.n_rows)
    return ds.frame()


def info(state: Any, key: str, name: str | None = None, *,
         row: dict[str, Any] | None = None, frame: Any = None) -> dict[str, Any]:
    """Description of the dataset at registry ``key`` (shown as ``name``): kind, project,
    columns and size."""
    name = name or key.rsplit("/", 1)[-1]
    ds = state.catalog.get(key)
    entry = state.catalog.entry(key)
    row = row if row is not None else state.store.datasets.get(key)
    out: dict[str, Any] = {
        "name": name, "description": ds.description or entry.description, "kind": ds.kind,
        "demo": entry.demo, "shared": "/" not in key,
        "projectName": (row or {}).get("project", "Default"),
        "created": (row or {}).get("created", entry.created),
        "modified": (row or {}).get("modified", entry.created),
    }
    if frame is not None:
        out["columns"] = [str(c) for c in frame.columns]
        out["rows"] = int(len(frame))
    return out


def all_entries(state: Any, tenant: str | None = None) -> list[dict[str, Any]]:
    """Every dataset ``tenant`` sees: shared ones and its own (catalog plus registry rows
    not loaded in this process yet)."""
    prefix = f"{tenant}/" if tenant is not None else None
    rows = {r["name"]: r for r in state.store.datasets.list()
            if r.get("tenant") is None or r.get("tenant") == tenant}
    for key in rows:
        if key not in state.catalog:
            _by_key(state, key)
    out = []
    for entry in state.catalog.entries():
        if "/" in entry.name and not (prefix and entry.name.startswith(prefix)):
            continue
        row = rows.get(entry.name) or {}
        out.append({"name": entry.name.rsplit("/", 1)[-1], "description": entry.description,
                    "kind": entry.kind, "demo": entry.demo, "shared": "/" not in entry.name,
                    "projectName": row.get("project", "Default"),
                    "createdBy": row.get("created_by") or ("nbdatachat" if entry.demo
                                                           else None),
                    "created": row.get("created", entry.created),
                    "modified": row.get("modified", entry.created)})
    return out
