"""Registry of analysis tools and the one entry point that runs them.

Tool modules register themselves with the :func:`tool` decorator when imported. They import
statsmodels/sklearn/scipy inside their functions, so loading the registry stays cheap.
"""

from __future__ import annotations

import importlib
import threading

from collections.abc import Callable
from typing import Any

import pandas as pd
from pydantic import ValidationError

from ..data import as_dataset
from ..errors import InvalidRequest, NbDataChatError, UnknownTool, closest
from .base import Tool, ToolFunc, ToolInputs, ToolResult
from .progress import step

_REGISTRY: dict[str, Tool] = {}
_TOOL_MODULES = ("regression", "hypothesis", "association", "describe", "timeseries",
                 "clustering", "quality", "distribution", "evaluation")
_loaded = False
_load_lock = threading.Lock()

# Fields of the seed's ``taskList.inputs`` that address the job, not the tool.
ENVELOPE_FIELDS = ("name", "processing_id")


def tool(name: str, *, description: str, inputs: type[ToolInputs], example: dict[str, Any],
         category: str = "Statistical Analysis", version: str = "1.0.0"
         ) -> Callable[[ToolFunc], ToolFunc]:
    """Register ``func(inputs, frame) -> ToolResult`` as the tool ``name``."""

    def decorate(func: ToolFunc) -> ToolFunc:
        _REGISTRY[name] = Tool(name, description, inputs, func, example, category, version)
        return func

    return decorate


def _ensure_loaded() -> None:
    global _loaded
    if _loaded:
        return
    with _load_lock:
        if not _loaded:
            for mod in _TOOL_MODULES:
                try:
                    importlib.import_module(f"{__package__}.{mod}")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{__package__}.{mod}":
                        raise
            _loaded = True


def get_tool(name: str) -> Tool:
    _ensure_loaded()
    try:
        return _REGISTRY[name]
    except KeyError:
        names = sorted(_REGISTRY)
        hints = closest(str(name), names)
        hint = f" Did you mean {hints[0]!r}?" if hints else ""
        raise UnknownTool(
            f"Unknown tool {name!r}.{hint} Available tools: {', '.join(names)}.",
            details={"parameter": "name", "tool": name, "available": names},
        ) from None


def tool_names() -> list[str]:
    _ensure_loaded()
    return sorted(_REGISTRY)


def list_tools() -> list[dict[str, Any]]:
    """Every tool as the seed's ``GET /tools`` item: name, description, version, schema."""
    return [{"name": t.name, "description": t.description, "version": t.version,
             "category": t.category, "input_schema": t.input_schema()}
            for t in (get_tool(n) for n in tool_names())]


def tool_schema(name: str) -> dict[str, Any]:
    """The seed's ``GET /tools/{name}/schema``: input schema plus an ``example_input``."""
    t = get_tool(name)
    return {
        "name": t.name,
        "description": t.description,
        "version": t.version,
        "category": t.category,
        "input_schema": t.input_schema(),
        "example_input": {"taskList": {"inputs": {"name": t.name, **t.example}}},
    }


def _validation_error(tool_name: str, exc: ValidationError, model: type[ToolInputs]
                      ) -> InvalidRequest:
    problems = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]) or "inputs"
        kind = err["type"]
        if kind == "missing":
            msg = f"Missing required parameter: {loc}"
        elif kind == "extra_forbidden":
            accepted = ", ".join(sorted(set(model.model_fields) | set(ENVELOPE_FIELDS)))
            msg = f"Unknown parameter {loc!r} for {tool_name}; accepted parameters: {accepted}"
        else:
            msg = f"Invalid value for {loc}: {err['msg']}"
        problems.append({"parameter": loc, "message": msg, "type": kind})
    first = problems[0]
    field = model.model_fields.get(first["parameter"].split(".")[0])
    expected = None
    if field is not None:
        schema = model.model_json_schema().get("properties", {}).get(first["parameter"], {})
        expected = schema.get("type") or ("array" if first["parameter"] == "dataset" else None)
    details: dict[str, Any] = {"parameter": first["parameter"], "errors": problems}
    if expected:
        details["expected"] = expected
    suffix = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return InvalidRequest(first["message"] + suffix + ".", details=details)


def validate_inputs(name: str, inputs: dict[str, Any]) -> tuple[Tool, ToolInputs]:
    """Check ``inputs`` against the tool's model; raise InvalidRequest naming the field."""
    t = get_tool(name)
    payload = {k: v for k, v in inputs.items() if k not in ENVELOPE_FIELDS}
    try:
        return t, t.inputs.model_validate(payload)
    except ValidationError as exc:
        raise _validation_error(name, exc, t.inputs) from None


def run_tool(name: str, /, **inputs: Any) -> ToolResult:
    """Run the analysis tool ``name``.

    ``inputs`` are the seed's ``taskList.inputs`` fields: ``dataset`` (records, DataFrame,
    file path or catalog name), ``target``, ``features`` and tool options. Raises a subclass
    of :class:`~nbdatachat.errors.NbDataChatError` for anything the caller can fix.
    """
    t, parsed = validate_inputs(name, inputs)
    step(f"Running the {name} tool")
    ds = as_dataset(parsed.dataset)
    sample = None
    if ds.in_place:  # data too big or too far to fetch
        from .in_engine import run_in_engine, sample_frame

        result = run_in_engine(name, parsed, ds)
        if result is not None:
            result.inputs = {k: v for k, v in parsed.model_dump().items() if k != "dataset"}
            return result
        sample = sample_frame(ds)  # no in-engine path: a stated sample, never every row
    frame = sample[0] if sample is not None else ds.frame()
    if not isinstance(frame, pd.DataFrame) or frame.empty or len(frame.columns) == 0:
        raise InvalidRequest("dataset has no rows: send at least one record.",
                             details={"parameter": "dataset", "expected": "non-empty array"})
    try:
        result = t.func(parsed, frame)
    except NbDataChatError:
        raise
    except (ValueError, ArithmeticError) as exc:
        from ..errors import ComputationError

        raise ComputationError(f"{name} failed on this data: {exc}",
                               details={"tool": name}) from exc
    result.inputs = {k: v for k, v in parsed.model_dump().items() if k != "dataset"}
    # values the reader could not parse (now missing) are reported with the result
    loaded = frame.attrs.get("load_warnings", [])
    result.warnings[:0] = [w for w in loaded if w not in result.warnings]
    if sample is not None:
        from .in_engine import state_sample

        state_sample(result, name, len(frame), sample[1], sample[2])
    if parsed.userContext:
        result.extra.setdefault("userContext", parsed.userContext)
    return result
