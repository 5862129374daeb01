"""Rich display of results: MIME bundles shared by the notebook, the chat panel and exports.

Results stay plain data; this module turns an ``Answer`` or a ``ToolResult`` into the MIME
bundles Jupyter renders. A result is shown as two outputs: a *card* (``text/html`` with the
sentence and the table, ``text/markdown``, and a ``text/plain`` fallback for terminal
IPython) and, when a chart helps, a *chart* (``application/vnd.plotly.v1+json`` for JupyterLab
and Notebook 7, with a ``text/html`` fallback that nbconvert's HTML export renders). They are
separate because a frontend renders only one MIME type per output: a single bundle holding both
the table and the Plotly JSON would show only the chart in JupyterLab.
"""

from __future__ import annotations

import html
import json
from typing import Any

import pandas as pd

PLOTLY_MIME = "application/vnd.plotly.v1+json"

_CARD_CSS = (
    "<style>.nbdc-card{font-family:var(--jp-content-font-family,system-ui,sans-serif);"
    "line-height:1.45;max-width:100%;overflow-x:auto}"
    ".nbdc-card .nbdc-text{font-size:1.05em;margin:0 0 .4em 0}"
    ".nbdc-card .nbdc-meta{color:var(--jp-ui-font-color2,#666);font-size:.85em;margin:.2em 0}"
    ".nbdc-card .nbdc-warn{color:var(--jp-warn-color0,#b26b00);font-size:.9em}"
    ".nbdc-card .nbdc-error{color:var(--jp-error-color1,#c62828)}"
    ".nbdc-card table{border-collapse:collapse;font-size:.9em}"
    ".nbdc-card th,.nbdc-card td{padding:2px 8px;text-align:right}"
    ".nbdc-card .nbdc-l{text-align:left}"
    ".nbdc-card pre{font-size:.85em;background:var(--jp-layout-color2,#f5f5f5);padding:6px}"
    "</style>"
)


def _fmt_cell(value: Any) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if abs(value) >= 1e6 or (value != 0 and abs(value) < 1e-3):
            return f"{value:.4g}"
        return f"{value:,.4f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else str(value)
    return str(value)


def _is_text(series: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(series)
                or pd.api.types.is_datetime64_any_dtype(series))


def _column_formatters(df: pd.DataFrame) -> list[Any]:
    """One formatter per column (by position), with the same decimals down a float column.

    Formatting each cell alone gives ragged columns (2.94 above 2.9931 above 3), which are
    hard to compare; a column shows as many decimals (up to four) as its values need.
    """
    out: list[Any] = []
    for i in range(df.shape[1]):
        values = [v for v in df.iloc[:, i].tolist() if isinstance(v, float) and v == v]
        plain = [v for v in values if not (abs(v) >= 1e6 or (v != 0 and abs(v) < 1e-3))]
        decimals = max((len(f"{v:.4f}".rstrip("0").split(".")[1]) for v in plain), default=0)
        if not plain or decimals == 0:
            out.append(_fmt_cell)
            continue

        def fmt(value: Any, decimals: int = decimals) -> str:
            if isinstance(value, float) and value == value and not (
                    abs(value) >= 1e6 or (value != 0 and abs(value) < 1e-3)):
                return f"{value:,.{decimals}f}"
            return _fmt_cell(value)

        out.append(fmt)
    return out


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


def answer_card(answer: Any, *, max_rows: int = 10, show_sql: bool = False,
                show_plan: bool = False, show_code: bool = False) -> dict[str, str]:
    """Sentence + table (+ optional SQL / plan / code) of an ``Answer`` as a MIME bundle."""
    text = str(getattr(answer, "text", "") or "")
    status = getattr(answer, "status", "answered")
    html_parts = [f"<p class='nbdc-text{' nbdc-warn' if status != 'answered' else ''}'>"
                  f"{html.escape(text)}</p>"]
    md_parts, txt_parts = [text], [text]
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


_plotlyjs_sent = False


def figure_bundle(figure: Any) -> dict[str, Any]:
    """A Plotly figure as its own output: Plotly JSON plus an HTML fallback for exports.

    The HTML fallback carries plotly.js once per process (like plotly's ``notebook``
    renderer), so an exported notebook shows every chart offline.
    """
    global _plotlyjs_sent
    fig_json = json.loads(figure.to_json())
    include_js = not _plotlyjs_sent
    _plotlyjs_sent = True
    fallback = figure.to_html(full_html=False, include_plotlyjs=include_js,
                              config={"displaylogo": False, "responsive": True})
    title = ""
    layout_title = fig_json.get("layout", {}).get("title")
    if isinstance(layout_title, dict):
        title = layout_title.get("text", "")
    return {PLOTLY_MIME: {"data": fig_json.get("data", []), "layout": fig_json.get("layout", {}),
                          "config": {"displaylogo": False, "responsive": True}},
            "text/html": fallback,
            "text/plain": f"<Plotly chart{': ' + title if title else ''}>"}


def _key_numbers(result: Any) -> list[tuple[str, Any]]:
    items: dict[str, Any] = {}  # a number reported in both dicts is shown once
    for source in (result.performance or {}, result.statistics or {}):
        for k, v in source.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool) and k not in items:
                items[k] = v
    return list(items.items())[:12]


def coefficient_table(result: Any) -> pd.DataFrame | None:
    """Coefficients with their standard errors, p-values and intervals, one row per term."""
    coefs = result.coefficients or {}
    if not coefs or not all(isinstance(v, (int, float)) or v is None for v in coefs.values()):
        return None
    rows = []
    for term, est in coefs.items():
        ci = (result.conf_int or {}).get(term)
        rows.append({"term": term, "estimate": est,
                     "std_error": (result.std_errors or {}).get(term),
                     "p_value": (result.p_values or {}).get(term),
                     "ci_low": ci[0] if isinstance(ci, (list, tuple)) else None,
                     "ci_high": ci[1] if isinstance(ci, (list, tuple)) else None})
    df = pd.DataFrame(rows)
    return df.dropna(axis=1, how="all")


def tool_card(result: Any, *, max_rows: int = 10) -> dict[str, str]:
    """Key numbers, the coefficient / result tables, insights and warnings of a ToolResult."""
    title = str(result.model_type).replace("_", " ")
    n = f" · n = {result.n_obs:,}" if result.n_obs is not None else ""
    html_parts = [f"<p class='nbdc-text'><b>{html.escape(title)}</b>{html.escape(n)}</p>"]
    md_parts, txt_parts = [f"**{title}**{n}"], [f"{title}{n}"]
    numbers = _key_numbers(result)
    if numbers:
        cells = " · ".join(f"{html.escape(k)} = {_fmt_cell(float(v))}" for k, v in numbers)
        html_parts.append(f"<p class='nbdc-meta'>{cells}</p>")
        md_parts.append(" · ".join(f"{k} = {_fmt_cell(float(v))}" for k, v in numbers))
        txt_parts.append("  ".join(f"{k}={_fmt_cell(float(v))}" for k, v in numbers))
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
