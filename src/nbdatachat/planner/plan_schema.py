"""Plans as JSON: the JSON Schema an LLM is asked to fill, and parse-and-validate.

:func:`plan_json_schema` is the schema of the whole :class:`~nbdatachat.planner.plan.Plan`
union (each kind tagged by ``kind``; a tool plan's ``args`` are that tool's own input
schema, one alternative per tool). :func:`parse_plan` turns JSON (a dict or a string) into
a typed plan, checking every field's type, the operator and aggregation names against the
registries and the tool arguments against the tool's input model; it raises
:class:`~nbdatachat.errors.InvalidRequest` naming the field. Column names and values are
checked against the data later, by ``query.validate_plan``.

Plans stored by earlier versions (one flat shape for every kind, generic tool arguments)
are migrated on reading, so saved conversations keep working.

Pydantic is imported here, on first use, not when the package loads.
"""

from __future__ import annotations

import functools
import json
from dataclasses import fields
from typing import Annotated, Any, Union

from ..errors import InvalidRequest
from . import plan_kinds  # noqa: F401  (registers the kinds of issue 12 in the union)
from .plan import Plan, set_parser
from .plan_parts import Encoding, Expr, Filter, Measure, Series, Step, TimeBucket, ToolCall

_PARTS = (Encoding, Expr, Filter, Measure, Series, Step, TimeBucket, ToolCall)
#: fields of the flat plan shape stored before plans were a union
_FLAT_FIELDS = {"kind", "measures", "group_by", "time_bucket", "filters", "logic", "order_by",
                "descending", "limit", "share", "part", "argmax", "columns", "tool", "chart",
                "question", "unpivot"}
#: generic tool argument names of the flat shape -> names tools use for them
_ARG_ALIASES = {
    "target": ("target", "y", "column", "value", "outcome"),
    "features": ("features", "columns", "x", "predictors", "variables"),
    "group": ("group", "group_column", "groups_column", "by", "factor", "category"),
    "groups": ("groups", "levels", "group_values", "values"),
    "n_clusters": ("k", "n_clusters", "clusters"),
}
_SERIES_ARGS = ("time", "grain", "agg")


@functools.lru_cache(maxsize=1)
def _adapter() -> Any:
    from pydantic import ConfigDict, Field, TypeAdapter

    for cls in (*_PARTS, *Plan.KINDS.values()):
        cls.__pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[attr-defined]
    union = Annotated[Union[tuple(Plan.KINDS.values())], Field(discriminator="kind")]
    return TypeAdapter(union)


def tool_args(name: str, args: dict[str, Any]) -> dict[str, Any]:
    """``args`` in the tool's own field names (generic names such as ``n_clusters`` or
    ``columns`` are mapped onto the field the tool has)."""
    from ..tools import get_tool

    own = set(get_tool(name).inputs.model_fields)
    out: dict[str, Any] = {}
    for key, value in args.items():
        if key in own:
            out[key] = value
            continue
        for alias in _ARG_ALIASES.get(key, ()):
            if alias in own and alias not in out:
                out[alias] = value
                break
    if "features" in args and "features" not in own and "target" in own and "target" not in out:
        out["target"] = args["features"][0]
    return out


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """The current shape of a plan stored in the flat shape of earlier versions (a plan
    already in the current shape comes back unchanged)."""
    d = dict(data)
    kind = d.get("kind", "aggregate")
    target = Plan.KINDS.get(kind)
    if target is None:
        return d
    own = {f.name for f in fields(target)}
    if kind == "tool" and isinstance(d.get("tool"), dict):
        tool = dict(d["tool"])
        args = dict(tool.get("args") or {})
        tb = d.pop("time_bucket", None)
        if any(k in args for k in _SERIES_ARGS) and d.get("series") is None:
            time = args.pop("time", None) or (tb or {}).get("column")
            grain = args.pop("grain", None) or (tb or {}).get("grain") or "raw"
            agg = args.pop("agg", None) or "sum"
            if time:
                d["series"] = {"time": time, "grain": grain, "agg": agg}
        try:
            tool["args"] = tool_args(str(tool.get("name")), args)
        except Exception:  # an unknown tool: parse_plan reports it
            tool["args"] = args
        d["tool"] = tool
    # flat fields that this kind does not have were defaults or leftovers: drop them
    for key in [k for k in d if k not in own and k in _FLAT_FIELDS]:
        d.pop(key)
    return d


