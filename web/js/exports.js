/* exports.js — every table to a file: the API's exports where the table is one of its kinds
 * (GET /v1/exports/{kind}?as_of=...&format=csv|xlsx, docs/export.md: the exact decimal strings,
 * the same figures), else a CSV made here of the table's own cells (their raw strings), for the
 * tables no export kind holds (an enterprise's own records, the projects). And a print button. */
import { el } from './dom.js';
import { t } from './i18n.js';

/* Links to the API's CSV and XLSX of kind with args. */
export function exportBar(kind, args) {
  const href = (format) => `/v1/exports/${kind}?` + new URLSearchParams(Object.assign({}, args, { format })).toString();
  return el('div', { class: 'exports no-print', 'data-export': kind },
    el('a', { href: href('csv'), download: '', class: 'button', 'data-format': 'csv' }, t('export_csv')),
    el('a', { href: href('xlsx'), download: '', class: 'button', 'data-format': 'xlsx' }, t('export_xlsx')),
    printButton());
}

function printButton() { return el('button', { type: 'button', class: 'button', onclick: () => window.print() }, t('print')); }

function csvField(s) { return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }

/* A CSV of table (its headings, then each row's cells: data-raw when a cell has one, else its
 * text), with a byte-order mark as the API's CSV has, downloaded as name.csv. */
export function tableCsv(table) {
  const lines = [[...table.tHead.rows[0].cells].map((c) => c.textContent)];
  for (const tr of table.tBodies[0].rows) lines.push([...tr.cells].map((c) => (c.dataset.raw !== undefined ? c.dataset.raw : c.textContent.trim())));
  return '\ufeff' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/* A button that saves table as name.csv, made here. */
export function localExport(table, name) {
  const a = el('a', { href: '#', download: name + '.csv', class: 'button', 'data-format': 'csv' }, t('export_csv'));
  a.addEventListener('click', () => {
    a.href = URL.createObjectURL(new Blob([tableCsv(table)], { type: 'text/csv;charset=utf-8' }));
  });
  return el('div', { class: 'exports no-print', 'data-export': 'local' }, a, printButton());
}
