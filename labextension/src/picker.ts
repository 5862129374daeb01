/**
 * The data picker: the notebook kernel's DataFrames, its catalog datasets and the server's
 * datasets in one select, following the kernel (restarts, new variables) without switching
 * the picked data on its own, and the suggested questions for the picked data.
 *
 * It reads and writes the panel's state through ``IPickerHost`` so the panel stays the one
 * owner of the notebook, its stored chat and the notice line.
 */

import { NotebookPanel } from '@jupyterlab/notebook';

import { el, message } from './entry';
import { IStoredChat, parseSourceValue, sourceValue } from './logic';
import { IPanelSettings } from './settings';
import { KernelSource, ServerSource } from './sources';

/** What the picker needs from the panel it sits in. */
export interface IPickerHost {
  notebook(): NotebookPanel | null;
  chat(): IStoredChat;
  settings(): IPanelSettings;
  server(): ServerSource;
  kernel(): KernelSource;
  save(): void;
  showNotice(text: string): void;
  ask(question: string): void;
}

interface IOption {
  group: string;
  value: string;
  label: string;
}

export class DataPicker {
  constructor(private readonly host: IPickerHost) {
    this.node = el('div', 'nbdc-pick');
    this.select = el('select', 'nbdc-picker jp-mod-styled');
    this.select.title = 'The DataFrame or dataset the questions are about';
    this.select.setAttribute('aria-label', 'Data to ask about');
    this.select.addEventListener('change', () => this.onPick());
    this.refreshButton = el('button', 'nbdc-refresh jp-mod-styled', '⟳');
    this.refreshButton.title = "Refresh the notebook's DataFrames and the server's datasets";
    this.refreshButton.setAttribute('aria-label', 'Refresh the data list');
    this.refreshButton.addEventListener('click', () => void this.refresh(true));
    this.node.append(this.select, this.refreshButton);
    this.suggestions = el('div', 'nbdc-suggestions');
  }

  /** The row with the select and the ⟳ button. */
  readonly node: HTMLDivElement;
  /** The suggested questions (placed by the panel above the question box). */
  readonly suggestions: HTMLDivElement;
  private readonly select: HTMLSelectElement;
  private readonly refreshButton: HTMLButtonElement;

  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private serverDownSince = 0;
  private kernelPid: number | undefined;
  private suggestionsFor = '';
  private announcement = '';
  private names_: string[] = [];

  /** The picked value (``kernel:name`` or ``server:name``), '' when nothing is picked. */
  get value(): string {
    return this.select.value;
  }

  /** The names listed (for ``@name`` mentions). */
  get names(): string[] {
    return this.names_;
  }

  /** Another notebook: its kernel and its suggestions are not known yet. */
  reset(): void {
    this.kernelPid = undefined;
    this.suggestionsFor = '';
  }

  /** The first question asked ends the "Asking about …" announcement. */
  endAnnouncement(): void {
    if (this.announcement) {
      this.announcement = '';
      this.host.showNotice('');
    }
  }

  /**
   * Pick the data named ``name`` (a kernel entry before a server one of the same name);
   * true when the pick changed.
   */
  pickNamed(name: string): boolean {
    const values = [...this.select.options].map(o => o.value);
    const value = values.find(v => parseSourceValue(v)?.name === name && v.startsWith('kernel:'))
      ?? values.find(v => parseSourceValue(v)?.name === name);
    if (value && value !== this.select.value) {
      this.select.value = value;
      this.onPick();
      return true;
    }
    return false;
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
      this.refreshAgain = true; // the running refresh may have read an older notebook
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
    const notebook = this.host.notebook();
    const settings = this.host.settings();
    const useServer = settings.useServer && Date.now() - this.serverDownSince > 60_000;
    const server = useServer ? this.host.server().listDatasets().promise : null;
    const problems: string[] = [];
    const frames: IOption[] = [];
    let kernelDatasets: string[] = [];
    if (notebook) {
      try {
        const data = await this.host.kernel().listData().promise;
        for (const f of data.dataframes) {
          frames.push({
            group: 'Notebook DataFrames',
            value: sourceValue('kernel', f.name),
            label: `${f.name} (${f.rows.toLocaleString('en-US')} × ${f.columns.length})`
          });
        }
        kernelDatasets = data.datasets.filter(d => !data.dataframes.some(f => f.name === d));
        if (this.kernelPid !== undefined && data.pid !== undefined && data.pid !== this.kernelPid) {
          this.onKernelRestart();
        }
        this.kernelPid = data.pid;
      } catch (err) {
        problems.push(message(err));
      }
    } else {
      problems.push('Open a notebook to chat about its DataFrames.');
    }
    const datasets = (names: string[], group: string, source: 'kernel' | 'server') =>
      names.map(name => ({ group, value: sourceValue(source, name), label: name }));
    this.fillPicker([...frames, ...datasets(kernelDatasets, 'Datasets', 'kernel')], problems);
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
    if (this.host.notebook() !== notebook) {
      return; // another refresh follows for the new notebook
    }
    // One entry per name: a notebook DataFrame hides a server or catalog dataset of the same
    // name (a question about "tips" in this notebook means its variable).
    const frameNames = new Set(frames.map(f => parseSourceValue(f.value)!.name));
    serverDatasets = serverDatasets.filter(n => !frameNames.has(n));
    this.fillPicker(
      [
        ...frames,
        ...datasets(serverDatasets, 'Server datasets', 'server'),
        ...datasets(kernelDatasets.filter(n => !serverDatasets.includes(n)), 'Datasets', 'kernel')
      ],
      problems
    );
  }

