/* lineage.js — a certificate's tree: every part with its holder (by name) and whether the bank
 * financed it, as a chart and a table (the bank's certificates page and an enterprise's). */
import { api } from './api.js';
import { chart } from './chart.js';
import { el, moneyCell, num, table } from './dom.js';
import { t } from './i18n.js';
import { money, toFen, unitFor } from './money.js';
import { session } from './session.js';
import { label } from './vocab.js';

export function holderName(p) {
  if (!p.holder || p.holder === 'bank') return t('bank');
  if (session.me.party && p.holder === session.me.party) return t('us');
  return p.holder_name || p.holder;
}

export async function lineage(main, id) {
  const tree = await api(`/v1/certificates/${encodeURIComponent(id)}/lineage`);
  /* The parts come as a list, each naming the part it was cut from: make the tree. */
  const byId = {};
  for (const p of tree.parts) byId[p.id] = Object.assign({ children: [] }, p);
  let root = null;
  for (const p of Object.values(byId)) {
    if (p.parent && byId[p.parent]) byId[p.parent].children.push(p);
    else if (!root) root = p;
  }
  if (!root) return;
  const unit = unitFor(toFen(root.root_face));
  const node = (p) => ({
    name: `${holderName(p)} ${money(p.face, unit)}${p.financed ? ' · ' + t('finance') : ''}`,
    value: p.id, children: p.children.map(node),
  });
  main.append(el('h2', {}, `${t('lineage')} · ${root.core_name || ''} ${tree.root} (${t(unit)})`));
  const box = el('div', { class: 'chart lineage', 'data-root': tree.root });
  main.append(box);
  const flat = [];
  const walk = (p, depth) => { flat.push([p, depth]); p.children.forEach((c) => walk(c, depth + 1)); };
  walk(root, 0);
  await chart(box, { tooltip: { trigger: 'item', formatter: (i) => i.value },
    series: [{ type: 'tree', data: [node(root)], top: 20, bottom: 20, left: 100, right: 200, symbolSize: 10,
      label: { position: 'left', fontSize: 11 }, leaves: { label: { position: 'right' } }, expandAndCollapse: false }] },
  `${t('lineage')} ${tree.root}: ` + flat.map(([p]) => `${holderName(p)} ${money(p.face, unit)}`).join('，'));
  main.append(table([t('lineage'), t('holder'), num(`${t('face')} (${t(unit)})`), t('status_col')],
    flat.map(([p, d]) => el('tr', { 'data-key': p.id }, el('td', {}, '· '.repeat(d) + p.id), el('td', {}, holderName(p)), moneyCell(p.face, unit),
      el('td', {}, p.financed ? `${t('finance')} ${p.financed.date}` : label('certificate_statuses', p.status)))), { class: 'lineage-parts' }));
}
