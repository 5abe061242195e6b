// One function per page: fetches what it shows and returns its DOM. Links are hash routes.
import { api } from './api.js';
import { t } from './i18n.js';
import { el, pct, num, when, ratingLabel, table, card, toast } from './dom.js';

const CATEGORIES = ['empty_window', 'attitude', 'discipline', 'integrity', 'delay', 'back_and_forth', 'long_wait',
  'unclear_guide', 'hall_layout', 'broken_equipment', 'praise'];
const AUDIT_ACTIONS = ['user_add', 'user_passwd', 'user_disable', 'login', 'login_failed', 'login_failed_locked', 'login_locked',
  'session_expired', 'logout', 'csrf_rejected', 'reveal_phone', 'export_records', 'export_report', 'kiosk_revoke', 'kiosk_rotate',
  'guide_save', 'guide_submit', 'guide_approve', 'guide_reject', 'guide_rollback', 'guide_publish', 'guide_import', 'guide_export',
  'guide_file', 'reauth', 'reauth_failed'];
const STATES = ['new', 'verifying', 'fixing', 'answered', 'closed', 'unfounded'];

function go(hash) { location.hash = hash; }
function thisMonth() { return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7); }

function monthPicker(month, onChange) {
  const input = el('input', { type: 'month', value: month, id: 'month' });
  input.addEventListener('change', () => onChange(input.value));
  return el('label', { class: 'noprint' }, t('common.month'), ' ', input);
}

// Coverage: visits rated per 1,000 tickets served; "—" where no queue feed reports tickets
// served (the hint says so on hover and in the note under the table).
function perMille(v) { return `${Number(v).toLocaleString(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}‰`; }
function coverageCell(c) {
  return c && c.per_1000 !== null
    ? el('span', { class: 'coverage', title: t('overview.coverage_detail', { rated: num(c.visits_rated), served: num(c.tickets_served) }) }, perMille(c.per_1000))
    : el('span', { class: 'coverage muted', title: t('overview.no_queue_feed') }, '—');
}
function sumCoverage(list) {
  const c = { tickets_served: 0, visits_rated: 0, unticketed: 0 };
  for (const x of list) for (const k of Object.keys(c)) c[k] += x[k] || 0;
  c.per_1000 = c.tickets_served ? c.visits_rated * 1000 / c.tickets_served : null;
  return c;
}

function chart(config) {
  const canvas = el('canvas');
  const box = el('div', { class: 'chart' }, canvas);
  if (window.Chart) requestAnimationFrame(() => new window.Chart(canvas, { ...config, options: { animation: false, maintainAspectRatio: false, ...config.options } }));
  return box;
}

