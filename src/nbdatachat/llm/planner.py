"""The LLM planner: the model writes a typed plan, the engine checks and runs it.

``LLMPlanner(settings, mode="llm")`` asks the model first; ``mode="auto"`` asks the rule
reader first and the model only when the reader cannot ground the question or needs a
clarification. Either way the model's reply must be a plan that passes the same validation
as the rule reader's plans (:func:`nbdatachat.query.validate_plan`, plus the tool's name and
columns); a rejected plan gets one repair round with the validator's message, and then the
rule reader answers. Every result says which planner answered and why
(``PlanResult.notes`` -> ``Answer.notes``; ``PlanResult.meta`` -> ``Answer.planner``) and the
tokens the model spent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ..errors import InvalidRequest, NbDataChatError
from ..planner.base import PlanContext
from ..planner.plan import Plan, PlanResult
from .context import ModelView, build_view
from .schema import STATUSES, reply_schema
from .settings import LLMSettings, make_provider, normalise_planner
from ..tools import progress
from ..tools.progress import step
from .types import CancelToken, ChatMessage, ChatRequest, LLMCancelled, LLMError, Usage

log = logging.getLogger(__name__)

REPAIR_PROMPT = ("Your reply was rejected: {problem} Call submit_plan again with a corrected "
                 "reply that follows the schema and uses only the listed columns.")
_FORECAST_TOOLS = ("arima", "exponential_smoothing")


class PlanRejected(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LLMPlanner:
    """A :class:`~nbdatachat.planner.Planner` backed by a model (see the module doc)."""

    def __init__(self, settings: LLMSettings | None = None, *, mode: str = "llm",
                 provider: Any = None, rules: Any = None, cancel: CancelToken | None = None,
                 on_progress: Callable[[str], None] | None = None,
                 repair_rounds: int = 1) -> None:
        self.settings = settings or LLMSettings.from_env()
        if mode not in ("llm", "auto"):
            raise InvalidRequest(f"LLMPlanner mode must be 'llm' or 'auto', not {mode!r}.")
        self.mode = mode
        self._provider = provider
        self.rules = rules if rules is not None else _rule_planner()
        self.cancel = cancel
        self.on_progress = on_progress
        self.repair_rounds = max(0, int(repair_rounds))
        self.usage = Usage()  # summed over every call this planner made

    @property
    def provider(self) -> Any:
        if self._provider is None:
            self._provider = make_provider(self.settings)
        return self._provider

    @property
    def table_picker(self) -> Any:
        """Picking the table of a dict of DataFrames is the rule reader's job (one model
        call per table would be slow and would show the model every table)."""
        return self.rules

    # -- the Planner protocol --------------------------------------------------------
    def plan(self, question: str, schema: Any, context: PlanContext | None = None) -> PlanResult:
        context = context or PlanContext()
        if self.mode == "auto":
            return self._auto(question, schema, context)
        return self._llm_first(question, schema, context)

    def _auto(self, question: str, schema: Any, context: PlanContext) -> PlanResult:
        ruled = self.rules.plan(question, schema, context)
        if ruled.status == "ok":
            return _tag(ruled, "rules", "the rule reader's interpretation is complete, so the "
                        "model was not asked")
        why_rules = f"the rule reader could not ground the question ({ruled.status}" + \
            (f": {ruled.message}" if ruled.message else "") + ")"
        outcome, problem, usage = self._ask_model(question, schema, context)
        if outcome is not None and outcome.status == "ok":
            return self._tag_model(outcome, why_rules, usage)
        if outcome is not None:
            problem = f"the model also replied {outcome.status}" + \
                (f" ({outcome.message})" if outcome.message else "")
        return _tag(ruled, "rules", f"{why_rules}; {problem}", usage, self.provider_label)

    def _llm_first(self, question: str, schema: Any, context: PlanContext) -> PlanResult:
        outcome, problem, usage = self._ask_model(question, schema, context)
        if outcome is not None and outcome.status == "ok":
            return self._tag_model(outcome, "the planner is set to 'llm'", usage)
        ruled = self.rules.plan(question, schema, context)
        if outcome is not None:  # the model declined: clarification or refusal
            said = f"the model replied {outcome.status}" + \
                (f" ({outcome.message})" if outcome.message else "")
            if ruled.status == "ok":
                return _tag(ruled, "rules", f"{said}; the rule reader's interpretation is "
                            f"complete", usage, self.provider_label)
            outcome.notes.append(f"The rule reader could not answer either "
                                 f"({ruled.status}).")
            return _tag(outcome, "llm", said, usage, self.provider_label)
        return _tag(ruled, "rules", f"{problem}; the rule reader answered instead", usage,
                    self.provider_label)

    @property
    def provider_label(self) -> str:
        try:
            return self.provider.describe()
        except NbDataChatError:
            return "no model configured"

    def _tag_model(self, res: PlanResult, why: str, usage: Usage) -> PlanResult:
        return _tag(res, "llm", f"{why}; the model wrote the plan, it passed validation and "
                    f"the engine computed every number", usage, self.provider_label)

    # -- asking the model ------------------------------------------------------------
    def view(self, question: str, schema: Any, context: PlanContext | None = None
             ) -> ModelView:
        """Exactly what would be sent (``%nbdatachat llm-preview``)."""
        return build_view(question, schema, context or PlanContext(), self.settings)

    def request(self, view: ModelView, schema: Any) -> ChatRequest:
        return ChatRequest(view.messages(), schema=reply_schema(list(schema.columns)),
                           schema_name="submit_plan",
                           schema_description="Submit the plan that answers the question, or "
                                              "say why there is none.")

    def _ask_model(self, question: str, schema: Any, context: PlanContext
                   ) -> tuple[PlanResult | None, str, Usage]:
        """(result, "", usage) when the model replied usably; (None, problem, usage) when
        it could not be reached or its plan was rejected after the repair round."""
        usage = Usage()
        try:
            view = self.view(question, schema, context)
            request = self.request(view, schema)
            provider = self.provider
        except NbDataChatError as err:
            return None, f"the model could not be asked: {err.message}", usage
        problem = ""
        cancel, on_delta, unlink = _linked_to_run(self.cancel, self.on_progress)
        try:
            for round_ in range(1 + self.repair_rounds):
                step(f"Asking the model {self.provider_label}" +
                     (" to repair its plan" if round_ else ""))
                try:
                    reply = provider.chat(request, cancel=cancel, on_delta=on_delta)
                except LLMCancelled:
                    raise
                except LLMError as err:
                    return None, f"the model failed: {err.message}", usage
                usage.add(reply.usage)
                self.usage.add(reply.usage)
                try:
                    return check_reply(reply.data, view, schema, question), "", usage
                except PlanRejected as rejected:
                    problem = rejected.message
                    log.info("model plan rejected (round %d): %s", round_ + 1, problem)
                    request = ChatRequest(
                        [*request.messages, ChatMessage("assistant", (reply.text or "")[:4000]),
                         ChatMessage("user", REPAIR_PROMPT.format(problem=problem))],
                        schema=request.schema, schema_name=request.schema_name,
                        schema_description=request.schema_description)
        finally:
            unlink()
        rounds = 1 + self.repair_rounds
        return None, (f"the model's plan was rejected {'twice' if rounds == 2 else f'{rounds} times'}"
                      f" ({problem})"), usage

    # -- after the engine answered ---------------------------------------------------
    def after_answer(self, answer: Any, plan: Plan, result: Any) -> None:
        """The optional one-sentence model summary (``summary`` setting), checked against
        the result table; see :mod:`.summary`."""
        if not self.settings.summary or answer.status != "answered":
            return
        from .summary import add_summary

        add_summary(self, answer, plan)


def check_reply(data: Any, view: ModelView, schema: Any, question: str) -> PlanResult:
    """The model's reply as a validated :class:`PlanResult`, or :class:`PlanRejected` with
    a message safe to send back to the model (no withheld values)."""
    if data is None:
        raise PlanRejected("The reply was not a JSON object.")
    if not isinstance(data, dict):
        raise PlanRejected("The reply must be a JSON object with a 'status'.")
    extra = set(data) - {"status", "plan", "message", "options"}
    if extra:
        raise PlanRejected(f"Unknown reply field(s): {', '.join(sorted(extra))}; use status, "
                           f"plan, message, options.")
    status = data.get("status")
    if status not in STATUSES:
        raise PlanRejected(f"status must be one of {', '.join(STATUSES)}.")
    if status != "ok":
        message = " ".join(str(data.get("message") or "").split())[:300]
        options = [str(o)[:80] for o in (data.get("options") or []) if str(o).strip()][:10]
        if status == "needs_clarification":
            return PlanResult.clarify(message or "Which reading of the question do you mean?",
                                      options)
        return PlanResult.refuse(message or "The data cannot answer that question.", options)
    raw = data.get("plan")
    if not isinstance(raw, dict):
        raise PlanRejected("status 'ok' needs a 'plan' object.")
    raw = view.restore(raw)
    raw.pop("question", None)
    try:
        plan = Plan.from_dict(raw)
    except NbDataChatError as err:
        raise PlanRejected(err.message) from None
    except (TypeError, ValueError, AttributeError) as err:
        raise PlanRejected(f"The plan does not follow the schema: {err}.") from None
    plan.question = question
    try:
        from ..query import validate_plan

        plan = validate_plan(plan, schema)
        check_tool(plan, schema)
    except NbDataChatError as err:
        raise PlanRejected(_safe_error(err, view)) from None
    except (TypeError, ValueError, KeyError, AttributeError) as err:
        raise PlanRejected(f"The plan does not follow the schema: {err}.") from None
    return PlanResult.ok(plan)


def check_tool(plan: Plan, schema: Any) -> None:
    """A tool plan names a registered tool, and its column arguments name columns."""
    if plan.kind != "tool":
        if getattr(plan, "tool", None) is not None:
            raise InvalidRequest("Only a plan of kind 'tool' may name a tool.",
                                 details={"field": "tool"})
        return
    from ..errors import column_not_found
    from ..tools import tool_names

    tool = plan.tool
    assert tool is not None
    names = tool_names()
    if tool.name not in names:
        raise InvalidRequest(f"Unknown tool {tool.name!r}; tools: {', '.join(names)}.",
                             details={"field": "tool"})
    if not isinstance(tool.args, dict):
        raise InvalidRequest("tool.args must be an object.", details={"field": "tool"})
    for key in ("target", "group", "time"):
        value = tool.args.get(key)
        if value is not None and (not isinstance(value, str) or value not in schema.columns):
            raise column_not_found(str(value), list(schema.columns), role=f"tool {key}")
    features = tool.args.get("features")
    if features is not None:
        if not isinstance(features, list):
            raise InvalidRequest("tool.args.features must be a list of columns.",
                                 details={"field": "tool"})
        for c in features:
            if not isinstance(c, str) or c not in schema.columns:
                raise column_not_found(str(c), list(schema.columns), role="tool feature")
    series = getattr(plan, "series", None)
    if tool.name in _FORECAST_TOOLS and not (tool.args.get("target") and series is not None):
        raise InvalidRequest(f"{tool.name} needs args 'target' (the value column) and a "
                             f"'series' (the date column, its grain and aggregation).",
                             details={"field": "series"})
    if series is not None and series.time not in schema.columns:
        raise column_not_found(str(series.time), list(schema.columns), role="series time")


def _safe_error(err: NbDataChatError, view: ModelView) -> str:
    """The validator's message without the values of a column the model may not see."""
    message = err.message
    column = err.details.get("column")
    if column in view.withheld:
        for cut in (" Did you mean", " Values:"):
            message = message.split(cut)[0]
    return message


