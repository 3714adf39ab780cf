/* dom.js — building the page: elements, tables, money cells and the message at the bottom. */
import { t } from './i18n.js';
import { money } from './money.js';

export function $(sel) { return document.querySelector(sel); }

export function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  /* A figure the server keeps from this user (a small cell) is null: shown as a dash. */
  for (const k of kids.flat()) e.append(k instanceof Node ? k : document.createTextNode(k === null ? '—' : String(k)));
  return e;
}

export function table(headers, rows, attrs) {
  return el('table', attrs || {},
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { class: h.num ? 'num' : '' }, h.text || h)))),
    el('tbody', {}, rows));
}

/* A right-aligned column heading. */
export const num = (text) => ({ text, num: true });

/* An amount in the unit, with the API's string kept in data-raw. */
export function moneyCell(s, unit) { return el('td', { class: 'num', 'data-raw': s, title: s === null ? t('suppressed') : null }, money(s, unit)); }

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
