"""``ask(data, question)``: the one entry point every front-end calls.

question -> planner (typed plan) -> validated against the schema -> DuckDB SQL or a tool
call -> result table -> sentence, chart, pandas code -> :class:`Answer`. User mistakes never
raise: they come back as ``cannot_answer`` / ``needs_clarification`` with a message that says
what to change.
"""

from __future__ import annotations

import logging
from typing import Any

import pandas as pd

from ..errors import NbDataChatError
from ..planner import PlanContext, Planner, RulePlanner
from ..planner.plan import Plan
from ..query import open_source, pandas_code, run_plan, validate_plan
from ..query.execute import QueryResult
from ..query.source import Source
from .answer import Answer
from .conversation import Conversation, ConversationStore, Turn, default_store
from .narrate import describe_aggregate, describe_distribution, describe_rows, describe_tool

log = logging.getLogger(__name__)
_default_planner = RulePlanner()


def ask(data: Any, question: str, conversation: str | Conversation | None = None, *,
        store: ConversationStore | None = None, planner: Planner | None = None,
        name: str | None = None) -> Answer:
    """Answer ``question`` about ``data``.

    ``data`` is anything :func:`nbdatachat.as_dataset` accepts (DataFrame, records, a
    CSV/Parquet path, an :class:`~nbdatachat.SQLTable`, a catalog name) or a dict of named
    DataFrames (the table the question is about is picked, or you are asked which).
    ``conversation`` is a conversation id (from a previous ``Answer.conversation_id``) or a
    :class:`Conversation`; follow-ups such as "only for dinner" change the previous plan.
    """
    store = store if store is not None else default_store()
    conv = _conversation(conversation, store)
    q = question if isinstance(question, str) else ("" if question is None else str(question))
    try:
        answer = _answer(data, q, conv, planner or _default_planner, name)
    except NbDataChatError as err:
        answer = Answer("cannot_answer", err.message, error=err.to_dict(), question=q,
                        options=[str(s) for s in err.details.get("suggestions", [])][:10])
    except Exception as exc:  # never let a question crash the notebook or the server
        log.exception("ask failed")
        answer = Answer("cannot_answer", f"Something went wrong while answering: "
                        f"{type(exc).__name__}: {exc}. Try rephrasing the question.",
                        question=q, error={"error": {"code": "INTERNAL_ERROR",
                                                     "message": str(exc), "details": {}}})
    answer.conversation_id = conv.id
    answer.question = q
    conv.add(Turn(q, answer.status, answer.text,
                  answer.plan.to_dict() if answer.plan is not None else None))
    if answer.dataset:
        conv.dataset = answer.dataset
    try:
        store.save(conv)
    except Exception as exc:  # a broken store must not lose the answer
        log.warning("could not save conversation %s: %s", conv.id, exc)
        answer.notes.append(f"conversation not saved: {exc}")
    return answer


def _conversation(conversation: Any, store: ConversationStore) -> Conversation:
    if isinstance(conversation, Conversation):
        return conversation
    if conversation is None or conversation == "":
        return Conversation()
    cid = str(conversation)
    try:
        found = store.load(cid)
    except Exception as exc:
        log.warning("could not load conversation %s: %s", cid, exc)
        found = None
    return found if found is not None else Conversation(id=cid)


def _is_frame_dict(data: Any) -> bool:
    return isinstance(data, dict) and bool(data) and all(
        isinstance(v, pd.DataFrame) for v in data.values())


