// The console's shell: login, the session, the header, and hash routes to pages.
import { api, setCsrf, ApiError } from './api.js';
import { loadLanguage, pickLanguage, translatePage, t } from './i18n.js';
import { el } from './dom.js';
import * as pages from './pages.js';
import * as guides from './guides.js';

const state = { session: null };

const routes = {
  overview: pages.overview,
  hall: pages.hall,
  records: pages.records,
  record: pages.record,
  ranking: pages.ranking,
  report: pages.report,
  fleet: pages.fleet,
  audit: pages.audit,
  guides: guides.guides,
  guide: guides.guide,
  'guide-diff': guides.guideDiff,
  'guide-preview': guides.guidePreview,
};

function parseHash() {
  const h = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = h.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] || 'overview', args: parts.slice(1), params: new URLSearchParams(query) };
}

// Each render is numbered: a slow page whose answer arrives after the user went elsewhere
// must not overwrite the page they are on now.
let renderSeq = 0;

async function render() {
  const seq = ++renderSeq;
  const main = document.getElementById('main');
  if (!state.session) return showLogin();
  document.getElementById('top').hidden = false;
  const { name, args, params } = parseHash();
  for (const a of document.querySelectorAll('header nav a')) a.classList.toggle('active', a.getAttribute('href') === `#/${name}`);
  const page = routes[name] || pages.overview;
  main.replaceChildren(el('p', { class: 'muted' }, t('common.loading')));
  try {
    const node = await page({ args, params, session: state.session });
    if (seq !== renderSeq) return;
    main.replaceChildren(node);
    main.dataset.page = name;
  } catch (e) {
    if (seq !== renderSeq || (e instanceof ApiError && e.status === 401)) return;
    const key = e instanceof ApiError && e.status === 403 ? 'error.forbidden' : 'error.generic';
    main.replaceChildren(el('div', { class: 'error', id: 'page-error' }, `${t(key)} (${e.status || ''} ${e.message})`));
    main.dataset.page = 'error';
  }
}

function showLogin(messageKey) {
  ++renderSeq;
  state.session = null;
  document.getElementById('top').hidden = true;
  const main = document.getElementById('main');
  const err = el('div', { class: 'error', id: 'login-error' }, messageKey ? t(messageKey) : '');
  const form = el('form', { class: 'login', id: 'login-form' },
    el('h1', {}, t('login.title')),
    el('label', {}, t('login.user'), el('input', { name: 'user', id: 'login-user', autocomplete: 'username', required: true })),
    el('label', {}, t('login.password'), el('input', { name: 'password', id: 'login-password', type: 'password', autocomplete: 'current-password', required: true })),
    err,
    el('button', { class: 'primary', type: 'submit', id: 'login-submit' }, t('login.submit')));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      const s = await api('login', { method: 'POST', body: { user: form.user.value, password: form.password.value } });
      startSession(s);
    } catch (e) {
      err.textContent = t(e.status === 423 ? 'login.locked' : e.status === 403 ? 'login.needs_tls' : 'login.wrong');
    }
  });
  main.replaceChildren(form);
  main.dataset.page = 'login';
}

function startSession(s) {
  state.session = s;
  setCsrf(s.csrf);
  document.getElementById('who').textContent = `${s.user} · ${t(`role.${s.role}`)}${s.hall_id ? ` · ${s.hall_id}` : ''}`;
  document.getElementById('nav-audit').hidden = !s.permissions.includes('view_audit');
  document.getElementById('nav-guides').hidden = !s.permissions.includes('view_guides');
  render();
}

async function main() {
  await loadLanguage(pickLanguage());
  translatePage();
  const select = document.getElementById('lang');
  select.value = document.documentElement.lang;
  select.addEventListener('change', async () => {
    await loadLanguage(select.value);
    translatePage();
    if (state.session) startSession(state.session); else showLogin();
  });
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api('logout', { method: 'POST' }); } catch { /* already gone */ }
    showLogin('login.logged_out');
  });
  window.addEventListener('console-logged-out', () => showLogin('login.expired'));
  window.addEventListener('hashchange', render);
  try {
    startSession(await api('session'));
  } catch {
    showLogin();
  }
}

main();
