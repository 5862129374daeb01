"""IPython magics: ``%%ask``, ``%%run_tool`` and ``%nbdatachat``.

The magics parse their arguments, resolve the data through :class:`NotebookSession`, call the
service API (``nbdatachat.ask`` / ``nbdatachat.run_tool``) and display the result. Errors a user
can fix are shown as one friendly line with the fix, never a traceback (unless ``--debug``).
"""

from __future__ import annotations


import shlex

from collections.abc import Callable
from typing import Any

from IPython.core.magic import Magics, cell_magic, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring
from IPython.display import display

from ..errors import InvalidRequest, NbDataChatError
from .config import NbDataChat
from .session import NotebookSession, is_kb_answer


def show_error(exc: BaseException, debug: bool = False) -> None:
    from ..display import error_card

    if debug:
        raise exc
    if isinstance(exc, NbDataChatError):
        display(error_card(exc.message), raw=True)
    else:
        display(error_card(f"nbdatachat hit an internal error: {type(exc).__name__}: {exc}",
                           hint="Rerun the cell with --debug to see the traceback, and "
                                "please report it."), raw=True)


def show_answer(answer: Any, settings: NbDataChat, *, chart: bool = True,
                show_sql: bool = False, show_plan: bool = False, show_code: bool = False) -> None:
    """Display an Answer as a card, then its chart (two outputs: see nbdatachat.display)."""
    from ..display import answer_card, figure_bundle

    if is_kb_answer(answer):  # a knowledge-base answer renders itself, with its sources
        display(answer)
        return
    display(answer_card(answer, max_rows=settings.max_rows,
                        show_sql=show_sql or settings.show_sql, show_plan=show_plan,
                        show_code=show_code or settings.show_code), raw=True)
    if chart and settings.chart and getattr(answer, "chart_spec", None) is not None:
        figure = answer.chart
        if figure is not None:
            display(figure_bundle(figure), raw=True)


def show_tool_result(result: Any, settings: NbDataChat, *, chart: bool = True) -> None:
    from ..display import figure_bundle, tool_card, tool_figure

    display(tool_card(result, max_rows=settings.max_rows), raw=True)
    if chart and settings.chart:
        figure = tool_figure(result)
        if figure is not None:
            display(figure_bundle(figure), raw=True)


def parse_tool_body(body: str) -> dict[str, Any]:
    """The ``%%run_tool`` cell body: tool inputs as YAML or JSON (JSON is valid YAML)."""
    import yaml

    if not body.strip():
        return {}
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise InvalidRequest(
            f"The cell body is not valid YAML or JSON{where}. Write one input per line, e.g.\n"
            "target: sales\nfeatures: [marketing, price]", details={"body": body[:200]}
        ) from None
    if not isinstance(data, dict):
        raise InvalidRequest("The cell body must be a mapping of tool inputs, e.g. "
                             "'target: sales' and 'features: [marketing, price]'.",
                             details={"got": type(data).__name__})
    return data