def _pick_table(data: dict[str, pd.DataFrame], question: str, planner: Planner,
                context: PlanContext, previous: str | None) -> tuple[Source | None, Answer | None]:
    """The table of a dict of DataFrames that the question is about."""
    scored: list[tuple[float, str, Source]] = []
    for tname, frame in data.items():
        src = open_source(frame, name=str(tname))
        res = planner.plan(question, src.schema,
                           context if previous == str(tname) else PlanContext())
        if res.status != "ok":
            score = 0.0 if res.status == "cannot_answer" else 0.5
        else:
            score = 1.0 + _mention_score(res.plan)
        if str(tname).lower() in question.lower():
            score += 2.0
        if previous == str(tname):
            score += 0.25
        scored.append((score, str(tname), src))
    scored.sort(key=lambda t: -t[0])
    best = scored[0]
    if best[0] < 1.0:
        return scored[0][2], None
    ties = [t for t in scored if abs(t[0] - best[0]) < 1e-9]
    if len(ties) > 1:
        names = [t[1] for t in ties]
        return None, Answer("needs_clarification",
                            f"Several tables could answer that: {', '.join(names)}. Which one "
                            f"do you mean? (Name it in the question.)", options=names)
    return best[2], None


def _mention_score(plan: Plan | None) -> float:
    if plan is None:
        return 0.0
    cols = {m.column for m in plan.measures if m.column} | set(plan.group_by) | \
        {f.column for f in plan.filters} | set(plan.columns)
    if plan.tool:
        cols |= {v for v in plan.tool.args.values() if isinstance(v, str)}
    return 0.1 * len(cols)


def _answer(data: Any, question: str, conv: Conversation, planner: Planner,
            name: str | None) -> Answer:
    if _is_frame_dict(data):
        ctx = PlanContext(conv.last_plan(), [t.question for t in conv.turns])
        source, clarification = _pick_table(data, question, planner, ctx, conv.dataset)
        if clarification is not None:
            return clarification
    else:
        source = open_source(data, name=name)
    schema = source.schema
    if not schema.columns:
        return Answer("cannot_answer", "The data has no columns, so there is nothing to ask "
                      "about. Load a table with at least one column.", dataset=source.name)
    if schema.n_rows == 0:
        return Answer("cannot_answer", f"The data is empty: it has columns "
                      f"({', '.join(schema.names()[:15])}) but no rows. Load some rows first.",
                      dataset=source.name, options=schema.names()[:12])
    previous = conv.last_plan() if conv.dataset in (None, source.name) else None
    if previous is not None:
        try:
            validate_plan(previous.copy(), schema)
        except NbDataChatError:
            previous = None
    ctx = PlanContext(previous, [t.question for t in conv.turns])
    res = planner.plan(question, schema, ctx)
    if res.status != "ok" or res.plan is None:
        status = res.status if res.status != "ok" else "cannot_answer"
        return Answer(status, res.message or "I could not make a plan for that question.",
                      options=list(res.options), dataset=source.name)
    plan = validate_plan(res.plan, schema)
    result = run_plan(plan, source)
    answer = _build(plan, result, source)
    answer.notes.extend(res.notes)
    return answer


def _build(plan: Plan, result: QueryResult, source: Source) -> Answer:
    table = result.table
    if plan.kind == "tool":
        text = describe_tool(plan, result.tool_result, table)
    elif plan.kind == "rows":
        text = describe_rows(plan, table, source.schema.n_rows, source.schema.label_column())
    elif plan.kind == "distribution":
        text = describe_distribution(plan, table)
    else:
        text = describe_aggregate(plan, table)
    renamed = f"\n# note: columns were renamed for the engine: {source.renamed}" \
        if source.renamed else ""
    code = pandas_code(plan, source.schema.names())
    if source.text_dates:
        # the engine read these text columns as dates; the pandas code must do the same
        parse = "".join(f"df = df.assign(**{{{c!r}: pd.to_datetime(df[{c!r}])}})\n"
                        for c in source.text_dates)
        code = code.replace("import pandas as pd\n", "import pandas as pd\n\n" + parse, 1)
    answer = Answer("answered", text, table=table, plan=plan, sql=result.sql,
                    code=code + renamed,
                    dataset=source.name, tool_result=result.tool_result)
    if source.renamed:
        answer.notes.append(f"columns renamed so each has a unique text name: {source.renamed}")
    _attach_chart(answer, plan, result)
    return answer


