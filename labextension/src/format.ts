/**
 * How values read in the panel: the rules of nbdatachat.textfmt (the Python side), for the
 * answers that do not come with formatted rows (the nbdatachat server's, older kernels).
 *
 * Years and ids without separators (1952, not 1,952), plain numbers with separators and a
 * reading precision (2,514,000, not 2.514e+6), dates as dates (2020-01-01, not
 * 2020-01-01T00:00:00), the same decimals down a column.
 */

const IDENTIFIER_WORDS = new Set([
  'id', 'ids', 'year', 'years', 'yr', 'code', 'zip', 'zipcode', 'postcode', 'fips', 'isbn',
  'key', 'no', 'num', 'number'
]);
const LAST_ONLY = new Set(['no', 'num', 'number']);

/** ``"customerID"`` -> ``["customer", "id"]``; ``"birth_year"`` -> ``["birth", "year"]``. */
export function nameWords(name: string): string[] {
  return (String(name).match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map(w =>
    w.toLowerCase()
  );
}

/** A column whose integers are labels (a year, an id, a code), by its first or last word. */
export function isIdentifierName(name: string): boolean {
  const words = nameWords(name);
  if (!words.length) {
    return false;
  }
  const first = words[0];
  const last = words[words.length - 1];
  return (
    IDENTIFIER_WORDS.has(last) ||
    (IDENTIFIER_WORDS.has(first) && !LAST_ONLY.has(first) && words.length <= 2)
  );
}

const ISO_MIDNIGHT = /^(\d{4}-\d{2}-\d{2})[T ]00:00:00(?:\.0+)?(?:Z|[+-]00:?00)?$/;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?$/;

/** ``2020-01-01T00:00:00`` -> ``2020-01-01``; ``...T13:30:00`` -> ``2020-01-01 13:30``. */
export function plainDateText(text: string): string {
  if (text.length < 16 || text[4] !== '-') {
    return text;
  }
  const midnight = ISO_MIDNIGHT.exec(text);
  if (midnight) {
    return midnight[1];
  }
  const timed = ISO_TIME.exec(text);
  if (!timed) {
    return text;
  }
  return `${timed[1]} ${timed[2]}${timed[3] && timed[3] !== '00' ? ':' + timed[3] : ''}`;
}

function grouped(value: number, decimals: number): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals
  });
}

/** Python's ``f"{value:.{digits}g}"``: significant digits, trailing zeros dropped, an
 * exponent (two digits at least) below 1e-4 or from 1e{digits} on. */
function significant(value: number, digits: number): string {
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= digits) {
    const [mantissa, exp] = value.toExponential(digits - 1).split('e');
    const m = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    const e = Number(exp);
    return `${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const text = value.toFixed(Math.max(0, digits - 1 - exponent));
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A float for reading (textfmt._format_float). */
export function formatFloat(value: number): string {
  if (!Number.isFinite(value)) {
    return Number.isNaN(value) ? '' : value > 0 ? 'inf' : '-inf';
  }
  const abs = Math.abs(value);
  if (abs === 0) {
    return '0';
  }
  if (abs >= 1e15 || abs < 1e-4) {
    return significant(value, 3);
  }
  if (abs >= 1000) {
    return grouped(value, 2).replace(/\.?0+$/, '');
  }
  return significant(value, 5);
}

/** Decimals a numeric column shows on every row (up to 4); null when it needs none. */
export function columnDecimals(values: unknown[], column?: string): number | null {
  if (column !== undefined && isIdentifierName(column)) {
    return null;
  }
  const floats = values.filter(
    (v): v is number => typeof v === 'number' && Number.isFinite(v)
  );
  if (!floats.length || floats.every(v => Number.isInteger(v))) {
    return null;
  }
  const big = Math.max(...floats.map(Math.abs));
  if (big >= 1e5) {
    return 0;
  }
  const most = big >= 1000 ? 2 : 4;
  let need = 0;
  for (const f of floats) {
    if (Math.abs(f) >= 1e-4 || f === 0) {
      const frac = f.toFixed(most).replace(/0+$/, '').split('.')[1] ?? '';
      need = Math.max(need, frac.length);
    }
  }
  return need || null;
}

/** One table cell for people (textfmt.format_cell). */
export function formatCell(value: unknown, column?: string, decimals?: number | null): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return Number.isNaN(value) ? '' : value > 0 ? 'inf' : '-inf';
    }
    if (column !== undefined && isIdentifierName(column) && Number.isInteger(value)) {
      return String(value);
    }
    if (Number.isInteger(value) && Math.abs(value) < 1e15 && !decimals) {
      return grouped(value, 0);
    }
    if (decimals !== undefined && decimals !== null && Math.abs(value) >= 1e-4 &&
        Math.abs(value) < 1e15) {
      return grouped(value, decimals);
    }
    return formatFloat(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  if (typeof value === 'string') {
    return plainDateText(value);
  }
  return String(value);
}

/** Display strings for ``records`` with the shared decimals of each column. */
export function formatRecords(columns: string[], records: Record<string, unknown>[]): string[][] {
  const decimals = columns.map(c => columnDecimals(records.map(r => r[c]), c));
  return records.map(r => columns.map((c, i) => formatCell(r[c], c, decimals[i])));
}

/** "1.2 s" / "340 ms" for the progress line and the answer footer. */
export function formatElapsed(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
