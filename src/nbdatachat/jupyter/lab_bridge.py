"""What the JupyterLab side panel calls inside the notebook's kernel.

The panel sends an ``execute_request`` with empty code and a *user expression* such as
``__import__('nbdatachat.jupyter.lab_bridge', fromlist=['_']).ask('{"data": "df", ...}')``.
User expressions leave no trace in the notebook (no output, no history, no new variable) and
their value comes back through IPython's display formatter: the :class:`BridgeReply` returned
here formats as ``application/json``, so the panel receives plain JSON, never a Python repr.

Every function takes one JSON string (so the panel never has to quote Python values) and never
raises: a mistake comes back as ``{"error": {"code", "message", "details"}}``.

While a question runs, each step (:mod:`nbdatachat.tools.progress`) is published on IOPub as
``display_data`` of type :data:`PROGRESS_MIME`, parented to the panel's request: the panel's
request future receives them and shows them; no output area does. The panel's Stop button
interrupts the kernel: the ``KeyboardInterrupt`` ends the work where it is (a model call
aborts its HTTP request), nothing is added to the conversation, and the reply says
``CANCELLED``.

A question the panel sends while a cell runs waits in the kernel's queue, and the user may
press Stop before the kernel reaches it. The panel cannot tell the kernel then (its messages
queue behind the cell too) and must not interrupt it (that would stop the user's cell); an
interrupt sent when the kernel starts on the question lands a network round trip late, after
the question may already have sent its schema to the model. So a request that carries
``"confirm": true`` first asks the panel over its own stdin channel whether it is still
wanted (:func:`confirm_start`) and does nothing if the answer is ``stop``; once told ``go``,
the kernel is known to be on this request and Stop interrupts it as above.
"""

from __future__ import annotations

import json
import time
from typing import Any

from ..errors import InvalidRequest, NbDataChatError
from ..textfmt import format_records
from ..tools.progress import Cancelled, Step, running
from .session import NotebookSession, namespace_frames

#: The mimetype of a step published while a question runs (never shown by an output area).
PROGRESS_MIME = "application/vnd.nbdatachat.progress+json"

#: Rows of an answer's table sent to the panel (the panel shows fewer; the rest stays in
#: the kernel, reachable through the inserted code).
MAX_TABLE_ROWS = 200

_sessions: dict[int, NotebookSession] = {}


class BridgeReply:
    """A JSON payload that IPython's formatter renders as ``application/json``."""

    def __init__(self, payload: dict[str, Any]) -> None:
        self.payload = payload

    def _repr_json_(self) -> dict[str, Any]:
        return self.payload

    def __repr__(self) -> str:
        return json.dumps(self.payload)[:200]


def _namespace() -> dict[str, Any]:
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        raise InvalidRequest("The nbdatachat panel bridge runs inside an IPython kernel only.")
    return shell.user_ns


def _session(namespace: dict[str, Any]) -> NotebookSession:
    """One session per user namespace, so follow-ups continue across panel calls."""
    session = _sessions.get(id(namespace))
    if session is None or session.namespace is not namespace:
        session = _sessions[id(namespace)] = NotebookSession(namespace)
    return session


def _args(args_json: str) -> dict[str, Any]:
    try:
        args = json.loads(args_json or "{}")
    except (TypeError, ValueError) as exc:
        raise InvalidRequest(f"The panel sent arguments that are not JSON: {exc}.") from None
    if not isinstance(args, dict):
        raise InvalidRequest("The panel's arguments must be a JSON object.")
    return args


#: What the kernel asks the panel on stdin before it starts a ``confirm`` request; the panel
#: answers ``go`` (still wanted) or ``stop`` (Stop was pressed while it waited in the queue).
START_PROMPT = "nbdatachat: start this request? (go/stop)"

#: Seconds a ``confirm`` request waits for the panel's answer, then gives up as stopped: a
#: panel closed or reloaded while its question waited never answers, and the kernel must
#: not wait for it forever. A live panel answers within one round trip.
START_TIMEOUT = 20.0


