"""Stop and streamed progress in the JupyterLab panel, in a real JupyterLab and Chromium.

The kernel plans through a model (a fake provider on 127.0.0.1 speaking OpenAI's wire
format, streaming its plan slowly): the panel lists the steps as the kernel publishes them
(reading the question, asking the model, the model writing its plan), Stop frees the panel at
once, the kernel stops (the provider sees the request hang up), nothing is added to the
conversation, and the next question is answered. A question waiting behind a running cell
is stopped without interrupting that cell: the kernel asks the panel before it starts it. A
question that runs a tool lists the tool's own steps (the ARIMA model search) as they happen.
"""

from __future__ import annotations

import time

import pytest

from fake_llm import FakeLLM, reply_json
from lab_browser import (
    ARTIFACTS,
    PANEL,
    ask,
    chromium,
    open_notebook,
    open_panel,
    run_code,
    serve_lab,
    wait_idle,
    wait_picked,
    watched_page,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

PLAN = {"status": "ok", "plan": {"kind": "aggregate",
                                 "measures": [{"agg": "sum", "column": "amount"}],
                                 "group_by": ["region"]}}


@pytest.fixture(scope="module")
def fake():
    # every plan streams in four chunks 1.5 s apart unless a test scripts quicker replies
    with FakeLLM("openai", default=reply_json(PLAN, chunk_delay=1.5)) as server:
        yield server


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    yield from serve_lab(tmp_path_factory, "lab-stop", {"stop.ipynb": [""]})


@pytest.fixture
def page(lab):
    with chromium() as browser, \
            watched_page(browser, 1400, 900, screenshot="panel_stop.png") as page:
        yield page


def kernel_turns(page) -> str:
    """The questions of the kernel's conversation about ``orders``, as the kernel has them."""
    return page.evaluate("""() => { const k = window.jupyterapp.shell.currentWidget
        .sessionContext.session.kernel; return new Promise(resolve => {
          const f = k.requestExecute({code: '', silent: true, user_expressions: {t:
            "[t.question for t in __import__('nbdatachat.service', fromlist=['_'])" +
            ".default_store().load(next(iter(__import__('nbdatachat.jupyter.lab_bridge', " +
            "fromlist=['_'])._sessions.values())).conversations['orders']).turns]"}});
          f.done.then(r => resolve(r.content.user_expressions.t.data['text/plain'])); }); }""")


def steps_text(panel) -> str:
    return " | ".join(panel.locator(".nbdc-steps li").all_inner_texts())


def test_stop_ends_the_kernels_work_and_keeps_the_conversation(lab, page, fake) -> None:
    open_notebook(page, lab, "stop.ipynb")
    run_code(page, "import os, numpy as np, pandas as pd\n"
                   f"os.environ.update(NBDATACHAT_PLANNER='llm', NBDATACHAT_LLM_MODEL='fake-gpt',"
                   f" NBDATACHAT_LLM_BASE_URL='{fake.url}', NBDATACHAT_LLM_API_KEY='k',"
                   f" NBDATACHAT_LLM_PROVIDER='openai')\n"
                   "rng = np.random.default_rng(2)\n"
                   "orders = pd.DataFrame({'region': rng.choice(['north', 'south'], 40),"
                   " 'amount': rng.uniform(1, 99, 40).round(2)})")
    panel = open_panel(page)
    wait_picked(page, "kernel:orders")

    fake.script(reply_json(PLAN))  # the first answer comes at once
    first = ask(panel, "amount per region", wait=".nbdc-table")
    assert "north" in first.locator(".nbdc-table").inner_text()
    outputs = page.locator(".jp-OutputArea-output").count()

    # A slow plan: the steps stream in as the kernel works, Stop is offered.
    box = panel.locator("textarea.nbdc-input")
    box.fill("and the biggest region?")
    box.press("Enter")
    page.wait_for_function(f"""() => [...document.querySelectorAll('{PANEL} .nbdc-steps li')]
        .some(li => li.textContent.includes('The model is writing the plan'))""",
                           timeout=30_000)
    said = steps_text(panel)
    assert "Reading the question" in said and "Asking the model fake-gpt" in said, said
    stop = panel.locator("button.nbdc-stop")
    assert stop.is_visible() and stop.inner_text() == "Stop"
    assert panel.locator("button.nbdc-send").is_disabled()
    page.screenshot(path=str(ARTIFACTS / "panel_streamed_steps.png"))

    clicked = time.monotonic()
    stop.click()
    # usable at once
    panel.locator(".nbdc-progress").wait_for(state="hidden", timeout=2_000)
    assert time.monotonic() - clicked < 2.0
    assert not panel.locator("button.nbdc-send").is_disabled()
    stopped = panel.locator(".nbdc-entry").last.locator(".nbdc-stopped").inner_text()
    assert stopped.startswith("Stopped while: The model is writing the plan"), stopped
    assert "Nothing was added to the conversation" in stopped
    # the kernel stopped: it hung up on the model, long before the 6 s stream would end
    deadline = time.monotonic() + 5
    while not fake.aborted and time.monotonic() < deadline:
        time.sleep(0.1)
    assert fake.aborted == 1
    wait_idle(page, timeout=10_000)
    assert time.monotonic() - clicked < 5.0
    # nothing showed in the notebook, and the conversation continues from the first answer
    assert page.locator(".jp-OutputArea-output").count() == outputs
    fake.script(reply_json(PLAN))
    again = ask(panel, "amount per region again", wait=".nbdc-table")
    assert "north" in again.locator(".nbdc-table").inner_text()
    turns = kernel_turns(page)
    assert turns == "['amount per region', 'amount per region again']", turns


def test_stop_while_a_cell_runs_leaves_the_cell_alone(lab, page, fake) -> None:
    open_notebook(page, lab, "stop.ipynb")
    panel = open_panel(page)
    wait_picked(page, "kernel:orders")
    before = kernel_turns(page)
    asked, aborted = len(fake.requests), fake.aborted
    interrupts: list[str] = []
    page.on("request", lambda r: interrupts.append(r.url) if "/interrupt" in r.url else None)
    run_code(page, "import time; time.sleep(4); print('cell finished')", wait=False)
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext"
                           ".session.kernel.status === 'busy'")
    box = panel.locator("textarea.nbdc-input")
    box.fill("which region sells most?")
    box.press("Enter")
    page.wait_for_function(f"""() => (document.querySelector('{PANEL} .nbdc-progress-text')
        ?.textContent || '').includes('Waiting for the kernel')""", timeout=5_000)
    panel.locator("button.nbdc-stop").click()
    panel.locator(".nbdc-progress").wait_for(state="hidden", timeout=2_000)
    # the cell runs to its end (not interrupted)...
    page.wait_for_function("""() => [...document.querySelectorAll('.jp-OutputArea-output')]
        .some(o => o.textContent.includes('cell finished'))""", timeout=20_000)
    assert "KeyboardInterrupt" not in page.locator(".jp-Notebook").inner_text()
    # ...then the kernel reaches the question, asks the panel whether to start, is told to
    # stop and does nothing: the model is never asked, the conversation does not grow, and
    # no interrupt is sent at all (none can race the kernel starting on the question, or
    # land on the user's next cell), however slow the round trips are
    started = time.monotonic()
    wait_idle(page, timeout=10_000)
    assert time.monotonic() - started < 5.0
    assert kernel_turns(page) == before
    assert (len(fake.requests), fake.aborted) == (asked, aborted)
    assert interrupts == []


