"""``ChatPanel``: an ipywidgets chat about one or more DataFrames, inside a notebook.

It is a thin front-end over the same conversation machinery as ``%%ask``
(:class:`~nbdatachat.jupyter.session.NotebookSession` and ``nbdatachat.ask``): each dataset
has its own conversation, so follow-ups work as they do in cells.
"""

from __future__ import annotations

import html
import threading
import time
from typing import Any

import ipywidgets as widgets

from ..errors import InvalidRequest, NbDataChatError
from .config import NbDataChat
from .session import NotebookSession

_BUBBLE = ("<div style='text-align:right;margin:6px 0'><span style='display:inline-block;"
           "padding:4px 10px;border-radius:12px;background:var(--jp-brand-color3,#d6e9fb);"
           "color:var(--jp-ui-font-color0,#000)'>{}</span></div>")


def starter_questions(frame: Any, limit: int = 4) -> list[str]:
    """Questions a newcomer can click, derived from the column types (never their names'
    meaning): a measure by a category, a count per category, a trend, a relationship."""
    import pandas as pd

    measures, dims, times = [], [], []
    for col in frame.columns:
        s = frame[col]
        name = str(col)
        if pd.api.types.is_datetime64_any_dtype(s):
            times.append(name)
        elif pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            measures.append(name)
        elif s.nunique(dropna=True) <= max(30, len(s) // 50):
            dims.append(name)
    out = []
    if measures and dims:
        out.append(f"What is the average {measures[0]} by {dims[0]}?")
    if dims:
        out.append(f"How many rows are there per {dims[-1]}?")
    if measures and times:
        out.append(f"How does {measures[0]} change over time?")
    if len(measures) >= 2:
        out.append(f"What is the correlation between {measures[0]} and {measures[1]}?")
    if measures:
        out.append(f"What is the distribution of {measures[-1]}?")
    return out[:limit]


class ChatPanel(widgets.VBox):
    """A chat about your data: ``ChatPanel(df)`` or ``ChatPanel({"sales": df1, "hr": df2})``.

    Type a question and press Enter (or click a suggestion). Answers appear in the history
    with their table and chart; "Show code" reveals the pandas code behind an answer.
    """

    def __init__(self, data: Any, *, settings: NbDataChat | None = None,
                 title: str = "Chat with your data") -> None:
        import pandas as pd

        if isinstance(data, dict) and data and all(isinstance(v, pd.DataFrame)
                                                   for v in data.values()):
            namespace = dict(data)
        elif isinstance(data, pd.DataFrame):
            namespace = {"df": data}
        elif isinstance(data, str):
            namespace = {}
        else:
            raise InvalidRequest("ChatPanel takes a DataFrame, a dict of DataFrames, or a "
                                 "dataset name / file path.")
        self.settings = settings or NbDataChat()
        self.session = NotebookSession(namespace, db_url=self.settings.db_url)
        names = list(namespace) or [data]
        self.answers: list[Any] = []
        self._busy_lock = threading.Lock()

        self.picker = widgets.Dropdown(options=names, value=names[0], description="Data:",
                                       layout=widgets.Layout(width="auto",
                                                             display="" if len(names) > 1
                                                             else "none"))
        # ipywidgets 8 has no overflow_y (it was silently ignored): scroll with "overflow".
        self.history = widgets.VBox(layout=widgets.Layout(max_height="640px",
                                                          overflow="auto"))
        self.input = widgets.Text(placeholder="Ask a question about your data, then Enter",
                                  continuous_update=False,
                                  layout=widgets.Layout(flex="1 1 auto", width="auto"))
        self.send_button = widgets.Button(description="Ask", button_style="primary",
                                          icon="paper-plane", layout=widgets.Layout(width="90px"))
        self.status = widgets.HTML(value="")
        self.progress = widgets.FloatProgress(value=0, min=0, max=1, bar_style="info",
                                              layout=widgets.Layout(width="160px",
                                                                    display="none"))
        self.suggestions = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap"))
        self.input.observe(self._on_enter, names="value")
        self.send_button.on_click(lambda _: self._submit(self.input.value))
        self.picker.observe(lambda _: self._refresh_suggestions(), names="value")
        header = widgets.HTML(f"<b>{html.escape(title)}</b>")
        super().__init__([header, self.picker, self.history, self.suggestions,
                          widgets.HBox([self.input, self.send_button]),
                          widgets.HBox([self.status, self.progress])])
        self._refresh_suggestions()

    # -- public ---------------------------------------------------------------------------
    def send(self, question: str) -> Any:
        """Ask ``question`` about the picked dataset; renders and returns the Answer (or
        None after showing an error in the history)."""
        question = (question or "").strip()
        if not question:
            return None
        with self._busy_lock:
            self._set_busy(True)
            self.history.children += (widgets.HTML(_BUBBLE.format(html.escape(question))),)
            try:
                answer = self.session.ask(self.picker.value, question)
            except Exception as exc:  # shown in the panel, never raised into the kernel
                self._add_error(exc)
                return None
            finally:
                self._set_busy(False)
            self.answers.append(answer)
            self.history.children += (self._render(answer),)
            return answer

    # -- internals ------------------------------------------------------------------------
    def _on_enter(self, change: dict) -> None:
        if change["new"].strip():
            self._submit(change["new"])

    def _submit(self, question: str) -> None:
        if not question.strip() or self._busy_lock.locked():
            return
        self.input.value = ""
        thread = threading.Thread(target=self.send, args=(question,), daemon=True)
        thread.start()
        threading.Thread(target=self._tick, args=(thread,), daemon=True).start()

    def _tick(self, worker: threading.Thread) -> None:
        """Show elapsed time and a moving bar while a question or tool takes over a second."""
        start = time.perf_counter()
        while worker.is_alive():
            elapsed = time.perf_counter() - start
            if elapsed > 1.0:
                self.progress.layout.display = ""
                self.progress.value = (elapsed % 2.0) / 2.0
                self.status.value = f"<i>Working… {elapsed:.1f} s</i>"
            time.sleep(0.2)

    def _set_busy(self, busy: bool) -> None:
        self.input.disabled = busy
        self.send_button.disabled = busy
        self.status.value = "<i>Thinking…</i>" if busy else ""
        if not busy:
            self.progress.layout.display = "none"

    def _render(self, answer: Any) -> widgets.Widget:
        from ..display import answer_card, figure_bundle

        card = answer_card(answer, max_rows=self.settings.max_rows)
        parts: list[widgets.Widget] = [widgets.HTML(card["text/html"])]
        if self.settings.chart and getattr(answer, "chart_spec", None) is not None:
            figure = answer.chart
            if figure is not None:
                out = widgets.Output()
                out.outputs = ({"output_type": "display_data", "metadata": {},
                                "data": figure_bundle(figure)},)
                parts.append(out)
        code = getattr(answer, "code", None)
        if code:
            code_box = widgets.Textarea(value=code, disabled=False,
                                        layout=widgets.Layout(width="100%", height="120px",
                                                              display="none"))
            toggle = widgets.Button(description="Show code", icon="code",
                                    tooltip="The pandas code behind this answer, to copy")

            def flip(_: Any) -> None:
                shown = code_box.layout.display != "none"
                code_box.layout.display = "none" if shown else ""
                toggle.description = "Show code" if shown else "Hide code"

            toggle.on_click(flip)
            parts += [toggle, code_box]
        return widgets.VBox(parts, layout=widgets.Layout(margin="0 0 10px 0"))

    def _add_error(self, exc: BaseException) -> None:
        from ..display import error_card

        message = exc.message if isinstance(exc, NbDataChatError) else (
            f"Something went wrong: {type(exc).__name__}: {exc}")
        self.history.children += (widgets.HTML(error_card(message)["text/html"]),)

    def _refresh_suggestions(self) -> None:
        try:
            key, source = self.session.resolve(self.picker.value)
            from ..data import as_dataset

            frame = as_dataset(source).frame()
            questions = starter_questions(frame)
        except Exception:
            questions = []
        buttons = []
        for q in questions:
            b = widgets.Button(description=q, tooltip=q,
                               layout=widgets.Layout(width="auto", margin="2px"))
            b.on_click(lambda _, q=q: self._submit(q))
            buttons.append(b)
        self.suggestions.children = tuple(buttons)
