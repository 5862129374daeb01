"""Data over time: vega_datasets ``seattle-weather``, ``iowa-electricity`` and ``stocks``, and
statsmodels' ``nile`` (annual flow)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from ..datasets import BenchDataset
from ..spec import (
    AnyOf, Clarify, Distribution, Question, Refusal, Tool, argmax, grouped, number, share, top,
)
from ._common import FORECAST, correlation, count, forecast_band, make


def seattle_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["seattle_weather"].frame
    q = partial(make, "seattle_weather")
    month = d.date.dt.to_period("M")
    in_2015 = d[d.date.dt.year == 2015]
    return [
        q("aggregate", "total precipitation", number(d.precipitation.sum())),
        q("aggregate", "average wind speed", number(d.wind.mean())),
        q("aggregate", "what's the highest max temperature", number(d.temp_max.max())),
        q("group_by", "average max temperature by weather type",
          grouped(d.groupby("weather").temp_max.mean())),
        q("group_by", "how many days of each weather type", grouped(d.groupby("weather").size())),
        q("filter", "how many days had more than 10 mm of precipitation",
          count(d.precipitation > 10)),
        q("filter", "average wind on rainy days", number(d[d.weather == "rain"].wind.mean())),
        q("time_series", "total precipitation by month",
          grouped(d.groupby(month).precipitation.sum(), keys="month")),
        q("time_series", "average max temperature per year",
          grouped(d.groupby(d.date.dt.to_period("Y")).temp_max.mean(), keys="year")),
        q("argmax", "which weather type is most common?", argmax(d.weather.value_counts())),
        q("share", "what share of days were sunny", share((d.weather == "sun").mean())),
        q("clarification", "what's the average temperature", Clarify(("temp_max", "temp_min"))),
        q("clarification", "show me temp by weather", Clarify(("temp_max", "temp_min"))),
        q("tool", "forecast max temperature for the next 7 days",
          Tool(FORECAST, forecast_band(d.temp_max, 7))),
        q("correlation", "correlation between temp_max and temp_min",
          correlation(d, "temp_max", "temp_min")),
        q("distribution", "distribution of wind", Distribution("wind", int(d.wind.notna().sum()))),
        q("follow_up", ("total precipitation by month", "only for 2015"),
          grouped(in_2015.groupby(in_2015.date.dt.to_period("M")).precipitation.sum(),
                  keys="month")),
        q("refusal", "what's the humidity in july?", Refusal()),
    ]


def iowa_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["iowa_electricity"].frame
    q = partial(make, "iowa_electricity")
    year = d.year.dt.to_period("Y")
    total = d.groupby("source").net_generation.sum()
    y2017 = d[d.year.dt.year == 2017]
    renewables = d[d.source == "Renewables"]
    return [
        q("group_by", "total net generation by source", grouped(total)),
        q("share", "share of net generation by source",
          grouped(total / total.sum(), percent=True)),
        q("time_series", "renewables generation over time",
          grouped(renewables.groupby(renewables.year.dt.to_period("Y")).net_generation.sum(),
                  keys="year")),
        q("time_series", "total net generation per year",
          grouped(d.groupby(year).net_generation.sum(), keys="year")),
        q("argmax", "which source generated the most electricity", argmax(total)),
        q("share", "what percentage of generation was renewable in 2017?",
          share(y2017[y2017.source == "Renewables"].net_generation.sum()
                / y2017.net_generation.sum())),
        q("follow_up", ("net generation by year", "only renewables"),
          grouped(renewables.groupby(renewables.year.dt.to_period("Y")).net_generation.sum(),
                  keys="year")),
        q("aggregate", "what's the average net generation", number(d.net_generation.mean())),
    ]


def stocks_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["stocks"].frame
    q = partial(make, "stocks")
    year = d.date.dt.to_period("Y")
    aapl = d[d.symbol == "AAPL"]
    msft = d[d.symbol == "MSFT"]
    mean_price = d.groupby("symbol").price.mean()
    return [
        q("aggregate", "how many symbols are there", number(d.symbol.nunique())),
        q("group_by", "average price by symbol", grouped(mean_price)),
        q("group_by", "average price of each stock per year",
          grouped(d.groupby(["symbol", year]).price.mean(), keys=("text", "year"))),
        q("time_series", "AAPL price over time", AnyOf(tuple(
            grouped(aapl.groupby(aapl.date.dt.to_period(grain)).price.mean(), keys=kind)
            for grain, kind in (("M", "month"), ("Q", "quarter"), ("Y", "year"))))),
        q("filter", "what was the max price of IBM", number(d[d.symbol == "IBM"].price.max())),
        q("argmax", "which stock had the highest average price", argmax(mean_price)),
        q("top_n", "top 3 stocks by average price", top(mean_price, 3)),
        q("tool", "forecast the MSFT price for the next 6 months",
          Tool(FORECAST, forecast_band(msft.price, 6))),
        q("follow_up", ("average AAPL price by year", "and MSFT?"),
          grouped(msft.groupby(msft.date.dt.to_period("Y")).price.mean(), keys="year")),
        q("refusal", "should I buy AAPL stock?", Refusal()),
    ]


def nile_questions(data: Mapping[str, BenchDataset]) -> list[Question]:
    d = data["nile"].frame
    q = partial(make, "nile")
    return [
        q("aggregate", "average volume", number(d.volume.mean())),
        q("time_series", "nile volume over time",
          grouped(d.set_index("year").volume, keys="year")),
        q("filter", "average volume before 1900", number(d[d.year < 1900].volume.mean())),
        q("argmax", "which year had the lowest volume",
          argmax(d.set_index("year").volume, lowest=True)),
        q("tool", "forecast volume for the next 5 years",
          Tool(FORECAST, forecast_band(d.volume, 5))),
    ]
