"""The Plan as a tagged union: every kind round-trips through JSON, reads as one checkable
line, parses from what an LLM would write (JSON Schema + validation), migrates the flat shape
stored by earlier versions, and runs in DuckDB with the same table as its pandas code and as
pandas computed here."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from nbdatachat.errors import InvalidRequest
from nbdatachat.planner import (AggregatePlan, ChangePlan, ComparisonPlan, Expr, Filter,
                                LookupPlan, Measure, Plan, PositionPlan, RowsPlan, SetPlan, Step,
                                ToolCall, ToolPlan, parse_plan, plan_json_schema)
from nbdatachat.query import open_source, pandas_code, run_plan, validate_plan
from nbdatachat.service.narrate_kinds import answer_value


@pytest.fixture(scope="module")
def league() -> pd.DataFrame:
    """A made-up season table: the table's own row order is meaningful (ranked)."""
    rng = np.random.default_rng(42)
    teams = ["Otters", "Herons", "Lynx", "Badgers", "Ravens", "Foxes"]
    rows = []
    for season in range(2001, 2011):
        for t in teams:
            rows.append({"team": t, "season": season, "wins": int(rng.integers(0, 30)),
                         "losses": int(rng.integers(0, 30)),
                         "attendance": float(rng.integers(1000, 9000)),
                         "coach": rng.choice(["Ames", "Bell", "Cruz", None])})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def src(league):
    return open_source(league, name="league_kinds")


def run_code(plan: Plan, df: pd.DataFrame, n_rows: int = 0):
    ns = {"df": df}
    exec(pandas_code(plan, list(df.columns), n_rows), ns)  # the generated code, as a user would
    return ns


def both(plan: Plan, src, df):
    plan = validate_plan(plan, src.schema)
    got = run_plan(plan, src).table
    return plan, got, run_code(plan, df, len(df))


ALL_KINDS = [
    AggregatePlan(measures=[Measure("mean", "wins"), Measure("median", "wins")],
                  group_by=["team"], filters=[Filter("team", "!=", "Lynx")]),
    RowsPlan(columns=["team", "wins"], order_by="wins", limit=3),
    LookupPlan(columns=["wins"], filters=[Filter("team", "=", "Otters"),
                                          Filter("season", "=", 2005)]),
    PositionPlan(position="next", anchor=[Filter("team", "=", "Lynx"),
                                         Filter("season", "=", 2003)], columns=["team"]),
    ComparisonPlan(measure=Measure("sum", "wins"), column="team", items=["Otters", "Herons"],
                   output="difference"),
    ChangePlan(measure=Measure("sum", "wins"), time="season", start=2001, end=2010,
               output="percent", group_by=["team"], limit=1),
    SetPlan(op="top_per_group", group_by=["season"], order_by="wins", columns=["team"], n=2),
    ToolPlan(tool=ToolCall("linear_regression", {"target": "wins", "features": ["losses"]})),
    Plan(kind="rank", measure=Measure("mean", "wins"), column="team", item="Lynx"),
    Plan(kind="percentile", column="attendance", value=4000.0),
    Plan(kind="distribution", columns=["attendance"], group_by=["team"],
         steps=[Step("derive", "net", Expr.of("-", Expr.col("wins"), Expr.col("losses")))]),
]


@pytest.mark.parametrize("plan", ALL_KINDS, ids=lambda p: p.kind)
def test_every_kind_round_trips_through_json(plan):
    again = Plan.from_dict(json.loads(json.dumps(plan.to_dict())))
    assert type(again) is type(plan) and again == plan
    assert parse_plan(json.dumps(plan.to_dict())) == plan


def test_plan_constructor_builds_the_kind():
    assert type(Plan(measures=[Measure("count")])) is AggregatePlan
    assert type(Plan(kind="rows", columns=["a"])) is RowsPlan
    with pytest.raises(InvalidRequest, match="Unknown plan kind"):
        Plan(kind="pivot")
    p = AggregatePlan(measures=[Measure("count")], group_by=["g"])
    rows = p.copy(kind="rows", columns=["g"])
    assert type(rows) is RowsPlan and rows.columns == ["g"] and p.group_by == ["g"]