export async function overview({ params }) {
  const month = params.get('month') || thisMonth();
  const data = await api(`overview?month=${month}`);
  const halls = data.halls;
  const sum = k => halls.reduce((a, h) => a + (h[k] || 0), 0);
  const sumM = (m, k) => halls.reduce((a, h) => a + (h[m][k] || 0), 0);
  const rated = sumM('last_month', 'ratings'), good = sumM('last_month', 'good');
  const cov = sumCoverage(halls.map(h => h.this_month.coverage));
  const noFeed = halls.filter(h => h.this_month.coverage.per_1000 === null).map(h => h.hall_id);
  const root = el('section', { id: 'overview' },
    el('h1', {}, t('overview.title')),
    monthPicker(month, m => go(`#/overview?month=${m}`)),
    el('div', { class: 'cards' },
      card('overview.halls', num(halls.length)),
      card('overview.satisfaction_last', pct(rated ? good / rated : null), 'ok'),
      card('overview.bad_this', num(sumM('this_month', 'bad')), 'bad'),
      card('overview.open_bad', num(sum('open_bad'))),
      card('overview.overdue_bad', num(sum('overdue_bad')), sum('overdue_bad') ? 'bad' : ''),
      card('overview.appeals_pending', num(sum('appeals_pending'))),
      card('overview.coverage_this', cov.per_1000 === null ? '—' : perMille(cov.per_1000))),
    chart({
      type: 'bar',
      data: {
        labels: halls.map(h => h.hall_id),
        datasets: [
          { label: t('overview.bad_last'), data: halls.map(h => h.last_month.bad), backgroundColor: '#d98f8a' },
          { label: t('overview.bad_this'), data: halls.map(h => h.this_month.bad), backgroundColor: '#b3261e' },
          { label: t('overview.overdue_bad'), data: halls.map(h => h.overdue_bad), backgroundColor: '#9a5b00' },
        ],
      },
      options: { plugins: { title: { display: true, text: t('overview.chart_title') } } },
    }),
    table([
      { key: 'common.hall' }, { key: 'overview.ratings_this', num: 1 }, { key: 'overview.satisfaction_this', num: 1 },
      { key: 'overview.ratings_last', num: 1 }, { key: 'overview.satisfaction_last', num: 1 },
      { key: 'indicator.efficiency', num: 1 }, { key: 'indicator.level', num: 1 }, { key: 'indicator.attitude', num: 1 },
      { key: 'overview.bad_this', num: 1 }, { key: 'overview.open_bad', num: 1 }, { key: 'overview.overdue_bad', num: 1 },
      { key: 'overview.callback', num: 1 }, { key: 'overview.appeals_pending', num: 1 }, { key: 'overview.coverage', num: 1 },
    ], halls.map(h => ({
      data: h,
      cells: [h.hall_id, num(h.this_month.ratings), pct(h.this_month.satisfaction), num(h.last_month.ratings),
        pct(h.last_month.satisfaction), pct(h.last_month.indicators.efficiency), pct(h.last_month.indicators.level),
        pct(h.last_month.indicators.attitude), num(h.this_month.bad), num(h.open_bad),
        el('span', { class: h.overdue_bad ? 'bad' : '' }, num(h.overdue_bad)),
        pct(h.last_month.callback_rate), num(h.appeals_pending), coverageCell(h.this_month.coverage)],
    })), h => go(`#/hall/${encodeURIComponent(h.hall_id)}?month=${month}`)),
    el('p', { class: 'muted' }, t('overview.note')),
    el('p', { class: 'muted', id: 'coverage-note' }, t('overview.coverage_note', { unticketed: num(cov.unticketed) }),
      noFeed.length ? ` ${t('overview.no_feed_halls', { halls: noFeed.join(', ') })}` : ''));
  return root;
}

export async function hall({ args, params }) {
  const id = args[0];
  const month = params.get('month') || thisMonth();
  const data = await api(`halls/${encodeURIComponent(id)}?month=${month}`);
  const w = data.windows;
  const c = data.coverage;
  return el('section', { id: 'hall' },
    el('h1', {}, t('hall.title', { hall: id })),
    monthPicker(month, m => go(`#/hall/${encodeURIComponent(id)}?month=${m}`)),
    el('p', { id: 'hall-coverage' }, c.per_1000 === null
      ? t('hall.no_queue_feed', { unticketed: num(c.unticketed) })
      : t('hall.coverage', { per: perMille(c.per_1000), rated: num(c.visits_rated), served: num(c.tickets_served), unticketed: num(c.unticketed) })),
    chart({
      type: 'bar',
      data: { labels: w.map(x => x.window_id), datasets: [{ label: t('overview.satisfaction_this'), data: w.map(x => x.month.satisfaction === null ? null : x.month.satisfaction * 100), backgroundColor: '#1b6e3a' }] },
      options: { scales: { y: { min: 90, max: 100 } } },
    }),
    table([
      { key: 'common.window' }, { key: 'overview.ratings_this', num: 1 }, { key: 'overview.satisfaction_this', num: 1 },
      { key: 'overview.bad_this', num: 1 }, { key: 'overview.open_bad', num: 1 }, { key: 'overview.overdue_bad', num: 1 },
      { key: 'overview.callback', num: 1 }, { key: 'overview.coverage', num: 1 },
    ], w.map(x => ({
      data: x,
      cells: [x.window_id, num(x.month.ratings), pct(x.month.satisfaction), num(x.month.bad), num(x.open_bad),
        el('span', { class: x.overdue_bad ? 'bad' : '' }, num(x.overdue_bad)), pct(x.month.callback_rate), coverageCell(x.month.coverage)],
    })), x => go(`#/records?hall=${encodeURIComponent(id)}&window=${encodeURIComponent(x.window_id)}`)));
}

