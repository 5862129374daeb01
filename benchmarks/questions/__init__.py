"""The question benchmark: how often ``nbdatachat.ask`` answers real questions right.

Over 200 questions about public datasets shipped in PyPI packages (plotly, vega_datasets,
statsmodels, scikit-learn) plus a messy CSV export, phrased the way people type them. Each
question carries its expected answer, computed by pandas/statsmodels/scipy from the data, a
capability label and a check; ``python -m benchmarks questions`` prints the accuracy per
capability and lists every miss.

Modules: :mod:`.datasets` (loading), :mod:`.spec` (question and expectation types),
:mod:`.sets` (the questions), :mod:`.checker` (is an answer right?), :mod:`.runner` (ask them
all, score, print).
"""

from __future__ import annotations

from .checker import Verdict, check
from .datasets import BenchDataset, load, load_all
from .runner import Outcome, Report, all_questions, run
from .spec import CAPABILITIES, Question

__all__ = ["BenchDataset", "CAPABILITIES", "Outcome", "Question", "Report", "Verdict",
           "all_questions", "check", "load", "load_all", "run"]
