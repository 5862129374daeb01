"""The tool contract: typed inputs, a result that serializes to the seed's ``result``.

A tool is a function ``(inputs, frame) -> ToolResult`` registered with :func:`tool`. Its
inputs are a pydantic model, so the JSON Schema served by ``GET /tools/{name}/schema`` and
the validation errors users see come from one definition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from ..jsonable import frame_records, to_jsonable

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


class LazyFrames(Mapping):
    """Result tables (or plot data) that become DataFrames only when read.

    A small fit's tables cost more as DataFrames than the fit itself, and a server that
    only sends the JSON never reads them as frames. Each entry is given as columns (a dict
    of equal-length lists of plain Python values) or as a function returning the frame;
    ``lazy["name"]`` builds the frame once, and :meth:`records` gives the JSON records
    straight from the columns: the same records :func:`~nbdatachat.jsonable.frame_records`
    gives for the built frame (columns whose values pandas would retype, such as integers
    beside missing values, are read through the frame).
    """

    def __init__(self, **sources: dict[str, list[Any]] | Callable[[], pd.DataFrame]) -> None:
        self._sources = sources
        self._frames: dict[str, pd.DataFrame] = {}

    def __getitem__(self, key: str) -> pd.DataFrame:
        frame = self._frames.get(key)
        if frame is None:
            source = self._sources[key]
            frame = source() if callable(source) else pd.DataFrame(source)
            self._frames[key] = frame
        return frame

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)

    def __repr__(self) -> str:
        return f"<LazyFrames {list(self._sources)} ({len(self._frames)} built)>"

    def records(self, key: str) -> list[dict[str, Any]]:
        """The JSON records of table ``key`` (see the class docstring)."""
        source = self._sources[key]
        if key in self._frames or callable(source) or \
                not all(_keeps_type(v) for v in source.values()):
            return frame_records(self[key])
        names = [str(c) for c in source]
        return [{c: to_jsonable(v) for c, v in zip(names, row)}
                for row in zip(*source.values())]


_AS_IS = (frozenset(), frozenset((float,)), frozenset((str,)), frozenset((int,)),
          frozenset((bool,)))


def _keeps_type(values: list[Any]) -> bool:
    """True when a DataFrame column of ``values`` gives back the same JSON values: one plain
    type throughout (None allowed beside floats and text, which pandas keeps as missing)."""
    kinds = set(map(type, values))
    if type(None) in kinds:
        kinds.discard(type(None))
        return kinds <= {float} or kinds == {str}
    return frozenset(kinds) in _AS_IS


def table_records(tables: Mapping[str, pd.DataFrame], key: str) -> list[dict[str, Any]]:
    """JSON records of ``tables[key]``, without building a lazy table's frame."""
    if isinstance(tables, LazyFrames):
        return tables.records(key)
    return frame_records(tables[key])


@dataclass
class ToolResult:
    """What a tool returns. ``to_dict()`` is the seed's ``result`` object.

    The seed's fields come first (``model_type``, ``performance``, ``coefficients``,
    ``insights``); statisticians also get standard errors, p-values, intervals, the number
    of observations and warnings. ``tables`` are small result tables (serialized as records);
    ``plot_data`` holds per-row data for charts (fitted vs actual, residuals) and is not
    serialized, since it can be as long as the input. Either may be a :class:`LazyFrames`,
    whose DataFrames are built only when read.
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
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    plot_data: Mapping[str, pd.DataFrame] = field(default_factory=dict, repr=False)
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
        for name in self.tables:
            out[name] = table_records(self.tables, name)
        out.update(to_jsonable(self.extra))
        out["warnings"] = list(self.warnings)
        return out

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
