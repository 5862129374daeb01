"""Countries of the world: plotly's ``gapminder`` (camelCase) and ``medals_long``."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from ..datasets import BenchDataset
from ..spec import (
    ChartKind, Clusters, Distribution, Question, Refusal, RowSet, Tool, argmax, grouped, number,
    share, top,
)
from ._common import (
    ANOVA, KMEANS, REGRESSION, T_TEST, anova_pvalue, correlation, count, make, slope,
    t_test_pvalue,
)


def gapminder_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["gapminder"].frame
    q = partial(make, "gapminder")
    y2007 = d[d.year == 2007]
    by_country_2007 = y2007.set_index("country")
    pop_2007 = y2007.groupby("continent")["pop"].sum()
    return [
        q("aggregate", "how many countries are there?", number(d.country.nunique())),
        q("aggregate", "how many continents are in the data", number(d.continent.nunique())),
        q("aggregate", "max gdp per capita", number(d.gdpPercap.max())),
        q("aggregate", "median life expectancy", number(d.lifeExp.median())),
        q("aggregate", "what's the mean population", number(d["pop"].mean())),
        q("aggregate", "what's the lowest life expectancy ever recorded",
          number(d.lifeExp.min())),

        q("group_by", "average life expectancy by continent",
          grouped(d.groupby("continent").lifeExp.mean())),
        q("group_by", "how many countries in each continent",
          grouped(d.groupby("continent").country.nunique())),
        q("group_by", "mean gdp per capita by continent and year",
          grouped(d.groupby(["continent", "year"]).gdpPercap.mean(), keys=("text", "year"))),
        q("group_by", "give me the median gdp per continent", grouped(d.groupby("continent").gdpPercap.median())),

        q("filter", "average life expectancy in 2007", number(y2007.lifeExp.mean())),
        q("filter", "total population in 2007", number(y2007["pop"].sum())),
        q("filter", "avg lifeExp in Europe in 2007",
          number(y2007[y2007.continent == "Europe"].lifeExp.mean())),
        q("filter", "how many countries had a life expectancy below 40 in 1952",
          count((d.year == 1952) & (d.lifeExp < 40))),
        q("filter", "list the countries in Oceania",
          RowSet(frozenset(d[d.continent == "Oceania"].country.unique()))),
        q("filter", "which countries had gdp per capita over 40000 in 2007?",
          RowSet(frozenset(y2007[y2007.gdpPercap > 40000].country))),
        q("filter", "what was japans life expectency in 2007",
          number(by_country_2007.loc["Japan", "lifeExp"])),
        q("filter", "what was the population of India in 1982",
          number(d[(d.country == "India") & (d.year == 1982)]["pop"].iloc[0])),

        q("top_n", "top 5 countries by population in 2007", top(by_country_2007["pop"], 5)),
        q("top_n", "10 countries with the lowest life expectancy in 2007",
          top(by_country_2007.lifeExp, 10, ascending=True)),
        q("top_n", "top 3 continents by average gdp per capita",
          top(d.groupby("continent").gdpPercap.mean(), 3)),

        q("argmax", "which continent has the highest average life expectancy?",
          argmax(d.groupby("continent").lifeExp.mean())),
        q("argmax", "which country had the highest gdp per capita in 2007",
          argmax(by_country_2007.gdpPercap)),
        q("argmax", "which country has the largest population",
          argmax(d.groupby("country")["pop"].max())),
        q("argmax", "which continent had the lowest average gdp per capita in 2007?",
          argmax(y2007.groupby("continent").gdpPercap.mean(), lowest=True)),

        q("time_series", "life expectancy over time",
          grouped(d.groupby("year").lifeExp.mean(), keys="year")),
        q("time_series", "how did Japan's gdp per capita change over the years",
          grouped(d[d.country == "Japan"].set_index("year").gdpPercap, keys="year")),
        q("time_series", "world population by year",
          grouped(d.groupby("year")["pop"].sum(), keys="year")),
        q("time_series", "average life expectancy in Africa over time",
          grouped(d[d.continent == "Africa"].groupby("year").lifeExp.mean(), keys="year")),

        q("share", "share of world population by continent in 2007",
          grouped(pop_2007 / pop_2007.sum(), percent=True)),
        q("share", "what percent of the world population lived in Asia in 2007?",
          share(pop_2007["Asia"] / pop_2007.sum())),

        q("correlation", "correlation between gdp per capita and life expectancy",
          correlation(d, "gdpPercap", "lifeExp")),
        q("correlation", "what's the relationship between population and life expectancy",
          correlation(d, "pop", "lifeExp")),

        q("tool", "does gdp per capita drive life expectancy?",
          Tool(REGRESSION, slope(d, "lifeExp", "gdpPercap"))),
        q("tool", "is life expectancy different between Europe and Africa?",
          Tool(T_TEST, t_test_pvalue(d[d.continent == "Europe"].lifeExp,
                                     d[d.continent == "Africa"].lifeExp))),
        q("tool", "does life expectancy differ between continents",
          Tool(ANOVA, anova_pvalue(d, "lifeExp", "continent"))),
        q("tool", "cluster the countries into 4 groups by gdp and life expectancy",
          Tool(KMEANS, Clusters(4))),

        q("distribution", "distribution of life expectancy",
          Distribution("lifeExp", int(d.lifeExp.notna().sum()))),
        q("distribution", "histogram of gdp per capita",
          Distribution("gdpPercap", int(d.gdpPercap.notna().sum()))),

        q("follow_up", ("average life expectancy by continent", "only for 2007"),
          grouped(y2007.groupby("continent").lifeExp.mean())),
        q("follow_up", ("what was the life expectancy in France in 2007", "and Germany?"),
          number(by_country_2007.loc["Germany", "lifeExp"])),
        q("follow_up", ("top 5 countries by population in 2007", "top 10 instead"),
          top(by_country_2007["pop"], 10)),
        q("follow_up", ("world population by year", "as a bar chart"), ChartKind("bar")),
        q("follow_up", ("total population by continent in 2007", "show it as a pie chart"),
          ChartKind("pie")),

        q("refusal", "what's the average income tax rate by country", Refusal()),
        q("refusal", "how many penalties did Peru concede", Refusal()),
        q("refusal", "who will win the next election?", Refusal()),
        q("refusal", "qwerty uiop", Refusal()),
    ]


def medals_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["medals"].frame
    q = partial(make, "medals")
    gold = d[d.medal == "gold"]
    return [
        q("group_by", "total medals by nation", grouped(d.groupby("nation")["count"].sum())),
        q("group_by", "medal counts by nation and medal type",
          grouped(d.groupby(["nation", "medal"])["count"].sum(), keys=("text", "text"))),
        q("share", "share of gold medals by nation",
          grouped(gold.groupby("nation")["count"].sum() / gold["count"].sum(), percent=True)),
        q("argmax", "which nation won the most medals",
          argmax(d.groupby("nation")["count"].sum())),
        q("filter", "how many gold medals did China win",
          number(d[(d.nation == "China") & (d.medal == "gold")]["count"].sum())),
        q("filter", "altogether, how many silver medals were won?",
          number(d[d.medal == "silver"]["count"].sum())),
        q("follow_up", ("total medals per nation", "only gold"),
          grouped(gold.groupby("nation")["count"].sum())),
    ]
