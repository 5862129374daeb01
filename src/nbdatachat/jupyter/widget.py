"""``ChatPanel``: an ipywidgets chat about one or more DataFrames, inside a notebook.

It is a thin front-end over the same conversation machinery as ``%%ask``
(:class:`~nbdatachat.jupyter.session.NotebookSession` and ``nbdatachat.ask``): each dataset
has its own conversation, so follow-ups work as they do in cells.

A question runs in a worker thread (the kernel stays free for the widget's messages) inside
a :class:`~nbdatachat.tools.progress.Run`: its steps show under the input as they happen, and
Stop cancels the run. The panel is usable at once; the worker stops at its next step (a model
call aborts its HTTP request at once) and nothing is added to the conversation.
"""

from __future__ import annotations

import html
import threading
import time
from typing import Any

import ipywidgets as widgets

from ..errors import InvalidRequest, NbDataChatError
from ..tools.progress import Cancelled, Run, Step, running
from .config import NbDataChat
from .session import NotebookSession
from .suggest import starter_questions

# JupyterLab's theme variables: readable in light and dark themes (the bubble's text is the
# inverse of the page's, on the brand colour: >= 4.5:1 in both bundled themes).
_BUBBLE = ("<div style='text-align:right;margin:6px 0'><span class='nbdc-bubble' "
           "style='display:inline-block;padding:4px 10px;border-radius:12px;"
           "background:var(--jp-brand-color1,#1976d2);color:var(--jp-ui-inverse-font-color0,"
           "#fff)'>{}</span></div>")

#: Rows are laid out at their natural height: a flex child of the scrolling history would
#: otherwise shrink to fit, cutting off charts and buttons (the history scrolls instead).
_NO_SHRINK = {"flex": "0 0 auto"}


