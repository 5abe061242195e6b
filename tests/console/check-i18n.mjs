// Missing-key check for the console's pages: every t('key') in the JS and data-i18n="key" in
// the HTML exists in zh-Hans, zh-Hant and en, the three files have the same keys, and no
// value is empty. Keys built at run time (rating.${r} ...) are listed by family below.
//   node check-i18n.mjs sync/hub/console/web
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const web = process.argv[2];
const langs = ['zh-Hans', 'zh-Hant', 'en'];
const tables = Object.fromEntries(langs.map(l => [l, JSON.parse(readFileSync(join(web, 'i18n', `${l}.json`), 'utf8'))]));
const families = {
  'rating.': ['1', '2', '3', '4', '5', 'bad'],
  'category.': ['empty_window', 'attitude', 'discipline', 'integrity', 'delay', 'back_and_forth', 'long_wait', 'unclear_guide',
    'hall_layout', 'broken_equipment', 'praise'],
  'state.': ['new', 'verifying', 'fixing', 'answered', 'closed', 'unfounded'],
  'appeal.': ['pending', 'upheld', 'rejected'],
  'callback.': ['satisfied', 'basic', 'dissatisfied'],
  'action.': ['state', 'ledger', 'callback', 'appeal', 'appeal_decision', 'recheck', 'reveal_phone'],
  'role.': ['centre-admin', 'centre-viewer', 'hall-manager', 'guide-editor', 'guide-reviewer'],
  'indicator.': ['efficiency', 'level', 'attitude'],
  'fleet.role_': ['kiosk', 'queue'],
  'fleet.': ['revoke_confirm', 'rotate_confirm', 'revoke_done', 'rotate_done'],
  'audit.act.': ['user_add', 'user_passwd', 'user_disable', 'login', 'login_failed', 'login_failed_locked', 'login_locked',
    'session_expired', 'logout', 'csrf_rejected', 'reveal_phone', 'export_records', 'export_report', 'kiosk_revoke', 'kiosk_rotate', 'phone_erase',
    'guide_save', 'guide_submit', 'guide_approve', 'guide_reject', 'guide_rollback', 'guide_publish', 'guide_import', 'guide_export',
    'guide_file', 'reauth', 'reauth_failed'],
  // Guides (issue #18, web/guides.js)
  'lang.': ['zh-Hans', 'zh-Hant', 'en'],
  'guide.state.': ['draft', 'submitted', 'approved', 'published'],
  'guide.sev.': ['error', 'warning'],
  'guide.rule.': ['incomplete', 'catch_all_material', 'promised_over_legal', 'form_no_blank', 'form_no_sample', 'no_legal_basis',
    'licence_no_remedy', 'visits_without_reason', 'unknown_department', 'unknown_window', 'missing_translation', 'not_reviewed'],
  'guide.type.': ['administrative_license', 'public_service', 'administrative_confirmation', 'administrative_payment', 'other_power'],
  'guide.method.': ['on_site', 'online', 'post'],
  'guide.form.': ['original', 'copy', 'original_and_copy', 'electronic'],
  'guide.f.': ['fees', 'fee_basis', 'intermediary', 'delivery', 'result_sample', 'remedies', 'location', 'hours', 'complaint', 'progress_query'],
  'guide.': ['saved', 'submitted', 'approved', 'rejected', 'rolled_back'],
  'filter.': ['hall', 'window', 'category', 'rating', 'state', 'from', 'to'],
};
const used = new Set();
for (const f of readdirSync(web).filter(n => n.endsWith('.js') || n.endsWith('.html'))) {
  const text = readFileSync(join(web, f), 'utf8').toString();
  if (f.endsWith('.js')) for (const m of text.matchAll(/\bt\('([a-z_.\-]+)'/g)) used.add(m[1]);
  if (f.endsWith('.html')) for (const m of text.matchAll(/data-i18n="([a-z_.\-]+)"/g)) used.add(m[1]);
  // Static keys passed to helpers: card('overview.halls', ...), { key: 'common.hall' }, showLogin('login.expired')
  if (f.endsWith('.js')) for (const m of text.matchAll(/(?:card\(|key: |showLogin\(|fieldRow\(|kv\(|\? |: )'([a-z_]+\.[a-z_.\-]+)'/g)) used.add(m[1]);
}
for (const [prefix, names] of Object.entries(families)) for (const n of names) used.add(prefix + n);
const problems = [];
for (const k of used) for (const l of langs) if (!tables[l][k]) problems.push(`${l}: missing or empty "${k}"`);
const ref = Object.keys(tables['zh-Hans']).sort().join('\n');
for (const l of langs) if (Object.keys(tables[l]).sort().join('\n') !== ref) {
  for (const k of Object.keys(tables['zh-Hans'])) if (!(k in tables[l])) problems.push(`${l}: lacks "${k}" that zh-Hans has`);
  for (const k of Object.keys(tables[l])) if (!(k in tables['zh-Hans'])) problems.push(`${l}: has "${k}" that zh-Hans lacks`);
}
for (const k of Object.keys(tables['zh-Hans'])) if (!used.has(k)) problems.push(`unused key "${k}"`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`console i18n: ${used.size} keys present in ${langs.join(', ')}`);
