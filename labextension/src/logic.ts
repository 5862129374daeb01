/**
 * The panel's pure logic: no JupyterLab imports, so jest tests it without a browser.
 *
 * Kept apart from the widgets because these rules (how a kernel call is quoted, how a reply
 * is read, which code cell reproduces an answer, how a Chart.js chart becomes a Plotly one,
 * how the conversation is stored) are where bugs hide, and they are cheap to test here.
 */

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';
export const BRIDGE_MODULE = 'nbdatachat.jupyter.lab_bridge';
export const STORAGE_PREFIX = 'nbdatachat:chat:';

/** The answer as the kernel bridge (Answer.to_dict() plus extras) sends it. */
export interface IAnswer {
  status: 'answered' | 'needs_clarification' | 'cannot_answer' | string;
  text: string;
  table?: { columns: string[]; records: Record<string, unknown>[]; n_rows?: number } | null;
  chart?: { data: unknown[]; layout?: Record<string, unknown> } | null;
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
  elapsedMs?: number;
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

/** The code cell that reproduces an answer: its pandas code, or the ``%%ask`` magic. */
export function codeCellFor(
  entry: IChatEntry,
  prefer: 'code' | 'magic' = 'code'
): string {
  const answer = entry.answer;
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
    for (const row of table.records.slice(0, maxRows)) {
      lines.push(table.columns.map(c => formatCell(row[c])).join('\t'));
    }
  }
  if (a.sql) {
    lines.push('', a.sql);
  }
  return lines.join('\n');
}

/** A table cell as the notebook's card shows it: short floats, empty for null/NaN. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return Number.isNaN(value) ? '' : String(value);
    }
    if (Number.isInteger(value)) {
      return value.toLocaleString('en-US');
    }
    const abs = Math.abs(value);
    if (abs >= 1e6 || abs < 1e-3) {
      return value.toPrecision(4);
    }
    return value.toLocaleString('en-US', { maximumFractionDigits: 4 });
  }
  return String(value);
}

/** The Chart.js config the server's analytics chat returns, as a Plotly figure. */
export function chartjsToPlotly(config: any): { data: any[]; layout: any } | null {
  if (!config || typeof config !== 'object' || !config.data) {
    return null;
  }
  const labels: unknown[] = config.data.labels ?? [];
  const datasets: any[] = config.data.datasets ?? [];
  if (!datasets.length) {
    return null;
  }
  const type = String(config.type ?? 'bar');
  const horizontal = config.options?.indexAxis === 'y';
  const traces = datasets.map(ds => {
    const values: any[] = ds.data ?? [];
    const points = values.length && typeof values[0] === 'object' && values[0] !== null;
    const xs = points ? values.map(p => p.x) : labels;
    const ys = points ? values.map(p => p.y) : values;
    const name = ds.label ?? '';
    if (type === 'pie' || type === 'doughnut') {
      return { type: 'pie', labels, values, name, hole: type === 'doughnut' ? 0.4 : 0 };
    }
    if (type === 'line') {
      return { type: 'scatter', mode: 'lines+markers', x: xs, y: ys, name };
    }
    if (type === 'scatter' || type === 'bubble') {
      return { type: 'scatter', mode: 'markers', x: xs, y: ys, name };
    }
    return horizontal
      ? { type: 'bar', orientation: 'h', x: ys, y: xs, name }
      : { type: 'bar', x: xs, y: ys, name };
  });
  const title = config.title ?? config.options?.plugins?.title?.text;
  return {
    data: traces,
    layout: { ...(title ? { title: { text: String(title) } } : {}), showlegend: datasets.length > 1 }
  };
}

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
    sql: reply?.sql ?? null,
    code: null,
    magic: `%%ask ${dataset}\n${question.trim()}\n`,
    conversation_id: reply?.conversationId ?? null,
    data: dataset
  };
}

/** Where a notebook's chat is stored (one key per notebook path). */
export function storageKey(notebookPath: string): string {
  return STORAGE_PREFIX + notebookPath;
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

/** The chat as stored: the newest ``limit`` entries, each chart kept only if small. */
export function serializeChat(chat: IStoredChat, limit: number, maxChartChars = 200_000): string {
  const entries = chat.entries.slice(-Math.max(0, limit)).map(e => {
    if (!e.answer?.chart) {
      return e;
    }
    const size = JSON.stringify(e.answer.chart).length;
    return size > maxChartChars ? { ...e, answer: { ...e.answer, chart: null } } : e;
  });
  return JSON.stringify({ ...chat, entries });
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

/** "1.2 s" / "340 ms" for the progress line and the answer footer. */
export function formatElapsed(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