def test_readings_are_one_checkable_line():
    assert AggregatePlan(measures=[Measure("mean", "tip")], filters=[
        Filter("day", "!=", "Sun")]).describe() == "average tip where day is not Sun"
    assert AggregatePlan(measures=[Measure("mean", "tip"), Measure("median", "tip")],
                         group_by=["day"]).describe() == "average tip and median tip by day"
    assert AggregatePlan(measures=[Measure("count_missing", "tip")]).describe() == \
        "number of missing tip"
    assert AggregatePlan(measures=[Measure("count")], filters=[
        Filter("year", "not between", [2000, 2005])]).describe() == \
        "number of rows where year is not between 2000 and 2005"
    assert ComparisonPlan(measure=Measure("count"), column="country", items=["Canada", "Finland"],
                          output="larger").describe() == \
        "which country of Canada and Finland has the higher number of rows"
    assert ChangePlan(measure=Measure("mean", "gdp"), time="year", start=1952, end=2007,
                      filters=[Filter("country", "=", "Japan")]).describe() == \
        "change in average gdp from 1952 to 2007 (year) where country is Japan"
    assert PositionPlan(position="next", anchor=[Filter("station", "=", "Woodman")],
                        columns=["station"]).describe() == \
        "station of the row after the row where station is Woodman (in table order)"
    assert LookupPlan(columns=["titles"], filters=[Filter("player", "=", "Ann Lee")]) \
        .describe() == "titles where player is Ann Lee"
    derived = AggregatePlan(measures=[Measure("mean", "x")], steps=[
        Step("derive", "x", Expr.of("/", Expr.col("a"), Expr.col("b")))])
    assert derived.describe() == "x = a / b, then average x"


def test_flat_plans_of_earlier_versions_are_migrated():
    tool = Plan.from_dict({"kind": "tool", "tool": {"name": "kmeans",
                                                    "args": {"features": ["a", "b"],
                                                             "n_clusters": 3}}})
    assert isinstance(tool, ToolPlan) and tool.tool.args == {"features": ["a", "b"], "k": 3}
    fc = Plan.from_dict({"kind": "tool", "time_bucket": {"column": "date", "grain": "month"},
                         "tool": {"name": "arima", "args": {"target": "sales", "time": "date",
                                                            "grain": "month", "agg": "sum",
                                                            "horizon": 6}}})
    assert fc.series.time == "date" and fc.series.grain == "month"
    assert fc.tool.args == {"target": "sales", "horizon": 6}
    dist = Plan.from_dict({"kind": "distribution", "columns": ["x"], "descending": False})
    assert dist.columns == ["x"]
    with pytest.raises(InvalidRequest, match="Unknown plan field"):
        Plan.from_dict({"kind": "aggregate", "colour": "red"})


def test_json_schema_is_what_an_llm_fills():
    jsonschema = pytest.importorskip("jsonschema")
    schema = plan_json_schema()
    kinds = {alt["$ref"].rsplit("/", 1)[-1] for alt in schema["oneOf"]}
    assert {"AggregatePlan", "ComparisonPlan", "ChangePlan", "ToolPlan"} <= kinds
    assert "count_missing" in schema["$defs"]["Measure"]["properties"]["agg"]["enum"]
    assert "not between" in schema["$defs"]["Filter"]["properties"]["op"]["enum"]
    tools = {alt["title"] for alt in schema["$defs"]["ToolCall"]["oneOf"]}
    assert {"linear_regression", "t_test", "kmeans"} <= tools
    validator = jsonschema.Draft202012Validator(schema)
    for plan in ALL_KINDS:
        validator.validate(plan.to_dict())
    bad = {"kind": "aggregate", "measures": [{"agg": "average", "column": "x"}]}
    assert list(validator.iter_errors(bad))
    with pytest.raises(InvalidRequest, match="Unknown aggregation 'average'"):
        parse_plan(bad)
    with pytest.raises(InvalidRequest, match="features"):
        parse_plan({"kind": "tool", "tool": {"name": "kmeans", "args": {"features": 3}}})
    with pytest.raises(InvalidRequest, match="not valid JSON"):
        parse_plan("{kind: aggregate")


# -- the engine's answers against pandas -------------------------------------------------

def test_aggregate_with_negation_and_several_measures(src, league):
    plan, got, ns = both(AggregatePlan(
        measures=[Measure("mean", "wins"), Measure("median", "wins"),
                  Measure("count_missing", "coach")],
        group_by=["team"], filters=[Filter("team", "not in", ["Lynx", "Foxes"])]), src, league)
    d = league[~league.team.isin(["Lynx", "Foxes"])]
    exp = d.groupby("team").agg(mean_wins=("wins", "mean"), median_wins=("wins", "median"),
                                count_missing_coach=("coach", lambda s: s.isna().sum()))
    pd.testing.assert_frame_equal(got.set_index("team"), exp, check_dtype=False)
    pd.testing.assert_frame_equal(got, ns["result"], check_dtype=False)


