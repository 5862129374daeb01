"""Charts: pick a fitting chart for a result table and render it as Plotly, as a Chart.js
config and as the data-intelligence seed's ``graphSuggestion``.

    spec = choose_chart(table, x="day", y="total_bill")   # -> ChartSpec | None
    spec.to_plotly()            # plotly Figure (plotly imported only here)
    spec.to_plotly_json()       # application/vnd.plotly.v1+json payload, <= 1 MB
    spec.to_chartjs()           # Chart.js 4 config + the analytics-chat seed's chartType/title
    spec.to_graph_suggestion()  # the seed's graphSuggestion
    chart_for_tool(run_tool("arima", ...))                # forecast with interval band

Rules follow Voyager / Lux / Show Me and depend on column types only (see ``choose.py``).
"""

from .choose import AGGS, INTENTS, choose_chart
from .columns import column_kind, humanize
from .spec import GRAPH_TYPES, KINDS, PLOTLY_MIMETYPE, ChartSpec
from .tool_charts import chart_for_tool

__all__ = ["AGGS", "GRAPH_TYPES", "INTENTS", "KINDS", "PLOTLY_MIMETYPE", "ChartSpec",
           "chart_for_tool", "choose_chart", "column_kind", "humanize"]