export async function records({ params }) {
  const q = new URLSearchParams(params);
  const data = await api(`records?${q}`);
  const field = (name, input) => el('label', {}, t(`filter.${name}`), input);
  const select = (name, values, labelOf) => el('select', { name }, el('option', { value: '' }, t('filter.any')),
    values.map(v => el('option', { value: v, selected: q.get(name) === v }, labelOf(v))));
  const form = el('form', { class: 'filters noprint', id: 'record-filters' },
    field('hall', el('input', { name: 'hall', value: q.get('hall') || '', size: 10 })),
    field('window', el('input', { name: 'window', value: q.get('window') || '', size: 6 })),
    field('category', select('category', CATEGORIES, c => t(`category.${c}`))),
    field('rating', select('rating', ['bad', '1', '2', '3', '4', '5'], r => r === 'bad' ? t('rating.bad') : ratingLabel(r))),
    field('state', select('state', STATES, s => t(`state.${s}`))),
    field('from', el('input', { name: 'from', type: 'date', value: q.get('from') || '' })),
    field('to', el('input', { name: 'to', type: 'date', value: q.get('to') || '' })),
    el('button', { class: 'primary', type: 'submit' }, t('filter.apply')));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const f = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) f.set(k, v);
    go(`#/records?${f}`);
  });
  const exportQ = new URLSearchParams(q); exportQ.delete('after');
  const next = data.next ? (() => { const n = new URLSearchParams(q); n.set('after', data.next); return n; })() : null;
  return el('section', { id: 'records' },
    el('h1', {}, t('records.title')),
    form,
    el('div', { class: 'pager noprint' },
      el('a', { href: `/console/api/records/export?${exportQ}`, id: 'export-csv', download: `records.csv` }, t('records.export')),
      q.get('after') ? el('a', { href: '#', onclick: ev => { ev.preventDefault(); history.back(); } }, t('records.prev')) : null,
      next ? el('a', { href: `#/records?${next}`, id: 'next-page' }, t('records.next')) : el('span', { class: 'muted' }, t('records.end'))),
    table([
      { key: 'records.time' }, { key: 'records.receipt' }, { key: 'common.hall' }, { key: 'common.window' }, { key: 'records.rating' },
      { key: 'records.categories' }, { key: 'records.state' }, { key: 'records.text' },
    ], data.records.map(r => ({
      data: r,
      cells: [when(r.created_at), r.receipt, r.hall_id, r.window_id,
        el('span', { class: r.rating <= 2 ? 'bad' : '' }, ratingLabel(r.rating)),
        r.categories.map(c => t(`category.${c}`)).join('、'),
        el('span', {}, t(`state.${r.state}`), r.overdue ? el('span', { class: 'flag' }, t('records.overdue')) : null,
          r.appeal ? el('span', { class: 'flag grey' }, t(`appeal.${r.appeal}`)) : null),
        r.text],
    })), r => go(`#/record/${r.uuid}`)));
}

export async function record({ args, session }) {
  const uuid = args[0];
  const d = await api(`records/${encodeURIComponent(uuid)}`);
  const r = d.record;
  const phone = el('span', { id: 'phone' }, r.phone || t('record.anonymous'));
  const reveal = d.can_reveal && r.phone ? el('button', { id: 'reveal', onclick: async () => {
    if (!confirm(t('record.reveal_confirm'))) return;
    const res = await api(`records/${encodeURIComponent(uuid)}/reveal`, { method: 'POST' });
    phone.textContent = res.phone;
    toast(t('record.revealed'));
  } }, t('record.reveal')) : null;
  const ind = r.indicators || {};
  return el('section', { id: 'record' },
    el('h1', {}, t('record.title', { receipt: r.receipt || uuid })),
    el('dl', { class: 'kv' },
      el('dt', {}, t('common.hall')), el('dd', {}, el('a', { href: `#/hall/${encodeURIComponent(r.hall_id)}` }, r.hall_id)),
      el('dt', {}, t('common.window')), el('dd', {}, r.window_id),
      el('dt', {}, t('records.time')), el('dd', {}, when(r.created_at)),
      el('dt', {}, t('records.rating')), el('dd', { class: r.rating <= 2 ? 'bad' : '' }, ratingLabel(r.rating)),
      el('dt', {}, t('record.indicators')), el('dd', {}, ['efficiency', 'level', 'attitude'].map(k => `${t(`indicator.${k}`)}: ${ind[k] ? ratingLabel(ind[k]) : '—'}`).join('　')),
      el('dt', {}, t('records.categories')), el('dd', {}, (r.categories || []).map(c => t(`category.${c}`)).join('、')),
      el('dt', {}, t('records.text')), el('dd', {}, r.text || '—'),
      el('dt', {}, t('record.phone')), el('dd', {}, phone, ' ', reveal),
      el('dt', {}, t('records.state')), el('dd', {}, t(`state.${d.state}`), d.overdue ? el('span', { class: 'flag' }, t('records.overdue')) : null),
      el('dt', {}, t('record.due')), el('dd', {}, d.due || '—'),
      el('dt', {}, t('record.appeal')), el('dd', {}, d.appeal ? t(`appeal.${d.appeal}`) : '—'),
      el('dt', {}, t('record.callback')), el('dd', {}, d.callback_done ? t('record.callback_done') : t('record.callback_failed', { n: d.failed_callbacks }))),
    el('h2', {}, t('record.history')),
    d.history.length ? table([{ key: 'records.time' }, { key: 'record.action' }, { key: 'record.change' }],
      d.history.map(h => ({ data: h, cells: [when(h.at), t(`action.${h.action}`), describeChange(h)] })))
      : el('p', { class: 'muted' }, t('record.no_history')));
}

