"""The magics' command lines: typed arguments, usage generated from the parser, settings
validated by traitlets."""

from __future__ import annotations

import pytest
from IPython.core.interactiveshell import InteractiveShell

from nbdatachat.errors import InvalidRequest
from nbdatachat.jupyter.parsers import (
    ASK,
    NBDATACHAT,
    RUN_TOOL,
    AskArgs,
    HelpRequested,
    PanelArgs,
    RegisterArgs,
    ResetArgs,
    RunToolArgs,
    SetArgs,
    SettingsArgs,
    parse_ask,
    parse_nbdatachat,
    parse_run_tool,
    usage,
)


def test_ask_line_becomes_typed_arguments():
    assert parse_ask("") == AskArgs()
    args = parse_ask("tips --show-sql --show-plan --show-code --no-chart -o ans --new --debug")
    assert args == AskArgs(data="tips", show_sql=True, show_plan=True, show_code=True,
                           no_chart=True, out="ans", new=True, debug=True)
    assert parse_ask("'my data.csv' --out=x").data == "my data.csv"


def test_run_tool_line_becomes_typed_arguments():
    assert parse_run_tool("describe") == RunToolArgs(name="describe")
    assert parse_run_tool("linear_regression tips -o fit --no-chart") == RunToolArgs(
        name="linear_regression", data="tips", out="fit", no_chart=True)


def test_nbdatachat_subcommands_become_typed_arguments():
    assert parse_nbdatachat("") == SettingsArgs()
    assert parse_nbdatachat("config") == SettingsArgs()
    assert parse_nbdatachat("set max_rows=3 chart=false db_url=sqlite:///a=b.db") == SetArgs(
        values={"max_rows": "3", "chart": "false", "db_url": "sqlite:///a=b.db"})
    assert parse_nbdatachat("reset") == ResetArgs()
    assert parse_nbdatachat("reset tips") == ResetArgs(data="tips")
    assert parse_nbdatachat("register sales2 data/s.csv") == RegisterArgs(
        name="sales2", source="data/s.csv")
    assert parse_nbdatachat("panel") == PanelArgs()
    assert parse_nbdatachat("llm-preview tips 'average tip'").words == ("tips", "average tip")


@pytest.mark.parametrize("parse,line,says", [
    (parse_ask, "--bogus", "No such option '--bogus'"),
    (parse_ask, "tips extra", "unexpected extra argument (extra)"),
    (parse_ask, "tips -o 2x", "'2x' is not a Python variable name"),
    (parse_ask, "'unclosed", "check the quotes"),
    (parse_run_tool, "", "Missing argument 'NAME'"),
    (parse_nbdatachat, "frobnicate", "Unknown command 'frobnicate'"),
    (parse_nbdatachat, "set", "Missing argument 'NAME=VALUE...'"),
    (parse_nbdatachat, "set max_rows", "write each setting as NAME=VALUE, not 'max_rows'"),
    (parse_nbdatachat, "register only_name", "Missing argument 'SOURCE'"),
])
def test_mistakes_name_the_problem_and_show_the_usage(parse, line, says):
    with pytest.raises(InvalidRequest) as info:
        parse(line)
    assert says in info.value.message
    assert "Usage: %" in info.value.message


def test_usage_lists_every_option_the_parser_accepts():
    ask = usage(ASK)
    for flag in ("[DATA]", "--no-chart", "--show-sql", "--show-plan", "--show-code",
                 "-o NAME", "--new", "--debug"):
        assert flag in ask, flag
    assert usage(RUN_TOOL) == "%%run_tool NAME [DATA] [-o NAME] [--no-chart] [--debug]"
    assert usage(NBDATACHAT) == ("%nbdatachat [settings|set|tools|datasets|reset|register|"
                                 "panel|llm-preview]")
    with pytest.raises(HelpRequested) as info:
        parse_ask("--help")
    assert "--show-plan" in info.value.text and "Show the structured query plan" in \
        info.value.text


@pytest.fixture
def shell():
    sh = InteractiveShell.instance()
    sh.run_line_magic("load_ext", "nbdatachat")
    return sh


def test_magic_help_is_the_parser_help(shell, capsys):
    magics = shell.magics_manager.registry["DataChatMagics"]
    assert "--show-plan" in magics.ask.__doc__ and "--debug" in magics.ask.__doc__
    shell.run_cell_magic("ask", "--help", "ignored")
    assert "Usage: %%ask [OPTIONS] [DATA]" in capsys.readouterr().out


@pytest.mark.parametrize("line,says", [
    ("set max_rows=0", "Invalid value '0' for max_rows: expected a whole number >= 1"),
    ("set max_rows=many", "Invalid value 'many' for max_rows: expected a whole number"),
    ("set chart=maybe", "Invalid value 'maybe' for chart: expected true or false"),
    ("set planner=gpt", "Invalid value 'gpt' for planner: expected one of rules, llm, auto"),
    ("set colour=red", "Unknown setting 'colour'"),
])
def test_settings_are_validated_by_traitlets(shell, line, says):
    magics = shell.magics_manager.registry["DataChatMagics"]
    before = magics.settings.as_dict()
    shown = []
    from nbdatachat.jupyter import magics as module

    original = module.display
    module.display = lambda obj, raw=False: shown.append(obj)
    try:
        shell.run_line_magic("nbdatachat", line)
    finally:
        module.display = original
    assert says in shown[-1]["text/plain"]
    assert magics.settings.as_dict() == before  # nothing changed


def test_settings_accept_what_traitlets_parses(shell):
    magics = shell.magics_manager.registry["DataChatMagics"]
    try:
        shell.run_line_magic("nbdatachat", "set max_rows=7 chart=0 show_sql=yes")
        assert (magics.settings.max_rows, magics.settings.chart, magics.settings.show_sql) == (
            7, False, True)
    finally:
        shell.run_line_magic("nbdatachat", "set max_rows=10 chart=true show_sql=false")


def test_bad_environment_value_falls_back_to_the_default(monkeypatch):
    from nbdatachat.jupyter.config import NbDataChat, parse_setting

    monkeypatch.setenv("NBDATACHAT_MAX_ROWS", "lots")
    monkeypatch.setenv("NBDATACHAT_SHOW_SQL", "on")
    settings = NbDataChat()
    assert settings.max_rows == 10 and settings.show_sql is True
    assert parse_setting(settings.traits()["planner"], "LLM") == "llm"  # any case
