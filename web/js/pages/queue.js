/* queue.js — 需求工单 Demand queue: the bank's open financing demands in the order posted, a page
 * at a time (demands.js openPage), each with its levels counting down in working days (red once
 * past), and the step each is due for: accept it to an officer, record the contact, grant it on
 * the enterprise's facility, decline it with a reason of the list. The auditor sees the queue without the forms. */
import { api } from '../api.js';
import { el, moneyCell, num, table } from '../dom.js';
import { field, levelBadge, openPage, pageHash, pager, statusLabel, vocabSelect, w, write } from '../demands.js';
import { t } from '../i18n.js';
import { session } from '../session.js';
import { cityName, entries, label } from '../vocab.js';

const again = () => { location.hash = '#/queue?t=' + Date.now(); };

/* The forms of the step a demand is due for. */
function actions(d) {
  const path = (step) => `/v1/demands/${encodeURIComponent(d.id)}/${step}`;
  const form = (cls, title, inputs, body, step) => {
    const f = el('form', { class: `action ${cls}`, 'data-demand': d.id }, el('strong', {}, title), ...inputs, el('button', { class: 'primary', type: 'submit' }, title));
    f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (await write(path(step), body(f))) again();
    });
    return f;
  };
  if (d.status === 'posted') {
    return [form('accept', w('accept'), [field(w('officer'), el('input', { name: 'officer', required: '', value: session.me.name }))],
      (f) => ({ officer: f.officer.value }), 'accept')];
  }
  if (d.status === 'accepted') {
    return [form('contact', w('contact'), [field(w('note'), el('input', { name: 'note' }))], (f) => ({ note: f.note.value }), 'contact')];
  }
  return [
    form('grant', w('grant'), [field(w('facility'), el('input', { name: 'facility', required: '', value: `fac-${d.party}` })),
      field(`${t('amount')} (元)`, el('input', { name: 'amount', required: '', value: d.amount, inputmode: 'decimal' }))],
    (f) => ({ facility: f.facility.value, amount: f.amount.value }), 'grant'),
    form('decline', w('decline'), [field(w('reason'), vocabSelect('reason', entries('decline_reasons'), 'insufficient_cash_flow')),
      field(w('text'), el('input', { name: 'text' }))], (f) => ({ reason: f.reason.value, text: f.text.value }), 'decline'),
  ];
}

export async function pageQueue(main, id) {
  const p = await openPage();
  const list = p.list;
  const bank = session.me.role === 'bank_officer';
  main.append(el('h1', {}, `${t('queue')} · ${t('business_date')} ${session.business}`));
  /* The demand picked: on this page, or read alone (a link to an open demand beyond the page). */
  const alone = async () => {
    try {
      const d = await api('/v1/demands/' + encodeURIComponent(id));
      return ['posted', 'accepted', 'contacted'].includes(d.status) ? d : null;
    } catch (e) { return null; }
  };
  const pick = list.find((d) => d.id === id) || (id && (await alone())) || list[0];
  if (!pick) {
    main.append(el('p', { class: 'muted' }, w('queue_empty')), pager('#/queue', p));
    return;
  }
  const here = (d) => pageHash('#/queue/' + encodeURIComponent(d.id), p, p.after, p.n);
  main.append(table(['', w('posted'), w('party'), w('city'), num(`${t('amount')} (${t('wan')})`), w('source'), t('status_col'), w('response'), w('decision')],
    list.map((d) => el('tr', { 'data-key': d.id, class: 'clickable' + (d.id === pick.id ? ' on' : ''), onclick: () => { location.hash = here(d); } },
      el('td', {}, d.id), el('td', {}, d.posted), el('td', {}, d.party), el('td', {}, cityName(d.city)), moneyCell(d.amount, 'wan'),
      el('td', {}, label('demand_sources', d.source)), el('td', {}, statusLabel(d.status)),
      el('td', {}, levelBadge(d, 'response')), el('td', {}, levelBadge(d, 'decision')))), { class: 'queue' }));
  main.append(pager('#/queue', p));
  main.append(el('h2', {}, `${pick.id} · ${pick.party} · ${pick.purpose}${pick.recommendation ? ' · ' + pick.recommendation : ''}`));
  if (bank) main.append(...actions(pick));
}
