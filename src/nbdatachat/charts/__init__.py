"""Charts: pick a fitting chart for a result table and render it as Plotly, as a Chart.js
config and as the data-intelligence seed's ``graphSuggestion``.

(Interface under construction: ``ChartSpec`` and ``choose_chart`` are the public surface.)
"""
