"""The bridge from HTTP requests to the question engine (``nbdatachat.ask``).

Each seed's chat endpoint is one *turn*: load the conversation, ask, persist the user and
assistant messages (with charts, sources and the result table), and hand back what the route
serializes. The engine is the one the notebook uses, so an answer over HTTP equals the
answer of ``%%ask`` on the same data.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..errors import NbDataChatError, NotFound, ToolNotAllowed
from ..jsonable import frame_records, to_jsonable
from ..store import new_id
from .auth import owns
from .errors import ServiceFailure

log = logging.getLogger("nbdatachat.server")

MAX_TABLE_ROWS = 1000          # rows of a result table returned inline (001)
MAX_TEXT_TABLE_ROWS = 50       # rows rendered into md/html completion content


@dataclass
class Turn:
    conversation_id: str
    message_id: str
    text: str
    status: str
    charts: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    table_records: list[dict[str, Any]] | None = None
    sql: str | None = None
    content: str = ""
    data_file_path: str | None = None
    suggestion: dict[str, Any] | None = None
    usage: dict[str, int] | None = None  # the model's tokens, when a model was asked


class _TurnStore:
    """The engine's ``ConversationStore`` for one request: ``save`` only keeps the updated
    conversation, which ``_record`` then commits together with the turn's messages
    (``ConversationRepository.save_turn``: one transaction, before the response is sent)."""

    def __init__(self, conversation: Any) -> None:
        self.conversation = conversation

    def load(self, conversation_id: str) -> Any:
        return self.conversation if conversation_id == self.conversation.id else None

    def save(self, conversation: Any) -> None:
        self.conversation = conversation


def _ask(datasets: dict[str, Any], question: str, conversation: Any, store: Any,
         key: Any, planner: Any = None) -> Any:
    """Run the engine on ``datasets`` (name -> Dataset, already resolved for the key's
    tenant) with the key's tool list; the conversation lives in the server's database, so
    follow-ups work across requests, worker processes and restarts. ``conversation`` is an
    id (loaded from and saved to ``store`` by the engine) or a ``Conversation`` already
    loaded, with the ``_TurnStore`` the caller persists itself."""
    from ..service import ask

    if len(datasets) == 1:
        data: Any = next(iter(datasets.values()))
    else:  # several collections: the engine picks the table the question is about
        data = {name: ds.frame() for name, ds in datasets.items()}
    tools = getattr(key, "tools", None)
    answer = ask(data, question, conversation=conversation, store=store, planner=planner,
                 allowed_tools=list(tools) if tools is not None else None)
    error = (answer.error or {}).get("error", {})
    if error.get("code") == "INTERNAL_ERROR":
        raise ServiceFailure(f"The question could not be processed: {error.get('message')}",
                             details={"question": question})
    if error.get("code") == ToolNotAllowed.code:
        details = error.get("details", {})
        raise ToolNotAllowed(details.get("tool", "?"), details.get("allowed", []))
    return answer


def resolve_datasets(state: Any, names: list[str], key: Any) -> dict[str, Any]:
    """name -> Dataset for the key's tenant; names it may not see are missing."""
    from .datasets import lookup

    found = {name: lookup(state, name, getattr(key, "tenant", None)) for name in names}
    return {name: ds for name, ds in found.items() if ds is not None}


def require_conversation(state: Any, conversation_id: str, key: Any) -> dict[str, Any]:
    """The conversation row, if the key's tenant owns it; otherwise 404 as if missing."""
    row = state.store.conversations.get(conversation_id)
    if row is None or not owns(key, row.get("tenant")):
        raise NotFound(f"No conversation {conversation_id!r}; omit conversationId to start "
                       f"a new one.", details={"conversationId": conversation_id})
    return row


def _charts(answer: Any) -> list[dict[str, Any]]:
    cfg = getattr(answer, "chartjs", None)
    if not cfg:
        return []
    cfg = to_jsonable(cfg)
    cfg.setdefault("chartType", cfg.get("type"))
    return [cfg]


def _sources(datasets: dict[str, Any], answer: Any) -> list[dict[str, Any]]:
    """Which datasets, columns and how many rows the answer used (seed 001 ``sources``)."""
    used_cols = _plan_columns(getattr(answer, "plan", None))
    sql = getattr(answer, "sql", None) or ""
    table = getattr(answer, "table", None)
    out = []
    for name, ds in datasets.items():
        try:
            frame = ds.frame()
            columns = [str(c) for c in frame.columns]
            n_rows: int | None = int(len(frame))
        except NbDataChatError:
            columns, n_rows = [], None
        used = [c for c in columns if c in used_cols]
        snippet = sql or (getattr(answer, "text", "") or "")[:200]
        out.append({"id": name, "title": ds.description or name, "snippet": snippet,
                    "type": "dataset", "columns": used or columns, "rows": n_rows,
                    "resultRows": int(len(table)) if isinstance(table, pd.DataFrame) else None})
    return out


