"""Settings for the notebook surfaces, as a traitlets ``Configurable``.

``c.NbDataChat.max_rows = 20`` in ``ipython_config.py``, ``%config NbDataChat.chart = False`` in
a notebook, or ``NBDATACHAT_MAX_ROWS=20`` in the environment all set the same trait. Explicit
configuration wins over the environment, which wins over the defaults.
"""

from __future__ import annotations

import os
from typing import Any

from traitlets import Bool, Enum, Int, TraitError, TraitType, Unicode, default
from traitlets.config import Configurable


def _env(name: str) -> str | None:
    value = os.environ.get(f"NBDATACHAT_{name.upper()}")
    return value if value not in (None, "") else None


def expected(trait: TraitType) -> str:
    """What a setting accepts, in words, for error messages."""
    if isinstance(trait, Bool):
        return "true or false (or 1 / 0)"
    if isinstance(trait, Int):
        return "a whole number" + (f" >= {trait.min}" if trait.min is not None else "")
    if isinstance(trait, Enum):
        return "one of " + ", ".join(map(str, trait.values or ()))
    return "text"


def parse_setting(trait: TraitType, text: str) -> Any:
    """``text`` as the value of ``trait``, parsed and validated by traitlets; ValueError
    (saying what the setting accepts) when it is not one."""
    raw = text if isinstance(trait, Unicode) else text.strip()
    if isinstance(trait, Bool) and raw.lower() in ("yes", "on", "no", "off"):
        return raw.lower() in ("yes", "on")
    if isinstance(trait, Enum):  # "LLM" means "llm"
        raw = next((str(v) for v in trait.values or () if str(v).lower() == raw.lower()), raw)
    try:
        return trait.validate(None, trait.from_string(raw))
    except (TraitError, ValueError):
        raise ValueError(f"expected {expected(trait)}") from None


def _from_environment(name: str) -> Any:
    """A dynamic default: ``NBDATACHAT_<NAME>`` when set and valid (traitlets parses it),
    else the trait's own default; a malformed variable never breaks the kernel."""

    def value(self: Configurable) -> Any:
        trait = self.traits()[name]
        text = _env(name)
        if text is not None:
            try:
                return parse_setting(trait, text)
            except ValueError:
                pass
        return trait.default_value

    return default(name)(value)


class NbDataChat(Configurable):
    """Settings shared by ``%%ask``, ``%%run_tool`` and ``ChatPanel``."""

    chart = Bool(True, help="Show a chart with an answer when one helps "
                 "(env NBDATACHAT_CHART).").tag(config=True)
    max_rows = Int(10, min=1, help="Rows of a result table shown in the notebook; the full table "
                   "stays on the answer object (env NBDATACHAT_MAX_ROWS).").tag(config=True)
    planner = Enum(["rules", "llm", "auto"], default_value=None, allow_none=True,
                   help="Question planner: 'rules' (offline, deterministic), 'llm' (the "
                   "configured model writes the plan) or 'auto' (the rules first, the model "
                   "when they cannot ground the question). Unset: 'rules' without a model, "
                   "'auto' with one (env NBDATACHAT_PLANNER).").tag(config=True)
    llm_provider = Enum(["openai", "ollama", "anthropic"], default_value=None, allow_none=True,
                        help="Wire format of the model: 'openai' (any OpenAI-compatible "
                        "server), 'ollama' or 'anthropic'; unset: guessed from the URL "
                        "(env NBDATACHAT_LLM_PROVIDER).").tag(config=True)
    llm_base_url = Unicode("", help="Base URL of the model's API, e.g. "
                           "https://api.openai.com/v1 or http://127.0.0.1:11434 "
                           "(env NBDATACHAT_LLM_BASE_URL).").tag(config=True)
    llm_model = Unicode("", help="Model name; setting it turns the model planner on "
                        "(env NBDATACHAT_LLM_MODEL). The API key is read from "
                        "NBDATACHAT_LLM_API_KEY only.").tag(config=True)
    llm_share_values = Int(20, help="Share a text column's distinct values with the model "
                           "when it has at most this many; 0 shares none. Rows and numeric "
                           "values are never sent (env NBDATACHAT_LLM_SHARE_VALUES)."
                           ).tag(config=True)
    db_url = Unicode("", help="SQLAlchemy URL where conversations are stored; empty keeps them "
                     "in memory for the kernel's lifetime (env NBDATACHAT_DB_URL)."
                     ).tag(config=True)
    show_sql = Bool(False, help="Show the SQL behind every answer (env NBDATACHAT_SHOW_SQL)."
                    ).tag(config=True)
    show_code = Bool(False, help="Show the equivalent pandas code behind every answer "
                     "(env NBDATACHAT_SHOW_CODE).").tag(config=True)

    _default_chart = _from_environment("chart")
    _default_max_rows = _from_environment("max_rows")
    _default_db_url = _from_environment("db_url")
    _default_show_sql = _from_environment("show_sql")
    _default_show_code = _from_environment("show_code")

    # The model's settings come from the environment through LLMSettings (one reader for the
    # notebook, the server and the CLI).
    @default("planner")
    def _default_planner(self) -> str | None:
        return self._env_llm().planner

    @default("llm_provider")
    def _default_llm_provider(self) -> str | None:
        value = self._env_llm().provider
        return value if value in ("openai", "ollama", "anthropic") else None

    @default("llm_base_url")
    def _default_llm_base_url(self) -> str:
        return self._env_llm().base_url

    @default("llm_model")
    def _default_llm_model(self) -> str:
        return self._env_llm().model

    @default("llm_share_values")
    def _default_llm_share_values(self) -> int:
        return self._env_llm().share_values

    def _env_llm(self):  # noqa: ANN202 - LLMSettings, imported lazily
        from ..llm.settings import LLMSettings

        return LLMSettings.from_env()

    def llm_settings(self):  # noqa: ANN201 - LLMSettings
        """The model settings: the environment overlaid by these traits."""
        return self._env_llm().with_(planner=self.planner, provider=self.llm_provider,
                                     base_url=self.llm_base_url, model=self.llm_model,
                                     share_values=self.llm_share_values)

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.trait_names(config=True)}
