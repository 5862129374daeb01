"""The question sets, one function per dataset, each ``(datasets) -> list[Question]``."""

from __future__ import annotations

from .fleet import fleet_questions
from .economics import fair_questions, longley_questions, macrodata_questions
from .restaurant import messy_questions, tips_questions
from .science import experiment_questions, iris_questions, wine_questions
from .timeseries import iowa_questions, nile_questions, seattle_questions, stocks_questions
from .world import gapminder_questions, medals_questions

QUESTION_SETS = (
    tips_questions, messy_questions, gapminder_questions, medals_questions, fleet_questions,
    seattle_questions, iowa_questions, stocks_questions, nile_questions, iris_questions,
    wine_questions, experiment_questions, longley_questions, macrodata_questions,
    fair_questions,
)

__all__ = ["QUESTION_SETS"]
