// Browser test of guides authored in the console (issue #18), end to end: Debian's chromium
// (headless, playwright-core) against a hall-hub this test starts on a free loopback port with
// a signing key and the demo hall's configuration, and a real kiosk (hall-kiosk sync --once,
// then a headless play script through the finger input path) that must show what was published.
//   node guides.test.mjs --hub HALL_HUB --kiosk HALL_KIOSK --src SOURCE_DIR --out SCREENSHOT_DIR
// An editor writes a guide with a catch-all material and sees publishing blocked; fixes it;
// submits; a reviewer (another person) approves and publishes with the password typed again;
// the kiosk syncs and shows it. A change is published, compared in the diff view, rolled back,
// published again: the kiosk shows the old text under a newer content version.
// Prints `guides_publish_to_kiosk_ms N ms` lines (publish click to the kiosk showing it).
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const arg = name => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
const hubBin = arg('hub'), kioskBin = arg('kiosk'), src = arg('src');
const outDir = arg('out') || join(tmpdir(), 'guides-screenshots');
assert.ok(hubBin && existsSync(hubBin), `--hub ${hubBin}: no such binary`);
assert.ok(kioskBin && existsSync(kioskBin), `--kiosk ${kioskBin}: no such binary`);
assert.ok(src && existsSync(join(src, 'config/demo-hall.toml')), `--src ${src}: not the source tree`);
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'guides-test-'));
const db = join(work, 'hub.db');
const PW = 'guides-test-pw';
const CODE = 'TEST-GT-001';
const NAME = '测试事项：个体工商户设立登记';
const OLD_COND = '有经营能力的本区居民均可申请';
const NEW_COND = '仅限年满十八周岁的本区户籍居民申请';
let hub;
const sleep = ms => new Promise(r => setTimeout(r, ms));

function run(bin, args, input) {
  const r = spawnSync(bin, args, { input, encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, `${bin} ${args.join(' ')}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

let step = 0;
async function shot(page, name) {
  await page.waitForTimeout(100);
  await page.screenshot({ path: join(outDir, `guides-${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true });
}

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

async function login(browser, user) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  page.on('dialog', d => d.accept());
  await page.goto(`${base}/console/`);
  await page.waitForSelector('#login-form');
  await page.fill('#login-user', user);
  await page.fill('#login-password', PW);
  await page.click('#login-submit');
  await until(page, () => !document.getElementById('top').hidden, null, `login of ${user}`);
  return page;
}

async function openGuide(page, marker) {
  await page.evaluate(([c, m]) => { location.hash = `#/guide/${c}?v=${m}`; }, [CODE, marker]);
  await until(page, () => document.getElementById('main')?.dataset.page === 'guide' && !!document.getElementById('guide-editor'), null, 'the editor');
}

async function fillTri(page, id, [hans, hant, en]) {
  await page.fill(`#${id}-zh-Hans`, hans);
  await page.fill(`#${id}-zh-Hant`, hant);
  await page.fill(`#${id}-en`, en);
}

async function revShown(page, rev) {
  await until(page, r => (document.getElementById('guide-rev')?.textContent || '').includes(String(r)), rev, `revision ${rev}`);
}

async function state(page) {
  return page.evaluate(() => document.querySelector('#guide-editor h1 .flag')?.className || '');
}

async function publish(page) {
  await page.evaluate(() => { location.hash = `#/guides?p=${Date.now()}`; });
  await until(page, () => document.getElementById('main')?.dataset.page === 'guides' && !!document.getElementById('publish-box'), null, 'the guide list');
  await page.fill('#publish-password', PW);
  const t0 = Date.now();
  await page.click('#publish');
  await until(page, () => !!document.querySelector('#publish-result .ok') || !!document.getElementById('publish-error'), null, 'publishing');
  const err = await page.evaluate(() => document.getElementById('publish-error')?.textContent);
  assert.ok(!err, `publishing failed: ${err}`);
  return t0;
}

