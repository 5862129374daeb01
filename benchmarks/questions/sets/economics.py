"""Economics from statsmodels: ``longley`` (``TOTEMP``, ``GNPDEFL``), ``macrodata``
(``realgdp``, ``tbilrate``) and ``fair`` (``yrs_married``, ``educ``)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from ..datasets import BenchDataset
from ..spec import Distribution, Question, Refusal, Tool, argmax, grouped, number, share
from ._common import REGRESSION, correlation, count, make, slope


def longley_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["longley"].frame
    q = partial(make, "longley")
    return [
        q("time_series", "total employment over time",
          grouped(d.set_index("YEAR").TOTEMP, keys="year")),
        q("tool", "does GNP predict total employment?", Tool(REGRESSION, slope(d, "TOTEMP", "GNP"))),
        q("correlation", "correlation between unemployment and armed forces",
          correlation(d, "UNEMP", "ARMED")),
        q("aggregate", "average GNP", number(d.GNP.mean())),
        q("argmax", "which year had the highest unemployment", argmax(d.set_index("YEAR").UNEMP)),
        q("aggregate", "max population", number(d.POP.max())),
        q("filter", "average unemployment after 1955", number(d[d.YEAR > 1955].UNEMP.mean())),
    ]


def macrodata_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["macrodata"].frame
    q = partial(make, "macrodata")
    seventies = d[d.year.between(1970, 1979)]
    return [
        q("time_series", "average unemployment rate by year",
          grouped(d.groupby("year").unemp.mean(), keys="year")),
        q("aggregate", "what's the highest inflation", number(d.infl.max())),
        q("correlation", "correlation between unemployment and inflation",
          correlation(d, "unemp", "infl")),
        q("tool", "does real consumption predict real gdp?",
          Tool(REGRESSION, slope(d, "realgdp", "realcons"))),
        q("group_by", "average real gdp by quarter",
          grouped(d.groupby("quarter").realgdp.mean(), keys="number")),
        q("argmax", "which year had the highest average unemployment?",
          argmax(d.groupby("year").unemp.mean())),
        q("filter", "average inflation in the 1970s", number(seventies.infl.mean())),
        q("aggregate", "what's the median t-bill rate", number(d.tbilrate.median())),
    ]


def fair_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["fair"].frame
    q = partial(make, "fair")
    return [
        q("group_by", "average affairs by marriage rating",
          grouped(d.groupby("rate_marriage").affairs.mean(), keys="number")),
        q("group_by", "num of respondents per religiousness level",
          grouped(d.groupby("religious").size(), keys="number")),
        q("filter", "how many respondents are older than 40", count(d.age > 40)),
        q("aggregate", "average years married", number(d.yrs_married.mean())),
        q("aggregate", "average education", number(d.educ.mean())),
        q("tool", "does years married predict affairs?",
          Tool(REGRESSION, slope(d, "affairs", "yrs_married"))),
        q("share", "what percentage have no children", share((d.children == 0).mean())),
        q("argmax", "which occupation has the highest average affairs",
          argmax(d.groupby("occupation").affairs.mean())),
        q("distribution", "distribution of age", Distribution("age", int(d.age.notna().sum()))),
        q("refusal", "what's the divorce rate in France", Refusal()),
        q("refusal", "tell me a joke", Refusal()),
    ]