def test_lookup_cells_and_the_row_with_the_most(src, league):
    plan, got, ns = both(LookupPlan(columns=["wins", "losses"], filters=[
        Filter("team", "=", "otters"), Filter("season", "=", 2005)]), src, league)
    row = league[(league.team == "Otters") & (league.season == 2005)].iloc[0]
    assert got.iloc[0].tolist() == [row.wins, row.losses]
    assert answer_value(plan, got) == {"wins": row.wins, "losses": row.losses}
    pd.testing.assert_frame_equal(got, ns["result"].reset_index(drop=True), check_dtype=False)
    plan, got, ns = both(LookupPlan(columns=["team", "season"], by="attendance"), src, league)
    best = league[league.attendance == league.attendance.max()]
    assert got["team"].tolist() == best["team"].tolist()
    pd.testing.assert_frame_equal(got, ns["result"].reset_index(drop=True), check_dtype=False)


@pytest.mark.parametrize("position,n,order_by", [("first", 1, None), ("last", 1, None),
                                                 ("nth", 4, None), ("last", 2, "wins"),
                                                 ("next", 1, None), ("previous", 2, None),
                                                 ("next", 1, "attendance"),
                                                 ("count_before", 1, None),
                                                 ("count_after", 1, "wins")])
def test_table_order(src, league, position, n, order_by):
    anchor = [Filter("team", "=", "Lynx"), Filter("season", "=", 2004)]
    plan = PositionPlan(position=position, n=n, order_by=order_by, columns=["team", "season"],
                        anchor=anchor if position not in ("first", "last", "nth") else [])
    plan, got, ns = both(plan, src, league)
    d = league.sort_values(order_by, kind="stable") if order_by else league
    d = d.reset_index(drop=True)
    at = int(d.index[(d.team == "Lynx") & (d.season == 2004)][0])
    expected_pos = {"first": 0, "nth": n - 1, "last": len(d) - n, "next": at + n,
                    "previous": at - n}.get(position)
    if position.startswith("count"):
        want = at if position == "count_before" else len(d) - at - 1
        assert int(got["count"].iloc[0]) == want == ns["result"]
        return
    assert got[["team", "season"]].iloc[0].tolist() == \
        d[["team", "season"]].iloc[expected_pos].tolist()
    assert int(got["row_position"].iloc[0]) == expected_pos + 1
    pd.testing.assert_frame_equal(got, ns["result"].reset_index(drop=True), check_dtype=False)


@pytest.mark.parametrize("output", ["values", "difference", "ratio", "larger", "smaller",
                                    "is_larger", "is_smaller"])
def test_comparison_of_two_items(src, league, output):
    plan = ComparisonPlan(measure=Measure("sum", "wins"), column="team",
                          items=["Otters", "Herons"], output=output,
                          filters=[Filter("season", ">=", 2004)])
    plan, got, ns = both(plan, src, league)
    d = league[league.season >= 2004]
    a = d.loc[d.team == "Otters", "wins"].sum()
    b = d.loc[d.team == "Herons", "wins"].sum()
    expected = {"values": {"Otters": a, "Herons": b}, "difference": a - b, "ratio": a / b,
                "larger": "Otters" if a > b else "Herons",
                "smaller": "Otters" if a < b else "Herons",
                "is_larger": "Yes" if a > b else "No",
                "is_smaller": "Yes" if a < b else "No"}[output]
    value = answer_value(plan, got)
    assert value == pytest.approx(expected) if isinstance(expected, float) else \
        value == expected
    code_answer = ns["answer"]
    if output in ("is_larger", "is_smaller"):
        assert ("Yes" if code_answer else "No") == value
    elif output == "values":
        assert code_answer == (a, b)
    else:
        assert code_answer == pytest.approx(expected) if isinstance(expected, float) else \
            code_answer == expected


def test_comparison_with_a_threshold_says_yes_or_no(src, league):
    total = league.loc[league.team == "Badgers", "wins"].sum()
    for output, threshold, want in [("at_least", total, "Yes"), ("at_least", total + 1, "No"),
                                    ("at_most", total - 1, "No")]:
        plan, got, ns = both(ComparisonPlan(measure=Measure("sum", "wins"), column="team",
                                            items=["Badgers"], output=output,
                                            threshold=threshold), src, league)
        assert answer_value(plan, got) == want
        assert ("Yes" if ns["answer"] else "No") == want


