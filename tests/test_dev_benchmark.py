"""The dev benchmark's grader, classifier, loaders and chart grading (``benchmarks/dev``).

The grading rules are checked on hand-written values; the parts that read the dev data skip
with a message when ``../shared/dev-data/`` is absent.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.dev import classify, grade, nlv, wtq  # noqa: E402
from benchmarks.dev.paths import ENV_VAR, dev_data_dir  # noqa: E402
from benchmarks.dev.runner import ms_quantiles, parse_args  # noqa: E402

DEV = dev_data_dir()
needs_dev_data = pytest.mark.skipif(DEV is None, reason="dev data (../shared/dev-data/) absent")


# ----------------------------------------------------------------------------- grader
@pytest.mark.parametrize("target, got", [
    ("12,467", 12467), ("12,467", "12467"), ("6,081,896", 6081896.0), ("8", "8 titles"),
    ("8 titles", 8), ("$1,200", 1200), ("2nd", 2), ("-5", -5), ("−5", -5.0),
    ("3.33", 3.3333333), ("0.5", "0.50"), ("25%", 25), ("7", np.int64(7)),
    ("1,182,000", np.float64(1182000.0)), ("2.514e+06", 2514000),
    ("23.9%", 0.239), ("5%", 0.05), ("12.5%", 0.125), ("3496 V", 3496.0),
])
def test_numbers_compare_as_numbers(target, got):
    assert grade.values_match(target, got)


@pytest.mark.parametrize("target, got", [
    ("3", 3.4), ("12,467", 12468), ("1st Round", 1), ("4th, Western", 4), ("3 to 1", 3),
    ("8", "8-3"), ("3.33", 3.34), ("10", 1.0),
    ("23.9%", 0.24), ("23.9", 0.239), ("25%", "0.25%"), ("2 of five", 2), ("3 vs", 3),
])
def test_different_numbers_or_non_numbers_do_not_match(target, got):
    assert not grade.values_match(target, got)


def test_number_reading_is_whole_string():
    assert grade.as_number("4th, Western") is None
    assert grade.as_number("1999-2000") is None
    assert grade.as_number("12,467").value == 12467
    assert grade.as_number("8 titles").value == 8
    assert grade.as_number("3.25").decimals == 2
    assert grade.as_number(True) is None
    assert grade.as_number(float("nan")) is None


@pytest.mark.parametrize("target, got", [
    ("May 12, 2004", "2004-05-12"), ("12 May 2004", pd.Timestamp("2004-05-12")),
    ("May 2004", dt.date(2004, 5, 17)), ("September 22", "Sept. 22"),
    ("2004-05-12", dt.datetime(2004, 5, 12, 0, 0)), ("March 3rd, 1999", "3 March 1999"),
    ("2004", pd.Timestamp("2004-01-01")),
])
def test_dates_compare_as_dates(target, got):
    assert grade.values_match(target, got)


@pytest.mark.parametrize("target, got", [
    ("May 12, 2004", "2004-05-13"), ("May 2004", "June 2004"), ("May 12, 2004", "May 12"),
    ("2004", pd.Timestamp("2004-03-01")),
])
def test_different_dates_do_not_match(target, got):
    assert not grade.values_match(target, got)


@pytest.mark.parametrize("target, got", [
    ("Bangkok, Thailand", "bangkok thailand"), ("  Wolfe  Tones ", "WOLFE TONES"),
    ("Jérôme Pineau", "Jerome Pineau"), ('"Come Baby Come"', "Come Baby Come"),
    ("Paul Menard *", "Paul Menard"), ("Seattle[1]", "Seattle"),
    ("Manawanui (i)", "Manawanui"), ("Jean–Pierre", "Jean-Pierre"), ("Yes", True),
    ("no", False), ("O’Brien", "O'Brien"),
])
def test_text_normalisation(target, got):
    assert grade.values_match(target, got)


@pytest.mark.parametrize("target, got", [
    ("Bangkok", "Bangkok, Thailand"), ("yes", False), ("Spain", "Spainn"),
    ("1-0", "10"),
])
def test_different_text_does_not_match(target, got):
    assert not grade.values_match(target, got)


def test_lists_match_as_sets():
    targets = ("Morocco", "France", "Spain")
    assert grade.denotations_match(targets, ["spain", "MOROCCO", "France"])
    assert grade.denotations_match(targets, ["Spain", "France", "Morocco", "Spain"])  # repeats
    assert not grade.denotations_match(targets, ["Spain", "France"])  # one missing
    assert not grade.denotations_match(targets, ["Spain", "France", "Morocco", "Italy"])
    assert not grade.denotations_match(("4",), [4, 5])
    assert grade.denotations_match(("1,000", "2"), [2, 1000.0])
    assert not grade.denotations_match(("x",), None)
    assert not grade.denotations_match(("x",), [])


def test_set_matching_is_one_to_one():
    # "2" and "2.0" are one value; two targets cannot both be matched by it.
    assert not grade.denotations_match(("2", "3"), [2.0, 2])


# ----------------------------------------------------------------------------- denotation
@dataclass
class FakePlan:
    argmax: bool = False
    order_by: str | None = None
    limit: int | None = None
    group_by: list[str] = field(default_factory=list)
    filters: list[Any] = field(default_factory=list)


@dataclass
class FakeFilter:
    column: str


@dataclass
class FakeAnswer:
    table: pd.DataFrame
    plan: Any = None
    status: str = "answered"


@dataclass
class ValueAnswer(FakeAnswer):
    value: Any = None


def test_denotation_prefers_value():
    table = pd.DataFrame({"a": [1, 2]})
    assert grade.answer_denotation(ValueAnswer(table, value=8)) == [8]
    assert grade.answer_denotation(ValueAnswer(table, value=["x", "y"])) == ["x", "y"]
    assert grade.answer_denotation(ValueAnswer(table, value={"Team": "Wolfe Tones"})) == \
        ["Wolfe Tones"]
    assert grade.answer_denotation(ValueAnswer(table, value=pd.Series([3, 4]))) == [3, 4]
    # value None: read the table
    assert grade.answer_denotation(ValueAnswer(table, value=None)) == [1, 2]


def test_denotation_from_tables():
    one = pd.DataFrame({"count": [8]})
    assert grade.answer_denotation(FakeAnswer(one)) == [8]
    argmax = pd.DataFrame({"team": ["A", "B"], "wins": [5, 3]})
    assert grade.answer_denotation(FakeAnswer(argmax, FakePlan(argmax=True, group_by=["team"]))) \
        == ["A"]
    top1 = FakePlan(order_by="wins", limit=1)
    assert grade.answer_denotation(FakeAnswer(argmax.head(1), top1)) == ["A"]
    column = pd.DataFrame({"name": ["x", "y", "z"]})
    assert grade.answer_denotation(FakeAnswer(column)) == ["x", "y", "z"]
    lookup = pd.DataFrame({"Position": ["1st"], "Venue": ["New Delhi"]})
    plan = FakePlan(filters=[FakeFilter("Position")])
    assert grade.answer_denotation(FakeAnswer(lookup, plan)) == ["New Delhi"]
    # a grouped table is not one answer
    assert grade.answer_denotation(FakeAnswer(argmax, FakePlan())) is None
    assert grade.answer_denotation(FakeAnswer(pd.DataFrame())) is None


def test_jsonable_values():
    assert grade.jsonable([np.int64(3), float("nan"), pd.Timestamp("2020-01-02"), "x"]) == \
        [3, None, "2020-01-02", "x"]


# ----------------------------------------------------------------------------- classifier
@pytest.mark.parametrize("question, capability", [
    ("how many riders come from portugal?", "count"),
    ("what is the number of singers in the hill choir?", "count"),
    ("how many schools have earned at least 1 silver award?", "count"),
    ("which town had the largest harbour?", "superlative"),
    ("which brand was sold the least?", "superlative"),
    ("what is the name of the tallest tower?", "superlative"),
    ("who is the first home side on the chart", "order"),
    ("which crew won previous to alderley?", "order"),
    ("who finished right after portugal?", "order"),
    ("which skater was from new zealand after the year 2004?", "lookup"),
    ("which club has the most second place trophies?", "superlative"),
    ("is maria lund above 180 centimetres", "comparison"),
    ("did the blue heron win more or less regattas than the osprey?", "comparison"),
    ("which is taller, mount arlo or mount brea?", "comparison"),
    ("who had a quicker time, anna berg or lena voss?", "comparison"),
    ("what is the difference in acres from elmwood and firth?", "change"),
    ("how many more tourists travelled to lisbon than to oslo?", "change"),
    ("what is the total of trophies earned by portugal?", "arithmetic"),
    ("what was the mean amount of harvests that were plentiful?", "arithmetic"),
    ("list each jubilee coin series", "list"),
    ("what were the names of every choir where more than 20 songs were sung?", "list"),
    ("who wrote the song \"quiet river road\"?", "lookup"),
    ("name a stadium that hosted at least four times.", "lookup"),
    ("only school to earn more than 5 silver awards", "other"),
    ("how many concerts had more than 8,000 in attendance?", "count"),
    ("what is the total number of towers with heights above 300 m?", "count"),
])
def test_classifier(question, capability):
    assert classify.classify(question) == capability


def test_classifier_labels_cover_every_key():
    keys = [k for k, _ in classify.CAPABILITIES]
    assert len(keys) == len(set(keys)) == 9
    assert classify.classify("") == "other"


# ----------------------------------------------------------------------------- loaders
def test_unescape_and_headers():
    assert wtq.unescape(r"a\nb\pc\\d") == "a\nb|c\\d"
    assert wtq.unescape(r"say \"hi\"") == r"say \"hi\""
    assert wtq.unique_headers(["Round", "Round", "", "Round"]) == \
        ["Round", "Round.1", "Unnamed: 2", "Round.2"]


def test_read_table_keeps_text(tmp_path):
    path = tmp_path / "1.tsv"
    path.write_text("Year\tCity\tAttendance\n2001\tBangkok\\pThailand\t7,169\n"
                    "2002\t\t6,260\n2003\tA\\nB\n", encoding="utf-8")
    df = wtq.read_table(path)
    assert list(df.columns) == ["Year", "City", "Attendance"]
    assert df["Year"].tolist() == ["2001", "2002", "2003"]  # text: the engine profiles it
    assert df["Attendance"].tolist()[:2] == ["7,169", "6,260"]
    assert df.loc[0, "City"] == "Bangkok|Thailand" and df.loc[2, "City"] == "A\nB"
    assert pd.isna(df.loc[1, "City"]) and pd.isna(df.loc[2, "Attendance"])


def test_sample_is_seeded_and_sized():
    qs = [wtq.WtqQuestion(f"nt-{i}", f"q{i}", f"csv/{i % 7}.csv", ("1",)) for i in range(100)]
    a, b = wtq.sample(qs, 30, 5), wtq.sample(qs, 30, 5)
    assert a == b and len(a) == 30 and len({q.id for q in a}) == 30
    assert a != wtq.sample(qs, 30, 6)
    assert [q.context for q in a] == sorted(q.context for q in a)  # table order
    assert len(wtq.sample(qs, None, 5)) == 100


def test_dev_data_dir_resolution(tmp_path):
    repo = tmp_path / "wt" / "tools"
    repo.mkdir(parents=True)
    assert dev_data_dir(repo, environ={}) is None
    shared = tmp_path / "shared" / "dev-data"
    shared.mkdir(parents=True)
    assert dev_data_dir(repo, environ={}) == shared  # two levels up, from a worktree
    other = tmp_path / "elsewhere"
    other.mkdir()
    assert dev_data_dir(repo, environ={ENV_VAR: str(other)}) == other
    assert dev_data_dir(repo, environ={ENV_VAR: str(tmp_path / "missing")}) is None


def test_runner_options():
    args = parse_args(["--limit", "50", "--seed", "3", "--planner", "llm"])
    assert (args.limit, args.seed, args.planner, args.all) == (50, 3, "llm", False)
    assert parse_args(["--all"]).all and parse_args([]).planner is None
    with pytest.raises(SystemExit):
        parse_args(["--all", "--limit", "5"])
    assert ms_quantiles([0.01] * 19 + [1.0]) == pytest.approx((10.0, 10.0))


# ----------------------------------------------------------------------------- NLV
SCATTER_COLOR = {"mark": {"type": "point"}, "encoding": {
    "x": {"field": "Displacement"}, "y": {"field": "MPG"}, "color": {"field": "Origin"}}}
HISTOGRAM = {"mark": "bar", "encoding": {"x": {"bin": True, "field": "Weight"},
                                          "y": {"aggregate": "count"}}}
GROUPED = {"mark": "bar", "encoding": {
    "column": {"field": "Cylinders"}, "x": {"field": "Origin"},
    "y": {"aggregate": "mean", "field": "Acceleration"}, "color": {"field": "Origin"}}}
COLUMNS = ["Model", "MPG", "Cylinders", "Displacement", "Weight", "Acceleration", "Origin"]


def spec_answer(kind, data, x, y, color=None):
    from nbdatachat.charts.spec import ChartSpec

    class A:
        status = "answered"
        chart_spec = ChartSpec(kind, data, x, y, color=color)
    return A()


def test_nlv_targets():
    t = nlv.target_chart(SCATTER_COLOR)
    assert (t.kind, t.x, t.y, t.color) == ("point", "Displacement", "MPG", "Origin")
    h = nlv.target_chart(HISTOGRAM)
    assert (h.kind, h.x, h.y) == ("histogram", "Weight", None)
    g = nlv.target_chart(GROUPED)
    assert (g.kind, g.facet, g.y) == ("bar", "Cylinders", "Acceleration")


def test_nlv_grading_of_real_chart_specs():
    cars = pd.DataFrame({"MPG": [18.0, 26, 30, 15], "Displacement": [300.0, 97, 90, 350],
                         "Origin": ["USA", "Europe", "Japan", "USA"],
                         "Weight": [3500, 1835, 2000, 4000]})
    target = nlv.target_chart(SCATTER_COLOR)
    swapped = spec_answer("scatter", cars, "MPG", "Displacement", color="Origin")
    g = nlv.grade_chart(target, nlv.answer_chart(swapped, COLUMNS))
    assert g.kind_right and g.fields_right  # x/y swap allowed for a scatter
    no_color = spec_answer("scatter", cars, "Displacement", "MPG")
    g = nlv.grade_chart(target, nlv.answer_chart(no_color, COLUMNS))
    assert g.kind_right and not g.fields_right
    bars = cars.groupby("Origin", as_index=False)["MPG"].mean().rename(columns={"MPG": "mean_MPG"})
    g = nlv.grade_chart(target, nlv.answer_chart(spec_answer("bar", bars, "Origin", "mean_MPG"),
                                                 COLUMNS))
    assert not g.kind_right and not g.both

    hist_target = nlv.target_chart(HISTOGRAM)
    hist = spec_answer("histogram", cars, "Weight", None)
    assert nlv.grade_chart(hist_target, nlv.answer_chart(hist, COLUMNS)).both
    counts = cars.groupby("Origin", as_index=False).size().rename(columns={"size": "count"})
    bar = nlv.answer_chart(spec_answer("bar", counts, "Origin", "count"), COLUMNS)
    assert bar.y is None and bar.x == "Origin"
    assert not nlv.grade_chart(hist_target, bar).fields_right
    assert nlv.grade_chart(nlv.target_chart(HISTOGRAM), None) == nlv.ChartGrade(False, False)


def test_nlv_bar_roles():
    target = nlv.target_chart(GROUPED)
    # dimensions may swap between x, colour and facet; the measure must stay the measure
    assert nlv.grade_chart(target, nlv.Chart("bar", "Cylinders", "Acceleration", "Origin")).both
    assert not nlv.grade_chart(target, nlv.Chart("bar", "Cylinders", "Origin",
                                                 "Acceleration")).fields_right
    assert nlv.source_column("mean_Acceleration", COLUMNS) == "Acceleration"
    assert nlv.source_column("count_distinct_Model", COLUMNS) is None
    assert nlv.source_column("mpg", COLUMNS) == "MPG"


# ----------------------------------------------------------------------------- the data
@needs_dev_data
def test_wtq_data_loads():
    root = DEV / "wikitablequestions"
    questions = wtq.read_questions(root)
    assert len(questions) == wtq.TOTAL_QUESTIONS
    first = questions[0]
    assert first.id == "nt-0" and first.targets == ("2004",)
    table = wtq.read_table(first.table_path(root))
    assert "Year" in table.columns and len(table) > 5
    assert all(v is None or isinstance(v, str) for v in table.to_numpy().ravel())
    assert sum(len(q.targets) > 1 for q in questions) > 100  # list targets exist


@needs_dev_data
def test_nlv_data_loads():
    root = DEV / "nlv-cars"
    rows = nlv.read_rows(root)
    targets = nlv.read_targets(root)
    assert len(rows) == 310 and len(targets) == 10
    assert {r.vis_id for r in rows} == set(targets)
    assert any(r.sequential and len(r.utterances) > 1 for r in rows)
    assert targets["scatterColor"] == nlv.Chart("point", "Displacement", "MPG", "Origin")


def test_command_skips_without_data_and_passes_options(tmp_path):
    import os
    import subprocess

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, ENV_VAR: str(tmp_path / "missing")}
    out = subprocess.run([sys.executable, "-m", "benchmarks", "dev", "--limit", "5"], cwd=root,
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "skipped: the dev data not found" in out.stdout
    refused = subprocess.run([sys.executable, "-m", "benchmarks", "import", "--limit", "5"],
                             cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "takes options" in refused.stderr
