"""What every regression says about its terms: p-values from t statistics, baseline
levels of encoded categories, one sentence per effect (most important first), the
fitted-values frame of the charts and an exact mean."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import insights as say
from ..prepare import Design

_MAX_EFFECT_SENTENCES = 6

# -- shared helpers ----------------------------------------------------------------------------

def _baselines(frame: pd.DataFrame, names: Sequence[str]) -> dict[str, str]:
    """Baseline level of each categorical feature that build_design encoded."""
    out: dict[str, str] = {}
    for name in names:
        ind = say.split_indicator(name)
        if ind and ind[0] in frame.columns and ind[0] not in out:
            out[ind[0]] = sorted(frame[ind[0]].dropna().astype(str).unique())[0]
    return out


def _others(term: str, terms: Sequence[str]) -> list[str]:
    """Features held constant for ``term``: all others, indicators of one variable as one."""
    ind = say.split_indicator(term)
    mine = ind[0] if ind else term
    seen: list[str] = []
    for t in terms:
        i = say.split_indicator(t)
        base = i[0] if i else t
        if base != mine and base not in seen:
            seen.append(base)
    return seen


def _stdtr_p(t: np.ndarray, df: int) -> np.ndarray:
    from scipy import special

    return 2.0 * special.stdtr(df, -np.abs(t))


def _effect_insights(terms: list[str], coefs: np.ndarray, target: str, *,
                     baselines: dict[str, str], pvalues: np.ndarray | None,
                     order_key: np.ndarray, inference: bool, odds_event: str | None = None,
                     negligible: np.ndarray | None = None) -> list[str]:
    """One sentence per term, most important first, at most _MAX_EFFECT_SENTENCES.

    ``negligible`` marks coefficients that are zero up to rounding (an exact fit leaves
    1e-42 where the true value is 0); their sentences say "no association".
    """
    order = sorted(range(len(terms)), key=lambda i: -order_key[i]
                   if np.isfinite(order_key[i]) else 0.0)
    out = []
    for i in order[:_MAX_EFFECT_SENTENCES]:
        p = None if pvalues is None or not np.isfinite(pvalues[i]) else float(pvalues[i])
        others = _others(terms[i], terms)
        coef = 0.0 if negligible is not None and negligible[i] else float(coefs[i])
        if odds_event is not None:
            out.append(say.odds_sentence(terms[i], coef, odds_event, others=others,
                                         baselines=baselines, p=p))
        else:
            out.append(say.slope_sentence(terms[i], coef, target, others=others,
                                          baselines=baselines, p=p, inference=inference))
    if len(terms) > _MAX_EFFECT_SENTENCES:
        out.append(f"{len(terms) - _MAX_EFFECT_SENTENCES} more terms are listed in the "
                   f"coefficient table.")
    return out


def _fitted_frame(design: Design, actual: np.ndarray, fitted: np.ndarray,
                  residual: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"actual": actual, "fitted": fitted, "residual": residual},
                        index=design.index, copy=False)


def _mean(x: np.ndarray) -> float:
    """Two-pass mean: exact to rounding even with many constant leading digits."""
    m = float(x.mean())
    return m + float((x - m).mean())
