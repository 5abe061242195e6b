// UI strings: every visible text is a key looked up in i18n/<lang>.json (zh-Hans, zh-Hant,
// en). tests/console/check-i18n.mjs checks that every key used here exists in all three.
const LANGS = ['zh-Hans', 'zh-Hant', 'en'];
let table = {};
let current = 'zh-Hans';

export function pickLanguage() {
  const saved = localStorage.getItem('console.lang');
  if (LANGS.includes(saved)) return saved;
  const nav = (navigator.language || '').toLowerCase();
  if (nav.startsWith('zh-tw') || nav.startsWith('zh-hk') || nav.includes('hant')) return 'zh-Hant';
  if (nav.startsWith('zh')) return 'zh-Hans';
  return 'en';
}

export async function loadLanguage(lang) {
  if (!LANGS.includes(lang)) lang = 'zh-Hans';
  const res = await fetch(`/console/i18n/${lang}.json`);
  table = await res.json();
  current = lang;
  localStorage.setItem('console.lang', lang);
  document.documentElement.lang = lang;
}

export function lang() { return current; }

// t(key) or t(key, {n: 5}) for "{n}" in the text; a missing key shows itself in brackets.
export function t(key, vars) {
  let s = table[key];
  if (s === undefined) return `[${key}]`;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

export function translatePage(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}
