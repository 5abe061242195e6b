// Guides authored in the console (issue #18): the list, the editor (every field of the
// kiosk's guide, zh-Hans with zh-Hant and en beside it), the data-quality checks while
// editing, submit / approve / send back / publish / roll back, the history with its
// field-by-field diff, and the preview as a citizen sees it with the QR code's contents.
import { api } from './api.js';
import { t, lang } from './i18n.js';
import { el, when, table, toast } from './dom.js';

const LANGS = ['zh-Hans', 'zh-Hant', 'en'];
const TYPES = ['administrative_license', 'public_service', 'administrative_confirmation', 'administrative_payment', 'other_power'];
const FORMS = ['original', 'copy', 'original_and_copy', 'electronic'];
const METHODS = ['on_site', 'online', 'post'];
// TEXT fields in the order the kiosk shows them.
const TEXTS = ['name', 'accepting_body', 'deciding_body', 'legal_basis', 'conditions', 'prohibitions', 'fees', 'fee_basis',
  'intermediary', 'delivery', 'result_sample', 'remedies', 'location', 'hours', 'complaint', 'progress_query'];
const LONG = new Set(['legal_basis', 'conditions', 'prohibitions', 'remedies']);

function go(hash) { location.hash = hash; }
const loc = txt => (txt && (txt[lang()] || txt['zh-Hans'])) || '';
const stateFlag = s => el('span', { class: `flag state-${s}` }, t(`guide.state.${s}`));

export async function guides({ session }) {
  const d = await api('guides');
  const canEdit = session.permissions.includes('edit_guides');
  const canPublish = session.permissions.includes('publish_guides');
  const root = el('section', { id: 'guides' }, el('h1', {}, t('guides.title')));
  const bar = el('div', { class: 'toolbar noprint' });
  if (canEdit) {
    const code = el('input', { id: 'new-code', placeholder: t('guides.new_code') });
    bar.append(el('form', { class: 'inline', onsubmit: ev => { ev.preventDefault(); if (code.value.trim()) go(`#/guide/${encodeURIComponent(code.value.trim())}?new=1`); } },
      code, el('button', { class: 'primary', id: 'new-guide', type: 'submit' }, t('guides.new'))));
    const file = el('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv' });
    const report = el('div', { id: 'import-report' });
    file.addEventListener('change', async () => {
      const text = await file.files[0].text();
      const r = await api('guides/import', { method: 'POST', body: { csv: text } });
      report.replaceChildren(el('p', {}, t('guides.import_done', { imported: r.imported, rows: r.rows, refused: r.problems.length })),
        r.problems.length ? table([{ key: 'guides.import_row' }, { key: 'guides.code' }, { key: 'guides.import_reason' }],
          r.problems.map(p => ({ cells: [p.row, p.code, p.reason] }))) : '');
    });
    bar.append(el('label', { class: 'button' }, t('guides.import'), file));
    root.append(bar, report);
  }
  bar.append(el('a', { href: '/console/api/guides/export', id: 'export-guides', class: 'button' }, t('guides.export')));
  if (canPublish) root.append(publishBox(d));
  root.append(table([{ key: 'guides.code' }, { key: 'guides.name' }, { key: 'guides.department' }, { key: 'guides.state' },
    { key: 'guides.latest', num: 1 }, { key: 'guides.live', num: 1 }, { key: 'guides.updated' }, { key: 'guides.problems', num: 1 }],
  d.guides.map(g => ({ data: g, cells: [g.code, loc(g.name), g.department, stateFlag(g.state), g.latest, g.live_rev || '—', g.updated || '—',
    g.blocking ? el('span', { class: 'bad' }, g.blocking) : el('span', { class: 'ok' }, '0')] })),
  g => go(`#/guide/${encodeURIComponent(g.code)}`)));
  if (d.publications.length) {
    root.append(el('h2', {}, t('guides.publications')),
      table([{ key: 'guides.version' }, { key: 'common.hall' }, { key: 'guides.published_at' }, { key: 'guides.publisher' },
        { key: 'guides.count', num: 1 }, { key: 'guides.changed', num: 1 }, { key: 'guides.bytes', num: 1 }],
      d.publications.map(p => ({ cells: [p.version, p.hall_id === '*' ? t('guides.all_halls') : p.hall_id, when(p.published_at), p.publisher,
        p.guides, p.changed, p.bundle_bytes] }))));
  }
  return root;
}