function describeChange(h) {
  const a = h.after || {};
  const parts = [];
  if (a.state) parts.push(`${t('records.state')}: ${t(`state.${a.state}`)}`);
  if (a.measure) parts.push(`${t('record.measure')}: ${a.measure}`);
  if (a.responsible) parts.push(`${t('record.responsible')}: ${a.responsible}`);
  if (a.callback_grade) parts.push(`${t('record.callback')}: ${t(`callback.${a.callback_grade}`)}`);
  if (a.appeal) parts.push(`${t('record.appeal')}: ${t(`appeal.${a.appeal}`)}`);
  if (a.explanation) parts.push(a.explanation);
  if (a.decided_by) parts.push(a.decided_by);
  return parts.join('；');
}

export async function ranking({ params }) {
  const month = params.get('month') || thisMonth();
  const d = await api(`ranking?month=${month}`);
  return el('section', { id: 'ranking' },
    el('h1', {}, t('ranking.title')),
    el('div', { class: 'pager noprint' }, monthPicker(month, m => go(`#/ranking?month=${m}`)),
      el('a', { href: `#/report?month=${month}`, id: 'open-report' }, t('ranking.report')),
      el('a', { href: `/console/api/report/csv?month=${month}`, id: 'report-csv', download: `report-${month}.csv` }, t('ranking.csv'))),
    el('p', { class: 'muted' }, t('ranking.rule', { n: d.min_sample })),
    rankingTable(d),
    d.too_few.length ? el('p', { class: 'muted' }, t('ranking.too_few', { n: d.too_few.length })) : null);
}

function rankingTable(d) {
  return table([
    { key: 'ranking.rank', num: 1 }, { key: 'common.hall' }, { key: 'common.window' }, { key: 'overview.ratings_this', num: 1 },
    { key: 'overview.satisfaction_this', num: 1 }, { key: 'overview.bad_this', num: 1 }, { key: 'ranking.flag' },
  ], d.rows.map(r => ({
    data: r,
    cells: [r.rank, r.hall_id, r.window_id, num(r.ratings), pct(r.satisfaction), num(r.bad),
      r.interview ? el('span', { class: 'flag' }, t('ranking.interview')) : r.last ? el('span', { class: 'flag grey' }, t('ranking.last')) : ''],
  })), r => go(`#/records?hall=${encodeURIComponent(r.hall_id)}&window=${encodeURIComponent(r.window_id)}`));
}

