/* mycerts.js — 我的凭证 My certificates: the parts an enterprise holds (the core enterprise by
 * name, the days to maturity); passing a part on to a receiver found by name among the parties
 * it may name (GET /v1/parties/{id}/receivers), or selling it to the bank; the new part's id is
 * made here; the amount is typed in yuan, thousands separators and all; the API's quote
 * previews what the move would do (the discount and the proceeds of a financing, computed by the
 * book's own function, nothing written) before a confirm step; a refusal says why in the page's
 * language (errors.js). Then the certificate's lineage. */
import { api } from '../api.js';
import { el, heading, num, numCell, opens, show, table } from '../dom.js';
import { apiMessage } from '../errors.js';
import { localExport } from '../exports.js';
import { t } from '../i18n.js';
import { lineage } from '../lineage.js';
import { money, parseYuan } from '../money.js';
import { session } from '../session.js';
import { cityName, label } from '../vocab.js';

/* A new part's id: the move's letter, the time in base 36 and four random characters (14 or so
 * of the 48 an id may have). */
export function newPartId(kind) {
  const r = new Uint8Array(3);
  crypto.getRandomValues(r);
  return `${kind}${Date.now().toString(36)}${[...r].map((b) => b.toString(36).padStart(2, '0')).join('').slice(0, 4)}`;
}

function days(from, to) { return Math.round((Date.parse(to) - Date.parse(from)) / 86400000); }

const field = (text, input) => el('label', {}, text, input);

/* The receiver's search: a text box, a list of matches to pick from, the one picked. */
function receiverPicker(partSelect) {
  const party = session.me.party;
  const input = el('input', { name: 'receiver', autocomplete: 'off', placeholder: t('search_name'), role: 'combobox', 'aria-expanded': 'false', 'aria-controls': 'receivers', 'aria-autocomplete': 'list' });
  const to = el('input', { type: 'hidden', name: 'to' });
  const list = el('ul', { id: 'receivers', class: 'receivers', role: 'listbox', hidden: true });
  const chosen = el('span', { class: 'chosen muted', 'aria-live': 'polite' });
  let timer = null;
  let seq = 0;
  const pick = (p) => {
    to.value = p.id;
    input.value = p.name;
    chosen.textContent = `${p.name} · ${cityName(p.city)}`;
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  const search = async () => {
    const q = input.value.trim();
    to.value = '';
    chosen.textContent = '';
    if ([...q].length < 2) { list.hidden = true; return; }
    const mine = ++seq;
    let found = [];
    try { found = await api(`/v1/parties/${encodeURIComponent(party)}/receivers?q=${encodeURIComponent(q)}&part=${encodeURIComponent(partSelect.value)}`); } catch (e) { show(apiMessage(e), true); }
    if (mine !== seq) return;
    list.replaceChildren(...(found.length ? found.map((p) => {
      const li = el('li', { role: 'option', tabindex: '0', 'data-party': p.id }, `${p.name} · ${cityName(p.city)} · ${label('party_kinds', p.kind)}`);
      li.addEventListener('click', () => pick(p));
      li.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(p); input.focus(); } });
      return li;
    }) : [el('li', { class: 'muted' }, t('no_match'))]));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 200); });
  input.addEventListener('keydown', (ev) => { if (ev.key === 'ArrowDown' && !list.hidden && list.firstChild) { ev.preventDefault(); list.firstChild.focus(); } });
  return { box: el('div', { class: 'receiver' }, field(t('receiver'), input), list, chosen, to), to };
}

/* The preview of a quote and its confirm step: confirm() does the move. */
function previewBox(form, quote, finance, confirm) {
  const rows = [[t('amount_yuan'), money(quote.amount, 'yuan')], [t('date'), quote.date], [t('maturity'), `${quote.maturity} (${quote.days} ${t('days_to_maturity')})`]];
  if (finance) rows.push([t('discount_rate'), quote.rate + '%'], [t('discount'), money(quote.discount, 'yuan')], [t('proceeds'), money(quote.proceeds, 'yuan')]);
  else rows.unshift([t('receiver'), quote.to_name]);
  const box = el('div', { class: 'preview', role: 'region', 'aria-label': finance ? t('financing_preview') : t('transfer_preview'), 'data-quote': JSON.stringify(quote) },
    el('h3', {}, finance ? t('financing_preview') : t('transfer_preview')),
    el('dl', {}, rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { 'data-k': k }, v)])),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary confirm', onclick: confirm }, t('confirm')),
      el('button', { type: 'button', class: 'button cancel', onclick: () => box.remove() }, t('cancel'))));
  form.querySelector('.preview')?.remove();
  form.append(box);
  box.querySelector('.confirm').focus();
}

