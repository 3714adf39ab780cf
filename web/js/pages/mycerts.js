/* mycerts.js — 我的票据 My certificates: the parts an enterprise holds; a form to pass a part on
 * to another party and one to sell it to the bank; the lineage of the certificate clicked. */
import { api } from '../api.js';
import { el, moneyCell, num, show, table } from '../dom.js';
import { t } from '../i18n.js';
import { lineage } from '../lineage.js';
import { session } from '../session.js';
import { label } from '../vocab.js';

/* Submits a form's action on the part chosen (kind: "transfers" or "financings"), then shows the
 * part's certificate again; a refusal shows its message, naming the field. */
async function act(ev, form, kind, body) {
  ev.preventDefault();
  const part = form.part.value;
  try {
    await api(`/v1/certificates/${encodeURIComponent(part)}/${kind}`, body(form));
    show(t('done'));
    const root = part.split('.')[0];
    location.hash = '#/mycerts/' + encodeURIComponent(root) + '?t=' + Date.now();
  } catch (e) {
    show((e.problem && e.problem.field ? e.problem.field + ': ' : '') + e.message, true);
  }
}

export async function pageMyCerts(main, id) {
  const party = session.me.party;
  const held = await api(`/v1/parties/${encodeURIComponent(party)}/certificates`);
  const unit = 'wan';
  main.append(el('h1', {}, `${t('mycerts')} · ${party}`));
  main.append(table(['', t('core'), num(`${t('face')} (${t(unit)})`), t('maturity'), t('status_col')],
    held.map((c) => el('tr', { class: 'clickable', 'data-key': c.id, onclick: () => { location.hash = '#/mycerts/' + encodeURIComponent(c.root); } },
      el('td', {}, c.id), el('td', {}, c.core), moneyCell(c.face, unit), el('td', {}, c.maturity), el('td', {}, label('certificate_statuses', c.status)))), { class: 'held' }));
  const options = held.filter((c) => c.status === 'held').map((c) => el('option', { value: c.id }, `${c.id} (${c.face})`));
  const part = () => el('select', { name: 'part' }, options.map((o) => o.cloneNode(true)));
  const field = (text, input) => el('label', {}, text, input);
  const date = () => session.business;
  const tf = el('form', { class: 'action transfer' },
    el('strong', {}, t('transfer')), field(t('lineage'), part()), field(t('to_party'), el('input', { name: 'to', required: '' })),
    field(`${t('amount')} (元)`, el('input', { name: 'amount', required: '', inputmode: 'decimal' })),
    field(t('new_id'), el('input', { name: 'id', required: '' })), el('button', { class: 'primary', type: 'submit' }, t('transfer')));
  tf.addEventListener('submit', (ev) => act(ev, tf, 'transfers', (f) => ({ id: f.id.value, to: f.to.value, amount: f.amount.value, date: date() })));
  const ff = el('form', { class: 'action finance' },
    el('strong', {}, t('finance')), field(t('lineage'), part()), field(`${t('amount')} (元)`, el('input', { name: 'amount', required: '', inputmode: 'decimal' })),
    field(t('discount_rate'), el('input', { name: 'rate', required: '', value: '2.85' })),
    field(t('new_id'), el('input', { name: 'id', required: '' })), el('button', { class: 'primary', type: 'submit' }, t('finance')));
  ff.addEventListener('submit', (ev) => act(ev, ff, 'financings', (f) => ({ id: f.id.value, amount: f.amount.value, rate: f.rate.value, date: date() })));
  if (options.length) main.append(tf, ff);
  const root = id || (held[0] && held[0].root);
  if (root) await lineage(main, root);
}
