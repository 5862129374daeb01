/**
 * Conversations kept in the browser under a size budget.
 *
 * A forecast's chart alone is 230-260 KB of JSON: stored with its charts, ~90 answers filled
 * the site's quota and every notebook's chat stopped saving. Stored entries keep the question,
 * the sentence, the first rows of the table and the plan, never chart data (the panel redraws
 * a chart from the plan in the kernel, or from the table for a server answer). Each notebook
 * gets a budget, all notebooks together another; the least recently used notebooks make room
 * first, and a full quota is handled, never shown as a raw QuotaExceededError.
 */

import type { IAnswer, IChatEntry, IStoredChat } from './logic';

export const STORAGE_PREFIX = 'nbdatachat:chat:';
export const INDEX_KEY = 'nbdatachat:index';
/** Characters (UTF-16 code units, what the quota counts) per notebook and in total. */
export const NOTEBOOK_BUDGET = 150_000;
export const TOTAL_BUDGET = 1_500_000;
/** Table rows stored per answer (the panel shows 10 by default). */
export const STORED_ROWS = 50;

/** The subset of the Web Storage API the store uses (``window.localStorage``). */
export interface IKeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ISaveResult {
  saved: boolean;
  /** Older answers of this notebook left out to fit its budget. */
  trimmed: number;
  /** Other notebooks whose stored chat was removed to make room. */
  evicted: string[];
  message?: string;
}

/** Where a notebook's chat is stored (one key per notebook path). */
export function storageKey(notebookPath: string): string {
  return STORAGE_PREFIX + notebookPath;
}

/** An entry as stored: no chart data, the first rows of its table. */
export function compactEntry(entry: IChatEntry, rows = STORED_ROWS): IChatEntry {
  const answer = entry.answer;
  if (!answer) {
    return entry;
  }
  const compact: IAnswer = { ...answer, chart: null, chartjs: undefined };
  if (answer.chart || answer.chartjs) {
    compact.chartKind = answer.chartKind ?? chartKindOf(answer);
  }
  const table = answer.table;
  if (table && table.records.length > rows) {
    compact.table = {
      ...table,
      records: table.records.slice(0, rows),
      formatted: table.formatted?.slice(0, rows),
      n_rows: table.n_rows ?? table.records.length
    };
  }
  return { ...entry, answer: compact };
}

function chartKindOf(answer: IAnswer): string {
  const traces: any[] = (answer.chart as any)?.data ?? [];
  if (answer.chartjs?.type) {
    return String(answer.chartjs.type);
  }
  if (traces.some(t => t?.type === 'bar')) {
    return 'bar';
  }
  return traces.some(t => String(t?.mode ?? '').includes('lines')) ? 'line' : 'scatter';
}

/** Parse a stored chat, tolerating missing, old or corrupt values. */
export function parseStoredChat(raw: string | null | undefined): IStoredChat {
  const empty: IStoredChat = { entries: [], conversations: {} };
  if (!raw) {
    return empty;
  }
  try {
    const value = JSON.parse(raw);
    if (!value || !Array.isArray(value.entries)) {
      return empty;
    }
    const entries = value.entries.filter(
      (e: any) => e && typeof e.question === 'string' && typeof e.id === 'string'
    );
    const conversations =
      value.conversations && typeof value.conversations === 'object' ? value.conversations : {};
    return { entries, conversations, selected: value.selected };
  } catch {
    return empty;
  }
}

/**
 * The chat as stored: the newest ``limit`` entries, compacted, and as many of those as fit in
 * ``budget`` characters (newest kept). Returns the text and how many entries were left out.
 */
