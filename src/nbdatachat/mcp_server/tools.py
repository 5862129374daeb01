"""The MCP tools and their typed results; a *backend* does the work (local or server)."""

from __future__ import annotations

import contextvars
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..errors import InvalidRequest, NbDataChatError

MAX_ROWS = 200

#: The API key of the HTTP request being served (set by :mod:`.http`), for tool scopes.
current_key: contextvars.ContextVar[Any] = contextvars.ContextVar("nbdatachat_mcp_key",
                                                                  default=None)


class AskResult(BaseModel):
    status: Literal["answered", "needs_clarification", "cannot_answer"]
    text: str = Field(description="The answer's sentence (or why there is none).")
    columns: list[str] = Field(default_factory=list, description="Columns of the result table.")
    rows: list[dict[str, Any]] = Field(default_factory=list,
                                       description=f"Result rows (at most {MAX_ROWS}).")
    n_rows: int = Field(0, description="Rows in the full result table.")
    sql: str | None = Field(None, description="The SQL that computed the result.")
    plan: dict[str, Any] | None = Field(None, description="The typed plan that ran.")
    conversation_id: str | None = Field(None, description="Pass back to ask a follow-up.")
    options: list[str] = Field(default_factory=list,
                               description="Choices when the question needs clarification.")
    planner: dict[str, Any] | None = Field(None, description="Which planner answered and why.")
    notes: list[str] = Field(default_factory=list)


class ToolInfo(BaseModel):
    name: str
    description: str
    category: str = ""
    version: str = ""


class DatasetInfo(BaseModel):
    name: str
    description: str = ""


class ToolRun(BaseModel):
    tool: str
    result: dict[str, Any] = Field(description="The tool's full result (performance, "
                                               "coefficients, statistics, insights, ...).")


def answer_result(answer: Any) -> AskResult:
    from ..jsonable import frame_records

    table = answer.table
    records = frame_records(table.head(MAX_ROWS)) if table is not None and len(table) else []
    return AskResult(status=answer.status, text=answer.text,
                     columns=[str(c) for c in getattr(table, "columns", [])], rows=records,
                     n_rows=int(len(table)) if table is not None else 0, sql=answer.sql,
                     plan=answer.plan.to_dict() if answer.plan is not None else None,
                     conversation_id=answer.conversation_id,
                     options=[str(o) for o in answer.options],
                     planner=getattr(answer, "planner", None), notes=list(answer.notes))


def _error(err: NbDataChatError) -> Exception:
    """A user's mistake reaches the agent as a tool error carrying the message and the fix
    (any other exception is a crash whose text stays in the server's log)."""
    from mcp.server.mcpserver.exceptions import ToolError

    return ToolError(f"{err.code}: {err.message}")


def build_server(backend: Any) -> Any:
    from mcp.server.mcpserver import MCPServer
    from mcp.types import ToolAnnotations

    from .._version import __version__

    server = MCPServer(
        "nbdatachat", version=__version__,
        instructions="Ask questions of tabular datasets in plain language (ask), or run a "
                     "named statistical tool (run_tool). Call list_datasets first. Every "
                     "number comes from running a checked plan on the data.")
    read_only = ToolAnnotations(readOnlyHint=True, destructiveHint=False, openWorldHint=False)

    @server.tool(annotations=read_only)
    def ask(question: str, dataset: str, conversation_id: str | None = None) -> AskResult:
        """Answer a plain-language question about a dataset: a sentence, the result table,
        the SQL and the typed plan. Pass conversation_id back for follow-ups ("only for
        2023")."""
        try:
            return answer_result(backend.ask(question, dataset, conversation_id))
        except NbDataChatError as err:
            raise _error(err) from None

    @server.tool(annotations=read_only)
    def run_tool(name: str, dataset: str, inputs: dict[str, Any] | None = None) -> ToolRun:
        """Run an analysis tool (see list_tools and tool_schema) on a dataset; inputs are the
        tool's fields except 'dataset', e.g. {"target": "sales", "features": ["price"]}."""
        try:
            return ToolRun(tool=name, result=backend.run_tool(name, dataset, dict(inputs or {})))
        except NbDataChatError as err:
            raise _error(err) from None

    @server.tool(annotations=read_only)
    def list_tools() -> list[ToolInfo]:
        """The analysis tools this caller may run."""
        return [ToolInfo(name=t["name"], description=t.get("description", ""),
                         category=t.get("category", ""), version=str(t.get("version", "")))
                for t in backend.list_tools()]

    @server.tool(annotations=read_only)
    def tool_schema(name: str) -> dict[str, Any]:
        """A tool's input JSON Schema and an example input."""
        try:
            return backend.tool_schema(name)
        except NbDataChatError as err:
            raise _error(err) from None

    @server.tool(annotations=read_only)
    def list_datasets() -> list[DatasetInfo]:
        """The datasets that ask and run_tool accept, by name."""
        return [DatasetInfo(**d) for d in backend.list_datasets()]

    return server


class LocalBackend:
    """``nbdatachat mcp`` over stdio: the catalog's datasets (plus ``--dataset`` ones)."""

    def __init__(self, planner: Any = None) -> None:
        self.planner = planner

    def _dataset(self, name: str) -> str:
        from ..data import default_catalog

        catalog = default_catalog()
        if name not in catalog:
            raise InvalidRequest(f"Unknown dataset {name!r}; datasets: "
                                 f"{', '.join(catalog.names())}.",
                                 details={"dataset": name, "available": catalog.names()})
        return name

    def ask(self, question: str, dataset: str, conversation_id: str | None) -> Any:
        from ..service import ask

        return ask(self._dataset(dataset), question, conversation=conversation_id,
                   planner=self.planner)

    def run_tool(self, name: str, dataset: str, inputs: dict[str, Any]) -> dict[str, Any]:
        from ..tools import run_tool

        inputs.pop("dataset", None)
        return run_tool(name, dataset=self._dataset(dataset), **inputs).to_dict()

    def list_tools(self) -> list[dict[str, Any]]:
        from ..tools import list_tools

        return list_tools()

    def tool_schema(self, name: str) -> dict[str, Any]:
        from ..tools import tool_schema

        return tool_schema(name)

    def list_datasets(self) -> list[dict[str, Any]]:
        from ..data import default_catalog

        return [{"name": e.name, "description": e.description or ""}
                for e in default_catalog().entries()]


__all__ = ["AskResult", "DatasetInfo", "LocalBackend", "ToolInfo", "ToolRun", "build_server",
           "current_key"]
