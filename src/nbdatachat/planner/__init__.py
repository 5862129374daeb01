"""Planning: a question becomes a typed :class:`Plan` over a :class:`SchemaModel`.

The plan is a tagged union of kinds (:mod:`.plan`); ``plan_json_schema()`` is its JSON
Schema (for an LLM to fill) and ``parse_plan(json)`` parses and validates what it wrote.
``QuestionReader`` is the offline, deterministic planner; anything with the same
``plan(question, schema, context) -> PlanResult`` method (see :class:`Planner`) can replace it.
"""

from .base import PlanContext, Planner
from .plan import (AggregatePlan, DistributionPlan, Encoding, Expr, Filter, Measure, Plan,
                   PlanResult, RowsPlan, Series, Step, TimeBucket, ToolCall, ToolPlan)
from .plan_kinds import (ChangePlan, ComparisonPlan, LookupPlan, PercentilePlan, PositionPlan,
                         RankPlan, SetPlan)
from .plan_schema import parse_plan, plan_json_schema
from .reader import QuestionReader
from .schema import ColumnProfile, SchemaModel

__all__ = ["AggregatePlan", "ChangePlan", "ColumnProfile", "ComparisonPlan", "DistributionPlan",
           "Encoding", "Expr", "Filter", "LookupPlan", "Measure", "PercentilePlan", "Plan",
           "PlanContext", "PlanResult", "Planner", "PositionPlan", "QuestionReader", "RankPlan",
           "RowsPlan", "SchemaModel", "Series", "SetPlan", "Step", "TimeBucket", "ToolCall",
           "ToolPlan", "parse_plan", "plan_json_schema"]
