/* mydemands.js — 我的融资需求 My financing demands: an enterprise posts a demand (amount, purpose,
 * term, line, security, whether the government may see it) and follows each of its own: its
 * steps, the bank's levels counting down in working days, what was granted; it withdraws one
 * still open. */
import { api } from '../api.js';
import { el, moneyCell, num, table } from '../dom.js';
import { field, levelBadge, statusLabel, vocabSelect, w, write } from '../demands.js';
import { t } from '../i18n.js';
import { session } from '../session.js';
import { entries, label } from '../vocab.js';

function postForm(party) {
  const f = el('form', { class: 'action post-demand' },
    el('strong', {}, w('post')),
    field(`${t('amount')} (元)`, el('input', { name: 'amount', required: '', inputmode: 'decimal' })),
    field(w('purpose'), el('input', { name: 'purpose', required: '' })),
    field(w('months'), el('input', { name: 'months', required: '', value: '12', inputmode: 'numeric' })),
    field(t('line'), vocabSelect('line', entries('lines'), 'inclusive')),
    field(w('security'), vocabSelect('security', entries('securities'), 'credit')),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'consent' }), w('consent')),
    el('button', { class: 'primary', type: 'submit' }, w('post')));
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = [{
      id: `${party}-${Date.now()}`, party, amount: f.amount.value, purpose: f.purpose.value,
      months: Number(f.months.value), line: f.line.value, security: f.security.value, consent: f.consent.checked,
    }];
    if (await write('/v1/demands', body)) location.hash = '#/mydemands?t=' + Date.now();
  });
  return f;
}

export async function pageMyDemands(main) {
  const party = session.me.party;
  const list = await api('/v1/demands');
  main.append(el('h1', {}, `${w('demands')} · ${party}`));
  main.append(postForm(party));
  list.reverse(); /* the latest first */
  main.append(table(['', w('posted'), num(`${t('amount')} (${t('wan')})`), w('purpose'), t('status_col'), w('response'), w('decision'), num(`${w('granted')} (${t('wan')})`), ''],
    list.map((d) => {
      const open = ['posted', 'accepted', 'contacted'].includes(d.status);
      const withdraw = open ? el('button', { type: 'button', class: 'withdraw', onclick: async () => {
        if (await write(`/v1/demands/${encodeURIComponent(d.id)}/withdraw`, {})) location.hash = '#/mydemands?t=' + Date.now();
      } }, w('withdraw')) : '';
      const decided = d.status === 'declined' ? `${statusLabel(d.status)}：${label('decline_reasons', d.reason)}` : statusLabel(d.status);
      return el('tr', { 'data-key': d.id, 'data-status': d.status },
        el('td', {}, d.id), el('td', {}, d.posted), moneyCell(d.amount, 'wan'), el('td', {}, d.purpose),
        el('td', {}, decided), el('td', {}, levelBadge(d, 'response')), el('td', {}, levelBadge(d, 'decision')),
        d.granted ? moneyCell(d.granted, 'wan') : el('td', { class: 'num' }, '—'), el('td', {}, withdraw));
    }), { class: 'demands' }));
  if (!list.length) main.append(el('p', { class: 'muted' }, w('none')));
}