// One sync cycle, then the kiosk's own UI through a play script; returns the content version.
// With a screenshot name (and xvfb-run present) the kiosk draws under Xvfb and saves its guide page.
function kioskSees(expect, expectNot, tag, screenshot) {
  const out = run(kioskBin, ['sync', '--once', '--config', kioskConfig]);
  const version = (out.match(/sync: content (\S+)/) || [])[1];
  const script = join(work, `${tag}.play`);
  const xvfb = screenshot && spawnSync('sh', ['-c', 'command -v xvfb-run']).status === 0;
  writeFileSync(script, ['screen home', 'tap 办事指南', 'screen guides', `tap ${NAME}`, 'screen guide', `expect ${NAME}`,
    `expect ${expect}`, ...(expectNot ? [`expect-not ${expectNot}`] : []),
    ...(xvfb ? [`screenshot ${join(outDir, `guides-${String(++step).padStart(2, '0')}-${screenshot}.png`)}`] : []), ''].join('\n'));
  const r = xvfb
    ? spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1920x1080x24', kioskBin, '--windowed', '--config', kioskConfig, '--play', script], { encoding: 'utf8', timeout: 60000 })
    : spawnSync(kioskBin, ['--headless', '--config', kioskConfig, '--play', script], { encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, `kiosk play ${tag}: ${r.stdout}${r.stderr}`);
  return version;
}

let base, kioskConfig;
async function main() {
  // The signing key: made by keygen (mode 0600), read only by the hub process.
  const keyFile = join(work, 'signing.key');
  const pub = run(hubBin, ['keygen', '--out', keyFile]).match(/public key[^:]*: (\S+)/)[1];
  for (const [n, role] of [['editor01', 'guide-editor'], ['reviewer01', 'guide-reviewer']])
    run(hubBin, ['--db', db, 'user', 'add', n, '--role', role], `${PW}\n`);
  const token = run(hubBin, ['--db', db, 'kiosk', 'add', 'kiosk-gt', '--hall', 'demo-district']).trim();
  const portFile = join(work, 'port');
  hub = spawn(hubBin, ['--db', db, '--listen', '127.0.0.1:0', '--port-file', portFile, '--hall-config', join(src, 'config/demo-hall.toml'),
    '--signing-key', keyFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 300 && !existsSync(portFile); i++) await sleep(100);
  assert.ok(existsSync(portFile), 'hub did not start');
  base = `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}`;
  // The kiosk: the demo hall's configuration pointed at this hub and its public key.
  kioskConfig = join(work, 'kiosk.toml');
  writeFileSync(kioskConfig, readFileSync(join(src, 'config/demo-hall.toml'), 'utf8')
    .replace(/^data_dir = .*$/m, `data_dir = "${join(work, 'kiosk-data')}"`)
    .replace(/^\[sync\]\nhub_url = ""$/m, `[sync]\nhub_url = "${base}"\ntoken = "${token}"\nbundle_public_key = "${pub}"`));

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
  try {
    // 1. The editor writes a new guide, every field the kiosk needs, one material a catch-all.
    const ed = await login(browser, 'editor01');
    await ed.click('#nav-guides');
    await until(ed, () => document.getElementById('main')?.dataset.page === 'guides', null, 'guides');
    await ed.fill('#new-code', CODE);
    await ed.click('#new-guide');
    await until(ed, () => !!document.getElementById('f-name-zh-Hans'), null, 'a blank editor');
    await fillTri(ed, 'f-name', [NAME, '測試事項：個體工商戶設立登記', 'Test: sole proprietorship registration']);
    await ed.selectOption('#f-department', 'hrss');
    await ed.check('#win-w01');
    await fillTri(ed, 'f-accepting_body', ['区市场监督管理局', '區市場監督管理局', 'District market regulator']);
    await fillTri(ed, 'f-deciding_body', ['区市场监督管理局', '區市場監督管理局', 'District market regulator']);
    await fillTri(ed, 'f-legal_basis', ['《个体工商户条例》第八条', '《個體工商戶條例》第八條', 'Sole Proprietorship Regulations, Art. 8']);
    await fillTri(ed, 'f-conditions', [OLD_COND, '有經營能力的本區居民均可申請', 'Residents able to run a business']);
    await ed.click('#add-material');
    await until(ed, () => !!document.getElementById('m0-name-zh-Hans'), null, 'a material row');
    await fillTri(ed, 'm0-name', ['其他材料', '其他材料', 'Other materials']);
    await fillTri(ed, 'm0-source', ['申请人自备', '申請人自備', 'The applicant']);
    await fillTri(ed, 'step0', ['窗口受理', '窗口受理', 'Accepted at the window']);
    for (const [f, v] of [['fees', ['不收费', '不收費', 'Free']], ['intermediary', ['无', '無', 'None']], ['delivery', ['窗口领取', '窗口領取', 'At the window']],
      ['remedies', ['可申请行政复议或提起行政诉讼', '可申請行政覆議或提起行政訴訟', 'Administrative review or lawsuit']],
      ['location', ['一楼1号窗口', '一樓1號窗口', 'Window 1, 1F']], ['hours', ['工作日 9:00-17:00', '工作日 9:00-17:00', 'Working days 9:00-17:00']],
      ['complaint', ['12345', '12345', '12345']], ['progress_query', ['窗口查询', '窗口查詢', 'Ask at the window']]])
      await fillTri(ed, `f-${f}`, v);
    await ed.fill('#f-phone', '0755-12345678');
    await ed.fill('#f-reviewed', new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10));
    // The checks while editing: the catch-all is an error.
    await until(ed, () => !!document.querySelector('li.check.error[data-rule="catch_all_material"]'), null, 'the catch-all check');
    await shot(ed, 'editor-catch-all');
    await ed.click('#save');
    await revShown(ed, 1);
    await ed.locator('#checks').screenshot({ path: join(outDir, `guides-${String(++step).padStart(2, '0')}-checks.png`) });
    // Publishing blocked: it cannot even be submitted.
    await ed.click('#submit');
    await until(ed, () => (document.getElementById('action-error')?.textContent || '').includes('publishing blocked'), null, 'the refusal');
    assert.match(await state(ed), /state-draft/);
    await shot(ed, 'submit-blocked');

    // 2. Fixed: a named material. The checks clear while typing; save, submit.
    await fillTri(ed, 'm0-name', ['居民身份证', '居民身份證', 'Resident identity card']);
    await until(ed, () => document.getElementById('checks-summary')?.classList.contains('ok'), null, 'clean checks');
    await shot(ed, 'editor-clean');
    await ed.click('#save');
    await revShown(ed, 2);
    await ed.click('#submit');
    await until(ed, () => !!document.querySelector('#guide-editor h1 .flag.state-submitted'), null, 'submitted');
    // The editor may not approve (no button; the API says 403).
    assert.equal(await ed.evaluate(() => !!document.getElementById('approve')), false);

    // 3. Another person, a reviewer, approves and publishes (password typed again).
    const rv = await login(browser, 'reviewer01');
    await openGuide(rv, 'a');
    await rv.click('#approve');
    await until(rv, () => !!document.querySelector('#guide-editor h1 .flag.state-approved'), null, 'approved');
    await rv.evaluate(() => { location.hash = '#/guides'; });
    await until(rv, () => !!document.getElementById('publish-box'), null, 'the publish box');
    await rv.click('#publish');  // no password: refused
    await until(rv, () => !!document.getElementById('publish-error'), null, 'the password refusal');
    const t1 = await publish(rv);
    await shot(rv, 'published');
    const v1 = kioskSees(OLD_COND, null, 'first');
    console.log(`guides_publish_to_kiosk_ms ${Date.now() - t1} ms`);
    assert.ok(v1, 'the kiosk reported no content version');

    // 4. A change, published; the diff view shows exactly that field.
    await openGuide(ed, 'b');
    await fillTri(ed, 'f-conditions', [NEW_COND, '僅限年滿十八周歲的本區戶籍居民申請', 'Residents aged 18 or over able to run a business']);
    await ed.click('#save');
    await revShown(ed, 3);
    await ed.click('#submit');
    await until(ed, () => !!document.querySelector('#guide-editor h1 .flag.state-submitted'), null, 'submitted again');
    await openGuide(rv, 'c');
    await rv.click('#approve');
    await until(rv, () => !!document.querySelector('#guide-editor h1 .flag.state-approved'), null, 'approved again');
    const t2 = await publish(rv);
    const v2 = kioskSees(NEW_COND, OLD_COND, 'second');
    console.log(`guides_publish_to_kiosk_ms ${Date.now() - t2} ms`);
    await openGuide(rv, 'd');
    await rv.click('.diff-link[data-rev="3"]');
    await until(rv, () => document.getElementById('main')?.dataset.page === 'guide-diff', null, 'the diff');
    const diffText = await rv.evaluate(() => document.getElementById('guide-diff').textContent);
    assert.ok(diffText.includes('conditions.zh-Hans') && diffText.includes(NEW_COND) && diffText.includes(OLD_COND), 'diff shows the change');
    assert.ok(!diffText.includes('legal_basis'), 'diff shows only what changed');
    await shot(rv, 'diff');

    // 5. Rollback to revision 2: a new revision equal to it, published; the kiosk shows the old
    // text under a newer content version.
    await openGuide(rv, 'e');
    await rv.click('button.rollback[data-rev="2"]');
    await revShown(rv, 4);
    await until(rv, () => !!document.querySelector('#guide-editor h1 .flag.state-approved'), null, 'rolled back, approved');
    await shot(rv, 'history-after-rollback');
    const t3 = await publish(rv);
    const v3 = kioskSees(OLD_COND, NEW_COND, 'rollback');
    console.log(`guides_publish_to_kiosk_ms ${Date.now() - t3} ms`);
    kioskSees(OLD_COND, NEW_COND, 'rollback-shot', 'kiosk-guide-after-rollback');  // the artefact: what the citizen sees
    assert.ok(v1 < v2 && v2 < v3 || (v1.localeCompare(v2, undefined, { numeric: true }) < 0 && v2.localeCompare(v3, undefined, { numeric: true }) < 0),
      `content versions grow: ${v1} ${v2} ${v3}`);
    console.log(`guides content versions ${v1} -> ${v2} -> ${v3}`);

    // 6. Preview as a citizen, with the QR code's contents.
    await rv.evaluate(c => { location.hash = `#/guide-preview/${c}?rev=4`; }, CODE);
    await until(rv, () => !!document.getElementById('qr-text'), null, 'the preview');
    assert.ok((await rv.evaluate(() => document.getElementById('qr-text').textContent)).includes('居民身份证'));
    await shot(rv, 'preview');
    // The audit log holds it all (admin-only page; read through the store by the reviewer's API is not allowed).
  } finally {
    await browser.close();
  }
}

try {
  await main();
  console.log('guides browser test: ok');
} finally {
  if (hub && hub.exitCode === null) hub.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