def test_the_panel_lists_a_tools_steps_as_they_happen(lab, page) -> None:
    open_notebook(page, lab, "stop.ipynb")
    run_code(page, "import os\nfor k in ('NBDATACHAT_PLANNER', 'NBDATACHAT_LLM_MODEL'):\n"
                   "    os.environ.pop(k, None)\n"
                   "from nbdatachat.data import as_dataset\nsales = as_dataset('sales').frame()")
    panel = open_panel(page)
    panel.locator("select.nbdc-picker").select_option("kernel:sales")
    wait_picked(page, "kernel:sales")
    page.evaluate(f"""() => {{ window.__steps = [];
        const root = document.querySelector('{PANEL} .nbdc-steps');
        new MutationObserver(() => root.querySelectorAll('li').forEach(li => {{
            if (!window.__steps.includes(li.textContent)) window.__steps.push(li.textContent);
        }})).observe(root, {{childList: true, subtree: true}}); }}""")
    entry = ask(panel, "Forecast total sales for the next 12 months",
                wait=".nbdc-chart .js-plotly-plot", timeout=90_000)
    assert "forecast" in entry.locator(".nbdc-text").inner_text().lower()
    steps = page.evaluate("() => window.__steps")
    assert "Reading the question" in steps, steps
    assert "Running the arima tool" in steps, steps
    assert any(s.startswith("Searching ARIMA models: fitting ARIMA(") for s in steps), steps
    assert any(s.startswith("Fitting the chosen model, ARIMA(") for s in steps), steps
    assert panel.locator(".nbdc-progress").is_hidden()
