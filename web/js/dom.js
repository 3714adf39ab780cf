/* dom.js — building the page: elements, tables (each cell labelled with its column, so that a
 * phone shows each row as a card), rows and tiles that open a page by click or keyboard, cards,
 * a page's heading with the title, date, unit and source a print carries, and the message at
 * the bottom. */
import { t } from './i18n.js';
import { money } from './money.js';

export function $(sel) { return document.querySelector(sel); }

export function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  /* A figure the server keeps from this user (a small cell) is null: shown as a dash. */
  for (const k of kids.flat()) {
    if (k === undefined) continue;
    e.append(k instanceof Node ? k : document.createTextNode(k === null ? '—' : String(k)));
  }
  return e;
}

/* A table; each body cell gets data-label, its column's heading, shown before it on a phone. */
export function table(headers, rows, attrs) {
  const texts = headers.map((h) => (typeof h === 'string' ? h : h.text));
  const body = el('tbody', {}, rows);
  for (const tr of body.rows) {
    [...tr.cells].forEach((td, i) => { if (texts[i] && !td.dataset.label) td.dataset.label = texts[i]; });
  }
  return el('table', attrs || {},
    el('thead', {}, el('tr', {}, headers.map((h, i) => el('th', { class: h.num ? 'num' : '', scope: 'col' }, texts[i])))),
    body);
}

/* A right-aligned column heading. */
export const num = (text) => ({ text, num: true });

/* An amount in the unit, with the API's string kept in data-raw. */
export function moneyCell(s, unit) { return el('td', { class: 'num', 'data-raw': s, title: s === null ? t('suppressed') : null }, money(s, unit)); }

/* A count or a percent, right-aligned, its raw value kept. */
export function numCell(v, suffix) {
  return el('td', { class: 'num', 'data-raw': v === null || v === undefined ? null : String(v) }, v === null || v === undefined ? '—' : String(v) + (suffix || ''));
}

/* Makes e open hash on a click, Enter or Space: reachable by Tab, announced as a link. */
export function opens(e, hash) {
  e.classList.add('clickable');
  e.setAttribute('tabindex', '0');
  e.setAttribute('role', 'link');
  e.dataset.href = hash;
  e.addEventListener('click', () => { location.hash = hash; });
  e.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); location.hash = hash; }
  });
  return e;
}

/* A figure on a card: its label, its value (raw kept in data-raw), a note; opens hash. */
export function card(label, value, opts) {
  const o = opts || {};
  const c = el('div', { class: 'card' + (o.tone ? ' ' + o.tone : ''), 'data-card': o.name || null },
    el('div', { class: 'label' }, label),
    el('div', { class: 'value', 'data-raw': o.raw === undefined || o.raw === null ? null : String(o.raw) }, value),
    o.note ? el('div', { class: 'note' }, o.note) : undefined);
  return o.href ? opens(c, o.href) : c;
}

/* A page's heading: the title and the date it is of; and the line a print carries under it:
 * title, date, unit, source. */
export function heading(main, title, date, unit) {
  main.append(el('h1', {}, title, date ? el('span', { class: 'as-of' }, ` · ${t('as_of')} ${date}`) : undefined));
  main.append(el('p', { class: 'print-only print-head' },
    `${t('title')} · ${title}${date ? ' · ' + t('as_of') + ' ' + date : ''}${unit ? ' · ' + t('unit') + '：' + t(unit) : ''} · ${t('source')}：finbridge ${location.host}`));
}

let timer = null;

/* A message at the bottom of the page for six seconds; red when it is an error. */
export function show(text, error) {
  const m = $('#message');
  m.textContent = text;
  m.className = error ? 'error' : '';
  m.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => { m.hidden = true; }, 6000);
}
