"""Forecasting tools: ``arima`` and ``exponential_smoothing``.

Both share one path from a table to a clean, equally spaced series (:func:`prepare_series`):
find and parse the time column, sort by it, refuse repeated timestamps unless the caller
says how to combine them, infer the frequency (and so the seasonal period and the dates of
future steps), and insert missing periods as gaps rather than silently treating them as
adjacent. The fitted models then share one result layout (coefficients, performance,
a ``forecast`` table, ``plot_data["history"]`` / ``plot_data["forecast"]``).

ARIMA is estimated the way R's ``arima()`` does it (exact Gaussian likelihood of the
*differenced* series, Kalman filter, numerical-Hessian standard errors), so the numbers can
be checked against R; forecasts and intervals come from the undifferenced state-space model
filtered with those parameters, which is what R's ``predict.Arima`` does.

A horizon may be given in calendar units (``horizon_unit``): the series is resampled to a
coarser unit first, and every forecast is capped (:mod:`.horizon`). Measures that are never
negative keep non-negative intervals, clipped or fitted on the log scale (:mod:`.scale`).
"""

from .arima import ArimaInputs, arima
from .ets import EtsInputs, exponential_smoothing
from .inputs import ForecastInputs
from .series import TimeSeries, prepare_series

__all__ = ["ArimaInputs", "EtsInputs", "ForecastInputs", "TimeSeries", "arima",
           "exponential_smoothing", "prepare_series"]
