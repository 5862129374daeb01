"""``ask(data, question)``: the one entry point every front-end calls.

question -> planner (typed plan) -> validated against the schema -> DuckDB SQL or a tool
call -> result table -> sentence, chart, pandas code -> :class:`Answer`. User mistakes never
raise: they come back as ``cannot_answer`` / ``needs_clarification`` with a message that says
what to change.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import Any

import pandas as pd

from ..data.turned_table import turned
from ..errors import InvalidRequest, NbDataChatError, ToolNotAllowed
from ..planner import PlanContext, Planner, QuestionReader
from ..planner.plan import AggregatePlan, Plan, PlanResult
from ..query import open_source, pandas_code, run_plan, validate_plan
from ..query.execute import QueryResult
from ..query.source import Source
from ..query.repeats import counted_repeats
from ..query.summary_rows import without_summary_rows
from ..tools.progress import check_cancelled, step
from .answer import Answer
from .asked_count import fewest_left_out, not_as_asked, rows_or_values, same_either_way
from .conversation import Conversation, ConversationStore, Turn, default_store
from .narrate import describe_aggregate, describe_distribution, describe_rows, describe_tool
from .narrate_kinds import (answer_value, comparison_missing, describe_change,
                            describe_comparison, describe_lookup, describe_percentile,
                            describe_position, describe_rank, describe_set)
from .narrate_runs import no_run
from .latest_first import latest_first
from .trailing_rows import rows_after_summary

log = logging.getLogger(__name__)
_default_planner = QuestionReader()


def ask(data: Any, question: str, conversation: str | Conversation | None = None, *,
        store: ConversationStore | None = None, planner: Planner | str | None = None,
        name: str | None = None, allowed_tools: Collection[str] | None = None) -> Answer:
    """Answer ``question`` about ``data``.

    ``data`` is anything :func:`nbdatachat.data.as_dataset` accepts (DataFrame, records, a
    CSV/Parquet path, an :class:`~nbdatachat.SQLTable`, a catalog name) or a dict of named
    DataFrames (the table the question is about is picked, or you are asked which).
    ``conversation`` is a conversation id (from a previous ``Answer.conversation_id``) or a
    :class:`Conversation`; follow-ups such as "only for dinner" change the previous plan.
    ``planner`` is ``"rules"``, ``"llm"``, ``"auto"``, a Planner object, an
    :class:`~nbdatachat.llm.LLMSettings`, or None for the configured default
    (``NBDATACHAT_PLANNER``; ``rules`` unless a model is configured).
    ``allowed_tools`` (default: any) are the analysis tools the question may run: a plan
    calling another tool is answered ``cannot_answer`` with error code ``TOOL_NOT_ALLOWED``
    before anything runs (the server passes an API key's tool list).
    """
    store = store if store is not None else default_store()
    conv = _conversation(conversation, store)
    q = question if isinstance(question, str) else ("" if question is None else str(question))
    try:
        _check_argument_order(data, question)
        answer = _answer(data, q, conv, _resolve_planner(planner), name, allowed_tools)
    except NbDataChatError as err:
        answer = Answer("cannot_answer", err.message, error=err.to_dict(), question=q,
                        options=[str(s) for s in err.details.get("suggestions", [])][:10])
    except Exception as exc:  # never let a question crash the notebook or the server
        log.exception("ask failed")
        answer = Answer("cannot_answer", f"Something went wrong while answering: "
                        f"{type(exc).__name__}: {exc}. Try rephrasing the question.",
                        question=q, error={"error": {"code": "INTERNAL_ERROR",
                                                     "message": str(exc), "details": {}}})
    # A stopped question (the panel's Stop) leaves no turn: the conversation stays as the
    # user last saw it (Cancelled is a BaseException, so it also passes the handlers above).
    check_cancelled()
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


def _check_argument_order(data: Any, question: Any) -> None:
    """``ask("question", df)`` is the commonest slip (other libraries put the question first);
    without this check the question is read as a file pattern and the error talks about
    Parquet files."""
    if isinstance(data, str) and question is not None and not isinstance(question, str):
        raise InvalidRequest(
            "ask() takes the data first, then the question: call ask(df, \"your question\") "
            f"(the question came first here: {data[:60]!r}).",
            details={"parameter": "data"})


def _resolve_planner(planner: Any) -> Planner:
    if planner is not None and callable(getattr(planner, "plan", None)):
        return planner
    from ..llm.planner import resolve_planner  # light: no HTTP client until a model is asked

    resolved = resolve_planner(planner)
    return _default_planner if isinstance(resolved, QuestionReader) else resolved


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
        res = getattr(planner, "table_picker", planner).plan(question, src.schema,
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
    return 0.1 * len(plan.columns_used())


def _answer(data: Any, question: str, conv: Conversation, planner: Planner,
            name: str | None, allowed_tools: Collection[str] | None = None) -> Answer:
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
    step("Reading the question")
    alt = _turned(source, question, planner, allowed_tools) if previous is None else None
    if alt is not None:  # a table written on its side, months across: data/turned_table.py
        return alt
    res = planner.plan(question, schema, ctx)
    if res.status != "ok" or res.plan is None:
        status = res.status if res.status != "ok" else "cannot_answer"
        return Answer(status, res.message or "I could not make a plan for that question.",
                      options=list(res.options), dataset=source.name, notes=list(res.notes),
                      planner=getattr(res, "meta", None))
    plan = validate_plan(res.plan, schema)
    tool = getattr(plan, "tool", None)  # only tool plans name one
    if allowed_tools is not None and tool is not None and tool.name not in allowed_tools:
        raise ToolNotAllowed(tool.name, allowed_tools)
    plan, left_out = without_summary_rows(plan, source.summary_rows)
    step(f"Read as: {plan.describe()}")
    step(f"Running the {tool.name} tool" if tool is not None else
         f"Running the query in {source.engine}")
    result = run_plan(plan, source)
    several = _several_for_one(plan, result, source) or _repeated_rows(plan, source) or \
        not_as_asked(plan, result.table, result.total_rows, source.name) or \
        rows_or_values(plan, result.table, source) or fewest_left_out(plan, result.table, source) \
        or rows_after_summary(plan, source, schema.n_rows) or \
        latest_first(plan, source, schema.n_rows)  # "after X" in a table latest first
    if several is not None:
        return several
    step("Writing the answer and drawing the chart")
    answer = _build(plan, result, source)
    answer.interpretation = interpretation(plan, res)
    answer.notes.extend(left_out + res.notes + same_either_way(plan))
    answer.planner = getattr(res, "meta", None)
    after = getattr(planner, "after_answer", None)  # e.g. the LLM planner's optional summary
    if after is not None:
        try:
            after(answer, plan, result)
        except Exception as exc:  # never lose a computed answer over an extra
            answer.notes.append(f"after-answer step failed: {exc}")
    return answer


def _turned(source: Source, question: str, planner: Planner,
            allowed_tools: Collection[str] | None) -> Answer | None:
    """The answer read from the turned view of a month-by-measure table, saying so (read
    first: the table as written has no rows of items to answer with)."""
    view = turned(source.dataset.frame()) if source.dataset.kind in ("dataframe", "records") \
        else None
    alt = _answer(view.frame, question, Conversation(), planner, None, allowed_tools) \
        if view is not None else None
    if alt is None or alt.status != "answered":
        return None
    said = view.reading()
    alt.interpretation = f"{alt.interpretation} ({said})"
    alt.text = f"{alt.text} ({said[:1].upper()}{said[1:]}.)"
    alt.dataset = source.name
    return alt


def _several_for_one(plan: Plan, result: QueryResult, source: Source) -> Answer | None:
    """A lookup of one row's cell ("how many laps did <driver> complete") whose filters match
    several rows: ask which row, rather than list or combine values nobody asked to."""
    table = result.table
    if not getattr(plan, "one", False) or table is None or (len(table) <= 1 and
                                                            not result.total_rows):
        return None
    n = result.total_rows or len(table)
    where = " and ".join(f.describe() for f in plan.filters)
    what = ", ".join(plan.columns_used()[:1])
    values = list(dict.fromkeys(str(v) for v in table.iloc[:, 0]))[:8]
    return Answer("needs_clarification",
                  f"{n:,} rows match {where}, with {what} "
                  f"{', '.join(values)}{' ...' if n > len(values) else ''}; the question asks "
                  f"for one value. Name the row you mean, or ask for the total or the "
                  f"average.", options=values, dataset=source.name)


def _repeated_rows(plan: Plan, source: Source) -> Answer | None:
    """A count over rows some of which copy another row (query/repeats.py): ask which."""
    try:
        rep = counted_repeats(plan, source)
    except Exception:  # a check that cannot run never blocks an answer
        return None
    if rep is None:
        return None
    where = " where " + " and ".join(f.describe() for f in plan.filters) if plan.filters \
        else ""
    return Answer("needs_clarification", rep.message(where),
                  options=[f"{rep.distinct:,} counted once", f"{rep.rows:,} as listed"],
                  dataset=source.name)


def interpretation(plan: Plan, res: PlanResult | None = None) -> str:
    """``Read as: average tip where day is not Sun (ignored: "parties", "please")``: the one
    line a person checks the answer against."""
    line = f"Read as: {plan.describe()}"
    ignored = list(dict.fromkeys(res.ignored)) if res is not None else []
    if ignored:
        line += " (ignored: " + ", ".join(f'"{w}"' for w in ignored) + ")"
    if res is not None and res.respelled:  # "read 'bornze' as 'Bronze'": planner/respelled.py
        line += " (" + "; ".join(res.respelled) + ")"
    return line


_DESCRIBE = {"lookup": describe_lookup, "position": describe_position,
             "comparison": describe_comparison, "change": describe_change, "set": describe_set,
             "rank": describe_rank, "percentile": describe_percentile}


def _build(plan: Plan, result: QueryResult, source: Source) -> Answer:
    table = result.table
    if plan.kind == "tool":
        text = describe_tool(plan, result.tool_result, table)
    elif plan.kind == "rows":
        text = describe_rows(plan, table, source.schema.n_rows, source.schema.label_column())
    elif plan.kind == "distribution":
        text = describe_distribution(plan, table)
    elif plan.kind in _DESCRIBE:
        text = _DESCRIBE[plan.kind](plan, table)
    else:
        text = describe_aggregate(plan, table)
    text += "".join(f" {x[:1].upper()}{x[1:]}." for x in result.said)  # "the row where ..."
    renamed = f"\n# note: columns were renamed for the engine: {source.renamed}" \
        if source.renamed else ""
    used = plan.columns_used()
    code = pandas_code(plan, source.schema.names(), source.schema.n_rows,
                       parse_dates=source.text_dates,
                       parse_text=any(p.column in used for p in source.parsed))
    if result.total_rows is not None and plan.kind == "aggregate":
        # a ranking read off a truncated table would be wrong: say what was shown instead
        what = plan.measures[0].describe() if plan.measures else "the result"
        keys = " and ".join(k.replace("_", " ") for k in plan.keys)
        text = (f"{what[:1].upper() + what[1:]} by {keys} has {result.total_rows:,} groups, too "
                f"many to list: the table shows the first {len(table):,} in order of {keys}. "
                f"Ask for the top or bottom N to rank them.")
    elif result.total_rows is not None:
        text += f" Showing the first {len(table):,} of {result.total_rows:,} rows."
    # two items compared where one has no value: the text says so, and nothing is answered
    # ... and a run of at least n asked for that no value holds: the question presumed one
    status = "cannot_answer" if plan.kind == "comparison" and \
        comparison_missing(plan, table) or no_run(plan, table) else "answered"
    answer = Answer(status, text, table=table, plan=plan, sql=result.sql,
                    code=code + renamed, dataset=source.name, tool_result=result.tool_result,
                    value=answer_value(plan, table) if plan.kind != "tool" else None)
    if source.renamed:
        answer.notes.append(f"columns renamed so each has a unique text name: {source.renamed}")
    answer.notes.extend(source.parse_notes(used))
    answer.notes.extend(result.notes)
    if source.engine != "DuckDB":
        answer.notes.append(f"computed in {source.engine}, where the data lives; only the "
                            f"result was fetched")
    _attach_chart(answer, plan, result)
    return answer


def _chart_intent(plan: AggregatePlan) -> str | None:
    if plan.time_bucket is not None or any(g for g in plan.group_by if g == plan.keys[0]
                                           and plan.time_bucket is None and
                                           _looks_time(g)):
        return "trend"
    if plan.share:
        return "share"
    if plan.order_by:
        return "ranking"
    return "compare"


def _cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


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
    enc = plan.encoding
    if plan.kind == "tool":
        return chart_for_tool(result.tool_result) if result.tool_result is not None else None
    facet = enc.facet if enc is not None else None
    if plan.kind == "distribution":
        data = result.chart_data if result.chart_data is not None else table
        col = plan.columns[0]
        color = enc.color if enc is not None and enc.color else \
            next((g for g in plan.group_by if g != facet), None)
        return choose_chart(data, x=col, color=color, kind=kind or "histogram",
                            intent="distribution", facet=facet,
                            bin_width=enc.bin if enc is not None else None,
                            bins=enc.bins if enc is not None else None,
                            title=f"Distribution of {col}" + _panels(facet))
    if plan.kind == "rows":
        if plan.chart == "scatter" and len(plan.columns) >= 2:
            x, y = (enc.x, enc.y) if enc is not None and enc.x and enc.y else plan.columns[:2]
            color = enc.color if enc is not None else None
            return choose_chart(table, x=x, y=y, color=color, kind="scatter", facet=facet,
                                intent="relationship", title=f"{y} vs {x}" + _panels(facet))
        if kind and len(table):
            return choose_chart(table, kind=kind)
        return None
    if plan.kind == "comparison" and len(table) and plan.column:
        return choose_chart(table, x=plan.column, y=plan.measure.alias, kind=kind or "bar",
                            intent="compare", title=_cap_first(plan.measure.describe()) +
                            f" by {plan.column}" + _filter_note(plan))
    if plan.kind == "change" and plan.group_by and len(table) > 1:
        col = {"difference": "change", "percent": "percent_change", "ratio": "ratio",
               "growth_rate": "growth_rate_pct"}[plan.output]
        return choose_chart(table, x=plan.group_by[0], y=col, kind=kind or "bar",
                            intent="ranking", title=_cap_first(plan.describe()))
    if not isinstance(plan, AggregatePlan):
        return None
    keys = plan.keys
    if not keys:
        return None
    y = plan.measures[0].alias
    if plan.share and kind in (None, "pie", "donut"):
        y = "share_pct" if kind is None else y
    facet = facet if facet in keys and len(keys) > 1 else None
    color = enc.color if enc is not None and enc.color in keys and enc.color != facet else None
    x = next((k for k in keys if k not in (color, facet)), color)
    if x == color:  # "bars of ... colored by origin": the colour's own bars
        color = None
    elif color is None:
        color = next((k for k in keys if k not in (x, facet)), None)
    what = plan.measures[0].describe()
    title = what[:1].upper() + what[1:] + " by " + \
        " and ".join(k.replace("_", " ") for k in keys if k != facet) + _panels(facet) + \
        _filter_note(plan)
    # the query knows what it computed: measures are numbers, a time bucket is time
    known = {m.alias: "quantitative" for m in plan.measures}
    if plan.share:
        known["share_pct"] = "quantitative"
    if plan.time_bucket is not None and plan.time_bucket.grain != "raw":
        known[plan.time_bucket.alias] = "temporal"
    return choose_chart(table, x=x, y=y, color=color, kind=kind, title=title,
                        intent=_chart_intent(plan), kinds=known, facet=facet,
                        stacked=bool(enc is not None and enc.stacked))


def _panels(facet: str | None) -> str:
    return f", one panel per {facet.replace('_', ' ')}" if facet else ""


__all__ = ["ask", "interpretation"]