@pytest.mark.parametrize("output,col", [("difference", "change"), ("percent", "percent_change"),
                                        ("ratio", "ratio"), ("growth_rate", "growth_rate_pct")])
def test_change_between_two_points(src, league, output, col):
    plan, got, ns = both(ChangePlan(measure=Measure("mean", "attendance"), time="season",
                                    start=2002, end=2009, output=output,
                                    filters=[Filter("team", "=", "Ravens")]), src, league)
    d = league[league.team == "Ravens"]
    s = d.loc[d.season == 2002, "attendance"].mean()
    e = d.loc[d.season == 2009, "attendance"].mean()
    want = {"change": e - s, "percent_change": 100 * (e - s) / s, "ratio": e / s,
            "growth_rate_pct": 100 * ((e / s) ** (1 / 7) - 1)}[col]
    assert got[col].iloc[0] == pytest.approx(want)
    assert answer_value(plan, got) == pytest.approx(want)
    pd.testing.assert_frame_equal(got, ns["result"], check_dtype=False)


def test_change_per_group_ranks_the_groups(src, league):
    plan, got, ns = both(ChangePlan(measure=Measure("sum", "wins"), time="season", start=2001,
                                    end=2010, output="difference", group_by=["team"]),
                         src, league)
    w = league.pivot_table(index="team", columns="season", values="wins", aggfunc="sum")
    want = (w[2010] - w[2001]).sort_values(ascending=False, kind="stable")
    assert got.set_index("team")["change"].tolist() == want.tolist()
    pd.testing.assert_frame_equal(got.reset_index(drop=True),
                                  ns["result"].reset_index(drop=True), check_dtype=False)
    plan, got, _ = both(plan.copy(limit=1), src, league)
    assert answer_value(plan, got) == want.index[0]


def test_sets_distinct_duplicates_and_top_per_group(src, league):
    plan, got, ns = both(SetPlan(op="distinct", columns=["coach"]), src, league)
    counts = league.coach.value_counts()
    assert dict(zip(got.coach, got["count"])) == counts.to_dict()
    assert sorted(answer_value(plan, got)) == sorted(counts.index)
    pd.testing.assert_frame_equal(got, ns["result"].reset_index(drop=True), check_dtype=False)
    plan, got, ns = both(SetPlan(op="duplicates", columns=["team", "wins"]), src, league)
    dup = league.groupby(["team", "wins"]).size()
    assert len(got) == int((dup > 1).sum())
    pd.testing.assert_frame_equal(got, ns["result"].reset_index(drop=True), check_dtype=False)
    plan, got, ns = both(SetPlan(op="top_per_group", group_by=["team"], order_by="attendance",
                                 columns=["season"], n=2), src, league)
    top = league.sort_values("attendance", ascending=False).groupby("team").head(2)
    assert sorted(zip(got.team, got.season)) == sorted(zip(top.team, top.season))
    pd.testing.assert_frame_equal(got, ns["result"].reset_index(drop=True), check_dtype=False)


def test_derived_columns_and_dropping_missing_rows(src, league):
    plan = AggregatePlan(measures=[Measure("mean", "win_share")], group_by=["coach"], steps=[
        Step("drop_missing", columns=["coach"]),
        Step("derive", "win_share", Expr.of("/", Expr.col("wins"),
                                            Expr.of("+", Expr.col("wins"),
                                                    Expr.col("losses"))))])
    plan, got, ns = both(plan, src, league)
    d = league.dropna(subset=["coach"])
    share = d.wins / (d.wins + d.losses).where(d.wins + d.losses != 0)
    want = share.groupby(d.coach).mean()
    np.testing.assert_allclose(got.set_index("coach")["mean_win_share"], want)
    pd.testing.assert_frame_equal(got, ns["result"], check_dtype=False)
    with pytest.raises(InvalidRequest, match="numeric"):
        validate_plan(AggregatePlan(measures=[Measure("count")], steps=[
            Step("derive", "z", Expr.of("*", Expr.col("team"), Expr.num(2)))]), src.schema)


