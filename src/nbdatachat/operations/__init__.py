"""The engine's vocabulary of operations: filter operators and aggregations, each defined once.

``filters.FILTER_OPS`` and ``aggregations.AGGREGATIONS`` are the registries; plans name their
keys, and validation, SQL compilation, pandas code and wording all read the same entry.
"""

from .aggregations import AGGREGATIONS, Aggregation, aggregation
from .filters import FILTER_OPS, FilterOp, describe_filter, filter_op

__all__ = ["AGGREGATIONS", "Aggregation", "FILTER_OPS", "FilterOp", "aggregation",
           "describe_filter", "filter_op"]
