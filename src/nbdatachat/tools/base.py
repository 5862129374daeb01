"""The tool contract: typed inputs, a result that serializes to the seed's ``result``.

A tool is a function ``(inputs, frame) -> ToolResult`` registered with :func:`tool`. Its
inputs are a pydantic model, so the JSON Schema served by ``GET /tools/{name}/schema`` and
the validation errors users see come from one definition.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

DATASET_SCHEMA: dict[str, Any] = {
    "description": "The data: an array of records (JSON objects with the same keys), or the "
                   "name of a dataset in the catalog, or (Python only) a DataFrame or file path.",
    "anyOf": [
        {"type": "array", "items": {"type": "object"}, "minItems": 1},
        {"type": "string", "minLength": 1},
    ],
}


class ToolInputs(BaseModel):
    """Fields every tool accepts. ``userContext`` is the seed's free-form context; it is
    echoed in the result and never changes the numbers."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True,
                              populate_by_name=True)

    dataset: Any = Field(..., json_schema_extra=DATASET_SCHEMA)
    userContext: dict[str, Any] | None = Field(
        default=None, description="Free-form context (company, objective); echoed back.")


class SupervisedInputs(ToolInputs):
    target: str = Field(..., min_length=1, description="The column to explain or predict.")
    features: list[str] = Field(..., min_length=1,
                                description="Columns used as explanatory variables.")


def to_jsonable(value: Any) -> Any:
    """Convert numpy/pandas values to plain JSON: NaN and inf become None."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return v if math.isfinite(v) else None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (pd.Timestamp, _dt.datetime, _dt.date)):
        return value.isoformat()
    if isinstance(value, pd.Period):
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [to_jsonable(v) for v in value.tolist()]
    if isinstance(value, pd.DataFrame):
        return frame_records(value)
    if isinstance(value, pd.Series):
        return [to_jsonable(v) for v in value.tolist()]
    if value is pd.NaT or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return None
    return str(value)


def frame_records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame as JSON records, index dropped, values made JSON-safe."""
    cols = [str(c) for c in df.columns]
    return [{c: to_jsonable(v) for c, v in zip(cols, row)}
            for row in df.itertuples(index=False, name=None)]


@dataclass
class ToolResult:
    """What a tool returns. ``to_dict()`` is the seed's ``result`` object.

    The seed's fields come first (``model_type``, ``performance``, ``coefficients``,
    ``insights``); statisticians also get standard errors, p-values, intervals, the number
    of observations and warnings. ``tables`` are small result tables (serialized as records);
    ``plot_data`` holds per-row data for charts (fitted vs actual, residuals) and is not
    serialized, since it can be as long as the input.
    """

    model_type: str
    performance: dict[str, Any] = field(default_factory=dict)
    coefficients: dict[str, Any] = field(default_factory=dict)
    std_errors: dict[str, Any] = field(default_factory=dict)
    p_values: dict[str, Any] = field(default_factory=dict)
    conf_int: dict[str, Any] = field(default_factory=dict)
    statistics: dict[str, Any] = field(default_factory=dict)
    insights: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    n_obs: int | None = None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    plot_data: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    inputs: dict[str, Any] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"model_type": self.model_type,
                               "performance": to_jsonable(self.performance),
                               "coefficients": to_jsonable(self.coefficients),
                               "insights": list(self.insights)}
        for key in ("std_errors", "p_values", "conf_int", "statistics"):
            val = getattr(self, key)
            if val:
                out[key] = to_jsonable(val)
        if self.n_obs is not None:
            out["n_obs"] = int(self.n_obs)
        for name, table in self.tables.items():
            out[name] = frame_records(table)
        out.update(to_jsonable(self.extra))
        out["warnings"] = list(self.warnings)
        return out

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        from ..display import tool_card

        return tool_card(self)

    def _ipython_display_(self) -> None:
        """Show the card, then the fitting chart as its own output (see nbdatachat.display)."""
        from IPython.display import display

        from ..display import figure_bundle, tool_card, tool_figure

        display(tool_card(self), raw=True)
        fig = tool_figure(self)
        if fig is not None:
            display(figure_bundle(fig), raw=True)

    def __repr__(self) -> str:
        perf = ", ".join(f"{k}={v:.4g}" for k, v in self.performance.items()
                         if isinstance(v, (int, float)) and not isinstance(v, bool))
        return f"<ToolResult {self.model_type} n_obs={self.n_obs} {perf}>"


ToolFunc = Callable[[Any, pd.DataFrame], ToolResult]


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    inputs: type[ToolInputs]
    func: ToolFunc
    example: dict[str, Any]
    category: str = "Statistical Analysis"
    version: str = "1.0.0"

    def input_schema(self) -> dict[str, Any]:
        return self.inputs.model_json_schema()
