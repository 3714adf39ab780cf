/* api.js — the HTTP API (/v1) with the session cookie of the login. A write carries
 * X-Requested-With (the server refuses a cookie write without it); a 401 other than the login's
 * own ends the session on the page and asks to log in again. */
import { show } from './dom.js';
import { t } from './i18n.js';
import { forget } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) { super(problem.detail || problem.title || String(status)); this.status = status; this.problem = problem; }
}

/* The answer's JSON; an ApiError with the problem otherwise. quiet: a 401 says nothing. */
export async function api(path, body, method, quiet) {
  const opts = { credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined || (method && method !== 'GET')) {
    opts.method = method || 'POST';
    opts.headers['Content-Type'] = 'application/json';
    opts.headers['X-Requested-With'] = 'finbridge';
    if (body !== undefined) opts.body = JSON.stringify(body);
  }
  const res = await fetch(path, opts);
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    if (res.status === 401 && path !== '/v1/session' && !quiet) {
      forget();
      show(t('expired'), true);
      location.hash = '#/login';
    }
    throw new ApiError(res.status, json || {});
  }
  return json;
}

/* The reports of closed days, kept for the session: a day closed is never closed again and
 * nothing is booked before the business date, so its credit report, two increases, moves and
 * progress never change. At most REPORTS_MAX answers; forget() (a login, a logout, an ended
 * session) drops them. */
const REPORTS_MAX = 512;
let reports = new Map();

export function forgetReports() { reports = new Map(); }

/* The answer of a GET of a closed day's report (as api), from memory when asked before. */
export function report(path) {
  let p = reports.get(path);
  if (!p) {
    if (reports.size >= REPORTS_MAX) reports = new Map();
    p = api(path);
    reports.set(path, p);
    p.catch(() => reports.delete(path));
  }
  return p;
}
