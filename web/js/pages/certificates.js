/* certificates.js — 供应链票据 Certificates: the latest certificates issued; a certificate's
 * lineage (the one clicked, else the latest). */
import { api } from '../api.js';
import { el, moneyCell, num, table } from '../dom.js';
import { t } from '../i18n.js';
import { lineage } from '../lineage.js';
import { maxFen, unitFor } from '../money.js';
import { label } from '../vocab.js';

export async function pageCertificates(main, id) {
  const list = await api('/v1/certificates?limit=30');
  const unit = unitFor(maxFen(list.map((c) => c.root_face)));
  main.append(el('h1', {}, t('certificates')));
  main.append(table([t('issued'), t('core'), num(`${t('face')} (${t(unit)})`), t('maturity'), t('status_col')],
    list.map((c) => el('tr', { class: 'clickable', 'data-key': c.id, onclick: () => { location.hash = '#/certificates/' + encodeURIComponent(c.root); } },
      el('td', {}, `${c.root} · ${c.issue_date}`), el('td', {}, c.core), moneyCell(c.root_face, unit), el('td', {}, c.maturity), el('td', {}, label('certificate_statuses', c.status)))), { class: 'certificates' }));
  if (id || list.length) await lineage(main, id || list[0].root);
}
