"""Settings for the notebook surfaces, as a traitlets ``Configurable``.

``c.NbDataChat.max_rows = 20`` in ``ipython_config.py``, ``%config NbDataChat.chart = False`` in
a notebook, or ``NBDATACHAT_MAX_ROWS=20`` in the environment all set the same trait. Explicit
configuration wins over the environment, which wins over the defaults.
"""

from __future__ import annotations

import os

from traitlets import Bool, Enum, Int, Unicode, default
from traitlets.config import Configurable


def _env(name: str) -> str | None:
    value = os.environ.get(f"NBDATACHAT_{name.upper()}")
    return value if value not in (None, "") else None


def _env_bool(name: str, fallback: bool) -> bool:
    value = _env(name)
    if value is None:
        return fallback
    return value.strip().lower() in ("1", "true", "yes", "on")


class NbDataChat(Configurable):
    """Settings shared by ``%%ask``, ``%%run_tool`` and ``ChatPanel``."""

    chart = Bool(True, help="Show a chart with an answer when one helps "
                 "(env NBDATACHAT_CHART).").tag(config=True)
    max_rows = Int(10, help="Rows of a result table shown in the notebook; the full table "
                   "stays on the answer object (env NBDATACHAT_MAX_ROWS).").tag(config=True)
    planner = Enum(["local", "llm"], default_value="local",
                   help="Question planner: 'local' is offline and deterministic; 'llm' uses "
                   "the configured OpenAI-compatible provider (env NBDATACHAT_PLANNER)."
                   ).tag(config=True)
    provider_url = Unicode("", help="Base URL of an OpenAI-compatible endpoint for the 'llm' "
                           "planner (env NBDATACHAT_PROVIDER_URL).").tag(config=True)
    provider_model = Unicode("", help="Model name for the 'llm' planner "
                             "(env NBDATACHAT_PROVIDER_MODEL).").tag(config=True)
    db_url = Unicode("", help="SQLAlchemy URL where conversations are stored; empty keeps them "
                     "in memory for the kernel's lifetime (env NBDATACHAT_DB_URL)."
                     ).tag(config=True)
    show_sql = Bool(False, help="Show the SQL behind every answer (env NBDATACHAT_SHOW_SQL)."
                    ).tag(config=True)
    show_code = Bool(False, help="Show the equivalent pandas code behind every answer "
                     "(env NBDATACHAT_SHOW_CODE).").tag(config=True)

    @default("chart")
    def _default_chart(self) -> bool:
        return _env_bool("chart", True)

    @default("max_rows")
    def _default_max_rows(self) -> int:
        value = _env("max_rows")
        return int(value) if value and value.isdigit() else 10

    @default("planner")
    def _default_planner(self) -> str:
        value = (_env("planner") or "local").lower()
        return value if value in ("local", "llm") else "local"

    @default("provider_url")
    def _default_provider_url(self) -> str:
        return _env("provider_url") or ""

    @default("provider_model")
    def _default_provider_model(self) -> str:
        return _env("provider_model") or ""

    @default("db_url")
    def _default_db_url(self) -> str:
        return _env("db_url") or ""

    @default("show_sql")
    def _default_show_sql(self) -> bool:
        return _env_bool("show_sql", False)

    @default("show_code")
    def _default_show_code(self) -> bool:
        return _env_bool("show_code", False)

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.trait_names(config=True)}
