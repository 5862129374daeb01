/**
 * One question and its answer in the panel: the question (with its dataset and how it was
 * read), the sentence, the table, the chart and what can be done with them.
 */

import { Clipboard } from '@jupyterlab/apputils';
import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { Panel, Widget } from '@lumino/widgets';

import { IFigure, PLOTLY_MIME, themeColors, themedFigure } from './charts';
import { formatElapsed } from './format';
import { answerAsText, codeCellFor, displayRows, IAnswer, IChatEntry, PanelError } from './logic';

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  text = ''
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text) {
    node.textContent = text;
  }
  return node;
}

export function message(err: unknown): string {
  if (err instanceof PanelError) {
    return err.message;
  }
  if (err instanceof Error) {
    return `${err.name}: ${err.message}`;
  }
  return String(err);
}

/** What an entry needs from the panel. */
export interface IEntryHost {
  readonly rendermime: IRenderMimeRegistry;
  readonly maxRows: number;
  readonly showChart: boolean;
  readonly insertAs: 'code' | 'magic';
  ask(question: string): void;
  insertCell(entry: IChatEntry): void;
  /** The chart of a stored answer (charts are not stored), or null when it cannot be drawn. */
  redraw(entry: IChatEntry): Promise<IFigure | null>;
  themeNode: HTMLElement;
}

function copyButton(text: () => string, label = 'Copy', title = 'Copy to the clipboard'): HTMLButtonElement {
  const button = el('button', 'nbdc-copy jp-mod-styled', label);
  button.title = title;
  button.addEventListener('click', () => {
    Clipboard.copyToSystem(text());
    button.textContent = 'Copied';
    window.setTimeout(() => (button.textContent = label), 1500);
  });
  return button;
}

/** Host of one question and its answer; a Lumino panel so the chart widget gets attached. */
export class EntryWidget extends Panel {
  constructor(
    readonly entry: IChatEntry,
    private readonly host: IEntryHost
  ) {
    super();
    this.addClass('nbdc-entry');
    this.node.dataset.entryId = entry.id;
  }

  /** (Re)build the entry; ``pending`` shows the working line instead of an answer. */
  render(pending = false): void {
    const entry = this.entry;
    while (this.widgets.length) {
      this.widgets[0].dispose();
    }
    const head = new Widget({ node: el('div', 'nbdc-question') });
    head.node.append(el('span', 'nbdc-bubble', entry.question));
    const about = el('span', 'nbdc-about');
    about.append(el('span', 'nbdc-about-data', `about ${entry.answer?.dataset || entry.data || '?'}`));
    const interpretation = (entry.answer?.interpretation ?? '').replace(/^\s*read as:\s*/i, '');
    if (interpretation) {
      about.append(el('span', 'nbdc-interpretation', ` · read as: ${interpretation}`));
    }
    head.node.append(about);
    this.addWidget(head);
    if (pending) {
      this.addWidget(new Widget({ node: el('div', 'nbdc-pending', 'Working…') }));
      return;
    }
    const answer = entry.answer;
    const body = new Widget({ node: el('div', 'nbdc-answer') });
    this.addWidget(body);
    if (entry.cancelled) {
      body.node.append(el('p', 'nbdc-meta nbdc-stopped',
                          (entry.stoppedAt ? `Stopped while: ${entry.stoppedAt}. ` : 'Stopped. ') +
                          'Nothing was added to the conversation.'));
      return;
    }
    if (!answer) {
      body.node.append(el('p', 'nbdc-error', entry.error ?? 'No answer.'));
      return;
    }
    const text = el('p', `nbdc-text${answer.status === 'answered' ? '' : ' nbdc-warn'}`);
    text.textContent = answer.text;
    body.node.append(text);
    if (answer.options?.length) {
      const ul = el('ul', 'nbdc-options');
      for (const o of answer.options) {
        const li = el('li');
        const b = el('button', 'nbdc-option', o);
        b.addEventListener('click', () => this.host.ask(o));
        li.append(b);
        ul.append(li);
      }
      body.node.append(ul);
    }
    const table = answer.table;
    if (table && table.columns.length && table.records.length) {
      body.node.append(this.tableNode(table));
    }
    if (this.host.showChart && (answer.chart || answer.chartKind)) {
      this.addWidget(this.chartWidget(answer));
    }
    this.addWidget(this.actions(answer));
  }