def _tag(res: PlanResult, planner: str, reason: str, usage: Usage | None = None,
         model: str | None = None) -> PlanResult:
    who = "the model" if planner == "llm" else "the rule reader"
    res.notes.insert(0, f"Planner: {who} ({planner}): {reason}.")
    if usage is not None and usage.calls:
        res.notes.append(f"Model usage: {usage.calls} call(s), {usage.prompt_tokens} prompt + "
                         f"{usage.completion_tokens} completion tokens ({model}).")
    res.meta = {"planner": planner, "reason": reason,  # type: ignore[attr-defined]
                "model": model if usage is not None else None,
                "usage": usage.to_dict() if usage is not None and usage.calls else None}
    return res


_RULES: Any = None


def _linked_to_run(cancel: CancelToken | None, on_delta: Callable[[str], None] | None
                   ) -> tuple[CancelToken | None, Callable[[str], None] | None,
                              Callable[[], None]]:
    """The model call joined to the current run (:mod:`nbdatachat.tools.progress`): the
    run's Stop aborts the HTTP request, and the streamed reply shows as steps. Returns the
    token, the delta callback and the function that unlinks them."""
    run = progress.current()
    if run is None:
        return cancel, on_delta, lambda: None
    token = cancel or CancelToken()
    unlink = run.add_callback(token.cancel)
    received = [0]

    def delta(piece: str) -> None:  # called on the provider's worker thread
        if on_delta is not None:
            on_delta(piece)
        received[0] += len(piece)
        if not run.cancelled:
            try:
                run.step(f"The model is writing the plan: {received[0]:,} characters so far")
            except progress.Cancelled:
                pass  # the token aborts the call

    return token, delta, unlink


