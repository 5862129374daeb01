import {
  chartjsToPlotly,
  contrastRatio,
  IThemeColors,
  tableChart,
  themedFigure
} from '../src/charts';
import { columnDecimals, formatCell, formatRecords, isIdentifierName, plainDateText } from '../src/format';
import { IChatEntry } from '../src/logic';
import {
  ChatStore,
  compactEntry,
  IKeyValueStorage,
  INDEX_KEY,
  parseStoredChat,
  serializeChat,
  storageKey
} from '../src/storage';

describe('formatting (the rules of nbdatachat.textfmt)', () => {
  it('writes years and ids without separators', () => {
    expect(['year', 'Year', 'birth_year', 'customerID', 'order_id', 'zip'].map(isIdentifierName))
      .toEqual([true, true, true, true, true, true]);
    expect(['sales', 'yearly_sales', 'idle_time', 'number_of_items'].map(isIdentifierName))
      .toEqual([false, false, false, false]);
    expect(formatCell(1952, 'year')).toBe('1952');
    expect(formatCell(1952, 'count')).toBe('1,952');
  });

  it('writes plain numbers without exponents and dates as dates', () => {
    expect(formatCell(2514000)).toBe('2,514,000');
    expect(formatCell(2514000.37)).toBe('2,514,000.37');
    expect(formatCell(19.78591)).toBe('19.786');
    expect(formatCell(3.4e-50)).toBe('3.4e-50');
    expect(formatCell(123.456789)).toBe('123.46');
    expect(formatCell(-0.05)).toBe('-0.05');
    expect(plainDateText('2020-01-01T00:00:00')).toBe('2020-01-01');
    expect(plainDateText('2020-01-01T13:30:00')).toBe('2020-01-01 13:30');
    expect(plainDateText('not a date at all')).toBe('not a date at all');
  });

  it('shows the same decimals down a column', () => {
    expect(columnDecimals([2.94, 2.9931, 3])).toBe(4);
    expect(columnDecimals([1952, 2007], 'year')).toBeNull();
    expect(formatRecords(['year', 'lifeExp', 'pop'], [
      { year: 1952, lifeExp: 28.8, pop: 8425333 },
      { year: 2007, lifeExp: 43.828, pop: 31889923 }
    ])).toEqual([['1952', '28.800', '8,425,333'], ['2007', '43.828', '31,889,923']]);
  });
});

const dark: IThemeColors = {
  font: 'rgba(255, 255, 255, 0.87)', muted: 'rgba(255,255,255,.54)', grid: '#424242',
  background: '#212121', fontFamily: 'sans-serif'
};

describe('one chart style for every source', () => {
  it('themes any figure: transparent background, theme font, titled axes', () => {
    const fig = themedFigure(
      { data: [{ type: 'bar', x: ['a'], y: [1] }],
        layout: { template: { layout: { paper_bgcolor: 'white' } }, xaxis: { title: { text: 'region' } } } },
      dark
    );
    expect(fig.layout.template).toBeUndefined();
    expect(fig.layout.paper_bgcolor).toBe('rgba(0,0,0,0)');
    expect(fig.layout.font.color).toBe(dark.font);
    expect(fig.layout.xaxis.title.text).toBe('region');
    expect(fig.layout.yaxis.gridcolor).toBe('#424242');
    expect(fig.data).toEqual([{ type: 'bar', x: ['a'], y: [1] }]);
  });

  it('draws a Chart.js forecast interval as one band, with axis titles', () => {
    const config = {
      type: 'line',
      data: {
        labels: ['2024-01-01', '2024-02-01'],
        datasets: [
          { label: 'forecast', data: [10, 11], borderColor: '#4C78A8' },
          { label: 'lower', data: [8, 9], borderWidth: 0, pointRadius: 0, fill: false },
          { label: 'upper', data: [12, 13], borderWidth: 0, pointRadius: 0, fill: '-1',
            backgroundColor: 'rgba(128,128,128,0.25)' }
        ]
      },
      options: { scales: { x: { title: { display: true, text: 'month' } },
                           y: { title: { display: true, text: 'sales' } } } }
    };
    const fig = chartjsToPlotly(config)!;
    expect(fig.data.map(t => t.fill ?? null)).toEqual([null, null, 'tonexty']);
    expect(fig.data[1].line.width).toBe(0);
    expect(fig.data[1].showlegend).toBe(false);
    expect(fig.layout.xaxis.title.text).toBe('month');
    expect(fig.layout.yaxis.title.text).toBe('sales');
    expect(fig.layout.showlegend).toBe(false);
  });

  it('keeps year labels as categories (no 1,952 on the axis)', () => {
    const fig = chartjsToPlotly({ type: 'bar', data: { labels: [1952, 2007], datasets: [{ data: [1, 2] }] } })!;
    expect(fig.data[0].x).toEqual(['1952', '2007']);
    expect(fig.layout.xaxis.type).toBe('category');
  });

  it('rebuilds a chart from a stored table, band included', () => {
    const fig = tableChart(['month', 'forecast', 'lower', 'upper'], [
      { month: '2024-01-01', forecast: 10, lower: 8, upper: 12 },
      { month: '2024-02-01', forecast: 11, lower: 9, upper: 13 }
    ], 'line')!;
    expect(fig.data.map(t => t.name)).toEqual(['lower', 'upper', 'forecast']);
    expect(fig.data[1].fill).toBe('tonexty');
    expect(fig.layout.xaxis.title.text).toBe('month');
    expect(tableChart([], [], 'bar')).toBeNull();
  });

  it('measures contrast like WCAG', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1976d2', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrastRatio('rgb(255, 255, 255)', 'rgb(187, 222, 251)')).toBeLessThan(1.5);
  });
});

