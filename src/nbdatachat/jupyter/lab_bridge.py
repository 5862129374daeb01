"""What the JupyterLab side panel calls inside the notebook's kernel.

The panel sends an ``execute_request`` with empty code and a *user expression* such as
``__import__('nbdatachat.jupyter.lab_bridge', fromlist=['_']).ask('{"data": "df", ...}')``.
User expressions leave no trace in the notebook (no output, no history, no new variable) and
their value comes back through IPython's display formatter: the :class:`BridgeReply` returned
here formats as ``application/json``, so the panel receives plain JSON, never a Python repr.

Every function takes one JSON string (so the panel never has to quote Python values) and never
raises: a mistake comes back as ``{"error": {"code", "message", "details"}}``.
"""

from __future__ import annotations

import json
import time
from typing import Any

from ..errors import InvalidRequest, NbDataChatError
from .session import NotebookSession, namespace_frames

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


def _guarded(fn: Any, args_json: str) -> BridgeReply:
    try:
        return BridgeReply(fn(_args(args_json)))
    except NbDataChatError as err:
        return BridgeReply(err.to_dict())
    except Exception as exc:  # the panel shows it; the kernel and the notebook are untouched
        return BridgeReply({"error": {"code": "INTERNAL_ERROR",
                                      "message": f"nbdatachat failed in the kernel: "
                                                 f"{type(exc).__name__}: {exc}",
                                      "details": {}}})


def _frame_info(name: str, frame: Any) -> dict[str, Any]:
    return {"name": name, "rows": int(frame.shape[0]), "columns": [str(c) for c in frame.columns]}


def _list_data(args: dict[str, Any]) -> dict[str, Any]:
    from .._version import __version__
    from ..data import default_catalog

    namespace = _namespace()
    frames = [_frame_info(n, namespace[n]) for n in namespace_frames(namespace)]
    datasets = default_catalog().names() if args.get("datasets", True) else []
    return {"dataframes": frames, "datasets": datasets, "version": __version__}


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
        source = f"nbdatachat.as_dataset({key!r}).frame()"
        code = code.replace("import pandas as pd\n", "import pandas as pd\nimport nbdatachat\n", 1)
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
    answer = session.ask(key, question, new=bool(args.get("new")))
    payload = answer.to_dict()
    table = payload.get("table") or {}
    records = table.get("records") or []
    max_rows = int(args.get("maxRows") or MAX_TABLE_ROWS)
    table["n_rows"] = len(records)
    table["records"] = records[:max_rows]
    payload.update(data=key, magic=magic_for(key, question),
                   code=code_for(payload.get("code"), key, namespace),
                   elapsed_ms=round((time.perf_counter() - start) * 1000, 1))
    return payload


def list_data(args_json: str = "{}") -> BridgeReply:
    """The notebook's DataFrames (name, rows, columns) and the catalog's dataset names."""
    return _guarded(_list_data, args_json)


def ask(args_json: str) -> BridgeReply:
    """Answer ``{"data", "question", "conversation"?, "new"?, "maxRows"?}``: the
    ``Answer.to_dict()`` JSON plus ``data``, ``magic`` (the ``%%ask`` cell) and ``elapsed_ms``."""
    return _guarded(_ask, args_json)


__all__ = ["BridgeReply", "ask", "code_for", "list_data", "magic_for"]
