"""Data inputs: every accepted source becomes a :class:`Dataset`; named ones live in a
:class:`Catalog` shared by the magics, the chat panel and the HTTP server; :func:`profile`
summarises a table's columns for the planner and the front-ends."""

from .catalog import DEMO_DATASETS, Catalog, CatalogEntry, as_dataset, default_catalog, load_frame
from .readers import clean_frame, coerce_datetime, coerce_numeric, read_csv_text, read_table_file
from .schema import ColumnProfile, column_kind, describe_schema, profile
from .sources import Dataset, SparkTable, SQLTable, quote_ident, safe_name

__all__ = [
    "DEMO_DATASETS", "Catalog", "CatalogEntry", "ColumnProfile", "Dataset", "SQLTable",
    "SparkTable",
    "as_dataset", "clean_frame", "coerce_datetime", "coerce_numeric", "column_kind",
    "default_catalog", "describe_schema", "load_frame", "profile", "quote_ident",
    "read_csv_text", "read_table_file", "safe_name",
]
