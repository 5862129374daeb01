"""The steps of a long ``%%ask`` or ``%%run_tool`` cell, shown in its output while it runs.

The work runs inside a :class:`~nbdatachat.tools.progress.Run`; once it has taken
:data:`SHOW_AFTER_MS` (or a step says how far it is), the current step is shown in one
output that updates in place (``display_id``), and blanked when the cell is done, so a
finished notebook keeps only the result. Quick answers show nothing. The notebook's
interrupt button stops the work as for any cell (the run raises ``KeyboardInterrupt``).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..tools.progress import Run, Step, running

#: Steps of quicker work are not shown (a 60 ms answer would only flicker).
SHOW_AFTER_MS = 400.0

STEP_MIME = "text/html"


def step_bundle(step: Step) -> dict[str, str]:
    """The displayed step: its message, and how far when the step knows."""
    far = f" ({step.fraction:.0%})" if step.fraction is not None else ""
    text = f"⏳ {step.message}{far} · {step.elapsed_ms / 1000:.1f} s"
    return {"text/plain": text,
            STEP_MIME: f"<div class='nbdc-step' style='color:var(--jp-ui-font-color1,#333);"
                       f"font-size:var(--jp-ui-font-size1,13px)'>{html.escape(text)}</div>"}


@contextmanager
def showing_steps() -> Iterator[Run]:
    """Run the block in a :class:`Run` whose steps show in the cell's output."""
    from IPython.display import display

    handle: Any = None

    def on_step(step: Step) -> None:
        nonlocal handle
        if step.elapsed_ms < SHOW_AFTER_MS and step.fraction is None and handle is None:
            return
        if handle is None:
            handle = display(step_bundle(step), raw=True, display_id=True)
        else:
            handle.update(step_bundle(step), raw=True)

    with running(on_step=on_step) as run:
        try:
            yield run
        finally:
            if handle is not None:
                handle.update({"text/plain": ""}, raw=True)


__all__ = ["SHOW_AFTER_MS", "showing_steps", "step_bundle"]