def _row(widget: widgets.Widget) -> widgets.Widget:
    widget.layout.flex = _NO_SHRINK["flex"]
    return widget


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
        self._lock = threading.Lock()
        self._run: Run | None = None  # the question running now
        #: Worker threads of questions (alive ones are running or stopping).
        self.workers: list[threading.Thread] = []

        self.picker = widgets.Dropdown(options=names, value=names[0], description="Data:",
                                       layout=widgets.Layout(width="auto",
                                                             display="" if len(names) > 1
                                                             else "none"))
        # ipywidgets 8 has no overflow_y (it was silently ignored): scroll with "overflow".
        self.history = widgets.VBox(layout=widgets.Layout(max_height="640px",
                                                          overflow="auto",
                                                          flex_flow="column nowrap"))
        # Sent on Enter (the frontend's "submit" message) or the button only: observing
        # ``value`` would also send a half-typed question when the input loses focus.
        self.input = widgets.Text(placeholder="Ask a question about your data, then Enter",
                                  continuous_update=True,
                                  layout=widgets.Layout(flex="1 1 auto", width="auto"))
        self.send_button = widgets.Button(description="Ask", button_style="primary",
                                          icon="paper-plane", layout=widgets.Layout(width="90px"))
        self.status = widgets.HTML(value="")
        self.steps = widgets.HTML(value="")
        self.stop_button = widgets.Button(description="Stop", button_style="warning",
                                          icon="stop", tooltip="Stop this question: nothing is "
                                          "added to the conversation",
                                          layout=widgets.Layout(width="90px", display="none"))
        self.stop_button.on_click(lambda _: self.stop())
        self.progress = widgets.FloatProgress(value=0, min=0, max=1, bar_style="info",
                                              layout=widgets.Layout(width="160px",
                                                                    display="none"))
        self.suggestions = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap"))
        self.input.on_msg(self._on_input_message)
        self.send_button.on_click(lambda _: self._submit(self.input.value))
        self.picker.observe(lambda _: self._refresh_suggestions(), names="value")
        header = widgets.HTML(f"<b>{html.escape(title)}</b>")
        super().__init__([header, self.picker, self.history, self.suggestions,
                          widgets.HBox([self.input, self.send_button]),
                          widgets.HBox([self.status, self.progress, self.stop_button]),
                          self.steps])
        self._refresh_suggestions()

    # -- public ---------------------------------------------------------------------------
    def send(self, question: str) -> Any:
        """Ask ``question`` about the picked dataset; renders and returns the Answer (or
        None after showing an error, or when the question was stopped)."""
        question = (question or "").strip()
        if not question:
            return None
        run = Run(on_step=self._show_step)
        with self._lock:
            if self._run is not None:
                return None  # one question at a time
            self._run = run
        self._set_busy(True)
        self.history.children += (_row(widgets.HTML(_BUBBLE.format(html.escape(question)))),)
        try:
            with running(run):
                answer = self.session.ask(self.picker.value, question)
        except Cancelled:
            return None  # stop() already said so and freed the panel
        except Exception as exc:  # shown in the panel, never raised into the kernel
            if not run.cancelled:
                self._add_error(exc)
            return None
        finally:
            with self._lock:
                mine = self._run is run
                if mine:
                    self._run = None
            if mine:
                self._set_busy(False)
        if run.cancelled:  # stopped after the last step: the answer is discarded
            return None
        self.answers.append(answer)
        self.history.children += (_row(self._render(answer)),)
        return answer

    def stop(self) -> None:
        """Stop the running question (the Stop button): the panel is free at once, the
        worker stops at its next step and nothing is added to the conversation."""
        with self._lock:
            run, self._run = self._run, None
        if run is None:
            return
        run.cancel()
        where = run.steps[-1].message if run.steps else ""
        self._set_busy(False)
        note = f"Stopped while: {html.escape(where)}. " if where else "Stopped. "
        self.history.children += (_row(widgets.HTML(
            f"<div class='nbdc-stopped' style='color:var(--jp-ui-font-color1)'><i>{note}"
            f"Nothing was added to the conversation.</i></div>")),)

    # -- internals ------------------------------------------------------------------------
    def _on_input_message(self, _widget: Any, content: dict, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "submit":
            self._submit(self.input.value)

    def _submit(self, question: str) -> None:
        if not question.strip() or self._run is not None:
            return
        self.input.value = ""
        thread = threading.Thread(target=self.send, args=(question,), daemon=True,
                                  name="nbdatachat-widget-question")
        self.workers = [w for w in self.workers if w.is_alive()] + [thread]
        thread.start()
        threading.Thread(target=self._tick, args=(thread,), daemon=True).start()

    def _tick(self, worker: threading.Thread) -> None:
        """Show elapsed time while a question or tool takes over a second (and a moving bar
        when its steps say nothing of how far it is)."""
        start = time.perf_counter()
        run = self._run
        while worker.is_alive() and run is not None and self._run is run:
            elapsed = time.perf_counter() - start
            if elapsed > 1.0:
                last = run.steps[-1] if run.steps else None
                self.progress.layout.display = ""
                self.progress.value = last.fraction if last is not None and \
                    last.fraction is not None else (elapsed % 2.0) / 2.0
                what = html.escape(last.message) if last is not None else "Working"
                self.status.value = f"<i>{what}… {elapsed:.1f} s</i>"
            time.sleep(0.2)

    def _show_step(self, step: Step) -> None:
        """A step of the running question, listed under the input as it happens."""
        run = self._run
        if run is None:
            return
        shown = [s.message for s in run.steps[-5:]]
        if not shown or shown[-1] != step.message:
            shown = (shown + [step.message])[-5:]
        items = "".join(f"<li>{html.escape(m)}</li>" for m in shown)
        self.steps.value = (f"<ol class='nbdc-steps' style='margin:0;font-size:var("
                            f"--jp-ui-font-size0,11px);color:var(--jp-ui-font-color1)'>"
                            f"{items}</ol>")
        self.status.value = f"<i>{html.escape(step.message)}…</i>"

    def _set_busy(self, busy: bool) -> None:
        self.input.disabled = busy
        self.send_button.disabled = busy
        self.stop_button.layout.display = "" if busy else "none"
        self.status.value = "<i>Thinking…</i>" if busy else ""
        if not busy:
            self.progress.layout.display = "none"
            self.steps.value = ""

    def _render(self, answer: Any) -> widgets.Widget:
        from ..display import answer_card, figure_bundle

        card = answer_card(answer, max_rows=self.settings.max_rows)
        parts: list[widgets.Widget] = [_row(widgets.HTML(card["text/html"]))]
        if self.settings.chart and getattr(answer, "chart_spec", None) is not None:
            figure = answer.chart
            if figure is not None:
                out = widgets.Output(layout=widgets.Layout(min_height="360px", **_NO_SHRINK))
                out.outputs = ({"output_type": "display_data", "metadata": {},
                                "data": figure_bundle(figure)},)
                parts.append(out)
        code = getattr(answer, "code", None)
        if code:
            code_box = widgets.Textarea(value=code, disabled=False,
                                        layout=widgets.Layout(width="100%", height="120px",
                                                              display="none"))
            toggle = widgets.Button(description="Show code", icon="code",
                                    tooltip="The pandas code behind this answer, to copy",
                                    layout=widgets.Layout(**_NO_SHRINK))

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
        self.history.children += (_row(widgets.HTML(error_card(message)["text/html"])),)

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
