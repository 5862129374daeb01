"""Result tables of completions, addressed by their ``dataFilePath``."""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa

from .. import schema as t
from .ids import new_id


class ResultRepository:
    """Result tables of completions, addressed by the ``dataFilePath`` the API returns."""

    PATH_PREFIX = "/results/"

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def put(self, *, dataset: str, query: str, columns: list[str], n_rows: int, csv: str,
            suggestion: dict[str, Any] | None = None, tenant: str | None = None) -> str:
        rid = new_id("res")
        with self.engine.begin() as con:
            con.execute(t.results.insert().values(id=rid, dataset=dataset, query=query,
                                                  columns=columns, n_rows=n_rows, csv=csv,
                                                  suggestion=suggestion, tenant=tenant,
                                                  created=time.time()))
        return f"{self.PATH_PREFIX}{rid}.csv"

    def get_by_path(self, path: str) -> dict[str, Any] | None:
        rid = str(path).strip()
        if rid.startswith(self.PATH_PREFIX):
            rid = rid[len(self.PATH_PREFIX):]
        rid = rid.removesuffix(".csv")
        with self.engine.connect() as con:
            row = con.execute(sa.select(t.results).where(t.results.c.id == rid)).first()
        return dict(row._mapping) if row is not None else None