def _chart_intent(plan: Plan) -> str | None:
    if plan.kind == "distribution":
        return "distribution"
    if plan.kind == "rows" and plan.chart == "scatter":
        return "relationship"
    if plan.time_bucket is not None or any(g for g in plan.group_by if g == plan.keys[0]
                                           and plan.time_bucket is None and
                                           _looks_time(g)):
        return "trend"
    if plan.share:
        return "share"
    if plan.order_by:
        return "ranking"
    return "compare"


def _looks_time(col: str) -> bool:
    return "year" in col.lower() or "date" in col.lower()


def _attach_chart(answer: Answer, plan: Plan, result: QueryResult) -> None:
    try:
        spec = _chart_spec(plan, result, answer.text)
    except NbDataChatError as err:
        answer.notes.append(f"no chart: {err.message}")
        spec = None
    except Exception as exc:  # charts are a bonus: never lose the answer over one
        log.debug("chart failed", exc_info=True)
        answer.notes.append(f"no chart: {exc}")
        spec = None
    if spec is None:
        return
    answer.chart_spec = spec
    try:
        answer.suggestion = spec.to_graph_suggestion()
        answer.chartjs = spec.to_chartjs()
    except Exception as exc:
        answer.notes.append(f"chart export failed: {exc}")


def _filter_note(plan: Plan, max_chars: int = 60) -> str:
    """" (time = Dinner)": a chart of filtered rows says so in its title, so a follow-up
    such as "only for dinner" is not mistaken for the whole data."""
    if not plan.filters:
        return ""
    parts = []
    for f in plan.filters:
        if f.op == "=" and not isinstance(f.value, dict):
            parts.append(f"{f.column} = {f.value}")
        elif f.op == "in":
            parts.append(f"{f.column} in {', '.join(map(str, f.value))}")
        else:
            parts.append(f.describe())
    note = f" {plan.logic} ".join(parts)
    if len(note) > max_chars:
        note = note[: max_chars - 1].rstrip() + "…"
    return f" ({note})"


def _chart_spec(plan: Plan, result: QueryResult, text: str):
    from ..charts import chart_for_tool, choose_chart

    kind = {"donut": "donut"}.get(plan.chart or "", plan.chart)
    if kind == "table":
        return None
    table = result.table
    if plan.kind == "tool":
        return chart_for_tool(result.tool_result) if result.tool_result is not None else None
    if plan.kind == "distribution":
        data = result.chart_data if result.chart_data is not None else table
        col = plan.columns[0]
        color = plan.group_by[0] if plan.group_by else None
        return choose_chart(data, x=col, color=color, kind=kind or "histogram",
                            intent="distribution", title=f"Distribution of {col}")
    if plan.kind == "rows":
        if plan.chart == "scatter" and len(plan.columns) == 2:
            x, y = plan.columns
            return choose_chart(table, x=x, y=y, kind="scatter", intent="relationship",
                                title=f"{y} vs {x}")
        if kind and len(table):
            return choose_chart(table, kind=kind)
        return None
    keys = plan.keys
    if not keys:
        return None
    y = plan.measures[0].alias
    if plan.share and kind in (None, "pie", "donut"):
        y = "share_pct" if kind is None else y
    x = keys[0]
    color = keys[1] if len(keys) > 1 else None
    what = plan.measures[0].describe()
    title = what[:1].upper() + what[1:] + " by " + \
        " and ".join(k.replace("_", " ") for k in keys) + _filter_note(plan)
    # the query knows what it computed: measures are numbers, a time bucket is time
    known = {m.alias: "quantitative" for m in plan.measures}
    if plan.share:
        known["share_pct"] = "quantitative"
    if plan.time_bucket is not None and plan.time_bucket.grain != "raw":
        known[plan.time_bucket.alias] = "temporal"
    return choose_chart(table, x=x, y=y, color=color, kind=kind, title=title,
                        intent=_chart_intent(plan), kinds=known)


__all__ = ["ask"]
