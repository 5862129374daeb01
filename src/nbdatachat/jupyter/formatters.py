"""IPython display formatters for the results the engine returns.

``Answer`` and ``ToolResult`` are plain dataclasses that know nothing of IPython; this module
teaches IPython to render them: a card (sentence or key numbers, with the table) and the chart
as its own ``application/vnd.plotly.v1+json`` output (a frontend renders one MIME type per
output; see :mod:`nbdatachat.display`). Printers are registered by type *name*, so nothing of
the engine is imported until a result is displayed.

Registered on ``import nbdatachat`` inside IPython and by ``%load_ext nbdatachat``.
"""

from __future__ import annotations

from typing import Any

#: (module, class name) of the results rendered here.
ANSWER = ("nbdatachat.service.answer", "Answer")
TOOL_RESULT = ("nbdatachat.tools.base", "ToolResult")


def answer_bundle(answer: Any) -> dict[str, str]:
    """The answer card (sentence + table) as text/html, text/markdown and text/plain."""
    from ..display import answer_card

    return answer_card(answer)


def show_answer(answer: Any) -> None:
    """Show the card, then the chart as its own output."""
    from IPython.display import display

    from ..display import answer_card, figure_bundle

    display(answer_card(answer), raw=True)
    if answer.chart_spec is not None:
        figure = answer.chart
        if figure is not None:
            display(figure_bundle(figure), raw=True)


def tool_bundle(result: Any) -> dict[str, str]:
    """The tool card (key numbers, coefficient table, insights)."""
    from ..display import tool_card

    return tool_card(result)


def show_tool_result(result: Any) -> None:
    """Show the card, then the fitting chart as its own output."""
    from IPython.display import display

    from ..display import figure_bundle, tool_card, tool_figure

    display(tool_card(result), raw=True)
    figure = tool_figure(result)
    if figure is not None:
        display(figure_bundle(figure), raw=True)


def register_formatters(shell: Any) -> None:
    """Register the printers on ``shell`` (an ``InteractiveShell``); repeat calls are harmless."""
    formatter = getattr(shell, "display_formatter", None)
    if formatter is None:
        return
    for (module, name), bundle, show in ((ANSWER, answer_bundle, show_answer),
                                         (TOOL_RESULT, tool_bundle, show_tool_result)):
        formatter.mimebundle_formatter.for_type_by_name(module, name, bundle)
        formatter.ipython_display_formatter.for_type_by_name(module, name, show)


def register_in_running_shell() -> None:
    """Register on the running IPython shell, if there is one (IPython already imported)."""
    import sys

    ipython = sys.modules.get("IPython")
    get_ipython = getattr(ipython, "get_ipython", None)
    shell = get_ipython() if get_ipython is not None else None
    if shell is not None:
        register_formatters(shell)
