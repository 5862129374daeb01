"""The JSON Schema the model must answer with: a reply envelope around the Plan's schema.

The model answers ``{"status": "ok", "plan": {...}}``, or ``needs_clarification`` /
``cannot_answer`` with a ``message`` (and ``options``). The plan part is the Plan's own
JSON Schema (derived from the :class:`~nbdatachat.planner.plan.Plan` type, so it cannot drift
from what the validator accepts), with the operators, aggregations, grains and chart kinds
as enums and the table's column names as enums where a column is expected, so a
constrained decoder cannot even spell a column that does not exist.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

STATUSES = ("ok", "needs_clarification", "cannot_answer")


@functools.lru_cache(maxsize=1)
def _base_plan_schema() -> dict[str, Any]:
    """The Plan's own JSON Schema (``nbdatachat.planner.plan_json_schema``: every plan kind,
    registry enums, one alternative per tool), without ``question`` (nbdatachat fills it)."""
    from ..planner import plan_json_schema

    schema = copy.deepcopy(plan_json_schema())
    for obj in [schema, *schema.get("$defs", {}).values()]:
        obj.get("properties", {}).pop("question", None)
        obj.pop("title", None)
    return schema


#: plan fields that hold one column name, or a list of them
_COLUMN = {"column", "by", "order_by", "time", "x", "y", "color", "facet"}
_COLUMNS = {"group_by", "columns"}
#: parts whose "column"/"columns" are not column names of the table
_NOT_COLUMNS = {"ToolCall", "Expr", "Measure"}


def plan_schema(columns: list[str] | None = None) -> dict[str, Any]:
    """The Plan's JSON Schema; with ``columns``, column fields are limited to those names."""
    schema = copy.deepcopy(_base_plan_schema())
    if columns:
        name = {"type": "string", "enum": list(columns)}
        for def_name, obj in schema.get("$defs", {}).items():
            props = obj.get("properties", {})
            for prop, spec in list(props.items()):
                if def_name in _NOT_COLUMNS and prop != "column":
                    continue
                if prop in _COLUMN and def_name not in ("ToolCall", "Expr"):
                    nullable = "anyOf" in spec or spec.get("default", "") is None
                    props[prop] = {"anyOf": [dict(name), {"type": "null"}], "default": None} \
                        if nullable else dict(name)
                elif prop in _COLUMNS and def_name not in _NOT_COLUMNS:
                    props[prop] = {"type": "array", "items": dict(name)}
    return schema


def reply_schema(columns: list[str] | None = None) -> dict[str, Any]:
    """The envelope: status, plan, message, options (``$defs`` hoisted to the root)."""
    plan = plan_schema(columns)
    defs = plan.pop("$defs", {})
    return {
        "type": "object",
        "properties": {
            "status": {"type": "string", "enum": list(STATUSES),
                       "description": "ok: 'plan' answers the question. needs_clarification: "
                                      "the question is ambiguous; ask in 'message', offer "
                                      "'options'. cannot_answer: the data cannot answer it, or "
                                      "it asks for something other than reading the data; "
                                      "say why in 'message'."},
            "plan": plan,
            "message": {"type": "string", "description": "One sentence for the user when "
                                                         "status is not ok."},
            "options": {"type": "array", "items": {"type": "string"},
                        "description": "Choices for needs_clarification (column names or "
                                       "readings of the question)."},
        },
        "required": ["status"],
        "additionalProperties": False,
        **({"$defs": defs} if defs else {}),
    }


__all__ = ["STATUSES", "plan_schema", "reply_schema"]
