"""The planner interface: ``plan(question, schema, context) -> PlanResult``.

The local rule-based planner implements it today; an LLM-backed planner can implement the
same method later and emit the same typed :class:`~nbdatachat.planner.plan.Plan`, so the
query layer, the charts and the front-ends never know which planner answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .plan import Plan, PlanResult
from .schema import SchemaModel


@dataclass
class PlanContext:
    """What a planner may use besides the question: the conversation so far."""

    previous: Plan | None = None
    history: list[str] = field(default_factory=list)  # earlier questions, oldest first


@runtime_checkable
class Planner(Protocol):
    def plan(self, question: str, schema: SchemaModel,
             context: PlanContext | None = None) -> PlanResult:
        """Turn ``question`` into a plan over ``schema`` (or say why not)."""
        ...


__all__ = ["PlanContext", "Planner"]