def _plan_columns(plan: Any) -> set[str]:
    """Columns a plan reads: measures, groupings, filters, selected columns, tool args."""
    if plan is None:
        return set()
    cols = {getattr(m, "column", None) for m in getattr(plan, "measures", [])}
    cols |= set(getattr(plan, "group_by", []) or []) | set(getattr(plan, "columns", []) or [])
    cols |= {getattr(f, "column", None) for f in getattr(plan, "filters", [])}
    tool = getattr(plan, "tool", None)
    if tool is not None:
        for value in (getattr(tool, "args", {}) or {}).values():
            cols |= {value} if isinstance(value, str) else set(
                v for v in value if isinstance(v, str)) if isinstance(value, list) else set()
    return {str(c) for c in cols if c}


def _record(state: Any, store: _TurnStore, question: str, turn: Turn, *, kind: str,
            new: bool, key: Any, datasets: list[str] | None = None,
            extra: dict[str, Any] | None = None) -> str:
    """Persist the engine's conversation state, the question and the answer (with its
    charts and sources) in one transaction; returns the answer's message id."""
    from ..service.conversation import conversation_state

    payload = {"charts": turn.charts, "sources": turn.sources, "status": turn.status,
               "sql": turn.sql, **(extra or {})}
    conv_state = conversation_state(store.conversation)
    if datasets is None:  # as the engine's own store records it: the table it answered on
        datasets = [conv_state["dataset"]] if conv_state.get("dataset") else []
    ids = state.store.conversations.save_turn(
        store.conversation.id, conv_state,
        [("user", question, None), ("assistant", turn.text, payload)],
        kind=kind, datasets=datasets, key_id=getattr(key, "id", None), new=new,
        tenant=getattr(key, "tenant", None))
    return ids[1]


def _inline_records(table: Any) -> list[dict[str, Any]] | None:
    """The result table as records, at most ``MAX_TABLE_ROWS`` (no copy when it is small)."""
    if not isinstance(table, pd.DataFrame):
        return None
    return frame_records(table if len(table) <= MAX_TABLE_ROWS else table.head(MAX_TABLE_ROWS))


def chat_turn(state: Any, datasets: dict[str, Any], question: str,
              conversation_id: str | None, key: Any) -> Turn:
    """Seed 001: one question in a (new or continued) conversation.

    The database is read at most once (the conversation being continued) and written once
    (state + both messages, committed before the route responds)."""
    new = conversation_id is None
    if new:
        conversation_id = new_id("conv")
        row = None
    else:
        row = require_conversation(state, conversation_id, key)
    from ..service.conversation import restore_conversation

    store = _TurnStore(restore_conversation(conversation_id, row and row.get("state")))
    answer = _ask(datasets, question, store.conversation, store, key,
                  getattr(state, "llm", None))
    table = getattr(answer, "table", None)
    turn = Turn(conversation_id, "", getattr(answer, "text", "") or "",
                getattr(answer, "status", "ok"), charts=_charts(answer),
                sources=_sources(datasets, answer), sql=getattr(answer, "sql", None),
                table_records=_inline_records(table))
    turn.message_id = _record(state, store, question, turn, kind="chat", new=new, key=key)
    return turn


# Markdown syntax a value could inject; "_" stays (intra-word underscores in column names
# such as mean_price do not emphasise in CommonMark).
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>!~|#])")


def md_escape(value: Any) -> str:
    """Data (a cell, a column name, a sentence quoting values) as literal Markdown text: no
    value can become a link, image, HTML, emphasis or a new table cell or row."""
    text = "" if value is None else str(value)
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))


def _markdown_table(df: pd.DataFrame) -> str:
    cols = [md_escape(c) for c in df.columns]
    rows = [[md_escape(v) for v in r.values()] for r in frame_records(df)]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def render_content(text: str, table: pd.DataFrame | None, fmt: str) -> str:
    """Completion content in the requested ``responseType`` (raw, md or html)."""
    has_table = isinstance(table, pd.DataFrame) and not table.empty and len(table) > 1
    if fmt == "md":
        out = md_escape(text)
        if has_table:
            out += "\n\n" + _markdown_table(table.head(MAX_TEXT_TABLE_ROWS))
        return out
    if fmt == "html":
        out = f"<p>{html.escape(text)}</p>"
        if has_table:
            out += "\n" + table.head(MAX_TEXT_TABLE_ROWS).to_html(index=False, border=0,
                                                                 na_rep="")
        return out
    return text


