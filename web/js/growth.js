/* growth.js — growth between two amounts of the API (decimal strings) in hundredths of a
 * percent, computed with integers; shown as "+3.21%". */
import { toFen } from './money.js';

/* (now - base) / base in hundredths of a percent, rounded half away from zero; null without a
 * base. */
export function growthE2(now, base) {
  if (now === null || base === null || base === undefined) return null;
  const b = toFen(base);
  if (b <= 0n) return null;
  const d = (toFen(now) - b) * 10000n;
  const h = (d < 0n ? -d : d) * 2n + b;
  const q = h / (2n * b);
  return Number(d < 0n ? -q : q);
}

export function signedPct(h) {
  if (h === null) return '—';
  const a = Math.abs(h);
  return `${h < 0 ? '-' : '+'}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}%`;
}

/* A ratio in hundredths of a percent of part to whole (fen strings or BigInts). */
export function shareE2(part, whole) {
  const p = typeof part === 'bigint' ? part : toFen(part);
  const w = typeof whole === 'bigint' ? whole : toFen(whole);
  if (w <= 0n) return null;
  return Number((p * 20000n + w) / (2n * w));
}

export function pctE2(h) { return h === null ? '—' : `${Math.trunc(h / 100)}.${String(Math.abs(h % 100)).padStart(2, '0')}%`; }