/** The Web Storage behaviour the store relies on: a quota in UTF-16 code units. */
class QuotaStorage implements IKeyValueStorage {
  items = new Map<string, string>();
  constructor(private readonly quota: number) {}
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    const used = [...this.items].reduce((s, [k, v]) => s + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + value.length > this.quota) {
      const err = new Error('The quota has been exceeded.');
      err.name = 'QuotaExceededError';
      throw err;
    }
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const forecastEntry = (i: number): IChatEntry => ({
  id: `e${i}`, question: `forecast ${i}`, source: 'kernel', data: 'sales', time: i,
  answer: {
    status: 'answered', text: 'Forecast.', plan: { kind: 'forecast' },
    chart: { data: [{ mode: 'lines', y: new Array(20000).fill(123.456) }] },
    table: { columns: ['month', 'forecast'],
             records: Array.from({ length: 120 }, (_, k) => ({ month: `m${k}`, forecast: k })) }
  }
});

describe('stored conversations', () => {
  it('never stores chart data and keeps the first rows of a table', () => {
    const e = compactEntry(forecastEntry(1));
    expect(e.answer!.chart).toBeNull();
    expect(e.answer!.chartKind).toBe('line');
    expect(e.answer!.table!.records).toHaveLength(50);
    expect(e.answer!.table!.n_rows).toBe(120);
    expect(JSON.stringify(e).length).toBeLessThan(5000);
  });

  it('keeps the newest answers within the budget', () => {
    const entries = Array.from({ length: 200 }, (_, i) => forecastEntry(i));
    const { text, trimmed } = serializeChat({ entries, conversations: {} }, 150, 60_000);
    const back = parseStoredChat(text);
    expect(text.length).toBeLessThanOrEqual(60_000);
    expect(back.entries[back.entries.length - 1].id).toBe('e199');
    expect(back.entries.length + trimmed).toBe(200);
  });

  it('makes room by evicting the least recently used notebooks, never failing raw', () => {
    let clock = 0;
    const storage = new QuotaStorage(120_000);
    const store = new ChatStore(storage, 40_000, 1_000_000, () => ++clock);
    const chat = () => ({ entries: Array.from({ length: 30 }, (_, i) => forecastEntry(i)), conversations: {} });
    for (const nb of ['a.ipynb', 'b.ipynb', 'c.ipynb', 'd.ipynb', 'e.ipynb']) {
      const result = store.save(nb, chat(), 50);
      expect(result.saved).toBe(true);
    }
    // The quota holds about three notebooks: the oldest ones made room.
    expect(storage.getItem(storageKey('e.ipynb'))).not.toBeNull();
    expect(storage.getItem(storageKey('a.ipynb'))).toBeNull();
    const index = JSON.parse(storage.getItem(INDEX_KEY)!);
    expect(Object.keys(index)).toContain('e.ipynb');
    expect(store.load('e.ipynb').entries.length).toBeGreaterThan(0);
  });

  it('says in words when nothing can be stored', () => {
    const store = new ChatStore(new QuotaStorage(10));
    const result = store.save('a.ipynb', { entries: [forecastEntry(1)], conversations: {} }, 50);
    expect(result.saved).toBe(false);
    expect(result.message).toMatch(/storage for this site is full/);
    expect(result.message).not.toMatch(/QuotaExceededError/);
  });

  it('tolerates missing or corrupt storage', () => {
    expect(parseStoredChat(null).entries).toEqual([]);
    expect(parseStoredChat('{not json').entries).toEqual([]);
    expect(parseStoredChat('{"entries": [{"id": 1}]}').entries).toEqual([]);
    expect(storageKey('a/b.ipynb')).toBe('nbdatachat:chat:a/b.ipynb');
  });
});
