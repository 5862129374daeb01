"""Data inputs: every accepted source becomes a :class:`Dataset`; named ones live in a
:class:`Catalog` shared by the magics, the chat panel and the HTTP server."""

from .catalog import DEMO_DATASETS, Catalog, CatalogEntry, default_catalog
from .readers import clean_frame, read_csv_text, read_table_file
from .sources import Dataset, SQLTable, as_dataset, load_frame, quote_ident, safe_name

__all__ = [
    "DEMO_DATASETS", "Catalog", "CatalogEntry", "Dataset", "SQLTable", "as_dataset",
    "clean_frame", "default_catalog", "load_frame", "quote_ident", "read_csv_text",
    "read_table_file", "safe_name",
]
