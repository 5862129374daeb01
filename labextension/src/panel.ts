/**
 * The chat side panel: pick a DataFrame or dataset, ask, read answers rendered as in the
 * notebook (sentence, table, Plotly chart through rendermime), and reuse them.
 */

import { Clipboard } from '@jupyterlab/apputils';
import { NotebookActions, NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { Panel, PanelLayout, Widget } from '@lumino/widgets';

import {
  answerAsText,
  codeCellFor,
  formatCell,
  formatElapsed,
  IChatEntry,
  IStoredChat,
  PanelError,
  parseSourceValue,
  parseStoredChat,
  PLOTLY_MIME,
  serializeChat,
  sourceValue,
  storageKey
} from './logic';
import { IRunning, KernelSource, ServerSource } from './sources';

export interface IPanelSettings {
  serverUrl: string;
  serverApiKey: string;
  useServer: boolean;
  maxRows: number;
  showChart: boolean;
  insertAs: 'code' | 'magic';
  interruptOnCancel: boolean;
  historyLimit: number;
}

export const DEFAULT_SETTINGS: IPanelSettings = {
  serverUrl: '',
  serverApiKey: '',
  useServer: true,
  maxRows: 10,
  showChart: true,
  insertAs: 'code',
  interruptOnCancel: true,
  historyLimit: 50
};

function el<K extends keyof HTMLElementTagNameMap>(
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

/** Host of one question and its answer; a Lumino panel so the chart widget gets attached. */
class EntryWidget extends Panel {
  constructor(readonly entry: IChatEntry) {
    super();
    this.addClass('nbdc-entry');
    this.node.dataset.entryId = entry.id;
  }
}

export class ChatPanel extends Widget {
  constructor(
    private readonly rendermime: IRenderMimeRegistry,
    private readonly serverFor: (settings: IPanelSettings) => ServerSource
  ) {
    super();
    this.id = 'nbdatachat-panel';
    this.addClass('nbdc-panel');
    this.title.caption = 'Chat with your data (nbdatachat)';
    this.layout = new PanelLayout();

    const header = el('div', 'nbdc-header');
    header.append(el('span', 'nbdc-title', 'Chat with your data'));
    this.notebookLabel = el('span', 'nbdc-notebook');
    header.append(this.notebookLabel);

    const pickRow = el('div', 'nbdc-pick');
    this.picker = el('select', 'nbdc-picker jp-mod-styled');
    this.picker.title = 'The DataFrame or dataset the questions are about';
    this.picker.addEventListener('change', () => this.onPick());
    this.refreshButton = el('button', 'nbdc-refresh jp-mod-styled', '⟳');
    this.refreshButton.title = "Refresh the notebook's DataFrames and the server's datasets";
    this.refreshButton.addEventListener('click', () => void this.refresh(true));
    pickRow.append(this.picker, this.refreshButton);

    this.notice = el('div', 'nbdc-notice');
    this.history = new Panel();
    this.history.addClass('nbdc-history-panel');

    const inputRow = el('div', 'nbdc-input-row');
    this.input = el('textarea', 'nbdc-input jp-mod-styled');
    this.input.rows = 2;
    this.input.placeholder = 'Ask about the picked data, then Enter (Shift+Enter: new line)';
    this.input.addEventListener('keydown', event => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        void this.ask(this.input.value);
      }
    });
    this.sendButton = el('button', 'nbdc-send jp-mod-styled jp-mod-accept', 'Ask');
    this.sendButton.addEventListener('click', () => void this.ask(this.input.value));
    inputRow.append(this.input, this.sendButton);

    this.progress = el('div', 'nbdc-progress');
    this.progressText = el('span', 'nbdc-progress-text');
    this.cancelButton = el('button', 'nbdc-cancel jp-mod-styled jp-mod-warn', 'Cancel');
    this.cancelButton.addEventListener('click', () => this.cancel());
    this.progress.append(el('span', 'nbdc-spinner'), this.progressText, this.cancelButton);
    this.progress.hidden = true;

    const top = new Widget({ node: el('div', 'nbdc-top') });
    top.node.append(header, pickRow, this.notice);
    const bottom = new Widget({ node: el('div', 'nbdc-bottom') });
    bottom.node.append(this.progress, inputRow);
    const layout = this.layout as PanelLayout;
    layout.addWidget(top);
    layout.addWidget(this.history);
    layout.addWidget(bottom);
    this.renderEmpty();
  }

  // -- state -------------------------------------------------------------------------------
  settings: IPanelSettings = { ...DEFAULT_SETTINGS };
  private notebook: NotebookPanel | null = null;
  private chat: IStoredChat = { entries: [], conversations: {} };
  private running: { entry: IChatEntry; request: IRunning<any>; timer: number } | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private serverDownSince = 0;

  private readonly picker: HTMLSelectElement;
  private readonly refreshButton: HTMLButtonElement;
  private readonly notebookLabel: HTMLSpanElement;
  private readonly notice: HTMLDivElement;
  private readonly history: Panel;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly progress: HTMLDivElement;
  private readonly progressText: HTMLSpanElement;
  private readonly cancelButton: HTMLButtonElement;

  /** Follow another notebook: load its stored chat and list its kernel's DataFrames. */
  setNotebook(notebook: NotebookPanel | null): void {
    if (notebook === this.notebook) {
      return;
    }
    this.notebook = notebook;
    this.notebookLabel.textContent = notebook ? notebook.context.path : 'no notebook';
    this.chat = notebook ? this.load(notebook.context.path) : { entries: [], conversations: {} };
    this.renderHistory();
    void this.refresh();
  }

  get currentNotebook(): NotebookPanel | null {
    return this.notebook;
  }

  /**
   * List the kernel's DataFrames and the server's datasets into the picker. An unreachable
   * server is asked again only after a minute, or when ``force`` (the ⟳ button).
   */
  refresh(force = false): Promise<void> {
    if (force) {
      this.serverDownSince = 0;
    }
    if (this.refreshing) {
      // The running refresh may have read an older notebook or settings: run once more.
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.doRefresh();
      } while (this.refreshAgain);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const notebook = this.notebook;
    const useServer = this.settings.useServer && Date.now() - this.serverDownSince > 60_000;
    // Both listings start at once; the kernel's (fast) fills the picker without waiting
    // for a server that Jupyter may still be starting.
    const server = useServer ? this.serverFor(this.settings).listDatasets().promise : null;
    const problems: string[] = [];
    const frames: { group: string; value: string; label: string }[] = [];
    let kernelDatasets: string[] = [];
    if (notebook) {
      try {
        const data = await new KernelSource(notebook.sessionContext.session?.kernel).listData()
          .promise;
        for (const f of data.dataframes) {
          frames.push({
            group: 'Notebook DataFrames',
            value: sourceValue('kernel', f.name),
            label: `${f.name} (${f.rows.toLocaleString('en-US')} × ${f.columns.length})`
          });
        }
        kernelDatasets = data.datasets;
      } catch (err) {
        problems.push(message(err));
      }
    } else {
      problems.push('Open a notebook to chat about its DataFrames.');
    }
    const datasets = (names: string[], group: string, source: 'kernel' | 'server') =>
      names.map(name => ({ group, value: sourceValue(source, name), label: name }));
    this.fillPicker([...frames, ...datasets(kernelDatasets, 'Datasets', 'kernel')]);
    this.showNotice(problems.join(' '));
    if (!server) {
      return;
    }
    let serverDatasets: string[] = [];
    try {
      serverDatasets = await server;
      this.serverDownSince = 0;
    } catch (err) {
      this.serverDownSince = Date.now();
      if (!kernelDatasets.length) {
        problems.push(message(err));
      }
    }
    if (this.notebook !== notebook) {
      return; // another refresh follows for the new notebook
    }
    this.fillPicker([
      ...frames,
      ...datasets(serverDatasets, 'Server datasets', 'server'),
      ...datasets(
        kernelDatasets.filter(n => !serverDatasets.includes(n)),
        'Datasets',
        'kernel'
      )
    ]);
    this.showNotice(problems.join(' '));
  }

  private fillPicker(options: { group: string; value: string; label: string }[]): void {
    const previous = this.chat.selected || this.picker.value || '';
    this.picker.textContent = '';
    const groups = new Map<string, HTMLOptGroupElement>();
    for (const o of options) {
      let group = groups.get(o.group);
      if (!group) {
        group = el('optgroup');
        group.label = o.group;
        groups.set(o.group, group);
        this.picker.append(group);
      }
      const option = el('option', '', o.label);
      option.value = o.value;
      group.append(option);
    }
    const values = options.map(o => o.value);
    if (values.includes(previous)) {
      this.picker.value = previous;
    } else if (values.length) {
      this.picker.value = values[0];
    }
    this.picker.disabled = !values.length;
  }

  private onPick(): void {
    this.chat.selected = this.picker.value;
    this.save();
  }

  // -- asking ------------------------------------------------------------------------------
  /** Ask ``question`` about the picked data; the answer (or the error) joins the history. */
  async ask(question: string): Promise<void> {
    question = (question || '').trim();
    if (!question || this.running) {
      return;
    }
    const picked = parseSourceValue(this.picker.value);
    const entry: IChatEntry = {
      id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      question,
      source: picked?.source ?? 'kernel',
      data: picked?.name ?? '',
      time: Date.now()
    };
    this.input.value = '';
    this.chat.entries.push(entry);
    const widget = this.addEntry(entry, true);
    if (!picked) {
      entry.error = this.notebook
        ? 'Pick a DataFrame or dataset first (run the cell that creates your DataFrame, then ⟳).'
        : 'Open a notebook first, or start the nbdatachat server for its datasets.';
      this.renderEntry(widget);
      this.save();
      return;
    }
    const conversationKey = this.picker.value;
    const conversation = this.chat.conversations[conversationKey] ?? null;
    const request =
      picked.source === 'server'
        ? this.serverFor(this.settings).ask(picked.name, question, conversation)
        : new KernelSource(this.notebook?.sessionContext.session?.kernel).ask(
            picked.name,
            question,
            conversation
          );
    const start = performance.now();
    this.setBusy(entry, request, start);
    try {
      entry.answer = await request.promise;
      if (entry.answer.conversation_id) {
        this.chat.conversations[conversationKey] = entry.answer.conversation_id;
      }
    } catch (err) {
      if (err instanceof PanelError && err.code === 'CANCELLED') {
        entry.cancelled = true;
      } else {
        entry.error = message(err);
      }
    } finally {
      entry.elapsedMs = performance.now() - start;
      this.setIdle();
    }
    this.renderEntry(widget);
    this.save();
  }

  /** Stop waiting for the running question (and interrupt the kernel if so configured). */
  cancel(): void {
    this.running?.request.cancel(this.settings.interruptOnCancel);
  }

  private setBusy(entry: IChatEntry, request: IRunning<any>, start: number): void {
    const tick = () => {
      this.progressText.textContent = `Answering “${entry.question}” … ${formatElapsed(
        performance.now() - start
      )}`;
    };
    tick();
    this.running = { entry, request, timer: window.setInterval(tick, 100) };
    this.progress.hidden = false;
    this.sendButton.disabled = true;
    this.node.classList.add('nbdc-mod-busy');
  }

  private setIdle(): void {
    if (this.running) {
      window.clearInterval(this.running.timer);
    }
    this.running = null;
    this.progress.hidden = true;
    this.sendButton.disabled = false;
    this.node.classList.remove('nbdc-mod-busy');
  }

  /** Clear this notebook's conversation (history and follow-up context). */
  clear(): void {
    this.chat = { entries: [], conversations: {}, selected: this.chat.selected };
    this.save();
    this.renderHistory();
  }

  // -- rendering ---------------------------------------------------------------------------
  private renderEmpty(): void {
    if (!this.history.widgets.length) {
      const empty = new Widget({ node: el('div', 'nbdc-empty') });
      empty.node.textContent =
        'Pick a DataFrame from the notebook (or a dataset), then ask e.g. ' +
        '“average sales by region” or “how does sales change over time?”.';
      this.history.addWidget(empty);
    }
  }

  private renderHistory(): void {
    while (this.history.widgets.length) {
      this.history.widgets[0].dispose();
    }
    for (const entry of this.chat.entries) {
      this.addEntry(entry, false);
    }
    this.renderEmpty();
    this.scrollToEnd();
  }

  private addEntry(entry: IChatEntry, pending: boolean): EntryWidget {
    for (const w of [...this.history.widgets]) {
      if (!(w instanceof EntryWidget)) {
        w.dispose();
      }
    }
    const widget = new EntryWidget(entry);
    this.history.addWidget(widget);
    this.renderEntry(widget, pending);
    this.scrollToEnd();
    return widget;
  }

  private renderEntry(widget: EntryWidget, pending = false): void {
    const entry = widget.entry;
    while (widget.widgets.length) {
      widget.widgets[0].dispose();
    }
    const head = new Widget({ node: el('div', 'nbdc-question') });
    head.node.append(el('span', 'nbdc-bubble', entry.question));
    head.node.append(el('span', 'nbdc-about', `about ${entry.data || '?'}`));
    widget.addWidget(head);
    if (pending) {
      widget.addWidget(new Widget({ node: el('div', 'nbdc-pending', 'Working…') }));
      return;
    }
    const answer = entry.answer;
    const body = new Widget({ node: el('div', 'nbdc-answer') });
    widget.addWidget(body);
    if (entry.cancelled) {
      body.node.append(el('p', 'nbdc-meta', 'Cancelled.'));
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
        b.addEventListener('click', () => void this.ask(o));
        li.append(b);
        ul.append(li);
      }
      body.node.append(ul);
    }
    const table = answer.table;
    if (table && table.columns.length && table.records.length) {
      body.node.append(this.tableNode(table));
    }
    if (this.settings.showChart && answer.chart) {
      widget.addWidget(this.chartWidget(answer.chart));
    }
    widget.addWidget(this.actions(entry));
  }

  private tableNode(table: NonNullable<IChatEntry['answer']>['table'] & object): HTMLElement {
    const wrap = el('div', 'nbdc-table-wrap');
    const t = el('table', 'nbdc-table');
    const tr = el('tr');
    for (const c of table.columns) {
      tr.append(el('th', '', c));
    }
    t.createTHead().append(tr);
    const tbody = t.createTBody();
    const shown = table.records.slice(0, this.settings.maxRows);
    for (const row of shown) {
      const r = el('tr');
      for (const c of table.columns) {
        const v = row[c];
        r.append(el('td', typeof v === 'number' ? 'nbdc-num' : '', formatCell(v)));
      }
      tbody.append(r);
    }
    wrap.append(t);
    const total = table.n_rows ?? table.records.length;
    wrap.append(
      el(
        'p',
        'nbdc-meta',
        `${total.toLocaleString('en-US')} row${total === 1 ? '' : 's'} × ${table.columns.length} ` +
          `column${table.columns.length === 1 ? '' : 's'}` +
          (total > shown.length ? ` (showing the first ${shown.length})` : '')
      )
    );
    return wrap;
  }

  private chartWidget(chart: unknown): Widget {
    const host = new Panel();
    host.addClass('nbdc-chart');
    if (!this.rendermime.mimeTypes.includes(PLOTLY_MIME)) {
      const note = new Widget({
        node: el('p', 'nbdc-meta', 'Install plotly in JupyterLab’s environment to see charts.')
      });
      host.addWidget(note);
      return host;
    }
    const renderer = this.rendermime.createRenderer(PLOTLY_MIME);
    host.addWidget(renderer);
    const model = new MimeModel({ data: { [PLOTLY_MIME]: chart as any }, trusted: true });
    renderer.renderModel(model).catch(err => {
      host.addWidget(
        new Widget({ node: el('p', 'nbdc-error', `The chart could not be drawn: ${message(err)}`) })
      );
    });
    return host;
  }

  private actions(entry: IChatEntry): Widget {
    const answer = entry.answer!;
    const bar = new Widget({ node: el('div', 'nbdc-actions') });
    const details = el('div', 'nbdc-details');
    details.hidden = true;

    const insert = el('button', 'nbdc-insert jp-mod-styled', 'Insert as code cell');
    insert.title = 'Insert the code that reproduces this answer below the active cell';
    insert.addEventListener('click', () => this.insertCell(entry));
    const copy = el('button', 'nbdc-copy jp-mod-styled', 'Copy');
    copy.title = 'Copy the answer (sentence, table, SQL) as text';
    copy.addEventListener('click', () => {
      Clipboard.copyToSystem(answerAsText(entry));
      copy.textContent = 'Copied';
      window.setTimeout(() => (copy.textContent = 'Copy'), 1500);
    });
    const show = el('button', 'nbdc-show-sql jp-mod-styled', 'Show SQL/plan');
    show.addEventListener('click', () => {
      if (!details.childElementCount) {
        const parts: [string, string | null | undefined][] = [
          ['SQL', answer.sql],
          ['Plan', answer.plan ? JSON.stringify(answer.plan, null, 2) : null],
          ['pandas code', answer.code]
        ];
        for (const [label, value] of parts.filter(p => p[1])) {
          details.append(el('div', 'nbdc-meta', label), el('pre', 'nbdc-pre', String(value)));
        }
        if (!details.childElementCount) {
          details.append(el('p', 'nbdc-meta', 'No SQL or plan for this answer.'));
        }
      }
      details.hidden = !details.hidden;
      show.textContent = details.hidden ? 'Show SQL/plan' : 'Hide SQL/plan';
    });
    bar.node.append(insert, copy, show);
    if (entry.elapsedMs !== undefined) {
      bar.node.append(el('span', 'nbdc-meta nbdc-elapsed', formatElapsed(entry.elapsedMs)));
    }
    bar.node.append(details);
    return bar;
  }

  /** Insert the answer's code below the notebook's active cell. */
  insertCell(entry: IChatEntry): void {
    const notebook = this.notebook;
    if (!notebook || notebook.isDisposed) {
      this.showNotice('Open the notebook to insert the code into.');
      return;
    }
    const code = codeCellFor(entry, this.settings.insertAs);
    NotebookActions.insertBelow(notebook.content);
    const cell = notebook.content.activeCell;
    if (cell) {
      if (cell.model.type !== 'code') {
        NotebookActions.changeCellType(notebook.content, 'code');
      }
      notebook.content.activeCell?.model.sharedModel.setSource(code);
    }
  }

  private showNotice(text: string): void {
    this.notice.textContent = text;
    this.notice.hidden = !text;
  }

  private scrollToEnd(): void {
    const node = this.history.node;
    requestAnimationFrame(() => (node.scrollTop = node.scrollHeight));
  }

  // -- storage -----------------------------------------------------------------------------
  private load(path: string): IStoredChat {
    try {
      return parseStoredChat(window.localStorage.getItem(storageKey(path)));
    } catch {
      return { entries: [], conversations: {} };
    }
  }

  private save(): void {
    const path = this.notebook?.context.path;
    if (!path) {
      return;
    }
    try {
      window.localStorage.setItem(
        storageKey(path),
        serializeChat(this.chat, this.settings.historyLimit)
      );
    } catch (err) {
      // Storage full or disabled: the chat still works, it just will not survive a reload.
      this.showNotice(`The conversation could not be saved in this browser: ${message(err)}`);
    }
  }
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
