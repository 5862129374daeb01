"""The query engine: validate a plan, compile it to DuckDB SQL (or a tool call), run it.

``open_source(data)`` gives the cached DuckDB registration and schema model of a dataset;
``validate_plan`` checks a plan against it; ``run_plan`` executes it; ``pandas_code`` writes
the equivalent pandas for people to reproduce the answer.
"""

from .compile import Compiled, compile_sql, inline
from .execute import QueryResult, run_plan
from .pandas_code import pandas_code
from .source import Source, clear_cache, open_source
from .validate import validate_plan

__all__ = ["Compiled", "QueryResult", "Source", "clear_cache", "compile_sql", "inline",
           "open_source", "pandas_code", "run_plan", "validate_plan"]