export async function report({ params }) {
  const month = params.get('month') || thisMonth();
  const [ov, rk] = await Promise.all([api(`overview?month=${month}`), api(`ranking?month=${month}`)]);
  const interview = rk.rows.filter(r => r.interview);
  return el('section', { id: 'report', class: 'report' },
    el('div', { class: 'noprint pager' }, el('button', { class: 'primary', onclick: () => window.print() }, t('report.print'))),
    el('h1', {}, t('report.title', { month })),
    el('p', { class: 'sub' }, t('report.subtitle', { today: ov.today })),
    el('h2', {}, t('report.halls')),
    table([
      { key: 'common.hall' }, { key: 'overview.ratings_this', num: 1 }, { key: 'overview.satisfaction_this', num: 1 },
      { key: 'indicator.efficiency', num: 1 }, { key: 'indicator.level', num: 1 }, { key: 'indicator.attitude', num: 1 },
      { key: 'overview.bad_this', num: 1 }, { key: 'overview.overdue_bad', num: 1 }, { key: 'overview.callback', num: 1 },
      { key: 'overview.coverage', num: 1 },
    ], ov.halls.map(h => ({ data: h, cells: [h.hall_id, num(h.this_month.ratings), pct(h.this_month.satisfaction),
      pct(h.this_month.indicators.efficiency), pct(h.this_month.indicators.level), pct(h.this_month.indicators.attitude),
      num(h.this_month.bad), num(h.overdue_bad), pct(h.this_month.callback_rate), coverageCell(h.this_month.coverage)] }))),
    el('p', { class: 'muted' }, t('report.coverage_note')),
    el('h2', {}, t('report.ranking')),
    el('p', { class: 'muted' }, t('ranking.rule', { n: rk.min_sample })),
    rankingTable(rk),
    el('h2', {}, t('report.interview')),
    el('p', {}, interview.length ? interview.map(r => `${r.hall_id} ${r.window_id}`).join('、') : t('report.no_interview')));
}

export async function fleet({ session }) {
  const d = await api('fleet');
  const canManage = session.permissions.includes('manage_tokens');
  const act = (k, action) => async () => {
    const typed = prompt(t(`fleet.${action}_confirm`, { name: k.name }));
    if (typed === null) return;
    try {
      const res = await api(`fleet/${encodeURIComponent(k.name)}/${action}`, { method: 'POST', body: { confirm: typed } });
      if (action === 'rotate') prompt(t('fleet.new_token'), res.token);
      toast(t(`fleet.${action}_done`, { name: k.name }));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (e) {
      toast(`${t('error.generic')}: ${e.message}`);
    }
  };
  const gib = b => b === null ? '—' : `${(b / 1024 ** 3).toFixed(1)} GiB`;
  return el('section', { id: 'fleet' },
    el('h1', {}, t('fleet.title')),
    el('p', { class: 'muted' }, t('fleet.silent_rule', { m: Math.round(d.silent_after_s / 60) })),
    table([
      { key: 'fleet.name' }, { key: 'common.hall' }, { key: 'fleet.role' }, { key: 'fleet.last_seen' }, { key: 'fleet.version' },
      { key: 'fleet.content' }, { key: 'fleet.outbox', num: 1 }, { key: 'fleet.disk', num: 1 }, { key: 'fleet.status' }, { key: 'fleet.actions' },
    ], d.kiosks.map(k => ({
      data: k,
      cells: [k.name, k.hall_id, t(`fleet.role_${k.role}`), when(k.last_seen), k.kiosk_version || '—', k.content_version || '—',
        num(k.outbox_depth), el('span', { class: k.free_disk_bytes !== null && k.free_disk_bytes < 1024 ** 3 ? 'warn' : '' }, gib(k.free_disk_bytes)),
        k.revoked_at ? el('span', { class: 'flag grey' }, t('fleet.revoked'))
          : k.silent ? el('span', { class: 'flag' }, t('fleet.silent')) : el('span', { class: 'ok' }, t('fleet.ok')),
        canManage ? el('span', {},
          el('button', { class: 'danger', 'data-kiosk': k.name, 'data-action': 'revoke', onclick: act(k, 'revoke') }, t('fleet.revoke')), ' ',
          el('button', { 'data-kiosk': k.name, 'data-action': 'rotate', onclick: act(k, 'rotate') }, t('fleet.rotate'))) : ''],
    }))));
}

export async function audit() {
  const d = await api('audit');
  return el('section', { id: 'audit' },
    el('h1', {}, t('audit.title')),
    table([{ key: 'records.time' }, { key: 'audit.user' }, { key: 'audit.action' }, { key: 'audit.target' }, { key: 'audit.detail' }, { key: 'audit.peer' }],
      d.entries.map(a => ({ data: a, cells: [when(a.at), `${a.user}${a.role ? ` (${t(`role.${a.role}`)})` : ''}`, AUDIT_ACTIONS.includes(a.action) ? t(`audit.act.${a.action}`) : a.action, a.target, a.detail, a.peer] }))));
}
