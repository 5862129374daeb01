"""nbdatachat's charts in notebook outputs follow JupyterLab's theme, in a real JupyterLab and
Chromium: the text of a ``%%ask`` chart (ticks, axis titles, title, legend) reads at >= 4.5:1
against what is behind it in the light and the dark theme, and switching the theme draws the
chart again in the new colours without running the cell. The figure's own neutral grey, which
Plotly alone would draw, is measured too: it is below 4.5:1 on the dark theme."""

from __future__ import annotations

import pytest

from lab_browser import (ARTIFACTS, COLOUR_JS, chromium, open_notebook, run_code, serve_lab,
                         watched_page)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

#: For each text of the Plotly charts in ``root``: its fill against the colour behind the
#: chart (the HTML ancestors' backgrounds, alpha blended; Plotly's paper is transparent).
SVG_CONTRAST_JS = "(root, fixed) => {" + COLOUR_JS + """
  const hex = h => [1, 3, 5].map(i => parseInt(h.slice(i, i + 2), 16)).concat([1]);
  const out = [];
  for (const plot of root.querySelectorAll('.js-plotly-plot')) {
    const bg = behind(plot.parentElement);
    if (fixed) { out.push({ratio: ratio(hex(fixed), bg), text: 'fixed ' + fixed}); continue; }
    for (const t of plot.querySelectorAll('svg text')) {
      if (!t.textContent.trim() || !t.getClientRects().length) continue;
      const fill = parse(getComputedStyle(t).fill);
      if (!fill) continue;
      out.push({ratio: ratio(over(fill, bg), bg), text: t.textContent.trim().slice(0, 30),
                fill: getComputedStyle(t).fill});
    }
  }
  return out.sort((x, y) => x.ratio - y.ratio);
}"""

SETUP = ("import plotly.data\n%load_ext nbdatachat\ntips = plotly.data.tips()")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    yield from serve_lab(tmp_path_factory, "lab-chart-theme", {"charts.ipynb": [SETUP]})


@pytest.fixture
def page(lab):
    with chromium() as browser, watched_page(browser, 1300, 950) as page:
        yield page


def switch_theme(page, name: str, light: bool) -> None:
    page.evaluate(f"() => window.jupyterapp.commands.execute('apputils:change-theme', "
                  f"{{theme: '{name}'}})")
    page.wait_for_function(f"() => document.body.dataset.jpThemeLight === '{str(light).lower()}'")


def chart_font(output) -> str:
    return output.locator(".js-plotly-plot").evaluate("p => p._fullLayout.font.color")


def theme_font(page) -> str:
    return page.evaluate("() => getComputedStyle(document.body)"
                         ".getPropertyValue('--jp-ui-font-color1').trim()")


def same_colour(a: str, b: str) -> bool:
    return a.replace(" ", "").lower() == b.replace(" ", "").lower()


def test_notebook_charts_follow_the_theme_light_and_dark(lab, page) -> None:
    open_notebook(page, lab, "charts.ipynb")
    run_code(page, SETUP)
    index = run_code(page, "%%ask tips\naverage tip by day and time")
    output = page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".jp-OutputArea")
    output.locator(".nbdc-chart-output .js-plotly-plot").wait_for(timeout=60_000)
    page.wait_for_timeout(500)

    light = output.evaluate(SVG_CONTRAST_JS, None)
    assert len(light) >= 8, light  # ticks, axis titles, title, legend
    assert light[0]["ratio"] >= 4.5, light[:5]
    assert same_colour(chart_font(output), theme_font(page))
    assert output.evaluate("o => o.querySelector('.js-plotly-plot')._fullLayout.paper_bgcolor")\
        .replace(" ", "") == "rgba(0,0,0,0)"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    output.screenshot(path=str(ARTIFACTS / "notebook_chart_light.png"))

    # The theme changes: the same output is drawn again in the dark theme's colours.
    switch_theme(page, "JupyterLab Dark", light=False)
    page.wait_for_function("""(font) => { const p = document.querySelector(
        '.nbdc-chart-output .js-plotly-plot'); return p && p._fullLayout.font.color
        .replace(/ /g, '') === font.replace(/ /g, ''); }""", arg=theme_font(page),
                           timeout=10_000)
    page.wait_for_timeout(500)
    dark = output.evaluate(SVG_CONTRAST_JS, None)
    assert len(dark) == len(light)
    assert dark[0]["ratio"] >= 4.5, dark[:5]
    # Plotly alone would draw the figure's fixed grey: too faint on the dark theme.
    fixed = output.evaluate(SVG_CONTRAST_JS, "#777777")
    assert fixed[0]["ratio"] < 4.5, fixed
    output.screenshot(path=str(ARTIFACTS / "notebook_chart_dark.png"))

    # A cell run in the dark theme is drawn dark from the start.
    index = run_code(page, "%%ask tips\ntotal bill by day")
    fresh = page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".jp-OutputArea")
    fresh.locator(".nbdc-chart-output .js-plotly-plot").wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    assert same_colour(chart_font(fresh), theme_font(page))
    assert fresh.evaluate(SVG_CONTRAST_JS, None)[0]["ratio"] >= 4.5
    switch_theme(page, "JupyterLab Light", light=True)