@magics_class
class DataChatMagics(Magics):
    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.settings = NbDataChat(parent=shell)
        self.session = NotebookSession(shell.user_ns, db_url=self.settings.db_url)

    def _guard(self, debug: bool, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except (NbDataChatError, Exception) as exc:  # noqa: BLE001 - friendly errors
            show_error(exc, debug)
            return None

    @magic_arguments()
    @argument("data", nargs="?", default=None,
              help="A DataFrame variable, dict of DataFrames, CSV/Parquet path or dataset name.")
    @argument("--no-chart", action="store_true", help="Do not show a chart.")
    @argument("--show-sql", action="store_true", help="Show the SQL that ran.")
    @argument("--show-plan", action="store_true", help="Show the structured query plan.")
    @argument("--show-code", action="store_true", help="Show equivalent pandas code.")
    @argument("-o", "--out", default=None, help="Store the Answer in this variable.")
    @argument("--new", action="store_true", help="Start a new conversation for this data.")
    @argument("--debug", action="store_true", help="Show tracebacks.")
    @cell_magic
    def ask(self, line: str, cell: str) -> None:
        """Ask a question about data in plain language; the cell body is the question.

        Follow-up cells continue the conversation about the same data until ``--new``.
        ``{var}`` in the question is replaced by the value of ``var``.
        """
        try:
            args = parse_argstring(self.ask, line)
        except Exception as exc:  # UsageError from argparse
            show_error(InvalidRequest(f"%%ask: {exc}. Usage: %%ask [DATA] [--no-chart] "
                                      f"[--show-sql] [--show-code] [-o NAME] [--new]"))
            return

        def run() -> None:
            question = self.shell.var_expand(cell, depth=2) if "{" in cell else cell
            answer = self.session.ask(args.data, question.strip(), new=args.new)
            if args.out:
                self.shell.user_ns[args.out] = answer
            show_answer(answer, self.settings, chart=not args.no_chart,
                        show_sql=args.show_sql, show_plan=args.show_plan,
                        show_code=args.show_code)

        self._guard(args.debug, run)

    @magic_arguments()
    @argument("name", help="The tool to run (see %%nbdatachat tools).")
    @argument("data", nargs="?", default=None,
              help="A DataFrame variable, CSV/Parquet path or dataset name.")
    @argument("-o", "--out", default=None, help="Store the ToolResult in this variable.")
    @argument("--no-chart", action="store_true", help="Do not show a chart.")
    @argument("--debug", action="store_true", help="Show tracebacks.")
    @cell_magic
    def run_tool(self, line: str, cell: str) -> None:
        """Run a named analysis tool; the cell body holds its inputs as YAML or JSON."""
        try:
            args = parse_argstring(self.run_tool, line)
        except Exception as exc:
            show_error(InvalidRequest(f"%%run_tool: {exc}. Usage: %%run_tool NAME [DATA] "
                                      f"[-o NAME]"))
            return

        def run() -> None:
            from .. import run_tool

            inputs = parse_tool_body(self.shell.var_expand(cell, depth=2) if "{" in cell
                                     else cell)
            if "dataset" not in inputs:
                key, source = self.session.resolve(args.data)
                inputs["dataset"] = source
            result = run_tool(args.name, **inputs)
            if args.out:
                self.shell.user_ns[args.out] = result
            show_tool_result(result, self.settings, chart=not args.no_chart)

        self._guard(args.debug, run)

    @line_magic
    def nbdatachat(self, line: str) -> None:
        """Settings and housekeeping.

        ``%nbdatachat`` shows the settings; ``%nbdatachat set max_rows=20``; ``%nbdatachat
        tools``; ``%nbdatachat datasets``; ``%nbdatachat reset [DATA]`` forgets a conversation;
        ``%nbdatachat register NAME SOURCE`` adds a DataFrame variable or file to the catalog.
        """
        self._guard(False, lambda: self._nbdatachat(line))

    def _nbdatachat(self, line: str) -> None:
        import pandas as pd

        from ..display import table_html

        words = shlex.split(line)
        command = words[0] if words else "settings"
        if command in ("settings", "config"):
            df = pd.DataFrame([{"setting": k, "value": str(v)}
                               for k, v in self.settings.as_dict().items()])
            display({"text/html": table_html(df, 50), "text/plain": df.to_string(index=False)},
                    raw=True)
        elif command == "set":
            if len(words) < 2 or any("=" not in w for w in words[1:]):
                raise InvalidRequest("Usage: %nbdatachat set NAME=VALUE ...; settings: "
                                     + ", ".join(self.settings.as_dict()))
            for word in words[1:]:
                self._set(*word.split("=", 1))
            self._nbdatachat("settings")
        elif command == "tools":
            from ..tools import list_tools

            df = pd.DataFrame([{"tool": t["name"], "category": t["category"],
                                "description": t["description"]} for t in list_tools()])
            display({"text/html": table_html(df, 100), "text/plain": df.to_string(index=False)},
                    raw=True)
        elif command == "datasets":
            from ..data import default_catalog

            df = pd.DataFrame([{"dataset": e.name, "description": e.description}
                               for e in default_catalog().entries()])
            display({"text/html": table_html(df, 100), "text/plain": df.to_string(index=False)},
                    raw=True)
        elif command == "reset":
            reset = self.session.reset(words[1] if len(words) > 1 else None)
            print(f"Reset conversation(s): {', '.join(reset) or 'none were active'}.")
        elif command == "register":
            if len(words) != 3:
                raise InvalidRequest("Usage: %nbdatachat register NAME SOURCE (a DataFrame "
                                     "variable or a CSV/Parquet path).")
            from ..data import default_catalog

            source = self.shell.user_ns.get(words[2], words[2])
            default_catalog().register(words[1], source)
            print(f"Registered dataset {words[1]!r}.")
        else:
            raise InvalidRequest(f"Unknown command {command!r}. Use one of: settings, set, "
                                 f"tools, datasets, reset, register.")

    def _set(self, name: str, value: str) -> None:
        if name not in self.settings.as_dict():
            raise InvalidRequest(f"Unknown setting {name!r}; settings are: "
                                 f"{', '.join(self.settings.as_dict())}.")
        current = getattr(self.settings, name)
        try:
            if isinstance(current, bool):
                parsed: Any = value.strip().lower() in ("1", "true", "yes", "on")
            elif isinstance(current, int):
                parsed = int(value)
            else:
                parsed = value
            setattr(self.settings, name, parsed)
        except Exception as exc:
            raise InvalidRequest(f"Invalid value {value!r} for {name}: {exc}") from None


def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magics(DataChatMagics(ipython))


__all__ = ["DataChatMagics", "load_ipython_extension", "parse_tool_body", "show_answer",
           "show_tool_result"]