def confirm_start(args: dict[str, Any]) -> None:
    """Raise :class:`Cancelled` unless the panel says the request is still wanted (see the
    module doc). Asked over the request's stdin channel, the only one that reaches the panel
    and comes back while the kernel is on this request; a front-end without stdin (or a
    request without ``confirm``) is not asked."""
    if not args.get("confirm"):
        return
    import _thread
    import threading

    from IPython import get_ipython
    from IPython.core.error import StdinNotImplementedError

    raw_input = getattr(getattr(get_ipython(), "kernel", None), "raw_input", None)
    if raw_input is None:
        return
    lock, answered = threading.Lock(), threading.Event()

    def give_up() -> None:  # ipykernel's raw_input has no timeout: interrupt its wait
        with lock:
            if not answered.is_set():
                answered.set()
                _thread.interrupt_main()

    timer = threading.Timer(START_TIMEOUT, give_up)
    timer.daemon = True
    timer.start()
    try:
        answer = raw_input(START_PROMPT)
    except StdinNotImplementedError:  # sent without allow_stdin: nobody to ask
        return
    except KeyboardInterrupt:
        raise Cancelled("The panel did not say whether to start.") from None
    finally:
        with lock:
            answered.set()
        timer.cancel()
    if str(answer).strip().lower() != "go":
        raise Cancelled("Stopped before it started.")


def _guarded(fn: Any, args_json: str) -> BridgeReply:
    try:
        args = _args(args_json)
        confirm_start(args)
        return BridgeReply(fn(args))
    except NbDataChatError as err:
        return BridgeReply(err.to_dict())
    except (KeyboardInterrupt, Cancelled):  # the panel's Stop: nothing was recorded
        return BridgeReply({"error": {"code": "CANCELLED", "message": "Stopped before it "
                                      "finished; nothing was added to the conversation.",
                                      "details": {}}})
    except Exception as exc:  # the panel shows it; the kernel and the notebook are untouched
        return BridgeReply({"error": {"code": "INTERNAL_ERROR",
                                      "message": f"nbdatachat failed in the kernel: "
                                                 f"{type(exc).__name__}: {exc}",
                                      "details": {}}})


def _frame_info(name: str, frame: Any) -> dict[str, Any]:
    return {"name": name, "rows": int(frame.shape[0]), "columns": [str(c) for c in frame.columns]}


def _list_data(args: dict[str, Any]) -> dict[str, Any]:
    import os

    from .._version import __version__
    from ..data import default_catalog

    namespace = _namespace()
    names = namespace_frames(namespace)
    frames = [_frame_info(n, namespace[n]) for n in names]
    # A notebook variable shadows a catalog dataset of the same name (it is what a question
    # about that name reads), so each name is listed once.
    datasets = [d for d in default_catalog().names() if d not in names] \
        if args.get("datasets", True) else []
    return {"dataframes": frames, "datasets": datasets, "version": __version__,
            "pid": os.getpid()}


def _suggest(args: dict[str, Any]) -> dict[str, Any]:
    from ..data import as_dataset
    from .suggest import starter_questions

    data = args.get("data") or None
    _key, source = _session(_namespace()).resolve(data)
    frame = source if not isinstance(source, str) else as_dataset(source).frame()
    return {"data": data, "questions": starter_questions(frame, int(args.get("limit") or 4))}


class _StoredPlan:
    """A planner that returns a plan the panel kept (the ``Planner`` extension point), so a
    stored answer's chart is drawn again by running its plan, not by re-reading the words."""

    def __init__(self, plan: dict[str, Any]) -> None:
        self._plan = plan

    def plan(self, question: str, schema: Any, context: Any = None) -> Any:
        from ..planner.plan import Plan, PlanResult

        return PlanResult.ok(Plan.from_dict(self._plan))


def _redraw(args: dict[str, Any]) -> dict[str, Any]:
    from ..service import ask
    from ..service.conversation import MemoryConversationStore

    plan = args.get("plan")
    if not isinstance(plan, dict):
        raise InvalidRequest("The panel sent no plan to draw the chart from.")
    _key, source = _session(_namespace()).resolve(args.get("data") or None)
    answer = ask(source, str(args.get("question") or "chart"), planner=_StoredPlan(plan),
                 store=MemoryConversationStore())
    return {"chart": answer.to_dict().get("chart")}


def _load_file(args: dict[str, Any]) -> dict[str, Any]:
    """Read a CSV/Parquet file (dropped on the panel, saved next to the notebook) into a new
    DataFrame variable named after the file."""
    import keyword
    import re
    from pathlib import Path

    from ..data import as_dataset

    path = Path(str(args.get("path") or ""))
    if not path.is_file():
        raise InvalidRequest(f"No file at {str(path)!r} in the kernel's folder.",
                             details={"path": str(path)})
    name = re.sub(r"\W+", "_", path.stem).strip("_").lower() or "data"
    if name[0].isdigit() or keyword.iskeyword(name):
        name = f"df_{name}"
    namespace = _namespace()
    base, n = name, 2
    while name in namespace and not _same_file(namespace.get(f"_{name}_source"), path):
        name, n = f"{base}_{n}", n + 1
    frame = as_dataset(str(path)).frame()
    namespace[name] = frame
    namespace[f"_{name}_source"] = str(path.resolve())
    return {"name": name, **_frame_info(name, frame)}


