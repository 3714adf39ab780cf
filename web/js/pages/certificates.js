/* certificates.js — 供应链凭证 Certificates (the bank's): the latest certificates issued, each
 * with its core enterprise by name; a certificate's lineage (the one clicked, else the latest). */
import { api } from '../api.js';
import { el, heading, moneyCell, num, opens, table } from '../dom.js';
import { exportBar } from '../exports.js';
import { t } from '../i18n.js';
import { lineage } from '../lineage.js';
import { maxFen, unitFor } from '../money.js';
import { session } from '../session.js';
import { label } from '../vocab.js';

export async function pageCertificates(main, id) {
  const list = await api('/v1/certificates?limit=30');
  const unit = unitFor(maxFen(list.map((c) => c.root_face)));
  heading(main, t('certificates'), session.business, unit);
  main.append(exportBar('certificates', { as_of: session.closed }));
  main.append(table([t('issued'), t('core'), num(`${t('face')} (${t(unit)})`), t('maturity'), t('status_col')],
    list.map((c) => opens(el('tr', { 'data-key': c.id }, el('td', {}, `${c.root} · ${c.issue_date}`), el('td', {}, c.core_name || c.core), moneyCell(c.root_face, unit), el('td', {}, c.maturity), el('td', {}, label('certificate_statuses', c.status))),
      '#/certificates/' + encodeURIComponent(c.root))), { class: 'certificates' }));
  if (id || list.length) await lineage(main, id || list[0].root);
}
