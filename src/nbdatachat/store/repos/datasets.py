"""The persisted registry of datasets added through the API or ``serve --dataset``."""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa

from .. import schema as t


class DatasetRepository:
    """The persisted registry of datasets added through the API or ``serve --dataset``."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def upsert(self, *, name: str, kind: str, location: str, table_name: str | None = None,
               description: str = "", project: str = "Default",
               created_by: str | None = None, origin: str = "api",
               tenant: str | None = None) -> dict[str, Any]:
        """``origin`` is ``"operator"`` for ``serve --dataset`` (trusted) and ``"api"`` for
        anything registered over HTTP (checked again against the source policy on load)."""
        now = time.time()
        with self.engine.begin() as con:
            old = con.execute(sa.select(t.datasets.c.created)
                              .where(t.datasets.c.name == name)).first()
            values = {"kind": kind, "location": location, "table_name": table_name,
                      "description": description, "project": project,
                      "created_by": created_by, "origin": origin, "tenant": tenant,
                      "modified": now}
            if old is None:
                con.execute(t.datasets.insert().values(name=name, created=now, **values))
                created = now
            else:
                con.execute(t.datasets.update().where(t.datasets.c.name == name)
                            .values(**values))
                created = old.created
        return {"name": name, "created": created, **values}

    def list(self) -> list[dict[str, Any]]:
        with self.engine.connect() as con:
            rows = con.execute(sa.select(t.datasets).order_by(t.datasets.c.created)).all()
        return [dict(r._mapping) for r in rows]

    def get(self, name: str) -> dict[str, Any] | None:
        with self.engine.connect() as con:
            row = con.execute(sa.select(t.datasets).where(t.datasets.c.name == name)).first()
        return dict(row._mapping) if row is not None else None

    def delete(self, name: str) -> bool:
        with self.engine.begin() as con:
            res = con.execute(t.datasets.delete().where(t.datasets.c.name == name))
        return bool(res.rowcount)
