/**
 * The chat side panel: pick a DataFrame or dataset, ask, read answers rendered as in the
 * notebook (sentence, table, Plotly chart through rendermime), and reuse them.
 *
 * This module lays the panel out and runs the asking flow (a question, its progress and Stop,
 * the answer's entry, Clear/Undo, insert and export); the data picker is ``picker.ts``, the
 * running question's steps ``progress.ts``, a dropped data file ``file_drop.ts``.
 */

import { NotebookActions, NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { Contents } from '@jupyterlab/services';
import { Panel, PanelLayout, Widget } from '@lumino/widgets';

import { IFigure, tableChart } from './charts';
import { el, EntryWidget, IEntryHost, message } from './entry';
import { IFileDropHost, listenForDrops, loadFiles } from './file_drop';
import {
  codeCellFor,
  exportCells,
  IChatEntry,
  InputHistory,
  IStoredChat,
  parseMention,
  parseSourceValue
} from './logic';
import { DataPicker, IPickerHost } from './picker';
import { RunProgress } from './progress';
import { DEFAULT_SETTINGS, IPanelSettings } from './settings';
import { IRunning, KernelSource, ServerSource } from './sources';
import { ChatStore } from './storage';

export class ChatPanel extends Widget implements IEntryHost {
  constructor(
    readonly rendermime: IRenderMimeRegistry,
    private readonly serverFor: (settings: IPanelSettings) => ServerSource,
    private readonly contents: Contents.IManager | null = null,
    storage: Storage | null = window.localStorage
  ) {
    super();
    this.id = 'nbdatachat-panel';
    this.addClass('nbdc-panel');
    this.title.caption = 'Chat with your data (nbdatachat)';
    this.layout = new PanelLayout();
    this.store = storage ? new ChatStore(storage) : null;
    this.parts = {
      notebook: () => this.notebook,
      chat: () => this.chat,
      settings: () => this.settings,
      server: () => this.serverFor(this.settings),
      kernel: () => this.kernel(),
      save: () => this.save(),
      showNotice: text => this.showNotice(text),
      ask: question => void this.ask(question),
      refresh: () => this.refresh()
    };

    const header = el('div', 'nbdc-header');
    header.append(el('span', 'nbdc-title', 'Chat with your data'));
    this.notebookLabel = el('span', 'nbdc-notebook');
    const exportButton = el('button', 'nbdc-export jp-mod-styled', 'Export');
    exportButton.title = 'Add this conversation to the notebook as cells (questions and code)';
    exportButton.addEventListener('click', () => this.exportToNotebook());
    const clearButton = el('button', 'nbdc-clear jp-mod-styled', 'Clear');
    clearButton.title = "Clear this notebook's conversation (you can undo)";
    clearButton.addEventListener('click', () => this.clear());
    header.append(this.notebookLabel, exportButton, clearButton);

    this.picker = new DataPicker(this.parts);

    this.notice = el('div', 'nbdc-notice');
    this.notice.setAttribute('role', 'status');
    this.history = new Panel();
    this.history.addClass('nbdc-history-panel');

    const inputRow = el('div', 'nbdc-input-row');
    this.input = el('textarea', 'nbdc-input jp-mod-styled');
    this.input.rows = 2;
    this.input.placeholder =
      'Ask about the picked data (or name it: @df …), Enter to send, Shift+Enter: new line, ↑: history';
    this.input.setAttribute('aria-label', 'Question');
    this.input.addEventListener('keydown', event => this.onKey(event));
    this.sendButton = el('button', 'nbdc-send jp-mod-styled jp-mod-accept', 'Ask');
    this.sendButton.addEventListener('click', () => void this.ask(this.input.value));
    inputRow.append(this.input, this.sendButton);

    this.progress = new RunProgress(() => this.cancel());

    const top = new Widget({ node: el('div', 'nbdc-top') });
    top.node.append(header, this.picker.node, this.notice);
    const bottom = new Widget({ node: el('div', 'nbdc-bottom') });
    bottom.node.append(this.picker.suggestions, this.progress.node, inputRow);
    const layout = this.layout as PanelLayout;
    layout.addWidget(top);
    layout.addWidget(this.history);
    layout.addWidget(bottom);
    listenForDrops(this.node, files => void this.loadFiles(files));
    this.renderEmpty();
  }

  // -- state -------------------------------------------------------------------------------
  settings: IPanelSettings = { ...DEFAULT_SETTINGS };
  private notebook: NotebookPanel | null = null;
  private chat: IStoredChat = { entries: [], conversations: {} };
  private cleared: IStoredChat | null = null;
  private running: { entry: IChatEntry; request: IRunning<any> } | null = null;
  private readonly store: ChatStore | null;
  private readonly inputHistory = new InputHistory();
  /** The panel's state as the picker and the file drop read and change it. */
  private readonly parts: IPickerHost & IFileDropHost;

  private readonly picker: DataPicker;
  private readonly notebookLabel: HTMLSpanElement;
  private readonly notice: HTMLDivElement;
  private readonly history: Panel;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly progress: RunProgress;

  get maxRows(): number {
    return this.settings.maxRows;
  }
  get showChart(): boolean {
    return this.settings.showChart;
  }
  get insertAs(): 'code' | 'magic' {
    return this.settings.insertAs;
  }
  get themeNode(): HTMLElement {
    return this.node;
  }
  get currentNotebook(): NotebookPanel | null {
    return this.notebook;
  }

  /** Put the cursor in the question box (the keyboard shortcut's command). */
  focusInput(): void {
    this.input.focus();
  }

  /** Follow another notebook: load its stored chat and list its kernel's DataFrames. */
  setNotebook(notebook: NotebookPanel | null): void {
    if (notebook === this.notebook) {
      return;
    }
    this.notebook = notebook;
    this.notebookLabel.textContent = notebook ? notebook.context.path : 'no notebook';
    this.chat = notebook && this.store ? this.store.load(notebook.context.path)
                                       : { entries: [], conversations: {} };
    this.cleared = null;
    this.inputHistory.reset(this.chat.entries.map(e => e.question));
    this.picker.reset();
    this.renderHistory();
    void this.refresh();
  }

  /**
   * List the kernel's DataFrames and the server's datasets into the picker. An unreachable
   * server is asked again only after a minute, or when ``force`` (the ⟳ button).
   */
  refresh(force = false): Promise<void> {
    return this.picker.refresh(force);
  }

  private kernel(): KernelSource {
    return new KernelSource(this.notebook?.sessionContext.session?.kernel);
  }

  // -- asking ------------------------------------------------------------------------------
  private onKey(event: KeyboardEvent): void {
    const box = this.input;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void this.ask(box.value);
    } else if (event.key === 'ArrowUp' && !box.value.slice(0, box.selectionStart).includes('\n')) {
      const previous = this.inputHistory.previous(box.value);
      if (previous !== null) {
        event.preventDefault();
        box.value = previous;
        box.setSelectionRange(previous.length, previous.length);
      }
    } else if (event.key === 'ArrowDown' && !box.value.slice(box.selectionEnd).includes('\n')) {
      const next = this.inputHistory.next();
      if (next !== null) {
        event.preventDefault();
        box.value = next;
      }
    }
  }

  /** Ask ``question`` about the picked data (or the ``@name`` it mentions). */
  async ask(question: string): Promise<void> {
    question = (question || '').trim();
    if (!question || this.running) {
      return;
    }
    this.inputHistory.push(question);
    this.picker.endAnnouncement();
    const mention = parseMention(question, this.picker.names);
    if (mention.data) {
      if (this.picker.pickNamed(mention.data)) {
        this.showNotice(`Asking about ${mention.data} (named with @${mention.data}).`);
      }
      question = mention.question;
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
      widget.render();
      this.save();
      return;
    }
    const conversationKey = this.picker.value;
    const conversation = this.chat.conversations[conversationKey] ?? null;
    const kernelBusy = this.notebook?.sessionContext.session?.kernel?.status === 'busy';
    const request =
      picked.source === 'server'
        ? this.serverFor(this.settings).ask(picked.name, question, conversation)
        : this.kernel().ask(picked.name, question, conversation, step => this.progress.add(step));
    const submitted = performance.now();
    let start = submitted;
    let started = !(kernelBusy && picked.source === 'kernel');
    void request.started?.then(() => {
      start = performance.now();
      started = true;
      entry.waitedMs = start - submitted;
    });
    this.setBusy(entry, request, () => (started ? performance.now() - start : null));
    try {
      entry.answer = await request.promise;
      if (entry.answer.conversation_id) {
        this.chat.conversations[conversationKey] = entry.answer.conversation_id;
      }
    } catch (err) {
      if ((err as any)?.code === 'CANCELLED') {
        entry.cancelled = true;
        entry.stoppedAt = this.progress.lastStep ?? undefined;
      } else {
        entry.error = message(err);
      }
    } finally {
      entry.elapsedMs = performance.now() - start;
      this.setIdle();
    }
    widget.render();
    this.scrollToEnd();
    this.save();
  }

  /**
   * Stop the running question (the Stop button): the panel is usable at once, the kernel is
   * interrupted where it works on the question (a server request is aborted, and the server
   * stops the work), and nothing is added to the conversation.
   */
  cancel(): void {
    this.running?.request.cancel(this.settings.interruptOnCancel);
  }

  private setBusy(entry: IChatEntry, request: IRunning<any>, elapsed: () => number | null): void {
    this.progress.start(entry.question, elapsed);
    this.running = { entry, request };
    this.sendButton.disabled = true;
    this.node.classList.add('nbdc-mod-busy');
  }

  private setIdle(): void {
    this.running = null;
    this.progress.finish();
    this.sendButton.disabled = false;
    this.node.classList.remove('nbdc-mod-busy');
  }

  /** Clear this notebook's conversation; the notice offers to undo it. */
  clear(): void {
    if (!this.chat.entries.length) {
      return;
    }
    this.cleared = this.chat;
    this.chat = { entries: [], conversations: {}, selected: this.chat.selected };
    this.save();
    this.renderHistory();
    const undo = el('button', 'nbdc-undo jp-mod-styled', 'Undo');
    undo.addEventListener('click', () => this.undoClear());
    this.showNotice(`Cleared ${this.cleared.entries.length} answer(s). `, undo);
  }

  undoClear(): void {
    if (!this.cleared) {
      return;
    }
    this.chat = { ...this.cleared, selected: this.chat.selected };
    this.cleared = null;
    this.save();
    this.renderHistory();
    this.showNotice('');
  }

  // -- rendering ---------------------------------------------------------------------------
  /** Draw every entry again (after a theme change: charts take the new theme's colours). */
  rerender(): void {
    for (const w of this.history.widgets) {
      if (w instanceof EntryWidget) {
        w.render();
      }
    }
  }

  private renderEmpty(): void {
    if (!this.history.widgets.length) {
      const empty = new Widget({ node: el('div', 'nbdc-empty') });
      empty.node.textContent =
        'Ask about the picked DataFrame or dataset, or click a suggested question below. ' +
        'Drop a CSV file here to load it.';
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
    const widget = new EntryWidget(entry, this);
    this.history.addWidget(widget);
    widget.render(pending);
    this.scrollToEnd();
    return widget;
  }

  /** A stored answer's chart: run its plan again in the kernel, or rebuild a server
   * answer's chart from its table. */
  async redraw(entry: IChatEntry): Promise<IFigure | null> {
    const answer = entry.answer;
    if (!answer) {
      return null;
    }
    if (entry.source === 'kernel' && answer.plan) {
      try {
        const { chart } = await this.kernel().redraw(entry.data, entry.question, answer.plan).promise;
        return (chart as IFigure) ?? null;
      } catch {
        return null;
      }
    }
    const table = answer.table;
    return table ? tableChart(table.columns, table.records, answer.chartKind ?? 'bar') : null;
  }

  /** Insert the answer's code below the notebook's active cell. */
  insertCell(entry: IChatEntry): void {
    const notebook = this.notebook;
    const code = codeCellFor(entry, this.settings.insertAs);
    if (!notebook || notebook.isDisposed || !code) {
      this.showNotice(code ? 'Open the notebook to insert the code into.' : '');
      return;
    }
    NotebookActions.insertBelow(notebook.content);
    const cell = notebook.content.activeCell;
    if (cell) {
      if (cell.model.type !== 'code') {
        NotebookActions.changeCellType(notebook.content, 'code');
      }
      notebook.content.activeCell?.model.sharedModel.setSource(code);
    }
  }

  /** Append the conversation to the notebook: a markdown cell per question, and its code. */
  exportToNotebook(): void {
    const notebook = this.notebook;
    const cells = exportCells(this.chat.entries, this.settings.insertAs);
    if (!notebook || notebook.isDisposed || !cells.length) {
      this.showNotice(notebook ? 'Nothing to export yet: ask a question first.'
                               : 'Open the notebook to export the conversation into.');
      return;
    }
    const model = notebook.content.model!;
    model.sharedModel.insertCells(
      model.cells.length,
      cells.map(c => ({ cell_type: c.type, source: c.source, metadata: {} }) as any)
    );
    this.showNotice(`Added ${cells.length} cells at the end of the notebook.`);
  }

  private showNotice(text: string, action?: HTMLElement): void {
    this.notice.textContent = text;
    if (action) {
      this.notice.append(action);
    }
    this.notice.hidden = !text;
  }

  /** Show the newest entry from its question down (charts take a moment to lay out). */
  private scrollToEnd(): void {
    const node = this.history.node;
    const last = () => node.lastElementChild as HTMLElement | null;
    const scroll = () => {
      const entry = last();
      node.scrollTop = entry && entry.offsetHeight > node.clientHeight
        ? entry.offsetTop - node.offsetTop : node.scrollHeight;
    };
    requestAnimationFrame(scroll);
    window.setTimeout(scroll, 300);
  }

  /** Save dropped CSV/Parquet files next to the notebook and read each into a DataFrame. */
  loadFiles(files: File[]): Promise<void> {
    return loadFiles(files, this.contents, this.parts);
  }

  // -- storage -----------------------------------------------------------------------------
  private save(): void {
    const path = this.notebook?.context.path;
    if (!path || !this.store) {
      return;
    }
    const result = this.store.save(path, this.chat, this.settings.historyLimit);
    if (!result.saved && result.message) {
      this.showNotice(result.message);
    }
  }
}
