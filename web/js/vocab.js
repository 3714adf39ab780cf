/* vocab.js — the domain's vocabulary, read once from the server after login (GET /v1/meta): the
 * province and its cities, the lines of business, the industry chains, the loan classes, the
 * statuses and measures, each key with its Chinese and English label. The dashboard keeps no
 * copy of its own, so its labels are the books' labels. */
import { api } from './api.js';
import { lang } from './i18n.js';

let meta = null;
let loading = null;

/* Reads the vocabulary unless it is here already; a failure is tried again on the next page. */
export function loadVocab() {
  if (meta) return Promise.resolve(meta);
  if (!loading) {
    loading = api('/v1/meta').then((m) => { meta = m; return m; }).finally(() => { loading = null; });
  }
  return loading;
}

function name(entry) { return lang() === 'zh' ? entry.zh : entry.en; }

/* The entries of a list ("lines", "classes", ...) in the server's order. */
export function entries(kind) {
  if (!meta) throw new Error('the vocabulary is not loaded (GET /v1/meta)');
  return meta[kind] || [];
}

/* A key's label in the page's language; the key itself when the server names no such key. */
export function label(kind, key) {
  const e = meta && (meta[kind] || []).find((x) => x.key === key);
  return e ? name(e) : String(key);
}

/* The province: code, zh, en. */
export function province() { return entries('province'); }

/* The province's cities in code order: code, zh, en. */
export function cities() { return entries('cities'); }

/* A city's or the province's name in the page's language; the code when it is neither. */
export function cityName(code) {
  const c = meta && Number(code) && [meta.province].concat(meta.cities).find((x) => x.code === Number(code));
  return c ? name(c) : String(code || '—');
}