  private tableNode(table: NonNullable<IAnswer['table']>): HTMLElement {
    const wrap = el('div', 'nbdc-table-wrap');
    const t = el('table', 'nbdc-table');
    const tr = el('tr');
    for (const c of table.columns) {
      tr.append(el('th', '', c));
    }
    t.createTHead().append(tr);
    const tbody = t.createTBody();
    const rows = displayRows(table).slice(0, this.host.maxRows);
    rows.forEach((cells, i) => {
      const r = el('tr');
      const record = table.records[i];
      table.columns.forEach((c, j) => {
        r.append(el('td', typeof record[c] === 'number' ? 'nbdc-num' : '', cells[j]));
      });
      tbody.append(r);
    });
    wrap.append(t);
    const total = table.n_rows ?? table.records.length;
    wrap.append(
      el(
        'p',
        'nbdc-meta',
        `${total.toLocaleString('en-US')} row${total === 1 ? '' : 's'} × ${table.columns.length} ` +
          `column${table.columns.length === 1 ? '' : 's'}` +
          (total > rows.length ? ` (showing the first ${rows.length})` : '')
      )
    );
    return wrap;
  }

  private chartWidget(answer: IAnswer): Widget {
    const host = new Panel();
    host.addClass('nbdc-chart');
    if (!this.host.rendermime.mimeTypes.includes(PLOTLY_MIME)) {
      host.addWidget(
        new Widget({
          node: el('p', 'nbdc-meta', 'Install plotly in JupyterLab’s environment to see charts.')
        })
      );
      return host;
    }
    const draw = (figure: IFigure) => {
      const themed = themedFigure(figure, themeColors(getComputedStyle(this.host.themeNode)));
      const renderer = this.host.rendermime.createRenderer(PLOTLY_MIME);
      host.addWidget(renderer);
      const model = new MimeModel({ data: { [PLOTLY_MIME]: themed as any }, trusted: true });
      renderer.renderModel(model).catch(err => {
        host.addWidget(
          new Widget({ node: el('p', 'nbdc-error', `The chart could not be drawn: ${message(err)}`) })
        );
      });
    };
    if (answer.chart) {
      draw(answer.chart as IFigure);
      return host;
    }
    // A stored answer: its chart was not kept. Draw it again (from its plan in the kernel, or
    // its table for a server answer) once the entry scrolls into view.
    const note = new Widget({ node: el('p', 'nbdc-meta nbdc-redrawing', 'Drawing the chart…') });
    host.addWidget(note);
    const redraw = () =>
      this.host
        .redraw(this.entry)
        .then(figure => {
          if (figure) {
            note.dispose();
            answer.chart = figure as any; // kept in memory for this page, not stored
            draw(figure);
          } else {
            note.node.textContent =
              'The chart is drawn again when its data is in the kernel (run the notebook).';
          }
        })
        .catch(() => (note.node.textContent = 'The chart could not be drawn again.'));
    if (typeof IntersectionObserver === 'undefined') {
      void redraw();
    } else {
      const seen = new IntersectionObserver(items => {
        if (items.some(i => i.isIntersecting)) {
          seen.disconnect();
          void redraw();
        }
      });
      seen.observe(host.node);
      host.disposed.connect(() => seen.disconnect());
    }
    return host;
  }