/* A move's form (transfer or finance) over the parts held. */
function moveForm(held, finance) {
  const options = held.map((c) => el('option', { value: c.id }, `${c.core_name || c.core} · ${money(c.face, 'yuan')} ${t('yuan')} · ${t('maturity')} ${c.maturity}`));
  const part = el('select', { name: 'part' }, options);
  const amount = el('input', { name: 'amount', required: '', inputmode: 'decimal', autocomplete: 'off' });
  amount.addEventListener('blur', () => { const v = parseYuan(amount.value); if (v) amount.value = money(v, 'yuan'); });
  const id = el('input', { name: 'id', readonly: '', value: newPartId(finance ? 'f' : 't'), 'aria-describedby': 'id-note' });
  const form = el('form', { class: 'action ' + (finance ? 'finance' : 'transfer') }, el('h2', {}, finance ? t('finance') : t('transfer')), field(t('lineage'), part));
  let receiver = null;
  if (!finance) { receiver = receiverPicker(part); form.append(receiver.box); }
  form.append(field(t('amount_yuan'), amount));
  const rate = finance ? el('input', { name: 'rate', required: '', value: '2.85', inputmode: 'decimal' }) : null;
  if (rate) form.append(field(t('discount_rate'), rate));
  form.append(field(`${t('new_id')} (${t('generated')})`, id), el('button', { class: 'primary', type: 'submit' }, t('preview')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const yuan = parseYuan(amount.value);
    if (!yuan) { show(`${t('amount')}：${apiMessage({ status: 400, problem: { field: 'amount' } })}`, true); return; }
    if (receiver && !receiver.to.value) { show(apiMessage({ status: 400, problem: { field: 'to' } }), true); return; }
    const body = { id: id.value, amount: yuan, date: session.business };
    if (finance) body.rate = rate.value.trim(); else body.to = receiver.to.value;
    const base = `/v1/certificates/${encodeURIComponent(part.value)}/${finance ? 'financings' : 'transfers'}`;
    try {
      const quote = await api(base + '/quote', body);
      previewBox(form, quote, finance, async () => {
        try {
          await api(base, body);
          show(t('done'));
          location.hash = '#/mycerts/' + encodeURIComponent(part.value.split('.')[0]) + '?done=' + encodeURIComponent(body.id);
        } catch (e) { show(apiMessage(e), true); }
      });
    } catch (e) { show(apiMessage(e), true); }
  });
  return form;
}

export async function pageMyCerts(main, id) {
  const party = session.me.party;
  const all = await api(`/v1/parties/${encodeURIComponent(party)}/certificates`);
  const held = all.filter((c) => c.status === 'held');
  heading(main, `${t('mycerts')} · ${session.me.party_name || party}`, session.business, 'yuan');
  const tbl = table([t('core'), num(`${t('face')} (${t('yuan')})`), t('maturity'), num(t('days_to_maturity')), t('status_col')],
    all.map((c) => opens(el('tr', { 'data-key': c.id }, el('td', {}, c.core_name || c.core), el('td', { class: 'num', 'data-raw': c.face }, money(c.face, 'yuan')), el('td', {}, c.maturity),
      numCell(days(session.business, c.maturity)), el('td', {}, label('certificate_statuses', c.status))), '#/mycerts/' + encodeURIComponent(c.root))), { class: 'held' });
  main.append(localExport(tbl, 'certificates'), tbl);
  if (held.length) main.append(el('div', { class: 'moves' }, moveForm(held, false), moveForm(held, true)));
  const root = id || (all[0] && all[0].root);
  if (root) await lineage(main, root);
}