function publishBox(d) {
  const approved = d.guides.filter(g => g.state === 'approved').length;
  const hall = el('select', { id: 'publish-hall' }, el('option', { value: '*' }, t('guides.all_halls')),
    d.directory.halls.map(h => el('option', { value: h.id }, `${h.id} ${loc(h.name)}`)));
  const pw = el('input', { type: 'password', id: 'publish-password', autocomplete: 'current-password', placeholder: t('guides.password_again') });
  const msg = el('div', { id: 'publish-result' });
  const box = el('form', { class: 'panel', id: 'publish-box' },
    el('h2', {}, t('guides.publish_title')),
    el('p', { class: 'muted' }, d.signing ? t('guides.publish_help', { n: approved }) : t('guides.no_key')),
    hall, ' ', pw, ' ', el('button', { class: 'primary', id: 'publish', type: 'submit', disabled: !d.signing }, t('guides.publish')), msg);
  box.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      const r = await api('guides/publish', { method: 'POST', body: { hall: hall.value, password: pw.value } });
      pw.value = '';
      msg.replaceChildren(el('p', { class: 'ok' }, t('guides.published', { version: r.version, n: r.guides, changed: r.changed, bytes: r.bundle_bytes })));
      toast(t('guides.published', { version: r.version, n: r.guides, changed: r.changed, bytes: r.bundle_bytes }));
    } catch (e) {
      msg.replaceChildren(el('p', { class: 'error', id: 'publish-error' }, `${t('guides.publish_failed')}: ${e.message}`));
    }
  });
  return box;
}

// ---- the editor ----

function blankGuide(code) {
  const txt = () => ({ 'zh-Hans': '', 'zh-Hant': '', en: '' });
  const g = { code, type: 'public_service', on_the_spot: false, department: '', windows: [], apply_methods: ['on_site'], steps: [txt()],
    materials: [], promised_days: 0, legal_days: 0, phone: '', visits: 0, reviewed_on: '' };
  for (const f of TEXTS) g[f] = txt();
  g.visits_reason = txt();
  return g;
}

function triText(obj, key, onChange, long, id) {
  if (!obj[key] || typeof obj[key] !== 'object') obj[key] = {};
  return el('div', { class: 'tri' }, LANGS.map(l => {
    const input = el(long ? 'textarea' : 'input', { 'data-lang': l, id: id ? `${id}-${l}` : undefined, rows: long ? 2 : undefined, placeholder: t(`lang.${l}`) });
    input.value = obj[key][l] || '';
    input.addEventListener('input', () => { obj[key][l] = input.value; onChange(); });
    return input;
  }));
}

function fieldRow(labelKey, ...control) {
  return el('div', { class: 'frow' }, el('label', {}, t(labelKey)), el('div', {}, ...control));
}

async function uploadTo(m, key, onChange, input) {
  const f = input.files[0];
  if (!f) return;
  const buf = new Uint8Array(await f.arrayBuffer());
  let bin = '';
  for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  const r = await api('guides/files', { method: 'POST', body: { name: f.name, mime: f.type, data: btoa(bin) } });
  m[key] = r.url;
  onChange(true);
}

