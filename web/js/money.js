/* money.js — the API's decimal strings of yuan as fen (BigInt), shown in 万元 or 亿元 with
 * integers only, never floating point; charts get the unit's hundredths as numbers to draw. */

export function toFen(s) {
  if (s === null || s === undefined) return 0n;
  const neg = String(s).startsWith('-');
  const [i, f = ''] = String(s).replace('-', '').split('.');
  const fen = BigInt(i || '0') * 100n + BigInt((f + '00').slice(0, 2));
  return neg ? -fen : fen;
}

const UNIT = { yuan: 100n, wan: 1000000n, yi: 10000000000n }; /* fen in a unit */

/* The unit of a table whose largest figure is maxFen: 亿元 from one 亿 up, else 万元. */
export function unitFor(maxFen) { return maxFen >= UNIT.yi ? 'yi' : 'wan'; }

/* Hundredths of the unit, rounded half away from zero. */
export function hundredths(fen, unit) {
  const u = UNIT[unit];
  const n = fen < 0n ? -fen : fen;
  const h = (n * 100n + u / 2n) / u;
  return fen < 0n ? -h : h;
}

export function fmtHundredths(h) {
  const neg = h < 0n;
  const a = neg ? -h : h;
  const whole = (a / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + whole + '.' + (a % 100n).toString().padStart(2, '0');
}

export function money(s, unit) { return s === null ? '—' : fmtHundredths(hundredths(toFen(s), unit)); }

/* A chart's value: the unit's hundredths as a number (display only). */
export function plot(s, unit) { return Number(hundredths(toFen(s), unit)) / 100; }

export function maxFen(values) { return values.reduce((m, v) => { const f = toFen(v); return f > m ? f : m; }, 0n); }

/* Yuan as typed by a person ("1,234.5", "１２３４", " 1234.56 ") to the API's decimal string
 * ("1234.50"); null when it is not an amount of at most two decimals. */
export function parseYuan(text) {
  const s = String(text).trim().replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '').replace('．', '.');
  const m = /^(\d{1,15})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  return `${m[1].replace(/^0+(?=\d)/, '')}.${(m[2] || '').padEnd(2, '0')}`;
}