def _same_file(recorded: Any, path: Any) -> bool:
    from pathlib import Path

    return isinstance(recorded, str) and recorded == str(Path(path).resolve())


def publish_step(step: Step) -> None:
    """Send ``step`` to the panel's running request (see the module doc)."""
    from IPython.display import publish_display_data

    publish_display_data({PROGRESS_MIME: step.to_dict()})


def magic_for(data: str, question: str) -> str:
    """The ``%%ask`` cell that reproduces a panel question."""
    return f"%%ask {data}\n{question.strip()}\n"


def code_for(code: str | None, key: str, namespace: dict[str, Any]) -> str | None:
    """The answer's pandas code (written for a frame called ``df``) bound to the panel's data:
    the notebook variable itself, or the dataset loaded by name; ends by showing ``result``."""
    if not code:
        return None
    if key in namespace and key.isidentifier():
        source = key
    else:
        source = f"as_dataset({key!r}).frame()"
        code = "from nbdatachat.data import as_dataset\n" + code
    lines = [f"d = {source}" if line == "d = df" else line for line in code.splitlines()]
    if any(line.startswith("result = ") for line in lines):
        lines.append("result")
    return "\n".join(lines)


def _ask(args: dict[str, Any]) -> dict[str, Any]:
    question = str(args.get("question") or "").strip()
    if not question:
        raise InvalidRequest("Type a question first, e.g. 'average sales by region'.")
    data = args.get("data") or None
    if data is not None and not isinstance(data, str):
        raise InvalidRequest("'data' must be the name of a DataFrame or dataset.")
    namespace = _namespace()
    session = _session(namespace)
    key, _ = session.resolve(data)
    conversation = args.get("conversation")
    if conversation and not args.get("new"):
        session.conversations[key] = str(conversation)
    start = time.perf_counter()
    with running(on_step=publish_step):
        answer = session.ask(key, question, new=bool(args.get("new")))
    payload = answer.to_dict()
    table = payload.get("table") or {}
    records = table.get("records") or []
    max_rows = int(args.get("maxRows") or MAX_TABLE_ROWS)
    table["n_rows"] = len(records)
    table["records"] = records[:max_rows]
    # Display strings from the one formatting module (years without separators, dates as
    # dates, the same decimals down a column): the panel shows and copies these.
    table["formatted"] = format_records(table.get("columns") or [], table["records"])
    answered = payload.get("status") == "answered"
    payload.update(data=key, dataset=key, magic=magic_for(key, question) if answered else None,
                   code=code_for(payload.get("code"), key, namespace) if answered else None,
                   elapsed_ms=round((time.perf_counter() - start) * 1000, 1))
    return payload


def list_data(args_json: str = "{}") -> BridgeReply:
    """The notebook's DataFrames (name, rows, columns) and the catalog's dataset names."""
    return _guarded(_list_data, args_json)


def suggest(args_json: str) -> BridgeReply:
    """Up to ``limit`` starter questions for ``{"data"}``, built from its schema."""
    return _guarded(_suggest, args_json)


def redraw(args_json: str) -> BridgeReply:
    """The chart of ``{"data", "question", "plan"}``, drawn again by running the stored plan
    (the panel does not keep chart data in the browser)."""
    return _guarded(_redraw, args_json)


def load_file(args_json: str) -> BridgeReply:
    """Load ``{"path"}`` (CSV/Parquet) into a new DataFrame variable: ``{"name", "rows",
    "columns"}``."""
    return _guarded(_load_file, args_json)


def ask(args_json: str) -> BridgeReply:
    """Answer ``{"data", "question", "conversation"?, "new"?, "maxRows"?, "confirm"?}``: the
    ``Answer.to_dict()`` JSON plus ``data``, ``magic`` (the ``%%ask`` cell) and ``elapsed_ms``.
    Every function takes ``confirm`` (:func:`confirm_start`); the panel sends it with ``ask``."""
    return _guarded(_ask, args_json)


__all__ = ["PROGRESS_MIME", "START_PROMPT", "BridgeReply", "ask", "code_for", "confirm_start",
           "list_data", "load_file", "magic_for", "publish_step", "redraw", "suggest"]
