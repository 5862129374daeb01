import { chartjsToPlotly } from '../src/charts';
import {
  answerAsText,
  bridgeExpression,
  codeCellFor,
  exportCells,
  formatCell,
  IChatEntry,
  InputHistory,
  parseMention,
  parseSourceValue,
  readBridgeReply,
  serverBaseUrl,
  serverReplyToAnswer
} from '../src/logic';

const entry = (over: Partial<IChatEntry> = {}): IChatEntry => ({
  id: 'e1',
  question: 'average sales by region',
  source: 'kernel',
  data: 'df',
  time: 0,
  ...over
});

describe('bridgeExpression', () => {
  it('passes arguments as one JSON string literal', () => {
    const expr = bridgeExpression('ask', { data: 'df', question: 'it\'s "odd"\n\\ ok' });
    expect(expr.startsWith("__import__(\"nbdatachat.jupyter.lab_bridge\", fromlist=['_']).ask(")).toBe(true);
    const literal = expr.slice(expr.indexOf('.ask(') + 5, -1);
    // The literal decodes (JSON rules = Python rules here) back to the exact arguments.
    expect(JSON.parse(JSON.parse(literal))).toEqual({ data: 'df', question: 'it\'s "odd"\n\\ ok' });
    expect(literal).not.toContain('\n');
  });

  it('escapes line separators Python would keep but JS source cannot', () => {
    const expr = bridgeExpression('ask', { question: 'a\u2028b' });
    expect(expr).toContain('\\u2028');
  });

  it('refuses function names that are not plain identifiers', () => {
    expect(() => bridgeExpression('ask); import os; (', {})).toThrow('Not a bridge function');
  });
});