def test_new_kinds_refuse_what_cannot_run(src):
    with pytest.raises(InvalidRequest, match="needs 2 item"):
        validate_plan(ComparisonPlan(measure=Measure("sum", "wins"), column="team",
                                     items=["Otters"]), src.schema)
    with pytest.raises(InvalidRequest, match="anchor"):
        validate_plan(PositionPlan(position="next"), src.schema)
    with pytest.raises(InvalidRequest, match="no value 'Ottters'"):
        validate_plan(ComparisonPlan(measure=Measure("sum", "wins"), column="team",
                                     items=["Ottters", "Herons"]), src.schema)
    with pytest.raises(InvalidRequest, match="growth rate"):
        validate_plan(ChangePlan(measure=Measure("sum", "wins"), time="season", start=2005,
                                 end=2001, output="growth_rate"), src.schema)


def test_scatter_rows_are_the_same_rows_in_the_pandas_code(src, league):
    plan, got, ns = both(RowsPlan(columns=["wins", "attendance"], chart="scatter", limit=13),
                         src, league)
    assert 6 <= len(got) <= 13 and ".sample(" not in pandas_code(plan, list(league.columns),
                                                                len(league))
    pd.testing.assert_frame_equal(got, ns["result"].reset_index(drop=True), check_dtype=False)
    # spread over the whole table, not its first rows
    assert got["attendance"].tolist() != league["attendance"].head(13).tolist()


@pytest.mark.parametrize("plan", ALL_KINDS, ids=lambda p: p.kind)
def test_pandas_code_imports_first_and_only_what_it_uses(plan):
    code = pandas_code(plan, ["team", "season", "wins", "losses", "attendance", "coach"], 60)
    lines = code.splitlines()
    imports = [i for i, line in enumerate(lines) if line.startswith(("import ", "from "))]
    assert imports == list(range(len(imports)))  # at the top
    body = "\n".join(lines[len(imports):])
    for line in lines[:len(imports)]:
        name = line.split()[-1]
        assert f"{name}." in body or f"{name}(" in body, (name, code)


def test_ratio_of_totals_and_mean_of_ratios(src, league):
    totals = Measure("sum", "wins", over="losses", totals=True)
    per_row = Measure("mean", "wins", over="losses")
    assert totals.describe() == "total wins divided by total losses"
    assert per_row.describe() == "average wins per losses"
    plan, got, ns = both(AggregatePlan(measures=[totals, per_row], group_by=["team"]),
                         src, league)
    g = league.groupby("team")
    want_totals = g.wins.sum() / g.losses.sum()
    ratio = league.wins / league.losses.where(league.losses != 0)
    want_mean = ratio.groupby(league.team).mean()
    np.testing.assert_allclose(got[totals.alias], want_totals.to_numpy())
    np.testing.assert_allclose(got[per_row.alias], want_mean.to_numpy())
    pd.testing.assert_frame_equal(got, ns["result"], check_dtype=False)
    plan, got, ns = both(AggregatePlan(measures=[Measure("sum", "wins", over="losses",
                                                         totals=True, percent=True)]),
                         src, league)
    assert got.iloc[0, 0] == pytest.approx(100 * league.wins.sum() / league.losses.sum())
    assert ns["result"] == pytest.approx(got.iloc[0, 0])


def test_rank_of_an_item_and_percentile_of_a_value(src, league):
    from nbdatachat.planner import PercentilePlan, RankPlan

    plan, got, ns = both(RankPlan(measure=Measure("sum", "wins"), column="team",
                                  item="Lynx"), src, league)
    totals = league.groupby("team").wins.sum().rank(method="min", ascending=False)
    assert answer_value(plan, got) == int(totals["Lynx"]) and got["of"].iloc[0] == 6
    pd.testing.assert_frame_equal(got.reset_index(drop=True),
                                  ns["result"].reset_index(drop=True), check_dtype=False)
    assert plan.describe() == "rank of team Lynx by total wins (highest first)"
    plan, got, ns = both(PercentilePlan(column="attendance", value=5000,
                                        filters=[Filter("team", "!=", "Foxes")]), src, league)
    d = league[league.team != "Foxes"]
    want = 100 * (d.attendance <= 5000).mean()
    assert answer_value(plan, got) == pytest.approx(want) == ns["result"]


def test_change_since_a_point_runs_to_the_last_one(src, league):
    plan, got, ns = both(ChangePlan(measure=Measure("sum", "wins"), time="season",
                                    start=2006, output="difference"), src, league)
    assert plan.end == league.season.max()
    w = league.groupby("season").wins.sum()
    assert answer_value(plan, got) == w[league.season.max()] - w[2006]
    assert "from 2006 to 2010" in plan.describe()
