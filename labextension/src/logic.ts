/**
 * The panel's pure logic: no JupyterLab imports, so jest tests it without a browser.
 *
 * Kept apart from the widgets because these rules (how a kernel call is quoted, how a reply
 * is read, which code cell reproduces an answer, how a Chart.js chart becomes a Plotly one,
 * how the conversation is stored) are where bugs hide, and they are cheap to test here.
 */

import { chartjsToPlotly } from './charts';
import { formatCell, formatRecords } from './format';

export const BRIDGE_MODULE = 'nbdatachat.jupyter.lab_bridge';

/** The answer as the kernel bridge (Answer.to_dict() plus extras) sends it. */
export interface IAnswer {
  status: 'answered' | 'needs_clarification' | 'cannot_answer' | string;
  text: string;
  table?: {
    columns: string[];
    records: Record<string, unknown>[];
    n_rows?: number;
    /** Display strings from nbdatachat.textfmt, row by row (kernel answers). */
    formatted?: string[][];
  } | null;
  chart?: { data: unknown[]; layout?: Record<string, unknown> } | null;
  /** The server's Chart.js config (server answers). */
  chartjs?: any;
  /** Set when the chart was not stored: the kind to redraw from the table. */
  chartKind?: string;
  /** How the question was read (Answer.interpretation), shown under the question. */
  interpretation?: string | null;
  dataset?: string | null;
  plan?: unknown;
  sql?: string | null;
  code?: string | null;
  magic?: string | null;
  conversation_id?: string | null;
  options?: string[];
  data?: string;
  elapsed_ms?: number;
  error?: { error?: { code?: string; message?: string } } | null;
}

/** One question and what came back, as kept in the panel and in storage. */
export interface IChatEntry {
  id: string;
  question: string;
  source: 'kernel' | 'server';
  data: string;
  time: number;
  answer?: IAnswer;
  error?: string;
  cancelled?: boolean;
  /** The last step shown before the question was stopped. */
  stoppedAt?: string;
  elapsedMs?: number;
  /** Time spent waiting for a running cell before the kernel took the question. */
  waitedMs?: number;
}

export interface IStoredChat {
  entries: IChatEntry[];
  conversations: Record<string, string>;
  selected?: string;
}

/** An error the panel shows as a message (never thrown into the console). */
export class PanelError extends Error {
  constructor(
    message: string,
    readonly code: string = 'PANEL_ERROR'
  ) {
    super(message);
    this.name = 'PanelError';
  }
}

/**
 * The Python expression that calls ``fn`` of the kernel bridge with ``args``.
 *
 * The arguments travel as one JSON string: ``JSON.stringify`` of a string is also a valid
 * Python string literal (same escapes), so no user text is ever spliced into code unquoted.
 */
export function bridgeExpression(fn: string, args: Record<string, unknown>): string {
  if (!/^[a-z_]+$/.test(fn)) {
    throw new PanelError(`Not a bridge function: ${fn}`);
  }
  const literal = JSON.stringify(JSON.stringify(args)).replace(
    /[\u2028\u2029]/g,
    c => '\\u' + c.charCodeAt(0).toString(16)
  );
  return `__import__(${JSON.stringify(BRIDGE_MODULE)}, fromlist=['_']).${fn}(${literal})`;
}

/** A kernel's ``user_expressions`` entry as the bridge's JSON, or a PanelError saying why not. */
export function readBridgeReply(expr: any): any {
  if (!expr) {
    throw new PanelError('The kernel sent no reply. Is it busy or restarting?', 'NO_REPLY');
  }
  if (expr.status === 'error') {
    const ename = String(expr.ename ?? 'Error');
    const evalue = String(expr.evalue ?? '');
    if (ename === 'ModuleNotFoundError' || ename === 'ImportError') {
      throw new PanelError(
        `nbdatachat is not installed in this notebook's kernel (${ename}: ${evalue}). ` +
          'Run "%pip install nbdatachat" in a cell, or pick a kernel that has it.',
        'NOT_INSTALLED'
      );
    }
    throw new PanelError(`The kernel raised ${ename}: ${evalue}`, 'KERNEL_ERROR');
  }
  const payload = expr.data?.['application/json'];
  if (payload === undefined) {
    throw new PanelError(
      'The kernel replied without JSON; update nbdatachat in the kernel to this version.',
      'BAD_REPLY'
    );
  }
  const err = payload?.error;
  if (err && typeof err === 'object' && 'message' in err && payload.text === undefined) {
    throw new PanelError(String(err.message), String(err.code ?? 'ERROR'));
  }
  return payload;
}

/**
 * The code cell that reproduces an answer: its pandas code, or the ``%%ask`` magic; null for
 * an answer that is a question back or a refusal (there is nothing to reproduce).
 */
export function codeCellFor(
  entry: IChatEntry,
  prefer: 'code' | 'magic' = 'code'
): string | null {
  const answer = entry.answer;
  if (!answer || answer.status !== 'answered') {
    return null;
  }
  const magic = (answer?.magic || `%%ask ${entry.data}\n${entry.question.trim()}\n`).replace(
    /\n+$/,
    ''
  );
  if (prefer === 'magic' || !answer?.code) {
    return magic;
  }
  const question = entry.question.trim().replace(/\s*\n\s*/g, ' ');
  return `# ${question}\n${answer.code.replace(/\n+$/, '')}`;
}