export async function guide({ args, params, session }) {
  const code = args[0];
  const canEdit = session.permissions.includes('edit_guides');
  const canApprove = session.permissions.includes('approve_guides');
  const list = await api('guides');
  const dir = list.directory;
  let data;
  const rev = params.get('rev');
  try {
    data = await api(`guides/${encodeURIComponent(code)}${rev ? `?rev=${rev}` : ''}`);
  } catch (e) {
    if (e.status !== 404 || !canEdit) throw e;
    data = { code, rev: 0, latest: 0, state: 'new', doc: blankGuide(code), checks: [], revisions: [] };
  }
  const doc = data.doc;
  const viewingOld = data.rev !== data.latest;
  const checksBox = el('div', { id: 'checks', class: 'panel' });
  const status = el('div', { id: 'guide-status' });
  let timer;
  const changed = rerender => {
    clearTimeout(timer);
    timer = setTimeout(runChecks, 300);
    if (rerender === true) draw();
  };
  async function runChecks() {
    const r = await api('guides/check', { method: 'POST', body: { doc } });
    drawChecks(r.checks, r.blocking);
  }
  function drawChecks(checks, blocking) {
    const items = checks.map(c => {
      const li = el('li', { class: `check ${c.severity}${c.accepted ? ' accepted' : ''}`, 'data-rule': c.rule },
        el('span', { class: 'flag' + (c.severity === 'warning' ? ' grey' : '') }, t(`guide.sev.${c.severity}`)), ' ',
        el('strong', {}, t(`guide.rule.${c.rule}`)), ' — ', c.message[lang()] || c.message.en, el('span', { class: 'muted' }, ` (${c.field})`));
      if (c.severity === 'warning' && canEdit && !viewingOld) {
        const note = el('input', { class: 'accept-note', placeholder: t('guide.accept_note'), 'data-rule': c.rule });
        note.value = (doc.accepted && doc.accepted[c.rule]) || '';
        note.addEventListener('change', () => { doc.accepted = { ...(doc.accepted || {}), [c.rule]: note.value }; changed(); });
        li.append(el('div', {}, t('guide.accept'), ' ', note));
      }
      return li;
    });
    checksBox.replaceChildren(el('h2', {}, t('guide.checks')),
      el('p', { id: 'checks-summary', class: blocking ? 'bad' : 'ok' }, blocking ? t('guide.blocked', { n: blocking }) : t('guide.clean')),
      el('ul', { class: 'checks' }, items));
  }

  const form = el('div', { id: 'guide-form' });
  function draw() {
    const deptSel = el('select', { id: 'f-department' }, el('option', { value: '' }, '—'),
      dir.departments.map(dpt => el('option', { value: dpt.id, selected: dpt.id === doc.department }, `${dpt.id} · ${loc(dpt.name)}`)));
    deptSel.addEventListener('change', () => { doc.department = deptSel.value; changed(); });
    const typeSel = el('select', { id: 'f-type' }, TYPES.map(ty => el('option', { value: ty, selected: ty === doc.type }, t(`guide.type.${ty}`))));
    typeSel.addEventListener('change', () => { doc.type = typeSel.value; changed(); });
    const num = (key, id) => {
      const i = el('input', { type: 'number', min: 0, max: 3650, id, value: doc[key] ?? 0 });
      i.addEventListener('input', () => { doc[key] = Number(i.value) || 0; changed(); });
      return i;
    };
    const check = (checked, on, id) => {
      const c = el('input', { type: 'checkbox', id, checked });
      c.addEventListener('change', () => on(c.checked));
      return c;
    };
    const windows = el('div', { class: 'chips', id: 'f-windows' }, dir.halls.flatMap(h => h.windows.map(w => el('label', {},
      check((doc.windows || []).includes(w.id), on => {
        doc.windows = (doc.windows || []).filter(x => x !== w.id);
        if (on) doc.windows.push(w.id);
        changed();
      }, `win-${w.id}`), ` ${w.number} · ${loc(w.name)} (${h.id})`))));
    const methods = el('div', { class: 'chips' }, METHODS.map(m => el('label', {},
      check((doc.apply_methods || []).includes(m), on => {
        doc.apply_methods = (doc.apply_methods || []).filter(x => x !== m);
        if (on) doc.apply_methods.push(m);
        changed();
      }), ` ${t(`guide.method.${m}`)}`)));
    if (!doc.aliases) doc.aliases = {};
    const aliases = el('div', { class: 'tri' }, LANGS.map(l => {
      const i = el('input', { placeholder: `${t(`lang.${l}`)} — ${t('guide.aliases_help')}`, value: (doc.aliases[l] || []).join('；') });
      i.addEventListener('input', () => { doc.aliases[l] = i.value.split(/[;；]/).map(s => s.trim()).filter(Boolean); changed(); });
      return i;
    }));
    const reviewed = el('input', { type: 'date', id: 'f-reviewed', value: doc.reviewed_on || '' });
    reviewed.addEventListener('change', () => { doc.reviewed_on = reviewed.value; changed(); });
    const phone = el('input', { id: 'f-phone', value: doc.phone || '' });
    phone.addEventListener('input', () => { doc.phone = phone.value; changed(); });

    const materials = (doc.materials || []).map((m, i) => {
      const form = el('select', {}, FORMS.map(f => el('option', { value: f, selected: f === m.form }, t(`guide.form.${f}`))));
      form.addEventListener('change', () => { m.form = form.value; changed(); });
      const count = el('input', { type: 'number', min: 1, max: 99, value: m.count ?? 1, class: 'narrow' });
      count.addEventListener('input', () => { m.count = Number(count.value) || 1; changed(); });
      const link = key => {
        const u = el('input', { value: m[key] || '', placeholder: 'https://…', id: `m${i}-${key}` });
        u.addEventListener('input', () => { m[key] = u.value; changed(); });
        const up = el('input', { type: 'file', accept: '.pdf,.doc,.docx,.png,.jpg,.jpeg' });
        up.addEventListener('change', () => uploadTo(m, key, changed, up).catch(e => toast(e.message)));
        return el('div', {}, u, el('label', { class: 'button small' }, t('guide.upload'), up));
      };
      return el('div', { class: 'material', 'data-index': i },
        el('div', { class: 'mhead' }, el('strong', {}, `${t('guide.material')} ${i + 1}`), ' ',
          el('button', { type: 'button', class: 'small', onclick: () => { doc.materials.splice(i, 1); changed(true); } }, t('guide.remove'))),
        fieldRow('guide.m.name', triText(m, 'name', changed, false, `m${i}-name`)),
        fieldRow('guide.m.form', form, ' ', t('guide.m.count'), ' ', count, ' ',
          el('label', {}, check(m.required !== false, on => { m.required = on; changed(); }), ` ${t('guide.m.required')}`), ' ',
          el('label', {}, check(!!m.is_form, on => { m.is_form = on; changed(); }, `m${i}-is-form`), ` ${t('guide.m.is_form')}`)),
        fieldRow('guide.m.source', triText(m, 'source', changed, false, `m${i}-source`)),
        fieldRow('guide.m.notes', triText(m, 'notes', changed, false, `m${i}-notes`)),
        fieldRow('guide.m.blank_form', link('blank_form')),
        fieldRow('guide.m.sample', link('sample')));
    });
    const steps = (doc.steps || []).map((s, i) => el('div', { class: 'step' }, el('span', { class: 'muted' }, `${i + 1}.`),
      triText(doc.steps, i, changed, false, `step${i}`),
      el('button', { type: 'button', class: 'small', onclick: () => { doc.steps.splice(i, 1); changed(true); } }, t('guide.remove'))));

    form.replaceChildren(
      el('h2', {}, t('guide.sec.basic')),
      fieldRow('guide.f.name', triText(doc, 'name', changed, false, 'f-name')),
      fieldRow('guide.f.aliases', aliases),
      fieldRow('guide.f.type', typeSel, ' ', el('label', {}, check(!!doc.on_the_spot, on => { doc.on_the_spot = on; changed(); }), ` ${t('guide.f.on_the_spot')}`)),
      fieldRow('guide.f.department', deptSel),
      fieldRow('guide.f.windows', windows),
      fieldRow('guide.f.accepting_body', triText(doc, 'accepting_body', changed, false, 'f-accepting_body')),
      fieldRow('guide.f.deciding_body', triText(doc, 'deciding_body', changed, false, 'f-deciding_body')),
      fieldRow('guide.f.legal_basis', triText(doc, 'legal_basis', changed, true, 'f-legal_basis')),
      fieldRow('guide.f.conditions', triText(doc, 'conditions', changed, true, 'f-conditions')),
      fieldRow('guide.f.prohibitions', triText(doc, 'prohibitions', changed, true, 'f-prohibitions')),
      el('h2', {}, t('guide.sec.materials')),
      el('div', { id: 'materials' }, materials),
      el('button', { type: 'button', id: 'add-material', onclick: () => {
        doc.materials = doc.materials || [];
        doc.materials.push({ name: {}, form: 'original', count: 1, source: {}, required: true });
        changed(true);
      } }, t('guide.add_material')),
      el('h2', {}, t('guide.sec.process')),
      fieldRow('guide.f.apply_methods', methods),
      fieldRow('guide.f.steps', el('div', {}, steps, el('button', { type: 'button', id: 'add-step', onclick: () => { doc.steps = doc.steps || []; doc.steps.push({}); changed(true); } }, t('guide.add_step')))),
      fieldRow('guide.f.days', t('guide.f.promised_days'), ' ', num('promised_days', 'f-promised'), ' ', t('guide.f.legal_days'), ' ', num('legal_days', 'f-legal')),
      fieldRow('guide.f.visits', num('visits', 'f-visits')),
      fieldRow('guide.f.visits_reason', triText(doc, 'visits_reason', changed, false, 'f-visits_reason')),
      el('h2', {}, t('guide.sec.fees')),
      ...['fees', 'fee_basis', 'intermediary', 'delivery', 'result_sample', 'remedies'].map(f => fieldRow(`guide.f.${f}`, triText(doc, f, changed, LONG.has(f), `f-${f}`))),
      el('h2', {}, t('guide.sec.where')),
      ...['location', 'hours', 'complaint', 'progress_query'].map(f => fieldRow(`guide.f.${f}`, triText(doc, f, changed, false, `f-${f}`))),
      fieldRow('guide.f.phone', phone),
      fieldRow('guide.f.reviewed_on', reviewed),
      (doc.forms || []).length ? fieldRow('guide.f.forms', el('ul', {}, doc.forms.map(f => el('li', {}, `${loc(f.name)} — ${f.url}${f.sample ? ` (${t('guide.m.sample')})` : ''}`)))) : '');
    if (viewingOld || !canEdit) for (const i of form.querySelectorAll('input, select, textarea, button')) i.disabled = true;
  }

  async function act(path, body, okKey) {
    try {
      const r = await api(`guides/${encodeURIComponent(code)}/${path}`, { method: 'POST', body });
      toast(t(okKey));
      return r;
    } catch (e) {
      status.replaceChildren(el('p', { class: 'error', id: 'action-error' }, e.message));
      throw e;
    }
  }
  const buttons = el('div', { class: 'toolbar noprint' });
  if (!viewingOld && canEdit)
    buttons.append(el('button', { class: 'primary', id: 'save', onclick: async () => {
      const r = await act('save', { doc, base_rev: data.latest }, 'guide.saved');
      go(`#/guide/${encodeURIComponent(code)}?saved=${r.rev}`);
    } }, t('guide.save')));
  if (!viewingOld && canEdit && data.state === 'draft')
    buttons.append(el('button', { id: 'submit', onclick: async () => { await act('submit', { rev: data.rev }, 'guide.submitted'); go(`#/guide/${encodeURIComponent(code)}?s=${Date.now()}`); } }, t('guide.submit')));
  if (!viewingOld && canApprove && data.state === 'submitted') {
    buttons.append(el('button', { class: 'primary', id: 'approve', onclick: async () => { await act('approve', { rev: data.rev }, 'guide.approved'); go(`#/guide/${encodeURIComponent(code)}?a=${Date.now()}`); } }, t('guide.approve')));
    const note = el('input', { id: 'reject-note', placeholder: t('guide.reject_note') });
    buttons.append(note, el('button', { id: 'reject', onclick: async () => { await act('reject', { rev: data.rev, note: note.value }, 'guide.rejected'); go(`#/guide/${encodeURIComponent(code)}?r=${Date.now()}`); } }, t('guide.reject')));
  }
  if (data.rev) buttons.append(el('a', { class: 'button', id: 'preview-link', href: `#/guide-preview/${encodeURIComponent(code)}?rev=${data.rev}` }, t('guide.preview')));

  // History: every revision, a diff between any two, rollback to a published one.
  const history = el('div', { id: 'history' });
  if (data.revisions.length) {
    history.append(el('h2', {}, t('guide.history')),
      table([{ key: 'guide.rev', num: 1 }, { key: 'guide.author' }, { key: 'guide.saved_at' }, { key: 'guide.approved_by' }, { key: 'guide.publication', num: 1 }, { key: 'guide.note' }, { key: 'guide.actions' }],
        data.revisions.map((r, i) => ({ data: r, cells: [r.rev, r.author, when(r.saved_at), r.approved_by || '—', r.publication || '—', r.note,
          el('span', {},
            el('a', { href: `#/guide/${encodeURIComponent(code)}?rev=${r.rev}` }, t('guide.open')), ' ',
            i + 1 < data.revisions.length ? el('a', { href: `#/guide-diff/${encodeURIComponent(code)}?from=${data.revisions[i + 1].rev}&to=${r.rev}`, class: 'diff-link', 'data-rev': r.rev }, t('guide.diff_prev')) : '',
            ' ',
            canApprove && r.publication && r.rev !== data.latest ? el('button', { class: 'small rollback', 'data-rev': r.rev, onclick: async () => {
              if (!confirm(t('guide.rollback_confirm', { rev: r.rev }))) return;
              await act('rollback', { to: r.rev }, 'guide.rolled_back');
              go(`#/guide/${encodeURIComponent(code)}?rb=${Date.now()}`);
            } }, t('guide.rollback')) : '')] }))));
  }

  draw();
  drawChecks(data.checks, data.checks.filter(c => c.severity === 'error' || !c.accepted).length);
  if (data.state === 'new') runChecks();
  return el('section', { id: 'guide-editor' },
    el('h1', {}, `${t('guide.title')} ${code} `, data.state === 'new' ? stateFlag('draft') : stateFlag(data.state), ' ',
      el('span', { class: 'muted', id: 'guide-rev' }, data.rev ? `${t('guide.rev')} ${data.rev}${viewingOld ? ` (${t('guide.old_rev')})` : ''}` : t('guide.unsaved'))),
    el('p', {}, el('a', { href: '#/guides' }, t('guide.back'))),
    buttons, status,
    el('div', { class: 'editor-grid' }, form, el('aside', {}, checksBox)),
    history);
}

