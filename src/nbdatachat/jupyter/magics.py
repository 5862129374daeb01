"""IPython magics: ``%%ask``, ``%%run_tool`` and ``%nbdatachat``.

The magics' lines are parsed into typed arguments by :mod:`.parsers`; here they resolve the
data through :class:`NotebookSession`, call the
service API (``nbdatachat.ask`` / ``nbdatachat.run_tool``) and display the result. Errors a user
can fix are shown as one friendly line with the fix, never a traceback (unless ``--debug``).
"""

from __future__ import annotations


import time
from collections.abc import Callable
from typing import Any

from IPython.core.magic import Magics, cell_magic, line_magic, magics_class
from IPython.display import display

from ..errors import InvalidRequest, NbDataChatError
from .config import NbDataChat, parse_setting
from .parsers import (
    ASK,
    NBDATACHAT,
    RUN_TOOL,
    AskArgs,
    DatasetsArgs,
    HelpRequested,
    LlmPreviewArgs,
    PanelArgs,
    RegisterArgs,
    ResetArgs,
    RunToolArgs,
    SetArgs,
    SettingsArgs,
    ToolsArgs,
    help_text,
    parse_ask,
    parse_nbdatachat,
    parse_run_tool,
)
from .session import NotebookSession, is_kb_answer
from .steps import showing_steps


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


#: The mimetype the JupyterLab extension renders by running a command (``%nbdatachat panel``).
COMMAND_MIME = "application/vnd.nbdatachat.command+json"


@magics_class
class DataChatMagics(Magics):
    """The magics act on the typed arguments that :mod:`.parsers` reads from their line."""

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

    def _parsed(self, parse: Callable[[str], Any], line: str) -> Any:
        """The typed arguments, or None after showing the help or a usage error."""
        try:
            return parse(line)
        except HelpRequested as wanted:
            print(wanted.text)
        except NbDataChatError as exc:
            show_error(exc)
        return None

    def _expand(self, cell: str) -> str:
        return self.shell.var_expand(cell, depth=2) if "{" in cell else cell

    @cell_magic
    def ask(self, line: str, cell: str) -> None:
        args: AskArgs | None = self._parsed(parse_ask, line)
        if args is None:
            return

        def run() -> None:
            with showing_steps():
                answer = self.session.ask(args.data, self._expand(cell).strip(), new=args.new,
                                          planner=self.settings.llm_settings())
            if args.out:
                self.shell.user_ns[args.out] = answer
            show_answer(answer, self.settings, chart=not args.no_chart,
                        show_sql=args.show_sql, show_plan=args.show_plan,
                        show_code=args.show_code)

        self._guard(args.debug, run)

    @cell_magic
    def run_tool(self, line: str, cell: str) -> None:
        args: RunToolArgs | None = self._parsed(parse_run_tool, line)
        if args is None:
            return

        def run() -> None:
            from ..tools import run_tool

            inputs = parse_tool_body(self._expand(cell))
            if "dataset" not in inputs:
                _key, source = self.session.resolve(args.data)
                inputs["dataset"] = source
            with showing_steps():
                result = run_tool(args.name, **inputs)
            if args.out:
                self.shell.user_ns[args.out] = result
            show_tool_result(result, self.settings, chart=not args.no_chart)

        self._guard(args.debug, run)

    @line_magic
    def nbdatachat(self, line: str) -> None:
        args = self._parsed(parse_nbdatachat, line)
        if args is not None:
            self._guard(False, lambda: self._nbdatachat(args))

    def _nbdatachat(self, args: Any) -> None:
        import pandas as pd

        from ..display import table_html

        def show(df: pd.DataFrame, rows: int) -> None:
            display({"text/html": table_html(df, rows), "text/plain": df.to_string(index=False)},
                    raw=True)

        if isinstance(args, SettingsArgs):
            show(pd.DataFrame([{"setting": k, "value": str(v)}
                               for k, v in self.settings.as_dict().items()]), 50)
        elif isinstance(args, SetArgs):
            for name, value in args.values.items():
                self._set(name, value)
            self._nbdatachat(SettingsArgs())
        elif isinstance(args, ToolsArgs):
            from ..tools import list_tools

            show(pd.DataFrame([{"tool": t["name"], "category": t["category"],
                                "description": t["description"]} for t in list_tools()]), 100)
        elif isinstance(args, DatasetsArgs):
            from ..data import default_catalog

            show(pd.DataFrame([{"dataset": e.name, "description": e.description}
                               for e in default_catalog().entries()]), 100)
        elif isinstance(args, ResetArgs):
            reset = self.session.reset(args.data)
            print(f"Reset conversation(s): {', '.join(reset) or 'none were active'}.")
        elif isinstance(args, RegisterArgs):
            from ..data import default_catalog

            source = self.shell.user_ns.get(args.source, args.source)
            default_catalog().register(args.name, source)
            print(f"Registered dataset {args.name!r}.")
        elif isinstance(args, LlmPreviewArgs):
            self._llm_preview(list(args.words))
        elif isinstance(args, PanelArgs):
            display({COMMAND_MIME: {"command": "nbdatachat:open", "issued": time.time()},
                     "text/plain": "The nbdatachat chat panel opens in JupyterLab's right "
                                   "sidebar (also: View > nbdatachat chat panel, or the "
                                   "Launcher's nbdatachat card)."}, raw=True)

    def _llm_preview(self, words: list[str]) -> None:
        """What the model would be sent for QUESTION about DATA (first word, when it names
        data), without sending it."""
        data: str | None = None
        if len(words) > 1:
            try:
                self.session.resolve(words[0])
                data, words = words[0], words[1:]
            except InvalidRequest:
                data = None
        display(self.session.preview(data, " ".join(words), self.settings.llm_settings()))

    def _set(self, name: str, value: str) -> None:
        """Set one setting from text; traitlets parses and validates it."""
        from traitlets import TraitError

        traits = self.settings.traits(config=True)
        if name not in traits:
            raise InvalidRequest(f"Unknown setting {name!r}; settings are: "
                                 f"{', '.join(traits)}.", details={"setting": name})
        try:
            setattr(self.settings, name, parse_setting(traits[name], value))
        except (TraitError, ValueError) as exc:
            raise InvalidRequest(f"Invalid value {value!r} for {name}: {exc}.",
                                 details={"setting": name, "value": value}) from None


# ``%%ask?`` shows the same help that ``%%ask --help`` prints, generated from the parser.
DataChatMagics.ask.__doc__ = help_text(ASK)
DataChatMagics.run_tool.__doc__ = help_text(RUN_TOOL)
DataChatMagics.nbdatachat.__doc__ = help_text(NBDATACHAT)


def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magics(DataChatMagics(ipython))


__all__ = ["DataChatMagics", "load_ipython_extension", "parse_tool_body", "show_answer",
           "show_tool_result"]
