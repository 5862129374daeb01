"""Dashboards: a conversation's charts saved under a name."""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa

from .. import schema as t
from .ids import new_id


class DashboardRepository:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def create(self, *, name: str, conversation_id: str, charts: list[dict[str, Any]],
               key_id: str | None, tenant: str | None = None) -> dict[str, Any]:
        values = {"id": new_id("dash"), "name": name, "conversation_id": conversation_id,
                  "charts": charts, "key_id": key_id, "tenant": tenant,
                  "created": time.time()}
        with self.engine.begin() as con:
            con.execute(t.dashboards.insert().values(**values))
        return values

    def get(self, dashboard_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as con:
            row = con.execute(sa.select(t.dashboards)
                              .where(t.dashboards.c.id == dashboard_id)).first()
        return dict(row._mapping) if row is not None else None

    def list(self, tenant: str | None = None) -> list[dict[str, Any]]:
        """Every dashboard, or the tenant's."""
        q = sa.select(t.dashboards).order_by(t.dashboards.c.created)
        if tenant is not None:
            q = q.where(t.dashboards.c.tenant == tenant)
        with self.engine.connect() as con:
            rows = con.execute(q).all()
        return [dict(r._mapping) for r in rows]