  /**
   * Fill the picker. It follows the kernel but never switches on its own: the data picked
   * for this notebook stays picked, marked "not in the kernel" when a restart removed it; a
   * notebook with nothing picked takes its first DataFrame (and says so), never a demo
   * dataset.
   */
  private fillPicker(options: IOption[], problems: string[]): void {
    const chat = this.host.chat();
    const seen = new Set<string>();
    options = options.filter(o => !seen.has(o.value) && !!seen.add(o.value));
    this.names_ = [...new Set(options.map(o => parseSourceValue(o.value)!.name))];
    const notes = [...problems];
    let selected = chat.selected ?? '';
    if (!selected) {
      const frame = options.find(o => o.group === 'Notebook DataFrames');
      if (frame) {
        selected = chat.selected = frame.value;
        this.announcement = `Asking about ${parseSourceValue(frame.value)!.name}, this ` +
          'notebook’s DataFrame.';
        this.host.save();
      }
    }
    if (this.announcement) {
      notes.push(this.announcement); // until the user picks or asks
    }
    if (selected && !options.some(o => o.value === selected)) {
      const name = parseSourceValue(selected)?.name ?? selected;
      options = [{ group: 'Picked, not available now', value: selected,
                   label: `${name} (not in the kernel now)` }, ...options];
      if (this.host.notebook()) {
        notes.push(`${name} is not in the kernel now: run the cell that creates it, or pick ` +
                   'other data.');
      }
    }
    this.select.textContent = '';
    if (!selected) {
      const placeholder = el('option', '', options.length ? 'Pick a DataFrame or dataset…'
                                                          : 'No data yet: run a cell that makes a DataFrame');
      placeholder.value = '';
      this.select.append(placeholder);
    }
    const groups = new Map<string, HTMLOptGroupElement>();
    for (const o of options) {
      let group = groups.get(o.group);
      if (!group) {
        group = el('optgroup');
        group.label = o.group;
        groups.set(o.group, group);
        this.select.append(group);
      }
      const option = el('option', '', o.label);
      option.value = o.value;
      group.append(option);
    }
    this.select.value = selected;
    this.select.disabled = !options.length;
    this.host.showNotice(notes.join(' '));
    void this.loadSuggestions();
  }

  private onKernelRestart(): void {
    // The kernel's conversations and DataFrames are gone; the picked name stays picked.
    const chat = this.host.chat();
    for (const key of Object.keys(chat.conversations)) {
      if (key.startsWith('kernel:')) {
        delete chat.conversations[key];
      }
    }
    this.suggestionsFor = '';
    this.host.save();
  }

  private onPick(): void {
    this.announcement = '';
    this.host.chat().selected = this.select.value;
    this.host.save();
    void this.loadSuggestions();
  }

  /** Clickable questions built from the picked data's schema (in the kernel). */
  private async loadSuggestions(): Promise<void> {
    const value = this.select.value;
    if (value === this.suggestionsFor) {
      return;
    }
    this.suggestionsFor = value;
    this.suggestions.textContent = '';
    const picked = parseSourceValue(value);
    if (!picked || picked.source !== 'kernel' || !this.host.notebook()) {
      return;
    }
    try {
      const { questions } = await this.host.kernel().suggest(picked.name).promise;
      if (this.suggestionsFor !== value) {
        return;
      }
      for (const q of questions) {
        const chip = el('button', 'nbdc-suggestion jp-mod-styled', q);
        chip.title = 'Ask this';
        chip.addEventListener('click', () => void this.host.ask(q));
        this.suggestions.append(chip);
      }
    } catch {
      this.suggestionsFor = ''; // try again on the next refresh
    }
  }
}
