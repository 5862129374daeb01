/**
 * One chart style for every source: the kernel's Plotly figures and the server's Chart.js
 * configs are drawn with Plotly, themed from JupyterLab's CSS variables (light or dark), with
 * axis titles and forecast intervals as a shaded band.
 */

import { isIdentifierName } from './format';

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

export interface IFigure {
  data: any[];
  layout: Record<string, any>;
  config?: Record<string, any>;
}

/** The theme colours a chart needs, read from JupyterLab's CSS variables. */
export interface IThemeColors {
  font: string;
  muted: string;
  grid: string;
  background: string;
  fontFamily: string;
}

export const BAND_FILL = 'rgba(128,128,128,0.25)';

/** The theme's colours, from the computed style of ``node`` (a panel inside JupyterLab). */
export function themeColors(style: { getPropertyValue(name: string): string }): IThemeColors {
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    font: v('--jp-ui-font-color1', 'rgba(0,0,0,0.87)'),
    muted: v('--jp-ui-font-color2', 'rgba(0,0,0,0.54)'),
    grid: v('--jp-border-color2', '#e0e0e0'),
    background: v('--jp-layout-color1', '#ffffff'),
    fontFamily: v('--jp-ui-font-family', 'system-ui, sans-serif')
  };
}

function axisTitle(axis: any): string {
  const title = axis?.title;
  return typeof title === 'string' ? title : String(title?.text ?? '');
}

function themedAxis(axis: any, colors: IThemeColors): any {
  const out = { ...(axis ?? {}) };
  const text = axisTitle(out);
  out.title = { ...(typeof out.title === 'object' ? out.title : {}), text, font: { color: colors.font } };
  out.color = colors.font;
  out.gridcolor = colors.grid;
  out.zerolinecolor = colors.grid;
  out.linecolor = colors.grid;
  out.tickfont = { ...(out.tickfont ?? {}), color: colors.font };
  out.automargin = true;
  return out;
}

/**
 * ``figure`` in the panel's theme: transparent background, the theme's font colour and grid,
 * titled axes. The data is untouched; the figure is copied, never changed in place.
 */
export function themedFigure(figure: IFigure, colors: IThemeColors): IFigure {
  const layout: Record<string, any> = { ...(figure.layout ?? {}) };
  delete layout.template; // a template's white backgrounds would win over the theme
  layout.paper_bgcolor = 'rgba(0,0,0,0)';
  layout.plot_bgcolor = 'rgba(0,0,0,0)';
  layout.font = { ...(layout.font ?? {}), color: colors.font, family: colors.fontFamily };
  layout.title =
    typeof layout.title === 'string'
      ? { text: layout.title, font: { color: colors.font } }
      : { ...(layout.title ?? {}), font: { ...(layout.title?.font ?? {}), color: colors.font } };
  layout.legend = { ...(layout.legend ?? {}), font: { color: colors.font } };
  layout.hoverlabel = { ...(layout.hoverlabel ?? {}), font: { color: '#000' } };
  for (const key of Object.keys(layout)) {
    if (/^[xy]axis\d*$/.test(key)) {
      layout[key] = themedAxis(layout[key], colors);
    }
  }
  layout.xaxis = themedAxis(layout.xaxis, colors);
  layout.yaxis = themedAxis(layout.yaxis, colors);
  layout.margin = { l: 56, r: 16, t: layout.title?.text ? 48 : 24, b: 48, ...(layout.margin ?? {}) };
  layout.autosize = true;
  delete layout.width;
  return {
    data: figure.data,
    layout,
    config: { displaylogo: false, responsive: true, ...(figure.config ?? {}) }
  };
}

function scaleTitle(config: any, axis: 'x' | 'y'): string {
  const t = config?.options?.scales?.[axis]?.title;
  return t && t.display !== false && t.text ? String(t.text) : '';
}

/** Tick labels of a Chart.js category axis: years and ids stay as written (no "1,952"). */
function categories(labels: unknown[]): string[] {
  return labels.map(l => (l === null || l === undefined ? '' : String(l)));
}

/**
 * The Chart.js config the server's analytics chat returns, as a Plotly figure: same trace
 * kinds, axis titles from ``options.scales``, and a lower/upper pair of datasets whose upper
 * one fills to the previous (``fill: '-1'``) drawn as one shaded band.
 */
