"""Restaurant bills: plotly's ``tips`` (snake_case) and the same data as a messy CSV export."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from ..datasets import BenchDataset
from ..spec import (
    ChartKind, Clusters, Distribution, Question, Refusal, Tool, Values, argmax, grouped, number,
    share, top,
)
from ._common import (
    ANOVA, KMEANS, REGRESSION, T_TEST, anova_pvalue, correlation, count, make, ols, percentile,
    slope, t_test_pvalue,
)


def tips_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["tips"].frame
    q = partial(make, "tips")
    dinner = d[d.time == "Dinner"]
    return [
        q("aggregate", "what's the average bill?", number(d.total_bill.mean())),
        q("aggregate", "how many rows does this data have", number(len(d))),
        q("aggregate", "total tips collected", number(d.tip.sum())),
        q("aggregate", "median tip", number(d.tip.median())),
        q("aggregate", "What is the largest party size?", number(d["size"].max())),
        q("aggregate", "smallest bill?", number(d.total_bill.min())),
        q("aggregate", "std dev of the tip", number(d.tip.std())),
        q("aggregate", "what's the 90th percentile of total bill",
          percentile(d.total_bill, 0.9)),
        q("aggregate", "how many different days are in the data", number(d.day.nunique())),
        q("aggregate", "avg tip", number(d.tip.mean())),

        q("group_by", "average tip by day", grouped(d.groupby("day").tip.mean())),
        q("group_by", "show me the total bill for each time of day",
          grouped(d.groupby("time").total_bill.sum())),
        q("group_by", "how many parties of each size?",
          grouped(d.groupby("size").size(), keys="number")),
        q("group_by", "avg tip by day and time",
          grouped(d.groupby(["day", "time"]).tip.mean(), keys=("text", "text"))),
        q("group_by", "mean bill by sex and smoker",
          grouped(d.groupby(["sex", "smoker"]).total_bill.mean(), keys=("text", "text"))),
        q("group_by", "what's the max tip per day", grouped(d.groupby("day").tip.max())),

        q("filter", "how many bills were over $30?", count(d.total_bill > 30)),
        q("filter", "average tip for smokers", number(d[d.smoker == "Yes"].tip.mean())),
        q("filter", "avg tip at dinner on saturday",
          number(d[(d.day == "Sat") & (d.time == "Dinner")].tip.mean())),
        q("filter", "how many tables had between 3 and 5 people",
          count(d["size"].between(3, 5))),
        q("filter", "total bill on friday or saturday",
          number(d[d.day.isin(["Fri", "Sat"])].total_bill.sum())),
        q("filter", "average tip when the bill is at least 40",
          number(d[d.total_bill >= 40].tip.mean())),
        q("filter", "how many female smokers are there",
          count((d.sex == "Female") & (d.smoker == "Yes"))),

        q("top_n", "top 5 bills", Values(tuple(d.total_bill.nlargest(5)))),
        q("top_n", "which 2 days have the highest total tips",
          top(d.groupby("day").tip.sum(), 2)),
        q("top_n", "the 3 party sizes with the lowest average tip",
          top(d.groupby("size").tip.mean(), 3, keys="number", ascending=True)),

        q("argmax", "which day has the highest average bill",
          argmax(d.groupby("day").total_bill.mean())),
        q("argmax", "which party size tips the most on average?",
          argmax(d.groupby("size").tip.mean())),
        q("argmax", "which day has the most tables", argmax(d.day.value_counts())),

        q("share", "what percentage of tables were smokers", share((d.smoker == "Yes").mean())),
        q("share", "share of total tips by day",
          grouped(d.groupby("day").tip.sum() / d.tip.sum(), percent=True)),
        q("share", "what % of the total bill comes from dinner",
          share(dinner.total_bill.sum() / d.total_bill.sum())),

        q("distribution", "distribution of tips", Distribution("tip", int(d.tip.notna().sum()))),
        q("distribution", "show me a histogram of the total bill",
          Distribution("total_bill", int(d.total_bill.notna().sum()))),

        q("correlation", "correlation between bill and tip",
          correlation(d, "total_bill", "tip")),
        q("correlation", "how correlated are party size and tip?",
          correlation(d, "size", "tip")),

        q("tool", "does total bill predict tip amount?",
          Tool(REGRESSION, slope(d, "tip", "total_bill"))),
        q("tool", "is the tip different for smokers and non-smokers?",
          Tool(T_TEST, t_test_pvalue(d[d.smoker == "Yes"].tip, d[d.smoker == "No"].tip))),
        q("tool", "does the average bill differ across days?",
          Tool(ANOVA, anova_pvalue(d, "total_bill", "day"))),
        q("tool", "segment the tables into 3 clusters by bill and tip", Tool(KMEANS, Clusters(3))),
        q("tool", "regress tip on total_bill and size - what's the coefficient of size?",
          Tool(REGRESSION, number(ols(d, "tip", ["total_bill", "size"])[0]["size"]))),

        q("follow_up", ("average tip by day", "only for dinner"),
          grouped(dinner.groupby("day").tip.mean())),
        q("follow_up", ("average tip by day", "now by time instead"),
          grouped(d.groupby("time").tip.mean())),
        q("follow_up", ("total bill by day", "as a line chart"), ChartKind("line")),
        q("follow_up", ("how many smokers are there", "and non-smokers?"),
          count(d.smoker == "No")),

        q("refusal", "what's the average salary?", Refusal()),
        q("refusal", "what will the weather be in Paris tomorrow?", Refusal()),
        q("refusal", "should I buy Tesla stock?", Refusal()),
        q("refusal", "asdkjh qwpoeiru zxcmnb", Refusal()),
        q("refusal", "average rating by waiter", Refusal()),
    ]


def messy_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["messy_tips"].frame
    q = partial(make, "messy_tips")
    month = d["Visit Date"].dt.to_period("M")
    year = d["Visit Date"].dt.to_period("Y")
    sunday = d[d["Day of Week"] == "Sunday"]
    return [
        q("aggregate", "what's the avg tip amount?", number(d["Tip Amount"].mean())),
        q("aggregate", "total yearly spend", number(d["Yearly Spend"].sum())),
        q("group_by", "average bill by server", grouped(d.groupby("Server")["Total Bill"].mean())),
        q("filter", "how many visits did José serve", count(d.Server == "José")),
        q("filter", "average tip for parties of 4 or more",
          number(d[d["Party Size"] >= 4]["Tip Amount"].mean())),
        q("filter", "median bill on saturdays",
          number(d[d["Day of Week"] == "Saturday"]["Total Bill"].median())),
        q("argmax", "which server got the most tips in total",
          argmax(d.groupby("Server")["Tip Amount"].sum())),
        q("time_series", "total bill by month",
          grouped(d.groupby(month)["Total Bill"].sum(), keys="month")),
        q("time_series", "total tips per year",
          grouped(d.groupby(year)["Tip Amount"].sum(), keys="year")),
        q("share", "share of tips by server",
          grouped(d.groupby("Server")["Tip Amount"].sum() / d["Tip Amount"].sum(),
                  percent=True)),
        q("top_n", "top 2 servers by average tip",
          top(d.groupby("Server")["Tip Amount"].mean(), 2)),
        q("distribution", "distribution of party size",
          Distribution("Party Size", int(d["Party Size"].notna().sum()))),
        q("follow_up", ("total tips by server", "only for sunday"),
          grouped(sunday.groupby("Server")["Tip Amount"].sum())),
        q("refusal", "average rating per server", Refusal()),
    ]