  private actions(answer: IAnswer): Widget {
    const entry = this.entry;
    const bar = new Widget({ node: el('div', 'nbdc-actions') });
    const details = el('div', 'nbdc-details');
    details.hidden = true;
    const code = codeCellFor(entry, this.host.insertAs);
    if (code) {
      // Only an answer has code that reproduces it: a refusal or a question back has none.
      const insert = el('button', 'nbdc-insert jp-mod-styled', 'Insert as code cell');
      insert.title = 'Insert the code that reproduces this answer below the active cell';
      insert.addEventListener('click', () => this.host.insertCell(entry));
      bar.node.append(insert);
    }
    bar.node.append(copyButton(() => answerAsText(entry), 'Copy',
                               'Copy the answer (sentence, table, SQL) as text'));
    const show = el('button', 'nbdc-show-sql jp-mod-styled', 'Show SQL/plan');
    show.addEventListener('click', () => {
      if (!details.childElementCount) {
        const parts: [string, string | null | undefined][] = [
          ['SQL', answer.sql],
          ['pandas code', code && this.host.insertAs === 'code' ? code : answer.code],
          ['Plan', answer.plan ? JSON.stringify(answer.plan, null, 2) : null]
        ];
        for (const [label, value] of parts.filter(p => p[1])) {
          const head = el('div', 'nbdc-code-head');
          head.append(el('span', 'nbdc-meta', label),
                      copyButton(() => String(value), 'Copy', `Copy the ${label}`));
          details.append(head, el('pre', 'nbdc-pre', String(value)));
        }
        if (!details.childElementCount) {
          details.append(el('p', 'nbdc-meta', 'No SQL or plan for this answer.'));
        }
      }
      details.hidden = !details.hidden;
      show.textContent = details.hidden ? 'Show SQL/plan' : 'Hide SQL/plan';
    });
    bar.node.append(show);
    if (this.host.showChart && (answer.chart || answer.chartKind)) {
      for (const format of ['png', 'svg'] as const) {
        const b = el('button', `nbdc-download-${format} jp-mod-styled`, format.toUpperCase());
        b.title = `Download the chart as ${format.toUpperCase()}`;
        b.addEventListener('click', () => void this.download(format));
        bar.node.append(b);
      }
    }
    if (entry.elapsedMs !== undefined) {
      const waited = entry.waitedMs && entry.waitedMs > 200
        ? ` (+${formatElapsed(entry.waitedMs)} waiting for the kernel)` : '';
      bar.node.append(el('span', 'nbdc-meta nbdc-elapsed', formatElapsed(entry.elapsedMs) + waited));
    }
    bar.node.append(details);
    return bar;
  }

  /** Save the drawn chart as SVG (Plotly's layers merged) or PNG (that SVG on a canvas). */
  async download(format: 'png' | 'svg'): Promise<void> {
    const plot = this.node.querySelector('.js-plotly-plot');
    const svg = plot ? chartSvg(plot) : null;
    if (!svg) {
      return;
    }
    const name = (this.entry.question.replace(/[^\w]+/g, '_').slice(0, 60) || 'chart') + '.' + format;
    const svgBlob = new Blob([svg.text], { type: 'image/svg+xml' });
    if (format === 'svg') {
      save(svgBlob, name);
      return;
    }
    const url = URL.createObjectURL(svgBlob);
    try {
      const image = new Image();
      await new Promise((resolve, reject) => {
        image.onload = resolve;
        image.onerror = reject;
        image.src = url;
      });
      const canvas = el('canvas');
      const scale = 2;
      canvas.width = svg.width * scale;
      canvas.height = svg.height * scale;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = getComputedStyle(this.host.themeNode).getPropertyValue('--jp-layout-color1').trim() || '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.scale(scale, scale);
      ctx.drawImage(image, 0, 0);
      const png = await new Promise<Blob | null>(resolve => canvas.toBlob(resolve, 'image/png'));
      if (png) {
        save(png, name);
      }
    } finally {
      URL.revokeObjectURL(url);
    }
  }
}

/** One standalone SVG from Plotly's stacked ``main-svg`` layers, font colours inlined. */
export function chartSvg(plot: Element): { text: string; width: number; height: number } | null {
  const layers = [...plot.querySelectorAll('svg.main-svg')] as SVGSVGElement[];
  if (!layers.length) {
    return null;
  }
  const width = Math.round(layers[0].getBoundingClientRect().width) || 600;
  const height = Math.round(layers[0].getBoundingClientRect().height) || 400;
  const merged = layers[0].cloneNode(true) as SVGSVGElement;
  for (const layer of layers.slice(1)) {
    for (const child of [...layer.childNodes]) {
      merged.appendChild(child.cloneNode(true));
    }
  }
  merged.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  merged.setAttribute('width', String(width));
  merged.setAttribute('height', String(height));
  return { text: new XMLSerializer().serializeToString(merged), width, height };
}

function save(blob: Blob, name: string): void {
  const a = el('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