/** Plain text of an answer for the clipboard: question, sentence, table as TSV, SQL. */
export function answerAsText(entry: IChatEntry, maxRows = 50): string {
  const lines = [`Q: ${entry.question}`];
  const a = entry.answer;
  if (!a) {
    lines.push(entry.error ? `Error: ${entry.error}` : '(no answer)');
    return lines.join('\n');
  }
  lines.push(a.text);
  const table = a.table;
  if (table && table.columns.length && table.records.length) {
    lines.push('', table.columns.join('\t'));
    for (const row of displayRows(table).slice(0, maxRows)) {
      lines.push(row.join('\t'));
    }
  }
  if (a.sql) {
    lines.push('', a.sql);
  }
  return lines.join('\n');
}

/** The table's rows as display strings: the kernel's own (textfmt), else formatted here. */
export function displayRows(table: NonNullable<IAnswer['table']>): string[][] {
  const n = table.records.length;
  if (table.formatted && table.formatted.length >= n) {
    return table.formatted.slice(0, n);
  }
  return formatRecords(table.columns, table.records);
}

export { formatCell };

/** The server's ``/api/v1/analytics/chat`` reply in the kernel bridge's shape. */
export function serverReplyToAnswer(reply: any, dataset: string, question: string): IAnswer {
  const records: Record<string, unknown>[] = Array.isArray(reply?.table) ? reply.table : [];
  const columns = records.length ? Object.keys(records[0]) : [];
  const charts: any[] = Array.isArray(reply?.charts) ? reply.charts : [];
  return {
    status: String(reply?.status ?? 'answered'),
    text: String(reply?.response ?? ''),
    table: { columns, records, n_rows: records.length },
    chart: charts.length ? chartjsToPlotly(charts[0]) : null,
    chartjs: charts.length ? charts[0] : undefined,
    sql: reply?.sql ?? null,
    code: null,
    magic: `%%ask ${dataset}\n${question.trim()}\n`,
    conversation_id: reply?.conversationId ?? null,
    data: dataset,
    dataset
  };
}

/** The picker's value for a data source: ``kernel:df`` or ``server:sales``. */
export function sourceValue(source: 'kernel' | 'server', name: string): string {
  return `${source}:${name}`;
}

export function parseSourceValue(value: string): { source: 'kernel' | 'server'; name: string } | null {
  const i = value.indexOf(':');
  if (i < 0) {
    return null;
  }
  const source = value.slice(0, i);
  if (source !== 'kernel' && source !== 'server') {
    return null;
  }
  return { source, name: value.slice(i + 1) };
}

/** The server's base URL: the setting, or the jupyter-server-proxy path under Jupyter's. */
export function serverBaseUrl(setting: string, jupyterBaseUrl: string): string {
  const raw = (setting || '').trim() || joinUrl(jupyterBaseUrl, 'nbdatachat/');
  return raw.endsWith('/') ? raw : raw + '/';
}

export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}

export { formatElapsed } from './format';

/** ``@tips what is the average tip`` -> the data named and the question without it. */
export function parseMention(
  question: string,
  names: string[]
): { data: string | null; question: string } {
  const match = /(^|\s)@([A-Za-z_][\w.-]*)/.exec(question);
  if (!match) {
    return { data: null, question: question.trim() };
  }
  const name = match[2].replace(/[.,;:!?]+$/, '');
  if (!names.includes(name)) {
    return { data: null, question: question.trim() };
  }
  // "... in @sales?" -> "...?": the mention and the preposition that introduced it go.
  const before = question.slice(0, match.index).replace(/\s+(about|in|for|on|of|from)\s*$/i, '');
  const after = question.slice(match.index + match[0].length);
  const rest = `${before} ${after}`
    .replace(/\s+/g, ' ')
    .replace(/\s+([?.!,;:])/g, '$1')
    .trim()
    .replace(/^(about|in|for|on|of|from)\s+/i, '');
  return { data: name, question: rest };
}

/** The questions asked, for ArrowUp/ArrowDown in the input (newest last, no repeats). */
export class InputHistory {
  private items: string[] = [];
  private cursor = 0;
  private draft = '';

  constructor(questions: string[] = [], readonly limit = 100) {
    this.reset(questions);
  }

  reset(questions: string[]): void {
    this.items = [];
    for (const q of questions) {
      this.push(q);
    }
    this.cursor = this.items.length;
  }

  push(question: string): void {
    const q = question.trim();
    if (!q) {
      return;
    }
    this.items = this.items.filter(x => x !== q);
    this.items.push(q);
    this.items = this.items.slice(-this.limit);
    this.cursor = this.items.length;
    this.draft = '';
  }

  /** The previous question (ArrowUp); ``current`` is kept as the draft to come back to. */
  previous(current: string): string | null {
    if (!this.items.length || this.cursor === 0) {
      return null;
    }
    if (this.cursor === this.items.length) {
      this.draft = current;
    }
    this.cursor--;
    return this.items[this.cursor];
  }

  /** The next question (ArrowDown), or the draft after the newest. */
  next(): string | null {
    if (this.cursor >= this.items.length) {
      return null;
    }
    this.cursor++;
    return this.cursor === this.items.length ? this.draft : this.items[this.cursor];
  }
}

export interface IExportCell {
  type: 'markdown' | 'code';
  source: string;
}

/** The conversation as notebook cells: each question and its sentence as markdown, and the
 * code that reproduces each answered question. Errors and cancelled questions are left out. */
export function exportCells(entries: IChatEntry[], prefer: 'code' | 'magic' = 'code'): IExportCell[] {
  const cells: IExportCell[] = [];
  for (const e of entries) {
    if (!e.answer) {
      continue;
    }
    const quoted = e.question.trim().replace(/\s*\n\s*/g, ' ');
    const about = e.answer.dataset || e.data;
    cells.push({
      type: 'markdown',
      source: `**Q** (about \`${about}\`): ${quoted}\n\n${e.answer.text}`
    });
    const code = codeCellFor(e, prefer);
    if (code) {
      cells.push({ type: 'code', source: code });
    }
  }
  return cells;
}
