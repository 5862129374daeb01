"""Planning: a question becomes a typed :class:`Plan` over a :class:`SchemaModel`.

``RulePlanner`` is the offline, deterministic planner; anything with the same
``plan(question, schema, context) -> PlanResult`` method (see :class:`Planner`) can replace it.
"""

from .base import PlanContext, Planner
from .plan import Filter, Measure, Plan, PlanResult, TimeBucket, ToolCall
from .rules import RulePlanner
from .schema import ColumnProfile, SchemaModel

__all__ = ["ColumnProfile", "Filter", "Measure", "Plan", "PlanContext", "PlanResult", "Planner",
           "RulePlanner", "SchemaModel", "TimeBucket", "ToolCall"]
