"""The query engine: validate a plan, compile it to SQL (or a tool call), run it.

``open_source(data)`` gives the cached DuckDB registration and schema model of a dataset;
``validate_plan`` checks a plan against it; ``compile_plan(plan, schema, table, dialect=...)``
builds its SQL through SQLGlot for DuckDB or another engine's dialect; ``run_plan``
executes it in DuckDB; ``pandas_code`` writes the equivalent pandas for people to reproduce
the answer.
"""

from .compile import compile_plan, compile_sql, inline
from .execute import QueryResult, run_plan
from .pandas_code import pandas_code
from .source import Source, clear_cache, open_source
from .sqlbuild import Compiled
from .validate import validate_plan

__all__ = ["Compiled", "QueryResult", "Source", "clear_cache", "compile_plan", "compile_sql",
           "inline", "open_source", "pandas_code", "run_plan", "validate_plan"]
