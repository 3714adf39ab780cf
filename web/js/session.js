/* session.js — who is logged in and the bank's dates, shared by every page: the user (/v1/me),
 * the last day closed and the business date (/v1/eod), read once a session. */

export const session = {
  me: null, /* the user: name, role, party or region */
  closed: null, /* the last day closed */
  business: null, /* the business date */
  first: null, /* the first day the pickers offer: the first agreement's start */
  simulation: false, /* a simulation book (the demo's): the header marks it */
};

/* A login page, a logout or an ended session: start afresh. */
import { forgetReports } from './api.js';

export function forget() {
  forgetReports();
  session.me = null;
  session.closed = null;
  session.business = null;
  session.first = null;
  session.simulation = false;
}
