"""Rich display of results: MIME bundles shared by the notebook, the chat panel and exports.

Results stay plain data; this module turns an ``Answer`` or a ``ToolResult`` into the MIME
bundles Jupyter renders. A result is shown as two outputs: a *card* (``text/html`` with the
sentence and the table, ``text/markdown``, and a ``text/plain`` fallback for terminal
IPython) and, when a chart helps, a *chart* (``application/vnd.plotly.v1+json``, which
JupyterLab and Notebook 7 render; the HTML export draws it from the same JSON). They are
separate because a frontend renders only one MIME type per output: a single bundle holding both
the table and the Plotly JSON would show only the chart in JupyterLab.
"""

from __future__ import annotations

import html
import json
from typing import Any

import pandas as pd

from .textfmt import coefficient_records, column_formatter, format_cell

PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: Marks an nbdatachat chart output (the lab extension draws it in JupyterLab's theme).
CHART_MIME = "application/vnd.nbdatachat.chart+json"

_CARD_CSS = (
    "<style>.nbdc-card{font-family:var(--jp-content-font-family,system-ui,sans-serif);"
    "line-height:1.45;max-width:100%;overflow-x:auto}"
    ".nbdc-card .nbdc-text{font-size:1.05em;margin:0 0 .4em 0}"
    ".nbdc-card .nbdc-meta{color:var(--jp-ui-font-color2,#666);font-size:.85em;margin:.2em 0}"
    # Message text keeps the body colour (>= 4.5:1 in light and dark themes); the colour of
    # the kind of message is a side border.
    ".nbdc-card .nbdc-warn{border-left:3px solid var(--jp-warn-color1,#f57c00);"
    "padding-left:6px;font-size:.9em}"
    ".nbdc-card .nbdc-error{border-left:3px solid var(--jp-error-color1,#d32f2f);"
    "padding-left:6px}"
    ".nbdc-card table{border-collapse:collapse;font-size:.9em}"
    ".nbdc-card th,.nbdc-card td{padding:2px 8px;text-align:right;white-space:nowrap}"
    ".nbdc-card .nbdc-interp{color:var(--jp-ui-font-color2,#555);font-size:.85em;"
    "margin:0 0 .3em 0}"
    ".nbdc-card .nbdc-l{text-align:left;white-space:normal}"
    ".nbdc-card .nbdc-nowrap{white-space:nowrap}"
    ".nbdc-card pre{font-size:.85em;background:var(--jp-layout-color2,#f5f5f5);padding:6px}"
    "</style>"
)


def _is_text(series: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(series)
                or pd.api.types.is_datetime64_any_dtype(series))


def _column_formatters(df: pd.DataFrame) -> list[Any]:
    """One formatter per column (by position): the same decimals down a float column, years
    and ids without separators, dates as dates (rules in :mod:`nbdatachat.textfmt`)."""
    return [column_formatter(df.columns[i], df.iloc[:, i].tolist()) for i in range(df.shape[1])]


def _shown(df: pd.DataFrame, max_rows: int) -> tuple[pd.DataFrame, str]:
    n, m = df.shape
    note = f"{n:,} row{'s' if n != 1 else ''} × {m} column{'s' if m != 1 else ''}"
    if n > max_rows:
        note += f" (showing the first {max_rows})"
    return df.head(max_rows), note


def table_html(df: pd.DataFrame, max_rows: int = 10) -> str:
    """The first ``max_rows`` rows as an HTML table, with the full shape noted."""
    head, note = _shown(df, max_rows)
    # Numbers stay right-aligned; text cells get a left-aligned wrapper, since CSS cannot
    # align a table column, only its cells. With escape=False, everything is escaped here.
    formatters = []
    for i, fmt in enumerate(_column_formatters(head)):
        if _is_text(head.iloc[:, i]):
            formatters.append(lambda v, f=fmt: f"<div class='nbdc-l'>{html.escape(f(v))}</div>")
        else:
            formatters.append(lambda v, f=fmt: html.escape(f(v)))
    head = head.set_axis([html.escape(str(c)) for c in head.columns], axis=1)
    body = head.to_html(index=False, border=0, formatters=formatters,
                        classes="nbdc-table", escape=False)
    return f"{body}<p class='nbdc-meta'>{html.escape(note)}</p>"


def table_text(df: pd.DataFrame, max_rows: int = 10) -> str:
    head, note = _shown(df, max_rows)
    text = head.to_string(index=False, formatters=_column_formatters(head))
    return f"{text}\n[{note}]"


def table_markdown(df: pd.DataFrame, max_rows: int = 10) -> str:
    head, note = _shown(df, max_rows)
    cols = [str(c) for c in head.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    formats = _column_formatters(head)
    for row in head.itertuples(index=False, name=None):
        lines.append("| " + " | ".join(f(v).replace("|", "\\|") for f, v in zip(formats, row))
                     + " |")
    return "\n".join(lines) + f"\n\n*{note}*"


def _card(parts_html: list[str], parts_md: list[str], parts_text: list[str]) -> dict[str, str]:
    return {
        "text/plain": "\n\n".join(p for p in parts_text if p),
        "text/markdown": "\n\n".join(p for p in parts_md if p),
        "text/html": _CARD_CSS + "<div class='nbdc-card'>" + "".join(parts_html) + "</div>",
    }


_PVALUE = None


def _nowrap_pvalues(escaped: str) -> str:
    """Keep ``p = 0.042`` / ``p &lt; 0.001`` / ``r = -0.5`` on one line in HTML."""
    global _PVALUE
    import re

    if _PVALUE is None:
        _PVALUE = re.compile(r"\b([pr]) (=|&lt;) (-?[0-9][0-9.,e+-]*)")
    return _PVALUE.sub(lambda m: f"<span class='nbdc-nowrap'>{m.group(0)}</span>", escaped)


def answer_context(answer: Any) -> str:
    """"About tips · read as: average of tip, grouped by day": the dataset an answer is about
    and, when the planner states it, how the question was read."""
    parts = []
    dataset = getattr(answer, "dataset", None)
    if dataset:
        parts.append(f"About {dataset}")
    interpretation = str(getattr(answer, "interpretation", None) or "").strip()
    if interpretation:
        read = interpretation.split(":", 1)[1].strip() \
            if interpretation.lower().startswith("read as:") else interpretation
        parts.append(f"read as: {read}")
    return " · ".join(parts)


def answer_card(answer: Any, *, max_rows: int = 10, show_sql: bool = False,
                show_plan: bool = False, show_code: bool = False) -> dict[str, str]:
    """Sentence + table (+ optional SQL / plan / code) of an ``Answer`` as a MIME bundle."""
    text = str(getattr(answer, "text", "") or "")
    status = getattr(answer, "status", "answered")
    html_parts, md_parts, txt_parts = [], [], []
    about = answer_context(answer)
    if about:
        html_parts.append(f"<p class='nbdc-interp'>{html.escape(about)}</p>")
        md_parts.append(f"*{about}*")
        txt_parts.append(f"[{about}]")
    html_parts.append(f"<p class='nbdc-text{' nbdc-warn' if status != 'answered' else ''}'>"
                      f"{_nowrap_pvalues(html.escape(text))}</p>")
    md_parts.append(text)
    txt_parts.append(text)
    options = getattr(answer, "options", None) or []
    if options:
        items = "".join(f"<li>{html.escape(str(o))}</li>" for o in options)
        html_parts.append(f"<ul>{items}</ul>")
        md_parts.append("\n".join(f"- {o}" for o in options))
        txt_parts.append("\n".join(f"  - {o}" for o in options))
    table = getattr(answer, "table", None)
    if isinstance(table, pd.DataFrame) and not table.empty:
        html_parts.append(table_html(table, max_rows))
        md_parts.append(table_markdown(table, max_rows))
        txt_parts.append(table_text(table, max_rows))
    extras = [("SQL", "sql", show_sql), ("Plan", "plan", show_plan), ("pandas code", "code",
                                                                      show_code)]
    for label, attr, wanted in extras:
        value = getattr(answer, attr, None)
        if wanted and value:
            shown = str(value)
            html_parts.append(f"<details open><summary>{label}</summary>"
                              f"<pre>{html.escape(shown)}</pre></details>")
            md_parts.append(f"**{label}**\n\n```\n{shown}\n```")
            txt_parts.append(f"{label}:\n{shown}")
    return _card(html_parts, md_parts, txt_parts)


def figure_bundle(figure: Any) -> dict[str, Any]:
    """A Plotly figure as its own output: the Plotly JSON that JupyterLab and Notebook 7
    render, and a one-line ``text/plain`` for terminals.

    A small :data:`CHART_MIME` marker lets nbdatachat's JupyterLab extension draw the same
    figure in the current theme (text and grid colours from JupyterLab's CSS variables, drawn
    again when the theme changes); without the extension Plotly's renderer draws the figure's
    own neutral style.

    No HTML fallback with plotly.js: that put 4.8 MB into the first chart of every notebook.
    An HTML export draws the charts from the same JSON (:func:`plotly_html_outputs`), loading
    plotly.js once per page.
    """
    fig_json = json.loads(figure.to_json())
    title = ""
    layout_title = fig_json.get("layout", {}).get("title")
    if isinstance(layout_title, dict):
        title = layout_title.get("text", "")
    return {PLOTLY_MIME: {"data": fig_json.get("data", []), "layout": fig_json.get("layout", {}),
                          "config": PLOTLY_CONFIG},
            CHART_MIME: {"theme": "jupyterlab"},
            "text/plain": f"<Plotly chart{': ' + title if title else ''}>"}


PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


def plotly_html(payload: dict[str, Any], div_id: str, *, include_plotlyjs: bool) -> str:
    """HTML that draws one Plotly mimetype payload in a static page (the notebook's HTML
    export); ``include_plotlyjs`` inlines plotly.js, for the first chart of a page only."""
    from plotly.offline import get_plotlyjs

    def js(value: Any) -> str:  # JSON inside <script>: "</" must not close the tag
        return json.dumps(value).replace("</", "<\\/")

    script = (f"Plotly.newPlot({js(div_id)}, {js(payload.get('data', []))}, "
              f"{js(payload.get('layout', {}))}, {js(payload.get('config', PLOTLY_CONFIG))});")
    head = f"<script type='text/javascript'>{get_plotlyjs()}</script>" if include_plotlyjs \
        else ""
    return (f'{head}<div id="{html.escape(div_id)}" class="plotly-graph-div" '
            f'style="height:420px;width:100%"></div><script type="text/javascript">'
            f"{script}</script>")


def _key_numbers(result: Any) -> list[tuple[str, Any]]:
    items: dict[str, Any] = {}  # a number reported in both dicts is shown once
    for source in (result.performance or {}, result.statistics or {}):
        for k, v in source.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool) and k not in items:
                items[k] = v
    return list(items.items())[:12]


def coefficient_table(result: Any) -> pd.DataFrame | None:
    """Coefficients with their standard errors, p-values and intervals, one row per term
    (the same rows the CLI prints: :func:`~nbdatachat.textfmt.coefficient_records`)."""
    coefs = result.coefficients or {}
    if not coefs or not all(isinstance(v, (int, float)) or v is None for v in coefs.values()):
        return None
    rows = coefficient_records({"coefficients": coefs, "std_errors": result.std_errors,
                                "p_values": result.p_values, "conf_int": result.conf_int})
    return pd.DataFrame(rows).dropna(axis=1, how="all")


def tool_card(result: Any, *, max_rows: int = 10) -> dict[str, str]:
    """Key numbers, the coefficient / result tables, insights and warnings of a ToolResult."""
    title = str(result.model_type).replace("_", " ")
    n = f" · n = {result.n_obs:,}" if result.n_obs is not None else ""
    html_parts = [f"<p class='nbdc-text'><b>{html.escape(title)}</b>{html.escape(n)}</p>"]
    md_parts, txt_parts = [f"**{title}**{n}"], [f"{title}{n}"]
    numbers = _key_numbers(result)
    if numbers:
        cells = " · ".join(f"<span class='nbdc-nowrap'>{html.escape(k)} = "
                           f"{html.escape(format_cell(v, k))}</span>" for k, v in numbers)
        html_parts.append(f"<p class='nbdc-meta'>{cells}</p>")
        md_parts.append(" · ".join(f"{k} = {format_cell(v, k)}" for k, v in numbers))
        txt_parts.append("  ".join(f"{k}={format_cell(v, k)}" for k, v in numbers))
    tables: list[tuple[str, pd.DataFrame]] = []
    own = result.tables or {}
    # A tool's own coefficient table (t values, VIF...) supersedes the one derived here.
    coef = None if "coefficient_table" in own else coefficient_table(result)
    if coef is not None:
        tables.append(("coefficients", coef))
    tables += [(k, v) for k, v in own.items()
               if isinstance(v, pd.DataFrame) and k != "coefficients"]
    for name, df in tables:
        html_parts.append(f"<p class='nbdc-meta'>{html.escape(name.replace('_', ' '))}</p>"
                          + table_html(df, max_rows))
        md_parts.append(f"*{name}*\n\n" + table_markdown(df, max_rows))
        txt_parts.append(f"{name}:\n" + table_text(df, max_rows))
    if result.insights:
        html_parts.append("<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in result.insights)
                          + "</ul>")
        md_parts.append("\n".join(f"- {s}" for s in result.insights))
        txt_parts.append("\n".join(f"- {s}" for s in result.insights))
    if result.warnings:
        html_parts.append("".join(f"<p class='nbdc-warn'>⚠ {html.escape(w)}</p>"
                                  for w in result.warnings))
        md_parts.append("\n".join(f"> ⚠ {w}" for w in result.warnings))
        txt_parts.append("\n".join(f"warning: {w}" for w in result.warnings))
    return _card(html_parts, md_parts, txt_parts)


def error_card(message: str, *, hint: str | None = None) -> dict[str, str]:
    """A short, friendly error (no traceback) for the magics and the panel."""
    html_parts = [f"<p class='nbdc-text nbdc-error'>{html.escape(message)}</p>"]
    if hint:
        html_parts.append(f"<p class='nbdc-meta'>{html.escape(hint)}</p>")
    text = message + (f"\n{hint}" if hint else "")
    return _card(html_parts, [text], [text])


def tool_figure(result: Any) -> Any | None:
    """The fitting Plotly figure for a tool result, or None."""
    from .charts import chart_for_tool

    spec = chart_for_tool(result)
    return spec.to_plotly() if spec is not None else None