describe('readBridgeReply', () => {
  it('returns the JSON payload', () => {
    const payload = { text: 'hi', status: 'answered' };
    expect(readBridgeReply({ status: 'ok', data: { 'application/json': payload } })).toBe(payload);
  });

  it('explains a missing nbdatachat in the kernel', () => {
    expect(() =>
      readBridgeReply({ status: 'error', ename: 'ModuleNotFoundError', evalue: "No module named 'nbdatachat'" })
    ).toThrow(/not installed in this notebook's kernel.*%pip install nbdatachat/);
  });

  it('turns a bridge error into its message', () => {
    const reply = {
      status: 'ok',
      data: { 'application/json': { error: { code: 'INVALID_REQUEST', message: 'Type a question first' } } }
    };
    expect(() => readBridgeReply(reply)).toThrow('Type a question first');
  });

  it('keeps an answer that carries an error next to its text', () => {
    const payload = { text: 'No column named x', status: 'cannot_answer', error: { error: { code: 'X' } } };
    expect(readBridgeReply({ status: 'ok', data: { 'application/json': payload } }).text).toBe(
      'No column named x'
    );
  });

  it('says when there is no reply or no JSON', () => {
    expect(() => readBridgeReply(undefined)).toThrow('no reply');
    expect(() => readBridgeReply({ status: 'ok', data: { 'text/plain': "'x'" } })).toThrow('without JSON');
  });
});

describe('codeCellFor', () => {
  const answer = {
    status: 'answered',
    text: 't',
    code: "import pandas as pd\n\nd = df\nresult = d.groupby('region')['sales'].mean()\nresult\n",
    magic: '%%ask df\naverage sales by region\n'
  };

  it('prefers the pandas code, headed by the question', () => {
    expect(codeCellFor(entry({ answer }))).toBe(
      "# average sales by region\nimport pandas as pd\n\nd = df\nresult = d.groupby('region')['sales'].mean()\nresult"
    );
  });

  it('writes the %%ask magic when asked to or when there is no code', () => {
    expect(codeCellFor(entry({ answer }), 'magic')).toBe('%%ask df\naverage sales by region');
    expect(codeCellFor(entry({ answer: { ...answer, code: null, magic: null } }))).toBe(
      '%%ask df\naverage sales by region'
    );
  });

  it('has nothing to insert for a refusal, a question back or an error', () => {
    expect(codeCellFor(entry({ answer: { ...answer, status: 'cannot_answer' } }))).toBeNull();
    expect(codeCellFor(entry({ answer: { ...answer, status: 'needs_clarification' } }))).toBeNull();
    expect(codeCellFor(entry({ error: 'kernel dead' }))).toBeNull();
  });
});

describe('chartjsToPlotly', () => {
  it('maps a bar chart with labels to a bar trace', () => {
    const fig = chartjsToPlotly({
      type: 'bar',
      title: 'Sales by region',
      data: { labels: ['a', 'b'], datasets: [{ label: 'sales', data: [1, 2] }] }
    })!;
    expect(fig.data).toEqual([{ type: 'bar', x: ['a', 'b'], y: [1, 2], name: 'sales' }]);
    expect(fig.layout.title.text).toBe('Sales by region');
  });

  it('maps horizontal bars, lines, scatter points and pies', () => {
    const h = chartjsToPlotly({
      type: 'bar',
      options: { indexAxis: 'y' },
      data: { labels: ['a'], datasets: [{ data: [3] }] }
    })!;
    expect(h.data[0]).toMatchObject({ orientation: 'h', x: [3], y: ['a'] });
    const line = chartjsToPlotly({ type: 'line', data: { labels: [1, 2], datasets: [{ data: [5, 6] }] } })!;
    expect(line.data[0]).toMatchObject({ type: 'scatter', mode: 'lines+markers', y: [5, 6] });
    const sc = chartjsToPlotly({
      type: 'scatter',
      data: { datasets: [{ data: [{ x: 1, y: 2 }, { x: 3, y: 4 }] }] }
    })!;
    expect(sc.data[0]).toMatchObject({ mode: 'markers', x: [1, 3], y: [2, 4] });
    const pie = chartjsToPlotly({ type: 'pie', data: { labels: ['a'], datasets: [{ data: [1] }] } })!;
    expect(pie.data[0]).toMatchObject({ type: 'pie', labels: ['a'], values: [1] });
  });

  it('returns null for nothing to draw', () => {
    expect(chartjsToPlotly(null)).toBeNull();
    expect(chartjsToPlotly({ type: 'bar', data: { labels: [], datasets: [] } })).toBeNull();
  });
});

describe('serverReplyToAnswer', () => {
  it('reads the analytics chat reply', () => {
    const a = serverReplyToAnswer(
      {
        response: 'Total sales: 10.',
        status: 'answered',
        conversationId: 'c1',
        table: [{ region: 'a', total: 10 }],
        sql: 'SELECT 1',
        charts: [{ type: 'bar', data: { labels: ['a'], datasets: [{ data: [10] }] } }]
      },
      'sales',
      'total sales by region'
    );
    expect(a.text).toBe('Total sales: 10.');
    expect(a.table!.columns).toEqual(['region', 'total']);
    expect(a.chart!.data).toHaveLength(1);
    expect(a.conversation_id).toBe('c1');
    expect(a.magic).toBe('%%ask sales\ntotal sales by region\n');
  });
});

describe('small helpers', () => {
  it('formats cells like the notebook card', () => {
    expect(formatCell(null)).toBe('');
    expect(formatCell(NaN)).toBe('');
    expect(formatCell(1234567)).toBe('1,234,567');
    expect(formatCell(0.123456)).toBe('0.12346');
    expect(formatCell(0.0000123)).toBe('1.23e-05');
    expect(formatCell('x')).toBe('x');
  });

  it('parses picker values', () => {
    expect(parseSourceValue('kernel:my:df')).toEqual({ source: 'kernel', name: 'my:df' });
    expect(parseSourceValue('server:sales')).toEqual({ source: 'server', name: 'sales' });
    expect(parseSourceValue('other:x')).toBeNull();
    expect(parseSourceValue('')).toBeNull();
  });

  it('finds the server under Jupyter unless a URL is set', () => {
    expect(serverBaseUrl('', '/user/me/')).toBe('/user/me/nbdatachat/');
    expect(serverBaseUrl('http://127.0.0.1:8000', '/')).toBe('http://127.0.0.1:8000/');
  });

  it('copies the answer as text with a TSV table', () => {
    const text = answerAsText(
      entry({
        answer: {
          status: 'answered',
          text: 'Average sales: a 1.5.',
          table: { columns: ['region', 'mean'], records: [{ region: 'a', mean: 1.5 }] },
          sql: 'SELECT 1'
        }
      })
    );
    expect(text).toBe('Q: average sales by region\nAverage sales: a 1.5.\n\nregion\tmean\na\t1.5\n\nSELECT 1');
    // Years are copied as years, and the kernel's own formatted rows win.
    const years = answerAsText(
      entry({
        answer: {
          status: 'answered',
          text: 't',
          table: { columns: ['year', 'pop'], records: [{ year: 1952, pop: 2514000.0 }] }
        }
      })
    );
    expect(years.split('\n').slice(-1)[0]).toBe('1952\t2,514,000');
    const kernel = answerAsText(
      entry({
        answer: {
          status: 'answered',
          text: 't',
          table: { columns: ['d'], records: [{ d: '2020-01-01T00:00:00' }], formatted: [['Jan 2020']] }
        }
      })
    );
    expect(kernel.split('\n').slice(-1)[0]).toBe('Jan 2020');
    expect(answerAsText(entry({ error: 'kernel dead' }))).toBe(
      'Q: average sales by region\nError: kernel dead'
    );
  });
});

describe('conversation helpers', () => {
  it('reads @name as the data a question is about', () => {
    expect(parseMention('@tips average tip by day', ['tips', 'sales'])).toEqual({
      data: 'tips',
      question: 'average tip by day'
    });
    expect(parseMention('average sales by region in @sales?', ['tips', 'sales'])).toEqual({
      data: 'sales',
      question: 'average sales by region?'
    });
    expect(parseMention('mail me@example.com the total', ['example'])).toEqual({
      data: null,
      question: 'mail me@example.com the total'
    });
    expect(parseMention('@nope total', ['tips'])).toEqual({ data: null, question: '@nope total' });
  });

  it('walks the question history with ArrowUp/ArrowDown and keeps the draft', () => {
    const h = new InputHistory(['a', 'b', 'a']);
    expect(h.previous('draft')).toBe('a');
    expect(h.previous('a')).toBe('b');
    expect(h.previous('b')).toBeNull();
    expect(h.next()).toBe('a');
    expect(h.next()).toBe('draft');
    expect(h.next()).toBeNull();
    h.push('c');
    expect(h.previous('')).toBe('c');
  });

  it('exports answered questions as markdown and code cells', () => {
    const answered = entry({
      answer: { status: 'answered', text: 'Average: a 1.5.', dataset: 'df', code: 'd = df\nresult = d\nresult\n' }
    });
    const refused = entry({ id: 'e2', question: 'weather?', answer: { status: 'cannot_answer', text: 'No.' } });
    const failed = entry({ id: 'e3', error: 'kernel dead' });
    expect(exportCells([answered, refused, failed])).toEqual([
      { type: 'markdown', source: '**Q** (about `df`): average sales by region\n\nAverage: a 1.5.' },
      { type: 'code', source: '# average sales by region\nd = df\nresult = d\nresult' },
      { type: 'markdown', source: '**Q** (about `df`): weather?\n\nNo.' }
    ]);
  });
});
