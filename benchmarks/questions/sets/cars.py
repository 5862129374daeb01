"""Cars of the 1970s: vega_datasets ``cars`` (``Miles_per_Gallon``, ``Weight_in_lbs``), asked
through a Parquet file."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from ..datasets import BenchDataset
from ..spec import (
    ChartKind, Clusters, Distribution, Question, Refusal, RowSet, Tool, argmax, grouped, number,
    share, top,
)
from ._common import (
    ANOVA, KMEANS, REGRESSION, T_TEST, anova_pvalue, correlation, count, make, percentile,
    slope, t_test_pvalue,
)


def cars_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["cars"].frame
    q = partial(make, "cars")
    mpg, hp, weight = "Miles_per_Gallon", "Horsepower", "Weight_in_lbs"
    year = d.Year.dt.to_period("Y")
    by_name = d.set_index("Name")
    return [
        q("aggregate", "what's the average mpg?", number(d[mpg].mean())),
        q("aggregate", "how many cars are there", number(len(d))),
        q("aggregate", "max horsepower", number(d[hp].max())),
        q("aggregate", "avg weight", number(d[weight].mean())),
        q("aggregate", "whats the avg horsepowr", number(d[hp].mean())),
        q("aggregate", "how many distinct origins?", number(d.Origin.nunique())),
        q("aggregate", "standard deviation of acceleration", number(d.Acceleration.std())),
        q("aggregate", "what's the 25th percentile of displacement",
          percentile(d.Displacement, 0.25)),

        q("group_by", "average mpg by origin", grouped(d.groupby("Origin")[mpg].mean())),
        q("group_by", "number of cars by cylinders",
          grouped(d.groupby("Cylinders").size(), keys="number")),
        q("group_by", "avg horsepower per origin and cylinders",
          grouped(d.groupby(["Origin", "Cylinders"])[hp].mean(), keys=("text", "number"))),
        q("group_by", "I want to see the max weight per origin", grouped(d.groupby("Origin")[weight].max())),

        q("filter", "how many cars are from Japan", count(d.Origin == "Japan")),
        q("filter", "average mpg for cars with 4 cylinders",
          number(d[d.Cylinders == 4][mpg].mean())),
        q("filter", "list the cars with mpg above 40",
          RowSet(frozenset(d[d[mpg] > 40].Name))),
        q("filter", "how many cars have horsepower between 100 and 150",
          count(d[hp].between(100, 150))),
        q("filter", "average weight of cars from the USA",
          number(d[d.Origin == "USA"][weight].mean())),
        q("filter", "how many cars are from Europe or Japan", count(d.Origin.isin(["Europe", "Japan"]))),
        q("filter", "avg mpg of 8 cylinder cars made after 1975",
          number(d[(d.Cylinders == 8) & (d.Year.dt.year > 1975)][mpg].mean())),

        q("top_n", "top 5 cars by weight", top(by_name[weight], 5)),
        q("top_n", "show me the 5 cars with the best mpg", top(by_name[mpg], 5)),

        q("argmax", "which origin has the highest average mpg",
          argmax(d.groupby("Origin")[mpg].mean())),
        q("argmax", "which number of cylinders has the highest average horsepower?",
          argmax(d.groupby("Cylinders")[hp].mean())),
        q("argmax", "which car has the most horsepower", argmax(by_name[hp])),

        q("time_series", "average mpg by year",
          grouped(d.groupby(year)[mpg].mean(), keys="year")),
        q("time_series", "how has average horsepower changed over time",
          grouped(d.groupby(year)[hp].mean(), keys="year")),
        q("time_series", "number of cars per year", grouped(d.groupby(year).size(), keys="year")),

        q("correlation", "correlation between mpg and weight", correlation(d, mpg, weight)),
        q("correlation", "how related are horsepower and acceleration?",
          correlation(d, hp, "Acceleration")),

        q("tool", "does weight predict mpg?", Tool(REGRESSION, slope(d, mpg, weight))),
        q("tool", "is mpg different between Europe and Japan?",
          Tool(T_TEST, t_test_pvalue(d[d.Origin == "Europe"][mpg], d[d.Origin == "Japan"][mpg]))),
        q("tool", "does mpg differ across origins", Tool(ANOVA, anova_pvalue(d, mpg, "Origin"))),
        q("tool", "group the cars into 3 clusters", Tool(KMEANS, Clusters(3))),

        q("distribution", "distribution of horsepower", Distribution(hp, int(d[hp].notna().sum()))),
        q("distribution", "show me a histogram of mpg", Distribution(mpg, int(d[mpg].notna().sum()))),

        q("share", "what share of cars are from the USA", share((d.Origin == "USA").mean())),
        q("share", "percentage of cars by cylinders",
          grouped(d.Cylinders.value_counts(normalize=True), keys="number", percent=True)),

        q("follow_up", ("average mpg by origin", "now by cylinders instead"),
          grouped(d.groupby("Cylinders")[mpg].mean(), keys="number")),
        q("follow_up", ("how many cars from Japan", "and Europe?"), count(d.Origin == "Europe")),
        q("follow_up", ("top 5 cars by weight", "top 10 instead"), top(by_name[weight], 10)),
        q("follow_up", ("average horsepower by year", "as a bar chart"), ChartKind("bar")),

        q("refusal", "what's the average price of the cars?", Refusal()),
        q("refusal", "which car is the safest?", Refusal()),
        q("refusal", "what's Ford's stock price today", Refusal()),
        q("refusal", "blorf snizzle wumpus", Refusal()),
    ]
