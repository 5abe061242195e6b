// Small DOM helpers. Text always goes in as textContent: nothing from the server is parsed as HTML.
import { t, lang } from './i18n.js';

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

export function pct(v) { return v === null || v === undefined ? '—' : `${(v * 100).toFixed(2)}%`; }
export function num(v) { return v === null || v === undefined ? '—' : Number(v).toLocaleString(lang()); }
export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString(lang(), { timeZone: 'Asia/Shanghai', hour12: false });
}
export function ratingLabel(r) { return t(`rating.${r}`); }

export function table(headers, rows, onClick) {
  return el('table', {},
    el('thead', {}, el('tr', {}, headers.map(h => el('th', { class: h.num ? 'num' : '' }, t(h.key))))),
    el('tbody', {}, rows.map(r => el('tr', { class: onClick ? 'clickable' : '', onclick: onClick ? () => onClick(r.data) : null },
      r.cells.map((c, i) => el('td', { class: headers[i].num ? 'num' : '' }, c))))));
}

export function card(labelKey, value, cls = '') {
  return el('div', { class: 'card' }, el('div', { class: `v ${cls}` }, value), el('div', { class: 'l' }, t(labelKey)));
}

export function toast(text) {
  const box = document.getElementById('toast');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(box._timer);
  box._timer = setTimeout(() => { box.hidden = true; }, 4000);
}