export async function guideDiff({ args, params }) {
  const code = args[0];
  const from = params.get('from'), to = params.get('to');
  const d = await api(`guides/${encodeURIComponent(code)}/diff?from=${from}&to=${to}`);
  return el('section', { id: 'guide-diff' },
    el('h1', {}, t('guide.diff_title', { code, from, to })),
    el('p', {}, el('a', { href: `#/guide/${encodeURIComponent(code)}` }, t('guide.back_to_guide'))),
    d.changes.length ? table([{ key: 'guide.diff_field' }, { key: 'guide.diff_before' }, { key: 'guide.diff_after' }],
      d.changes.map(c => ({ cells: [c.field, el('span', { class: 'del' }, c.before ?? '—'), el('span', { class: 'ins' }, c.after ?? '—')] })))
      : el('p', { class: 'muted', id: 'diff-empty' }, t('guide.diff_none')));
}

export async function guidePreview({ args, params }) {
  const code = args[0];
  const p = await api(`guides/${encodeURIComponent(code)}/preview?rev=${params.get('rev') || 0}`);
  const g = p.guide;
  const kv = (key, v) => [el('dt', {}, t(key)), el('dd', {}, v)];
  return el('section', { id: 'guide-preview' },
    el('h1', {}, t('guide.preview_title')),
    el('p', {}, el('a', { href: `#/guide/${encodeURIComponent(code)}` }, t('guide.back_to_guide'))),
    p.kiosk_errors.length ? el('div', { class: 'error' }, t('guide.kiosk_refuses'), el('ul', {}, p.kiosk_errors.map(e => el('li', {}, e)))) : '',
    el('div', { class: 'citizen' },
      el('h2', {}, loc(g.name)),
      el('p', { class: 'muted' }, `${loc(p.department)} · ${t('guide.updated')} ${g.updated}`),
      el('dl', { class: 'kv' },
        kv('guide.f.conditions', loc(g.conditions)),
        kv('guide.f.days', `${t('guide.f.promised_days')} ${g.promised_days} · ${t('guide.f.legal_days')} ${g.legal_days}`),
        kv('guide.f.fees', loc(g.fees)), kv('guide.f.location', loc(g.location)), kv('guide.f.hours', loc(g.hours)),
        kv('guide.f.legal_basis', loc(g.legal_basis)), kv('guide.f.remedies', loc(g.remedies))),
      el('h2', {}, t('guide.sec.materials')),
      el('ol', {}, (g.materials || []).map(m => el('li', {}, `${loc(m.name)} — ${t(`guide.form.${m.form}`)} × ${m.count}${m.required ? '' : ` (${t('guide.optional')})`}`))),
      el('h2', {}, t('guide.f.steps')),
      el('ol', {}, (g.steps || []).map(s => el('li', {}, loc(s)))),
      el('h2', {}, t('guide.f.forms')),
      el('ul', {}, (g.forms || []).map(f => el('li', {}, `${loc(f.name)}${f.sample ? ` (${t('guide.m.sample')})` : ''}: ${f.url}`)))),
    el('h2', {}, t('guide.qr')),
    el('pre', { class: 'qr', id: 'qr-text' }, p.qr[lang()] || p.qr['zh-Hans'] || ''));
}
