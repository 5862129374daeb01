"""The magics' command lines, parsed into typed argument objects.

``%%ask``, ``%%run_tool`` and ``%nbdatachat`` are declared here once, as click commands; a line
becomes a pydantic model (:class:`AskArgs`, :class:`RunToolArgs`, one model per ``%nbdatachat``
subcommand) that ``magics.py`` acts on. Usage strings and help come from the same declarations,
so they cannot drift from what is parsed. A mistake raises :class:`InvalidRequest` whose message
names the problem and shows the usage.
"""

from __future__ import annotations

import shlex
from typing import Annotated, Literal

import click
from pydantic import BaseModel, ConfigDict, Field

from ..errors import InvalidRequest

_DATA_HELP = "A DataFrame variable, dict of DataFrames, CSV/Parquet path or dataset name."


class _Args(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AskArgs(_Args):
    """``%%ask [DATA] [options]``: the cell body is the question."""

    data: str | None = None
    no_chart: bool = False
    show_sql: bool = False
    show_plan: bool = False
    show_code: bool = False
    out: str | None = None
    new: bool = False
    debug: bool = False


class RunToolArgs(_Args):
    """``%%run_tool NAME [DATA] [options]``: the cell body holds the tool's inputs."""

    name: str
    data: str | None = None
    out: str | None = None
    no_chart: bool = False
    debug: bool = False


class SettingsArgs(_Args):
    command: Literal["settings"] = "settings"


class SetArgs(_Args):
    command: Literal["set"] = "set"
    values: dict[str, str]


class ToolsArgs(_Args):
    command: Literal["tools"] = "tools"


class DatasetsArgs(_Args):
    command: Literal["datasets"] = "datasets"


class ResetArgs(_Args):
    command: Literal["reset"] = "reset"
    data: str | None = None


class RegisterArgs(_Args):
    command: Literal["register"] = "register"
    name: str
    source: str


class PanelArgs(_Args):
    command: Literal["panel"] = "panel"


class LlmPreviewArgs(_Args):
    command: Literal["llm-preview"] = "llm-preview"
    words: tuple[str, ...]


NbDataChatArgs = Annotated[SettingsArgs | SetArgs | ToolsArgs | DatasetsArgs | ResetArgs
                           | RegisterArgs | PanelArgs | LlmPreviewArgs,
                           Field(discriminator="command")]


def _identifier(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.isidentifier():
        raise click.BadParameter(f"{value!r} is not a Python variable name")
    return value


_OUT = click.Option(["-o", "--out"], default=None, metavar="NAME", callback=_identifier,
                    help="Store the result in this notebook variable.")
_NO_CHART = click.Option(["--no-chart"], is_flag=True, help="Do not show a chart.")
_DEBUG = click.Option(["--debug"], is_flag=True, help="Show tracebacks instead of a short error.")

ASK = click.Command(
    "%%ask", help="Ask a question about data in plain language; the cell body is the question. "
    "Without DATA, follow-ups continue with the data used last. {var} in the question is "
    "replaced by the value of var.",
    params=[click.Argument(["data"], required=False, metavar="[DATA]"),
            _NO_CHART,
            click.Option(["--show-sql"], is_flag=True, help="Show the SQL that ran."),
            click.Option(["--show-plan"], is_flag=True, help="Show the structured query plan."),
            click.Option(["--show-code"], is_flag=True, help="Show the equivalent pandas code."),
            _OUT,
            click.Option(["--new"], is_flag=True,
                         help="Start a new conversation about this data."),
            _DEBUG])

RUN_TOOL = click.Command(
    "%%run_tool", help="Run a named analysis tool (list them with %nbdatachat tools); the "
    "cell body holds its inputs as YAML or JSON.",
    params=[click.Argument(["name"], metavar="NAME"),
            click.Argument(["data"], required=False, metavar="[DATA]"),
            _OUT, _NO_CHART, _DEBUG])


def _group() -> click.Group:
    group = click.Group("%nbdatachat", help="Settings and housekeeping.",
                        invoke_without_command=True)
    group.add_command(click.Command("settings", help="Show the settings (the default)."))
    group.add_command(click.Command(
        "set", help="Change settings, e.g. max_rows=20 chart=false.",
        params=[click.Argument(["values"], nargs=-1, required=True, metavar="NAME=VALUE...")]))
    group.add_command(click.Command("tools", help="List the analysis tools."))
    group.add_command(click.Command("datasets", help="List the catalog's datasets."))
    group.add_command(click.Command(
        "reset", help="Forget the conversation about DATA (all when omitted).",
        params=[click.Argument(["data"], required=False, metavar="[DATA]")]))
    group.add_command(click.Command(
        "register", help="Add a DataFrame variable or CSV/Parquet file to the catalog.",
        params=[click.Argument(["name"], metavar="NAME"),
                click.Argument(["source"], metavar="SOURCE")]))
    group.add_command(click.Command("panel", help="Open the JupyterLab chat side panel."))
    group.add_command(click.Command(
        "llm-preview", help="Show exactly what the model would be sent for QUESTION about "
        "DATA, without sending it.",
        params=[click.Argument(["words"], nargs=-1, required=True,
                               metavar="[DATA] QUESTION...")]))
    return group


NBDATACHAT = _group()


def usage(command: click.Command) -> str:
    """The one-line usage of a magic, e.g. ``%%ask [DATA] [--no-chart] ... [-o NAME]``."""
    parts = [command.name or ""]
    for param in command.params:
        if isinstance(param, click.Argument):
            parts.append(param.make_metavar(click.Context(command)))
        elif isinstance(param, click.Option):
            flag = min(param.opts, key=len) if param.is_flag else param.opts[0]
            parts.append(f"[{flag}]" if param.is_flag else f"[{flag} {param.metavar or 'X'}]")
    if isinstance(command, click.Group):
        parts.append("[" + "|".join(command.commands) + "]")
    return " ".join(parts)


def help_text(command: click.Command) -> str:
    """The full help of a magic (its options and what they do), as click formats it."""
    with click.Context(command, info_name=command.name) as ctx:
        return command.get_help(ctx)


def _words(line: str, command: click.Command) -> list[str]:
    try:
        return shlex.split(line or "")
    except ValueError as exc:
        raise InvalidRequest(f"{command.name}: {exc} (check the quotes). "
                             f"Usage: {usage(command)}") from None


class HelpRequested(Exception):
    """``--help`` on a magic's line: the magic prints ``text`` and does nothing else."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _parse(command: click.Command, words: list[str]) -> dict:
    try:
        with command.make_context(command.name, words, resilient_parsing=False) as ctx:
            return dict(ctx.params)
    except click.exceptions.Exit:
        raise HelpRequested(help_text(command)) from None
    except click.UsageError as exc:
        problem = exc.format_message().rstrip(".")
        raise InvalidRequest(f"{command.name}: {problem}. Usage: {usage(command)}",
                             details={"usage": usage(command)}) from None


def parse_ask(line: str) -> AskArgs:
    """``tips --show-sql -o ans`` -> ``AskArgs(data="tips", show_sql=True, out="ans")``."""
    return AskArgs(**_parse(ASK, _words(line, ASK)))


def parse_run_tool(line: str) -> RunToolArgs:
    """``linear_regression tips -o fit`` -> ``RunToolArgs(name=..., data="tips", out="fit")``."""
    return RunToolArgs(**_parse(RUN_TOOL, _words(line, RUN_TOOL)))


def parse_nbdatachat(line: str) -> NbDataChatArgs:
    """``set max_rows=20`` -> ``SetArgs(values={"max_rows": "20"})``; empty -> settings."""
    words = _words(line, NBDATACHAT)
    if not words:
        return SettingsArgs()
    name = words[0]
    if name == "config":  # an older spelling of "settings"
        name, words = "settings", ["settings", *words[1:]]
    sub = NBDATACHAT.commands.get(name)
    if sub is None:
        raise InvalidRequest(f"Unknown command {name!r}. Use one of: "
                             f"{', '.join(NBDATACHAT.commands)}. Usage: {usage(NBDATACHAT)}",
                             details={"usage": usage(NBDATACHAT)})
    sub_name = f"%nbdatachat {name}"
    sub = click.Command(sub_name, help=sub.help, params=sub.params)
    params = _parse(sub, words[1:])
    if name == "set":
        bad = [w for w in params["values"] if "=" not in w or w.startswith("=")]
        if bad:
            raise InvalidRequest(f"%nbdatachat set: write each setting as NAME=VALUE, not "
                                 f"{bad[0]!r}. Usage: {usage(sub)}",
                                 details={"usage": usage(sub)})
        return SetArgs(values=dict(w.split("=", 1) for w in params["values"]))
    models: dict[str, type[_Args]] = {"settings": SettingsArgs, "tools": ToolsArgs,
                                      "datasets": DatasetsArgs, "reset": ResetArgs,
                                      "register": RegisterArgs, "panel": PanelArgs,
                                      "llm-preview": LlmPreviewArgs}
    return models[name](**params)


__all__ = ["ASK", "NBDATACHAT", "RUN_TOOL", "AskArgs", "DatasetsArgs", "HelpRequested",
           "LlmPreviewArgs", "NbDataChatArgs",
           "PanelArgs", "RegisterArgs", "ResetArgs", "RunToolArgs", "SetArgs", "SettingsArgs",
           "ToolsArgs", "help_text", "parse_ask", "parse_nbdatachat", "parse_run_tool", "usage"]
