"""Measurements: sklearn's ``iris`` (``sepal length (cm)``) and ``wine``, plotly's
``experiment``."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from ..datasets import BenchDataset
from ..spec import (
    Clarify, Clusters, Distribution, Question, Refusal, Tool, argmax, grouped, number, share, top,
)
from ._common import (
    ANOVA, KMEANS, REGRESSION, T_TEST, anova_pvalue, correlation, count, make, slope,
    t_test_pvalue,
)

SEPAL_L, SEPAL_W = "sepal length (cm)", "sepal width (cm)"
PETAL_L, PETAL_W = "petal length (cm)", "petal width (cm)"


def iris_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["iris"].frame
    q = partial(make, "iris")
    return [
        q("group_by", "average petal length by species", grouped(d.groupby("species")[PETAL_L].mean())),
        q("group_by", "how many flowers of each species?", grouped(d.groupby("species").size())),
        q("aggregate", "what's the mean sepal width", number(d[SEPAL_W].mean())),
        q("argmax", "which species has the longest petals",
          argmax(d.groupby("species")[PETAL_L].mean())),
        q("correlation", "correlation between petal length and petal width",
          correlation(d, PETAL_L, PETAL_W)),
        q("filter", "how many flowers have petal width above 1.5", count(d[PETAL_W] > 1.5)),
        q("tool", "cluster the flowers into 3 groups", Tool(KMEANS, Clusters(3))),
        q("tool", "is sepal length different between setosa and versicolor?",
          Tool(T_TEST, t_test_pvalue(d[d.species == "setosa"][SEPAL_L],
                                     d[d.species == "versicolor"][SEPAL_L]))),
        q("tool", "does sepal length differ across species",
          Tool(ANOVA, anova_pvalue(d, SEPAL_L, "species"))),
        q("distribution", "distribution of sepal length",
          Distribution(SEPAL_L, int(d[SEPAL_L].notna().sum()))),
        q("clarification", "average length", Clarify((SEPAL_L, PETAL_L))),
        q("clarification", "what's the mean width?", Clarify((SEPAL_W, PETAL_W))),
        q("refusal", "what color are the flowers?", Refusal()),
    ]


def wine_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["wine"].frame
    q = partial(make, "wine")
    return [
        q("group_by", "average alcohol by cultivar", grouped(d.groupby("cultivar").alcohol.mean())),
        q("group_by", "list the median hue per cultivar", grouped(d.groupby("cultivar").hue.median())),
        q("aggregate", "what's the avg color intensity", number(d.color_intensity.mean())),
        q("argmax", "which cultivar has the highest proline?",
          argmax(d.groupby("cultivar").proline.mean())),
        q("correlation", "correlation between alcohol and color intensity",
          correlation(d, "alcohol", "color_intensity")),
        q("tool", "does alcohol differ between cultivars",
          Tool(ANOVA, anova_pvalue(d, "alcohol", "cultivar"))),
        q("tool", "does alcohol predict proline?", Tool(REGRESSION, slope(d, "proline", "alcohol"))),
        q("clarification", "average phenols", Clarify(("total_phenols", "nonflavanoid_phenols"))),
        q("filter", "how many wines have alcohol over 14", count(d.alcohol > 14)),
        q("top_n", "top 2 cultivars by average malic acid",
          top(d.groupby("cultivar").malic_acid.mean(), 2)),
        q("share", "what percentage of wines are class_1?", share((d.cultivar == "class_1").mean())),
        q("distribution", "distribution of magnesium",
          Distribution("magnesium", int(d.magnesium.notna().sum()))),
        q("refusal", "what's the price of these wines?", Refusal()),
    ]


def experiment_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["experiment"].frame
    q = partial(make, "experiment")
    return [
        q("tool", "is experiment_1 different between control and treatment?",
          Tool(T_TEST, t_test_pvalue(d[d.group == "control"].experiment_1,
                                     d[d.group == "treatment"].experiment_1))),
        q("group_by", "average experiment_2 by group and gender",
          grouped(d.groupby(["group", "gender"]).experiment_2.mean(), keys=("text", "text"))),
        q("clarification", "what's the average experiment score",
          Clarify(("experiment_1", "experiment_2", "experiment_3"))),
        q("filter", "how many females are in the treatment group",
          count((d.gender == "female") & (d.group == "treatment"))),
        q("aggregate", "mean of experiment 3", number(d.experiment_3.mean())),
        q("share", "what percentage are in the control group", share((d.group == "control").mean())),
    ]
