/* quality-data.js — the bank's asset quality from the API: the balance by class on a day and
 * its NPL figures computed with integers (which classes are non-performing is /v1/meta's
 * "npl"), and the regulator's quality report (GET /v1/reports/quality: provisions, coverage,
 * overdue by age) when the server has it. */
import { api, report } from './api.js';
import { entries } from './vocab.js';
import { toFen } from './money.js';

/* The classes on day (region: one city, or all): rows in /v1/meta's order (a row without a
 * class, new credit of loans no longer held, left out), total and NPL fen, the ratio in
 * hundredths of a percent. */
export async function classesOn(day, region) {
  const rows = (await report(`/v1/reports/credit?as_of=${day}&by=class${region ? '&region=' + region : ''}`)).filter((r) => r.class);
  const classes = entries('classes');
  const order = classes.map((c) => c.key);
  const npls = new Set(classes.filter((c) => c.npl).map((c) => c.key));
  rows.sort((a, b) => order.indexOf(a.class) - order.indexOf(b.class));
  let total = 0n, npl = 0n;
  for (const r of rows) { const f = toFen(r.balance); total += f; if (npls.has(r.class)) npl += f; }
  /* A government user's small cells come as null: then the ratio cannot be told from the rows. */
  const suppressed = rows.some((r) => r.balance === null);
  const ratio = total > 0n && !suppressed ? Number((npl * 10000n + total / 2n) / total) : null;
  return { rows, total, npl, ratio, suppressed };
}

/* The regulator's figures on day: provisions against their floors (GET /v1/reports/provisions:
 * coverage, the provision ratio, provisions booked at the last month-end) and overdue loans by
 * age (GET /v1/reports/quality); null while the server refuses them (a role without them). */
export async function qualityReport(day) {
  try {
    const [q, p] = await Promise.all([api(`/v1/reports/quality?as_of=${day}`), api(`/v1/reports/provisions?as_of=${day}`)]);
    return {
      coverage: p.total.coverage, provision_ratio: p.total.ratio, provisions: p.total.provision, provision_date: q.provision_date,
      overdue: q.overdue.map((b) => ({ bucket: b.bucket, label: b.bucket === 'over_360' ? '>360' : b.bucket, balance: b.balance, loans: b.loans })),
    };
  } catch (e) { return null; }
}

/* Fen as the API's decimal string. */
export function fenText(f) {
  const neg = f < 0n;
  const a = (neg ? -f : f).toString().padStart(3, '0');
  return (neg ? '-' : '') + a.slice(0, -2) + '.' + a.slice(-2);
}