export function chartjsToPlotly(config: any): IFigure | null {
  if (!config || typeof config !== 'object' || !config.data) {
    return null;
  }
  const labels = categories(config.data.labels ?? []);
  const datasets: any[] = config.data.datasets ?? [];
  if (!datasets.length) {
    return null;
  }
  const type = String(config.type ?? 'bar');
  const horizontal = config.options?.indexAxis === 'y';
  const traces: any[] = [];
  datasets.forEach((ds, i) => {
    const values: any[] = ds.data ?? [];
    const points = values.length && typeof values[0] === 'object' && values[0] !== null;
    const xs = points ? values.map(p => p.x) : labels;
    const ys = points ? values.map(p => p.y) : values;
    const name = String(ds.label ?? '');
    const kind = String(ds.type ?? type);
    const isBandEdge = ds.borderWidth === 0 && (ds.fill === false || ds.fill === '-1');
    if (kind === 'pie' || kind === 'doughnut') {
      traces.push({ type: 'pie', labels, values, name, hole: kind === 'doughnut' ? 0.4 : 0 });
    } else if (isBandEdge) {
      const upper = ds.fill === '-1' && i > 0;
      traces.push({
        type: 'scatter', mode: 'lines', x: xs, y: ys, name,
        line: { width: 0 }, showlegend: false, hoverinfo: 'x+y',
        ...(upper ? { fill: 'tonexty', fillcolor: ds.backgroundColor ?? BAND_FILL } : {})
      });
    } else if (kind === 'line') {
      traces.push({
        type: 'scatter', mode: ds.pointRadius === 0 ? 'lines' : 'lines+markers', x: xs, y: ys,
        name, ...(ds.borderColor ? { line: { color: ds.borderColor } } : {}),
        ...(ds.borderDash ? { line: { color: ds.borderColor, dash: 'dash' } } : {})
      });
    } else if (kind === 'scatter' || kind === 'bubble') {
      traces.push({ type: 'scatter', mode: 'markers', x: xs, y: ys, name });
    } else {
      traces.push(
        horizontal
          ? { type: 'bar', orientation: 'h', x: ys, y: xs, name }
          : { type: 'bar', x: xs, y: ys, name }
      );
    }
  });
  const title = config.title ?? config.options?.plugins?.title?.text;
  const xTitle = scaleTitle(config, horizontal ? 'y' : 'x');
  const yTitle = scaleTitle(config, horizontal ? 'x' : 'y');
  const named = traces.filter(t => t.showlegend !== false);
  const categoryAxis = { type: 'category', title: { text: xTitle } };
  return {
    data: traces,
    layout: {
      ...(title ? { title: { text: String(title) } } : {}),
      showlegend: named.length > 1 || type === 'pie' || type === 'doughnut',
      xaxis: horizontal ? { title: { text: yTitle } } : labels.length ? categoryAxis : { title: { text: xTitle } },
      yaxis: horizontal ? { ...categoryAxis, title: { text: xTitle } } : { title: { text: yTitle } }
    }
  };
}

/** The columns a chart can be rebuilt from: the first text (or id/year) column as x, the
 * numeric ones as y, and a lower/upper pair as a band. */
export function tableChart(
  columns: string[],
  records: Record<string, unknown>[],
  kind: string,
  title?: string
): IFigure | null {
  if (!columns.length || !records.length) {
    return null;
  }
  const numeric = columns.filter(c =>
    records.every(r => r[c] === null || r[c] === undefined || typeof r[c] === 'number')
  );
  const x = columns.find(c => !numeric.includes(c) || isIdentifierName(c)) ?? columns[0];
  const lower = numeric.find(c => /(^|_)(lower|lo|low)(_|$)/i.test(c));
  const upper = numeric.find(c => /(^|_)(upper|hi|high)(_|$)/i.test(c));
  const ys = numeric.filter(c => c !== x && c !== lower && c !== upper);
  if (!ys.length) {
    return null;
  }
  const xs = categories(records.map(r => r[x]));
  const line = kind === 'line' || kind === 'area';
  const data: any[] = [];
  if (line && lower && upper) {
    data.push({ type: 'scatter', mode: 'lines', x: xs, y: records.map(r => r[lower]),
                name: lower, line: { width: 0 }, showlegend: false });
    data.push({ type: 'scatter', mode: 'lines', x: xs, y: records.map(r => r[upper]),
                name: upper, line: { width: 0 }, showlegend: false, fill: 'tonexty',
                fillcolor: BAND_FILL });
  }
  for (const y of ys) {
    const values = records.map(r => r[y]);
    data.push(line ? { type: 'scatter', mode: 'lines+markers', x: xs, y: values, name: y }
                   : { type: 'bar', x: xs, y: values, name: y });
  }
  return {
    data,
    layout: {
      ...(title ? { title: { text: title } } : {}),
      showlegend: ys.length > 1,
      xaxis: { type: 'category', title: { text: x } },
      yaxis: { title: { text: ys.length === 1 ? ys[0] : '' } }
    }
  };
}

/** WCAG contrast ratio of two CSS colours given as ``rgb(a)``/``#hex`` (for the tests). */
export function contrastRatio(foreground: string, background: string): number {
  const lum = (color: string) => {
    const [r, g, b] = parseColor(color).map(c => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(foreground), lum(background)].sort((p, q) => q - p);
  return (a + 0.05) / (b + 0.05);
}

export function parseColor(color: string): [number, number, number] {
  const c = color.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map(x => x + x).join('') : hex[1];
    return [0, 2, 4].map(i => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(([^)]+)\)$/.exec(c);
  if (rgb) {
    const [r, g, b] = rgb[1].split(/[,\s/]+/).filter(Boolean).map(Number);
    return [r, g, b];
  }
  throw new Error(`not a colour: ${color}`);
}