def completion_turn(state: Any, datasets: dict[str, Any], question: str, fmt: str,
                    key: Any) -> Turn:
    """Seed 003: answer ``question`` on the application ``model``; keep the result table."""
    conversation_id = new_id("completion")
    from ..service.conversation import restore_conversation

    store = _TurnStore(restore_conversation(conversation_id, None))
    model = next(iter(datasets))
    answer = _ask(datasets, question, store.conversation, store, key,
                  getattr(state, "llm", None))
    table = getattr(answer, "table", None)
    text = getattr(answer, "text", "") or ""
    turn = Turn(conversation_id, "", text, getattr(answer, "status", "ok"),
                charts=_charts(answer), sources=_sources(datasets, answer),
                sql=getattr(answer, "sql", None), suggestion=getattr(answer, "suggestion", None),
                usage=(getattr(answer, "planner", None) or {}).get("usage"))
    if isinstance(table, pd.DataFrame):
        turn.data_file_path = state.store.results.put(
            dataset=model, query=question, columns=[str(c) for c in table.columns],
            n_rows=int(len(table)), csv=table.to_csv(index=False),
            suggestion=to_jsonable(turn.suggestion) if turn.suggestion else None,
            tenant=getattr(key, "tenant", None))
    turn.content = render_content(text, table, fmt)
    turn.message_id = _record(state, store, question, turn, kind="completion", new=True,
                              key=key, datasets=[model],
                              extra={"dataFilePath": turn.data_file_path})
    return turn


_GRAPH_KINDS = {"vertical bar chart": "bar", "bar chart": "bar", "horizontal bar chart":
                "horizontal_bar", "line chart": "line", "donut chart": "donut",
                "pie chart": "pie", "scatter chart": "scatter", "area chart": "area",
                "histogram": "histogram", "box plot": "box", "heatmap": "heatmap"}


_AGG_WORDS = {"mean", "avg", "average", "sum", "total", "count", "min", "max", "median",
              "share", "pct"}


def _named_columns(frame: pd.DataFrame, query: str) -> list[str]:
    """Result columns the query names, directly ("REGULAR_PAY") or by their non-aggregate
    part ("price" names ``mean_price``)."""
    words = set(re.findall(r"[a-z0-9]+", query.lower()))
    lowered = query.lower()
    out = []
    for col in frame.columns:
        name = str(col).lower()
        parts = {p for p in re.split(r"[^a-z0-9]+", name) if len(p) > 2} - _AGG_WORDS
        if name in lowered or name.replace("_", " ") in lowered or (parts and parts <= words):
            out.append(str(col))
    return out


def suggest_graph(row: dict[str, Any], query: str, graph_type: str) -> dict[str, Any]:
    """Seed 003 ``graphSuggestion`` for a stored result table, steered by ``query`` (columns
    it names are plotted) and ``graphType`` ("Custom" lets the chart rules choose)."""
    import io

    from ..charts.choose import choose_chart
    from ..data import read_csv_text
    from ..errors import InvalidRequest

    kind = None
    if graph_type and graph_type.strip().lower() != "custom":
        kind = _GRAPH_KINDS.get(graph_type.strip().lower())
        if kind is None:
            raise InvalidRequest("Please provide a valid value for graphType.",
                                 details={"parameter": "graphType",
                                          "accepted": ["Custom", *(k.title() for k in
                                                                   _GRAPH_KINDS)]})
    try:
        frame = read_csv_text(row["csv"])
    except Exception:
        frame = pd.read_csv(io.StringIO(row["csv"]))
    named = _named_columns(frame, query)
    if len(named) >= 2 and len(named) < len(frame.columns):
        frame = frame[named]
    spec = choose_chart(frame, kind=kind)
    if spec is None:
        suggestion = {"graphType": graph_type or "Custom", "x_axis": None, "y_axis": None,
                      "color_by": None, "sorting_field": None, "sorting_direction": None,
                      "title": "A single value: no chart needed", "x_axis_display_name": None,
                      "y_axis_display_name": None}
    else:
        suggestion = to_jsonable(spec.to_graph_suggestion())
        if graph_type and graph_type.strip().lower() == "custom":
            suggestion["graphType"] = "Custom"
            suggestion["suggestedGraphType"] = spec.to_graph_suggestion()["graphType"]
    return suggestion


def thread_run(state: Any, thread_id: str, datasets: dict[str, Any], question: str,
               run_id: str, key: Any) -> None:
    """Seed 004 background run: queued -> in_progress -> completed | failed."""
    from ..service import StoredConversations

    threads = state.store.threads
    try:
        threads.set_status(thread_id, "in_progress", run_id=run_id)
        answer = _ask(datasets, question, thread_id,
                      StoredConversations(state.store.conversation_store.for_tenant(key.tenant)),
                      key,
                      getattr(state, "llm", None))
        charts = _charts(answer)
        state.store.conversations.add_message(
            thread_id, "assistant", getattr(answer, "text", "") or "",
            payload={"charts": charts, "sources": _sources(datasets, answer),
                     "status": getattr(answer, "status", "ok"),
                     "sql": getattr(answer, "sql", None), "run_id": run_id})
        threads.set_status(thread_id, "completed", run_id=run_id)
    except NbDataChatError as exc:
        threads.set_status(thread_id, "failed", run_id=run_id,
                           last_error={"code": exc.code, "message": exc.message})
    except Exception as exc:  # never leave a run stuck in_progress
        log.exception("thread run %s failed", run_id)
        threads.set_status(thread_id, "failed", run_id=run_id,
                           last_error={"code": "run_failed",
                                       "message": f"{type(exc).__name__}: {exc}"})

