"""Data-quality tools: what is missing, repeated, constant or out of range.

* ``missing_values`` (:mod:`.missing`): missing cells per column, rows with missing values;
* ``duplicates`` (:mod:`.duplicates`): rows that repeat an earlier row;
* ``constant_columns`` (:mod:`.constant`): columns with one value, or none;
* ``outliers`` (:mod:`.outliers`): values beyond a z-score threshold or Tukey's IQR fences;
* ``data_quality`` (:mod:`.overview`): all of the above as one table per column.

They report what pandas reports (``isna``, ``duplicated``, ``value_counts``, ``quantile``)
and name the columns and rows. "Missing" is what pandas calls missing (``None``, ``NaN``,
``NaT``) and, by default, text that is empty or only spaces.
"""

from .constant import constant_columns
from .duplicates import duplicates
from .missing import missing_values
from .outliers import outliers
from .overview import data_quality

__all__ = ["constant_columns", "data_quality", "duplicates", "missing_values", "outliers"]
