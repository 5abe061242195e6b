// Browser test of hall-hub's console: Debian's chromium (headless) driven by playwright-core
// against a demo hub this test starts on a free loopback port and stops by pid.
//   node console.test.mjs --hub BUILD/sync/hub/hall-hub --out BUILD/tests/console/screenshots
// Every page is saved as a PNG in --out. Exits non-zero on the first failed check.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const arg = name => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
const hubBin = arg('hub');
const outDir = arg('out') || join(tmpdir(), 'console-screenshots');
assert.ok(hubBin && existsSync(hubBin), `--hub ${hubBin}: no such binary`);
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'console-test-'));
const hubs = [];
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function startHub(name, extra) {
  const portFile = join(work, `${name}.port`);
  const proc = spawn(hubBin, ['--db', join(work, 'hub.db'), '--listen', '127.0.0.1:0', '--port-file', portFile, ...extra],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  hubs.push(proc);
  for (let i = 0; i < 600 && !existsSync(portFile); i++) {  // at most 60 s (the demo data is written first)
    if (proc.exitCode !== null) throw new Error(`hub ${name} exited with ${proc.exitCode}`);
    await sleep(100);
  }
  assert.ok(existsSync(portFile), `hub ${name} did not start in 60 s`);
  return `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}`;
}

function stopHubs() {
  for (const p of hubs) if (p.exitCode === null) p.kill('SIGTERM');
}

let step = 0;
async function shot(page, name) {
  await page.waitForTimeout(150);  // charts draw on the next frame
  await page.screenshot({ path: join(outDir, `${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true });
}

async function login(page, base, user, password = 'demo-password') {
  await page.goto(`${base}/console/`);
  await page.waitForSelector('#login-form');
  await page.fill('#login-user', user);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
}

// Polls a condition evaluated in the page (waitForFunction would need 'unsafe-eval', which the
// console's Content-Security-Policy rightly forbids). Bounded: 30 s (ASan on a busy CI machine).
async function until(page, fn, arg, what) {
  const deadline = Date.now() + 30000;
  for (let i = 0; i < 300 && Date.now() < deadline; i++) {
    if (await page.evaluate(fn, arg).catch(() => false)) return;
    await sleep(100);
  }
  // Say where the page is, so a failure in CI can be read without rerunning it.
  const where = await page.evaluate(() => `page=${document.getElementById('main')?.dataset.page} hash=${location.hash} ` +
    `error=${document.getElementById('page-error')?.textContent || ''}`).catch(e => `(page unreadable: ${e.message})`);
  throw new Error(`timed out waiting for ${what}; ${where}`);
}

async function pageReady(page, name) {
  await until(page, n => document.getElementById('main')?.dataset.page === n, name, `page ${name}`);
}

async function apiStatus(page, path, init = {}) {
  return page.evaluate(async ([p, i]) => (await fetch(p, i)).status, [path, init]);
}

// Coverage's own hall: hall-09 gets a queue feed (today: w01 40 tickets served and 2 missed,
// w02 10 served) and five ratings from its kiosk (A001-A003 at w01, A003 again: a repeat, one
// without a ticket), so its figure is known: 3 visits rated / 50 tickets = 60.0 per 1,000.
async function coverageHall(base) {
  const cli = (...a) => execFileSync(hubBin, ['--db', join(work, 'hub.db'), ...a], { encoding: 'utf8' }).trim();
  const queueToken = cli('kiosk', 'add', 'hall-09-queue', '--hall', 'hall-09', '--role', 'queue');
  const kioskToken = cli('kiosk', 'add', 'hall-09-k1', '--hall', 'hall-09');
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const calls = [];
  for (let i = 1; i <= 42; i++) calls.push({ ticket: `A${String(i).padStart(3, '0')}`, window_id: 'w01', at_ms: i, missed: i > 40 });
  for (let i = 1; i <= 10; i++) calls.push({ ticket: `B${String(i).padStart(3, '0')}`, window_id: 'w02', at_ms: 100 + i });
  const windows = ['w01', 'w02'].map(w => ({ window_id: w, open: true, serving: '', waiting: 0 }));
  const q = await fetch(`${base}/api/v1/queue`, {
    method: 'POST', headers: { Authorization: `Bearer ${queueToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ windows, recent_calls: [], updated_ms: Date.now(), day: today, day_calls: calls }),
  });
  assert.equal(q.status, 200, `queue feed: ${await q.text()}`);
  const rating = (ticket, i) => ({
    kind: 'feedback', uuid: randomUUID(), created_at: new Date(Date.now() - (10 - i) * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
    hall_id: 'hall-09', kiosk_id: 'hall-09-k1', window_id: 'w01', categories: ['praise'], rating: 5, lang: 'zh-Hans',
    channel: 'hall_terminal', ...(ticket ? { ticket, visit_day: today } : {}),
  });
  const records = [rating('A001', 1), rating('A002', 2), rating('A003', 3), rating('A003', 4), rating('', 5)];
  const r = await fetch(`${base}/api/v1/records`, {
    method: 'POST', headers: { Authorization: `Bearer ${kioskToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ records }),
  });
  const body = await r.text();
  assert.equal(r.status, 200, `records: ${body}`);
  assert.ok(!body.includes('rejected'), `records stored: ${body}`);
}

async function main() {
  const base = await startHub('main', ['--min-sample', '10', 'demo', '--records', '6000', '--halls', '3']);
  await coverageHall(base);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run',
      '--disable-sync'],
    // playwright gives every launch a fresh temporary --user-data-dir of its own (and removes it).
  });
  try {
    const admin = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    admin.on('dialog', d => d.accept(d.message().includes('hall-01-k1') ? 'hall-01-k1' : undefined));

    // --- log in: a wrong password is refused with a message, the right one opens the overview
    await login(admin, base, 'admin', 'not-the-password');
    await until(admin, () => document.getElementById('login-error')?.textContent.length > 0, null, 'login error');
    await shot(admin, 'login-wrong-password');
    await login(admin, base, 'admin');
    await pageReady(admin, 'overview');
    const hallRows = await admin.$$eval('#overview tbody tr', rows => rows.map(r => r.cells[0].textContent));
    assert.deepEqual(hallRows, ['hall-01', 'hall-02', 'hall-03', 'hall-09'], 'the overview lists every hall');
    // Coverage (column 14): hall-09's known figure; hall-03 has no queue feed in the demo: "—" with the hint.
    const coverage = await admin.$$eval('#overview tbody tr', rows => Object.fromEntries(rows.map(r => [r.cells[0].textContent,
      { text: r.cells[13].textContent, hint: r.cells[13].firstChild?.title || '' }])));
    assert.equal(coverage['hall-09'].text, '60.0‰', 'hall-09: 3 visits rated of 50 tickets served');
    assert.equal(coverage['hall-03'].text, '—', 'a hall without a queue feed shows —');
    assert.ok(coverage['hall-03'].hint.includes('排队'), `the — says why: ${coverage['hall-03'].hint}`);
    assert.match(coverage['hall-01'].text, /^\d+\.\d‰$/, `the demo's halls with a feed have a figure: ${coverage['hall-01'].text}`);
    assert.match(await admin.textContent('#coverage-note'), /hall-03/, 'the note names the halls without a feed');
    const cookie = (await admin.context().cookies()).find(c => c.name === 'hall_console');
    assert.ok(cookie.httpOnly && cookie.sameSite === 'Strict', 'session cookie is HttpOnly and SameSite=Strict');
    await shot(admin, 'overview');
    // hall-09's windows: w01 3 of 40 (75.0), w02 none of 10 (0.0), the hall's line above.
    await admin.goto(`${base}/console/#/hall/hall-09`);
    await pageReady(admin, 'hall');
    const hallLine = await admin.textContent('#hall-coverage');
    assert.ok(hallLine.includes('60.0‰') && hallLine.includes('已服务 50 个号') && hallLine.includes('评价 3 次'), `the hall's line: ${hallLine}`);
    const winCov = await admin.$$eval('#hall tbody tr', rows => rows.map(r => [r.cells[0].textContent, r.cells[7].textContent]));
    assert.deepEqual(winCov, [['w01', '75.0‰'], ['w02', '0.0‰']], `per window: ${JSON.stringify(winCov)}`);
    await shot(admin, 'hall-coverage');
    // A slow page answered after the user moved on must not replace the page they are on:
    // the overview's data is held back 1.5 s while the user opens the fleet page.
    await admin.route('**/console/api/overview*', async route => { await sleep(1500); await route.continue(); });
    await admin.evaluate(() => { location.hash = '#/overview'; });
    await admin.evaluate(() => { location.hash = '#/fleet'; });
    await pageReady(admin, 'fleet');
    await sleep(2500);
    assert.equal(await admin.evaluate(() => document.getElementById('main').dataset.page), 'fleet',
      'the late overview answer did not replace the fleet page');
    assert.ok(await admin.$('#fleet'), 'the fleet page is still shown');
    await admin.unroute('**/console/api/overview*');
    await admin.goto(`${base}/console/#/overview`);
    await pageReady(admin, 'overview');

    // --- drill down: hall -> window -> records -> one record with its history
    await admin.click('#overview tbody tr:first-child');
    await pageReady(admin, 'hall');
    await shot(admin, 'hall-windows');
    await admin.click('#hall tbody tr:first-child');
    await pageReady(admin, 'records');
    const windows = await admin.$$eval('#records tbody tr', rows => [...new Set(rows.map(r => `${r.cells[2].textContent}/${r.cells[3].textContent}`))]);
    assert.equal(windows.length, 1, `records of one window only: ${windows}`);
    // A handled 差评 of hall-01 shows its history.
    await admin.goto(`${base}/console/#/records?hall=hall-01&rating=bad&state=closed`);
    await pageReady(admin, 'records');
    await shot(admin, 'records-filtered');
    const states = await admin.$$eval('#records tbody tr', rows => rows.map(r => r.cells[6].textContent));
    assert.ok(states.length > 0 && states.every(s => s.startsWith('已办结')), `only closed records: ${states}`);
    await admin.click('#records tbody tr:first-child');
    await pageReady(admin, 'record');
    const history = await admin.$$eval('#record tbody tr', rows => rows.length);
    assert.ok(history >= 2, 'a closed 差评 has its handling history');
    await shot(admin, 'record');

    // --- a named record: the phone is masked, the reveal is admin-only and audited
    await admin.goto(`${base}/console/#/records?rating=bad`);
    await pageReady(admin, 'records');
    const firstBad = await admin.evaluate(async () => (await (await fetch('/console/api/records?rating=bad&limit=500')).json()).records);
    const named = firstBad.find(r => r.named);
    assert.ok(named, 'the demo has named 差评');
    await admin.goto(`${base}/console/#/record/${named.uuid}`);
    await pageReady(admin, 'record');
    const masked = await admin.textContent('#phone');
    assert.match(masked, /^1\d\d\*{4}\d{4}$/, `phone masked: ${masked}`);
    await admin.click('#reveal');
    await until(admin, () => !document.getElementById('phone').textContent.includes('*'), null, 'revealed phone');
    await shot(admin, 'record-revealed');

    // --- export the filtered set: UTF-8 BOM, one header, only 差评
    const csv = await admin.evaluate(async () => {
      const r = await fetch('/console/api/records/export?rating=bad');
      return { status: r.status, type: r.headers.get('content-type'), bytes: [...new Uint8Array(await r.arrayBuffer())] };
    });
    assert.equal(csv.status, 200);
    assert.deepEqual(csv.bytes.slice(0, 3), [0xef, 0xbb, 0xbf], 'CSV starts with a BOM');
    const lines = new TextDecoder().decode(new Uint8Array(csv.bytes.slice(3))).trim().split('\r\n');
    assert.ok(lines[0].startsWith('receipt,created_at'), 'CSV header');
    assert.ok(lines.length - 1 >= firstBad.length, 'every filtered record exported');
    // The common CSV writer quotes only cells that need it; receipts, times and ids never do.
    assert.ok(lines.slice(1).every(l => /^[^,"]*,[^,"]*,[^,"]*,[^,"]*,[12],/.test(l)), 'only 差评 (rating 1 or 2) exported');

    // --- ranking and the printable report
    const lastMonth = new Date(Date.now() + 8 * 3600e3);
    lastMonth.setUTCDate(1); lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
    const month = lastMonth.toISOString().slice(0, 7);
    await admin.goto(`${base}/console/#/ranking?month=${month}`);
    await pageReady(admin, 'ranking');
    const ranks = await admin.$$eval('#ranking tbody tr', rows => rows.map(r => Number(r.cells[0].textContent)));
    assert.ok(ranks.length > 0 && ranks[0] === 1, 'ranking starts at 1');
    assert.ok(ranks.every((r, i) => i === 0 || r >= ranks[i - 1]), 'ranks ascend');
    await shot(admin, 'ranking');
    await admin.click('#open-report');
    await pageReady(admin, 'report');
    await admin.emulateMedia({ media: 'print' });
    await shot(admin, 'report-print');
    await admin.emulateMedia({ media: 'screen' });
    const report = await admin.evaluate(async m => {
      const r = await fetch(`/console/api/report/csv?month=${m}`);
      return { status: r.status, bytes: [...new Uint8Array(await r.arrayBuffer())].slice(0, 3) };
    }, month);
    assert.equal(report.status, 200);
    assert.deepEqual(report.bytes, [0xef, 0xbb, 0xbf], 'report CSV has a BOM');

    // --- fleet: revoke a kiosk's token; the kiosk is refused at once
    const heartbeat = () => fetch(`${base}/api/v1/heartbeat`, {
      method: 'POST', headers: { Authorization: 'Bearer demo-token-hall-01-k1', 'Content-Type': 'application/json' },
      body: JSON.stringify({ kiosk_version: '0.2.0', content_version: 'x', outbox_depth: 0, free_disk_bytes: 1e10, at: new Date().toISOString() }),
    });
    assert.equal((await heartbeat()).status, 200, 'the kiosk token works before the revoke');
    await admin.goto(`${base}/console/#/fleet`);
    await pageReady(admin, 'fleet');
    await shot(admin, 'fleet');
    await admin.click('button[data-kiosk="hall-01-k1"][data-action="revoke"]');
    await until(admin, () => [...document.querySelectorAll('#fleet tbody tr')]
      .some(r => r.cells[0].textContent === 'hall-01-k1' && r.cells[8].textContent === '已吊销'), null, 'revoked kiosk');
    assert.equal((await heartbeat()).status, 401, 'a revoked token is refused');
    await shot(admin, 'fleet-revoked');

    // --- CSRF: a write without the token (or with a wrong one) is refused
    assert.equal(await apiStatus(admin, '/console/api/fleet/hall-02-k1/revoke', { method: 'POST', body: '{"confirm":"hall-02-k1"}' }), 403);
    assert.equal(await apiStatus(admin, '/console/api/fleet/hall-02-k1/revoke',
      { method: 'POST', headers: { 'X-CSRF-Token': 'forged' }, body: '{"confirm":"hall-02-k1"}' }), 403);
    await admin.goto(`${base}/console/#/audit`);
    await pageReady(admin, 'audit');
    const actions = await admin.evaluate(async () => (await (await fetch('/console/api/audit')).json()).entries.map(e => e.action));
    for (const a of ['login', 'login_failed', 'reveal_phone', 'export_records', 'kiosk_revoke', 'csrf_rejected'])
      assert.ok(actions.includes(a), `audited: ${a}`);
    const shown = await admin.$$eval('#audit tbody tr', rows => rows.map(r => r.cells[2].textContent));
    assert.ok(shown.includes('吊销终端令牌'), 'the audit page names actions in the page language');
    await shot(admin, 'audit');

    // --- role isolation: a hall-manager of hall-01 gets 403 for hall-02, by page and by API
    const other = firstBad.find(r => r.hall_id === 'hall-02');
    const mgr = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await login(mgr, base, 'manager01');
    await pageReady(mgr, 'overview');
    assert.deepEqual(await mgr.$$eval('#overview tbody tr', rows => rows.map(r => r.cells[0].textContent)), ['hall-01']);
    await shot(mgr, 'manager-overview-en');
    await mgr.goto(`${base}/console/#/hall/hall-02`);
    await pageReady(mgr, 'error');
    assert.match(await mgr.textContent('#page-error'), /403/);
    await shot(mgr, 'manager-forbidden');
    for (const p of ['/console/api/halls/hall-02', '/console/api/records?hall=hall-02', '/console/api/overview?hall=hall-02',
      '/console/api/ranking?hall=hall-02', '/console/api/fleet?hall=hall-02', `/console/api/records/${other.uuid}`,
      '/console/api/records/export?hall=hall-02'])
      assert.equal(await apiStatus(mgr, p), 403, `hall-manager: ${p}`);
    const own = await mgr.evaluate(async () => (await (await fetch('/console/api/records?limit=500')).json()).records);
    assert.ok(own.length > 0 && own.every(r => r.hall_id === 'hall-01'), 'a hall-manager lists only its own hall');
    const mgrCsrf = await mgr.evaluate(async () => (await (await fetch('/console/api/session')).json()).csrf);
    assert.equal(await apiStatus(mgr, `/console/api/records/${own[0].uuid}/reveal`, { method: 'POST', headers: { 'X-CSRF-Token': mgrCsrf } }), 403,
      'a hall-manager may not reveal numbers');

    // --- logout ends the session
    await admin.click('#logout');
    await pageReady(admin, 'login');
    assert.equal(await apiStatus(admin, '/console/api/overview'), 401);

    // --- session expiry: a second hub on the same store with a 2 s idle limit
    const shortBase = await startHub('short', ['--console-idle', '2']);
    const idle = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-TW' })).newPage();
    await login(idle, shortBase, 'viewer');
    await pageReady(idle, 'overview');
    await shot(idle, 'viewer-overview-zh-Hant');
    await sleep(3500);
    await idle.click('header nav a[href="#/ranking"]');
    await pageReady(idle, 'login');
    assert.ok((await idle.textContent('#login-error')).length > 0, 'the login says why');
    await shot(idle, 'session-expired');
    console.log(`console browser test: all checks passed; ${step} screenshots in ${outDir}`);
  } finally {
    await browser.close();
    stopHubs();
  }
}

main().then(() => { rmSync(work, { recursive: true, force: true }); }, e => {
  console.error(e);
  stopHubs();
  process.exitCode = 1;
});
