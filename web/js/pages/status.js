/* status.js — 服务状态 Server: the server's metrics as Prometheus text (the admin's page). */
import { el } from '../dom.js';
import { t } from '../i18n.js';

export async function pageStatus(main) {
  main.append(el('h1', {}, t('metrics')));
  const res = await fetch('/metrics', { credentials: 'same-origin' });
  main.append(el('pre', {}, await res.text()));
}
