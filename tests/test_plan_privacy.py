"""A previous plan shown to a model never carries values of a column it may not see, whatever
the plan kind (compared items, a ranked item, an anchor row, the points of a change)."""

from __future__ import annotations

import json

import pandas as pd

from nbdatachat.llm.context import build_view
from nbdatachat.llm.settings import LLMSettings
from nbdatachat.planner import (ChangePlan, ComparisonPlan, Filter, Measure, PlanContext,
                                PositionPlan, RankPlan)
from nbdatachat.query import open_source


def test_previous_plans_of_every_kind_are_redacted():
    n = 80
    df = pd.DataFrame({"email": [f"user{i}@example.org" for i in range(n)],
                       "amount": [float(i % 13) for i in range(n)],
                       "year": [2000 + i % 10 for i in range(n)]})
    schema = open_source(df, name="private_people").schema
    secret = "user7@example.org"
    previous = [
        ComparisonPlan(measure=Measure("sum", "amount"), column="email",
                       items=[secret, "user9@example.org"], output="difference"),
        RankPlan(measure=Measure("sum", "amount"), column="email", item=secret),
        PositionPlan(position="next", anchor=[Filter("email", "=", secret)], columns=["amount"]),
        ChangePlan(measure=Measure("sum", "amount"), time="year", start=2001, end=2005,
                   filters=[Filter("email", "!=", secret)]),
    ]
    for plan in previous:
        view = build_view("and the mean?", schema, PlanContext(previous=plan), LLMSettings())
        shown = json.dumps([m for m in view.messages()], default=str)
        assert secret not in shown, plan.kind
        assert secret in view.placeholders.values()