def _rule_planner() -> Any:
    global _RULES
    if _RULES is None:
        from ..planner import QuestionReader

        _RULES = QuestionReader()
    return _RULES


def resolve_planner(spec: Any = None, settings: LLMSettings | None = None, **kwargs: Any) -> Any:
    """A planner from ``ask(..., planner=spec)``: a Planner object is used as it is; a name
    (``"rules"``, ``"llm"``, ``"auto"``) or None (the configured default: ``rules`` without
    a model, ``auto`` with one) builds one from ``settings`` (default: the environment)."""
    if spec is not None and not isinstance(spec, str):
        if isinstance(spec, LLMSettings):
            settings, spec = spec, None
        else:
            return spec
    settings = settings or LLMSettings.from_env()
    name = normalise_planner(spec) or settings.effective_planner
    if name == "rules":
        return _rule_planner()
    if not settings.configured:
        from .types import LLMNotConfigured

        raise LLMNotConfigured(
            f"The {name!r} planner needs a model: set NBDATACHAT_LLM_MODEL (and "
            f"NBDATACHAT_LLM_BASE_URL / NBDATACHAT_LLM_API_KEY as your provider needs), or "
            f"%config NbDataChat.llm_model = '...'; or use planner='rules'.",
            details={"planner": name})
    return LLMPlanner(settings, mode=name, **kwargs)


__all__ = ["LLMPlanner", "PlanRejected", "check_reply", "check_tool", "resolve_planner"]
