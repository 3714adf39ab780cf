/* when.js — the date of every page, in the URL so that a link shows the same view: as_of (a
 * month end or the last day closed) and, on a page of flows, from (the period's first day,
 * the start of as_of's year unless chosen): #/cities?as_of=2026-06-30&from=2026-01-01. The
 * picker lists the month ends from the first agreement's start (else three years back). */
import { api } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { session } from './session.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/* The hash's arguments. */
export function query() { return new URLSearchParams(location.hash.split('?')[1] || ''); }

/* The day the page is of: as_of from the URL when it is a day closed, else the last day closed. */
export function asOf() {
  const v = query().get('as_of');
  return v && DAY.test(v) && v <= session.closed ? v : session.closed;
}

/* The first day of the period: from in the URL when it is on or before as_of, else the first of
 * January of as_of's year. */
export function periodFrom() {
  const v = query().get('from');
  const a = asOf();
  return v && DAY.test(v) && v <= a ? v : a.slice(0, 4) + '-01-01';
}

/* The last day of the year before day: the base of the "since the start of the year" figures. */
export function yearBase(day) { return (Number(day.slice(0, 4)) - 1) + '-12-31'; }

/* The month ends from first's month through last, and last itself when it is none. */
export function monthEnds(first, last) {
  const out = [];
  let [y, m] = first.split('-').map(Number);
  for (let guard = 0; guard < 1200; guard++) {
    const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    if (end > last) break;
    out.push(end);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  if (!out.length || out[out.length - 1] !== last) out.push(last);
  return out;
}

/* The first day the book has figures for: the first agreement's start, else three years before
 * the last day closed. Read once a session. */
export async function firstDay() {
  if (!session.first) {
    let list = [];
    try { list = await api('/v1/agreements'); } catch (e) { /* none the user may see */ }
    const starts = list.map((a) => a.start_date).sort();
    session.first = starts[0] || (Number(session.closed.slice(0, 4)) - 3) + session.closed.slice(4, 8) + '01';
  }
  return session.first;
}

/* Sets the hash's arguments (null removes one): the router draws the page again. */
export function setQuery(changes) {
  const [path] = location.hash.split('?');
  const q = query();
  for (const [k, v] of Object.entries(changes)) { if (v === null) q.delete(k); else q.set(k, v); }
  const s = q.toString();
  location.hash = path + (s ? '?' + s : '');
}

/* The pickers: as_of, and from on a page of flows. */
export async function picker(main, flows) {
  const first = await firstDay();
  const days = monthEnds(first.slice(0, 8) + '01', session.closed).reverse();
  const a = asOf();
  const sel = el('select', { name: 'as_of', 'aria-label': t('as_of') },
    days.map((d) => el('option', { value: d, selected: d === a }, d === session.closed ? `${d} (${t('last_closed')})` : d)));
  sel.addEventListener('change', () => setQuery({ as_of: sel.value === session.closed ? null : sel.value }));
  const box = el('form', { class: 'when no-print', role: 'group', 'aria-label': t('dates'), onsubmit: (e) => e.preventDefault() },
    el('label', {}, t('as_of'), sel));
  if (flows) {
    const from = el('input', { type: 'date', name: 'from', value: periodFrom(), min: first, max: a, 'aria-label': t('period_from') });
    from.addEventListener('change', () => { if (DAY.test(from.value)) setQuery({ from: from.value }); });
    box.append(el('label', {}, t('period_from'), from));
  }
  main.append(box);
}