def parse_plan(data: dict[str, Any] | str) -> Plan:
    """Parse and validate a plan written as JSON (a dict or a JSON string)."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise InvalidRequest(f"The plan is not valid JSON: {exc}.",
                                 details={"field": "plan"}) from None
    if isinstance(data, Plan):
        return data
    if not isinstance(data, dict):
        raise InvalidRequest("A plan must be a JSON object with a 'kind'.",
                             details={"field": "plan"})
    d = migrate(data)
    d.setdefault("kind", "aggregate")
    if d["kind"] not in Plan.KINDS:
        raise InvalidRequest(f"Unknown plan kind {d['kind']!r}; use one of "
                             f"{', '.join(Plan.KINDS)}.", details={"field": "kind"})
    from pydantic import ValidationError

    try:
        plan = _adapter().validate_python(d)
    except ValidationError as exc:
        raise _invalid(exc, d) from None
    _check_names(plan)
    return plan


def _invalid(exc: Any, d: dict[str, Any]) -> InvalidRequest:
    errs = exc.errors()
    first = errs[0]
    loc = [str(p) for p in first.get("loc", ()) if not str(p) == d.get("kind")]
    where = ".".join(loc) or "plan"
    extra = ("extra_forbidden", "unexpected_keyword_argument")
    if first.get("type") in extra:
        known = sorted(f.name for f in fields(Plan.KINDS[d["kind"]]))
        bad = sorted({str(e["loc"][-1]) for e in errs if e.get("type") in extra})
        return InvalidRequest(f"Unknown plan field(s): {', '.join(bad)}. Known fields of a "
                              f"{d['kind']} plan: {', '.join(known)}.",
                              details={"fields": bad, "field": where})
    more = f" (and {len(errs) - 1} more problem(s))" if len(errs) > 1 else ""
    return InvalidRequest(f"Invalid plan field {where}: {first.get('msg')}{more}.",
                          details={"field": where, "problems": len(errs)})


def _check_names(plan: Plan) -> None:
    """Operators, aggregations and tool arguments must exist in their registries."""
    from ..operations import AGGREGATIONS, FILTER_OPS

    for m in getattr(plan, "measures", []) + [x for x in [getattr(plan, "measure", None)] if x]:
        if m.agg not in AGGREGATIONS:
            raise InvalidRequest(f"Unknown aggregation {m.agg!r}; use one of "
                                 f"{', '.join(AGGREGATIONS)}.", details={"field": "measures"})
    for f in [*plan.filters, *getattr(plan, "part", []), *getattr(plan, "anchor", [])]:
        if f.op not in FILTER_OPS:
            raise InvalidRequest(f"Unknown filter operator {f.op!r}; use one of "
                                 f"{', '.join(FILTER_OPS)}.", details={"field": "filters"})
    if plan.kind == "tool":
        check_tool_args(plan)  # type: ignore[arg-type]


def check_tool_args(plan: Any) -> None:
    """Validate a tool plan's arguments with the tool's own input model (the data and the
    series fields are supplied by the engine)."""
    from ..tools import get_tool
    from ..tools.registry import validate_inputs

    name = plan.tool.name
    try:
        get_tool(name)
    except Exception as exc:
        raise InvalidRequest(str(getattr(exc, "message", exc)),
                             details={"field": "tool.name"}) from None
    payload: dict[str, Any] = {"dataset": [{}], **plan.tool.args}
    if plan.series is not None:
        payload.setdefault("date", plan.series.time)
    validate_inputs(name, payload)


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema of a plan (the whole tagged union), for an LLM to fill.

    A tool plan's ``tool`` is one alternative per registered tool: ``name`` fixed, ``args``
    that tool's input schema without ``dataset``."""
    from ..operations import AGGREGATIONS, FILTER_OPS
    from .plan_parts import CHART_KINDS, TIME_GRAINS

    schema = _adapter().json_schema()
    schema = json.loads(json.dumps(schema))  # a private copy
    defs = schema.setdefault("$defs", {})
    # the registries' names, so a model can only pick operations that exist
    _enum(defs, "Measure", "agg", list(AGGREGATIONS), {k: a.description
                                                       for k, a in AGGREGATIONS.items()})
    _enum(defs, "Filter", "op", list(FILTER_OPS), {k: o.description
                                                   for k, o in FILTER_OPS.items()})
    _enum(defs, "TimeBucket", "grain", [*TIME_GRAINS, "raw"])
    _enum(defs, "Series", "grain", [*TIME_GRAINS, "raw"])
    _enum(defs, "Series", "agg", list(AGGREGATIONS))
    for kind in defs.values():
        chart = kind.get("properties", {}).get("chart")
        if chart is not None:
            chart.pop("anyOf", None)
            chart.update({"enum": [*CHART_KINDS, None], "default": None})
    tools = _tool_alternatives()
    if tools and "ToolCall" in defs:
        defs["ToolCall"] = {"oneOf": tools, "description": defs["ToolCall"].get(
            "description", "A named analysis tool and its arguments.")}
    schema["title"] = "Plan"
    schema["description"] = (Plan.__module__ and __import__(Plan.__module__, fromlist=["x"])
                             .__doc__ or "").strip()
    return schema


def _enum(defs: dict[str, Any], model: str, prop: str, values: list[Any],
          meanings: dict[str, str] | None = None) -> None:
    spec = defs.get(model, {}).get("properties", {}).get(prop)
    if spec is None:
        return
    spec.pop("type", None)
    spec["enum"] = values
    if meanings:
        spec["description"] = "; ".join(f"{k}: {v}" for k, v in meanings.items())


def _tool_alternatives() -> list[dict[str, Any]]:
    from ..tools import get_tool, tool_names

    out = []
    for name in tool_names():
        t = get_tool(name)
        args = json.loads(json.dumps(t.inputs.model_json_schema()))
        props = args.get("properties", {})
        for envelope in ("dataset", "userContext"):
            props.pop(envelope, None)
        args["required"] = [r for r in args.get("required", []) if r in props]
        out.append({"type": "object", "title": name, "description": t.description,
                    "properties": {"name": {"const": name}, "args": args},
                    "required": ["name", "args"], "additionalProperties": False})
    return out


__all__ = ["check_tool_args", "migrate", "parse_plan", "plan_json_schema", "tool_args"]


set_parser(parse_plan)
