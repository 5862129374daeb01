"""Answers and tool results render in IPython through formatters registered by ``jupyter/``
(the engine's result classes know nothing of IPython)."""

from __future__ import annotations

import json
import subprocess
import sys

PLOTLY = "application/vnd.plotly.v1+json"

# A fresh interpreter with a running shell *before* nbdatachat is imported: no %load_ext.
_SCRIPT = """
import json, sys
from IPython.core.interactiveshell import InteractiveShell
sh = InteractiveShell.instance()
outputs = []
sh.display_pub.publish = lambda data, metadata=None, **kw: outputs.append(sorted(data))
import pandas as pd
import nbdatachat
from IPython.display import display
df = pd.DataFrame({"region": ["north", "south", "east", "west"] * 5,
                   "x": [float(i) for i in range(20)],
                   "y": [2.0 * i + (i % 3) for i in range(20)]})
display(nbdatachat.run_tool("linear_regression", dataset=df, target="y", features=["x"]))
tool_outputs = list(outputs); outputs.clear()
display(nbdatachat.ask(df, "total y by region"))
answer_outputs = list(outputs); outputs.clear()
bundle = sh.display_formatter.format(nbdatachat.ask(df, "total y by region"))[0]
print(json.dumps({"tool": tool_outputs, "answer": answer_outputs, "format": sorted(bundle),
                  "published_by_format": len(outputs)}))
"""


def test_results_render_as_card_then_chart_once_nbdatachat_is_imported_in_ipython():
    out = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True,
                         check=True, timeout=240)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    card = ["text/html", "text/markdown", "text/plain"]
    for shown in (seen["tool"], seen["answer"]):
        assert len(shown) == 2 and shown[0] == card and PLOTLY in shown[1]
    # format() itself is handled by the display printer, which publishes the two outputs
    assert seen["format"] == [] and seen["published_by_format"] == 2

