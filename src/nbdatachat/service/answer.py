"""The :class:`Answer` every front-end receives from :func:`nbdatachat.ask`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from ..planner.plan import Plan
from ..jsonable import frame_records, to_jsonable

Status = Literal["answered", "needs_clarification", "cannot_answer"]


@dataclass
class Answer:
    """An answer: a sentence with the numbers, the table behind it, a chart and how it was
    computed (``plan``, ``sql``, ``code``).

    ``interpretation`` is the one line saying how the question was read ("Read as: average
    tip where day is not Sun", with the words the reader ignored); ``value`` is the direct
    answer: a number, an entity, a list, or "Yes"/"No" for a yes/no question (None when the
    answer is the whole table, such as a tool's result).

    ``chart`` is a Plotly figure built on first access from ``chart_spec`` (so answering stays
    fast when nobody looks at the figure); ``suggestion`` and ``chartjs`` are the same chart
    as the data-intelligence seed's ``graphSuggestion`` and as a Chart.js config.
    """

    status: Status
    text: str
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    chart_spec: Any = None
    suggestion: dict[str, Any] | None = None
    chartjs: dict[str, Any] | None = None
    plan: Plan | None = None
    sql: str | None = None
    code: str | None = None
    conversation_id: str | None = None
    options: list[str] = field(default_factory=list)
    dataset: str | None = None
    question: str = ""
    notes: list[str] = field(default_factory=list)
    error: dict[str, Any] | None = None
    interpretation: str = ""
    value: Any = None
    #: which planner answered and why, the model and its token usage (None: the default
    #: rule reader); see :mod:`nbdatachat.llm.planner`
    planner: dict[str, Any] | None = None
    tool_result: Any = field(default=None, repr=False)
    _figure: Any = field(default=None, init=False, repr=False, compare=False)

    @property
    def chart(self) -> Any:
        """The Plotly figure (None when no chart helps)."""
        if self._figure is None and self.chart_spec is not None:
            try:
                self._figure = self.chart_spec.to_plotly()
            except Exception as exc:  # a chart failure never hides the answer
                self.notes.append(f"chart could not be drawn: {exc}")
                self.chart_spec = None
        return self._figure

    @property
    def answered(self) -> bool:
        return self.status == "answered"

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe: table as columns + records, chart as Plotly JSON, plan as a dict."""
        chart_json = None
        if self.chart_spec is not None:
            try:
                chart_json = self.chart_spec.to_plotly_json()
            except Exception as exc:
                self.notes.append(f"chart could not be serialized: {exc}")
        table = self.table if isinstance(self.table, pd.DataFrame) else pd.DataFrame()
        return {
            "status": self.status,
            "text": self.text,
            "interpretation": self.interpretation,
            "value": to_jsonable(self.value),
            "table": {"columns": [str(c) for c in table.columns],
                      "records": frame_records(table)},
            "chart": chart_json,
            "suggestion": to_jsonable(self.suggestion),
            "chartjs": to_jsonable(self.chartjs),
            "plan": self.plan.to_dict() if self.plan is not None else None,
            "sql": self.sql,
            "code": self.code,
            "conversation_id": self.conversation_id,
            "options": [str(o) for o in self.options],
            "dataset": self.dataset,
            "question": self.question,
            "notes": list(self.notes),
            "planner": to_jsonable(self.planner),
            **({"error": self.error} if self.error else {}),
        }

    def __repr__(self) -> str:
        head = f"<Answer {self.status}: {self.text}"
        if self.plan is not None:
            head += f"\n  plan: {self.plan}"
        if isinstance(self.table, pd.DataFrame) and not self.table.empty:
            head += f"\n  table: {len(self.table)} row(s) x {len(self.table.columns)} column(s)"
        return head + ">"


__all__ = ["Answer", "Status"]