export function serializeChat(
  chat: IStoredChat,
  limit: number,
  budget = NOTEBOOK_BUDGET
): { text: string; trimmed: number } {
  let entries = chat.entries.slice(-Math.max(0, limit)).map(e => compactEntry(e));
  const dropped = chat.entries.length - entries.length;
  const encode = (list: IChatEntry[]) => JSON.stringify({ ...chat, entries: list });
  let text = encode(entries);
  let trimmed = 0;
  while (text.length > budget && entries.length > 1) {
    const excess = text.length - budget;
    // Drop at least one; estimate how many oldest entries make up the excess.
    let cut = 0;
    let size = 0;
    while (cut < entries.length - 1 && size < excess) {
      size += JSON.stringify(entries[cut]).length + 1;
      cut++;
    }
    entries = entries.slice(Math.max(cut, 1));
    trimmed += Math.max(cut, 1);
    text = encode(entries);
  }
  if (text.length > budget && entries.length === 1) {
    entries = [compactEntry(entries[0], 5)];
    text = encode(entries);
  }
  return { text, trimmed: trimmed + dropped };
}

function isQuotaError(err: unknown): boolean {
  const e = err as { name?: string; code?: number } | null;
  return (
    !!e &&
    (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
      e.code === 22 || e.code === 1014)
  );
}

/** Per-notebook chats in a key-value storage, with budgets and least-recently-used eviction. */
export class ChatStore {
  constructor(
    private readonly storage: IKeyValueStorage,
    readonly notebookBudget = NOTEBOOK_BUDGET,
    readonly totalBudget = TOTAL_BUDGET,
    private readonly now: () => number = () => Date.now()
  ) {}

  /** ``{path: [lastSaved, size]}`` of every stored notebook chat. */
  index(): Record<string, [number, number]> {
    try {
      const value = JSON.parse(this.storage.getItem(INDEX_KEY) ?? '{}');
      return value && typeof value === 'object' ? value : {};
    } catch {
      return {};
    }
  }

  load(path: string): IStoredChat {
    try {
      return parseStoredChat(this.storage.getItem(storageKey(path)));
    } catch {
      return { entries: [], conversations: {} };
    }
  }

  remove(path: string): void {
    const index = this.index();
    delete index[path];
    try {
      this.storage.removeItem(storageKey(path));
      this.storage.setItem(INDEX_KEY, JSON.stringify(index));
    } catch {
      /* storage disabled: nothing to remove */
    }
  }

  save(path: string, chat: IStoredChat, limit: number): ISaveResult {
    const { text, trimmed } = serializeChat(chat, limit, this.notebookBudget);
    const evicted: string[] = [];
    const index = this.index();
    delete index[path];
    // Oldest first: the notebooks to give up when the total budget or the quota is reached.
    const others = Object.entries(index).sort((a, b) => a[1][0] - b[1][0]).map(([p]) => p);
    let total = text.length + Object.values(index).reduce((s, [, size]) => s + size, 0);
    while (total > this.totalBudget && others.length) {
      const victim = others.shift()!;
      total -= index[victim][1];
      this.evict(victim, index, evicted);
    }
    for (;;) {
      try {
        this.storage.setItem(storageKey(path), text);
        index[path] = [this.now(), text.length];
        this.storage.setItem(INDEX_KEY, JSON.stringify(index));
        return { saved: true, trimmed, evicted };
      } catch (err) {
        if (!isQuotaError(err)) {
          return {
            saved: false, trimmed, evicted,
            message: 'This browser does not let the panel store conversations (storage is ' +
              'disabled); the chat stays until the page is closed.'
          };
        }
        if (!others.length) {
          return {
            saved: false, trimmed, evicted,
            message: "The browser's storage for this site is full, so this conversation is " +
              'kept only until the page is closed. Clear other sites\u2019 data or old ' +
              'conversations (Clear) to save again.'
          };
        }
        this.evict(others.shift()!, index, evicted);
      }
    }
  }

  private evict(path: string, index: Record<string, [number, number]>, evicted: string[]): void {
    try {
      this.storage.removeItem(storageKey(path));
    } catch {
      /* ignore */
    }
    delete index[path];
    evicted.push(path);
  }
}
