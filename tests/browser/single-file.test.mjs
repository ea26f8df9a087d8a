// Tests the single-file edition (dist/美镇申报-单文件版.html, scripts/single_file.py): opened from a file:// URL it runs the main journey — fill in, check, signed export, the passphrase lock (its worker started from the file), print view and Word (the office worker, from the file too), verify on the city office's page in the same file, back to the form, draft kept across a reload — with no request leaving file:, data: or blob:, and no service worker.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  appUrl,
  clickCheck,
  downloadFrom,
  field,
  fillForm,
  launchedBrowser,
  openMenu,
  useBrowser,
  VALID,
  waitForApp,
} from './helpers.mjs';

useBrowser();

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FILE = join(ROOT, 'dist', '美镇申报-单文件版.html');

/** A policy's directives: { name: [values] }. */
const directivesOf = (policy) =>
  Object.fromEntries(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );

test('the single file holds everything and allows nothing beyond itself', () => {
  const html = readFileSync(FILE, 'utf8');
  // Its first script writes the policy, strict or for kernels before Chromium 97 (which compile
  // WebAssembly only under 'unsafe-eval'), as the first <meta> of the page.
  const head = html.slice(0, html.indexOf('<meta name="meizhen-edition"'));
  const choice = /var PAGE = (\{"policies": \[.*?\]\});/.exec(head);
  assert.ok(choice, 'the policy is chosen before anything else');
  assert.equal(head.match(/<script/g).length, 1, 'by the only script before it');
  const [strict, old] = JSON.parse(choice[1]).policies.map(directivesOf);
  assert.ok(strict['script-src'].includes("'wasm-unsafe-eval'") && !strict['script-src'].includes("'unsafe-eval'"));
  assert.ok(old['script-src'].includes("'unsafe-eval'") && !old['script-src'].includes("'wasm-unsafe-eval'"));
  assert.deepEqual(
    { ...old, 'script-src': old['script-src'].filter((v) => v !== "'unsafe-eval'") },
    { ...strict, 'script-src': strict['script-src'].filter((v) => v !== "'wasm-unsafe-eval'") },
    "the two policies differ only in how WebAssembly compiles",
  );
  for (const directives of [strict, old]) {
    assert.deepEqual(directives['default-src'], ["'none'"]);
    for (const [name, values] of Object.entries(directives)) {
      for (const value of values) {
        assert.match(value, /^(?:'none'|'wasm-unsafe-eval'|'unsafe-eval'|'sha256-[A-Za-z0-9+/=]+'|data:|blob:)$/, `${name} ${value}`);
      }
    }
    assert.deepEqual(directives['connect-src'] ?? ["'none'"], ["'none'"], 'no requests');
  }
  // No reference to another file: no src=, no href= other than data: URLs and places in the file
  // (the form written into it links to its own #main and to the other page as #verify).
  assert.deepEqual(html.match(/\s(?:src|href)="(?!data:|#)[^"]*"/g), null);
  assert.match(html, /href="#verify"/);
  assert.match(html, /<meta name="meizhen-edition" content="single-file" \/>/);
  // Both pages, each with its own wasm.
  assert.match(html, /id="meizhen-wasm-county">AGFzbQ/);
  assert.match(html, /id="meizhen-wasm-city">AGFzbQ/);
});

test('opened from a file, the single file runs the main journey and asks nothing of anywhere else', { timeout: 60_000 }, async () => {
  const context = await launchedBrowser().newContext({
    locale: 'zh-CN',
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(10_000);
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push(r.url()));
  // Counts the app's attempts to register a service worker.
  await context.addInitScript(() => {
    window.__registrations = 0;
    const proto = window.ServiceWorkerContainer?.prototype;
    if (!proto) return;
    const register = proto.register;
    proto.register = function (...args) {
      window.__registrations += 1;
      return register.apply(this, args);
    };
  });
  try {
    const page = await context.newPage();
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console.error: ${msg.text()}`));
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    const url = pathToFileURL(FILE).href;
    await page.goto(url);
    await waitForApp(page);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(policy, /'wasm-unsafe-eval'/, 'today’s Chromium gets the strict policy');
    assert.doesNotMatch(policy, /'unsafe-eval'/);

    await fillForm(page);
    await clickCheck(page);
    await page.locator('#check-success').waitFor();

    await page.getByRole('button', { name: '导出签名申报文件', exact: true }).click();
    // Every local file shares this edition's storage: the first key is made only under the
    // passphrase lock, and the banner says why.
    await page.locator('#key-policy-banner').getByText('单文件版').waitFor();
    await page.locator('#key-needs-passphrase').waitFor();
    // A passphrase is worked through in the worker the file carries (a blob: URL).
    await page.getByText('每次签名前输入口令', { exact: true }).click();
    await page.getByLabel('设置签名口令', { exact: true }).fill('富春江畔的签名口令');
    await page.getByLabel('再次输入签名口令', { exact: true }).fill('富春江畔的签名口令');
    const worker = page.waitForEvent('worker');
    await page.getByRole('button', { name: '启用口令保护' }).click();
    assert.match((await worker).url(), /^blob:/);
    await page.getByText('已启用口令保护。', { exact: false }).waitFor({ timeout: 20_000 });
    assert.match(await page.evaluate(() => localStorage.getItem('meizhen:signing-key')), /"protection":"passphrase"/);

    await page.getByLabel('签名口令', { exact: true }).fill('富春江畔的签名口令');
    const file = await downloadFrom(page, () =>
      page.getByRole('button', { name: '确认并签名导出', exact: true }).click(),
    );
    assert.match(file.name, /\.json$/);
    assert.ok(file.text.includes(VALID.clusterName), 'the signed file holds the declaration');

    await openMenu(page, '打印');
    await page.locator('.paper').first().waitFor();
    // Word, written by the office-file worker the file carries.
    const officeWorker = page.waitForEvent('worker');
    const word = await downloadFrom(page, () =>
      page.getByRole('button', { name: '导出 Word（.docx）', exact: true }).click(),
    );
    assert.match((await officeWorker).url(), /^blob:/);
    assert.match(word.name, /\.docx$/);
    assert.equal(readFileSync(word.path).subarray(0, 2).toString(), 'PK', 'a zip package');

    await openMenu(page, '核验申报文件');
    await page
      .locator('#verify-files')
      .setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
    await page.getByText('签名与内容一致，签名后未被改动。').waitFor();

    // The city office's page in the same file: a reload stays there.
    await page.reload();
    await waitForApp(page);
    await page.getByRole('heading', { name: '核验申报文件', level: 2 }).waitFor();
    // Back to the form: the draft was saved in this browser's storage for file: pages, and
    // comes back on reload.
    await openMenu(page, '填写申报表');
    assert.equal(await field(page, '美丽城镇集群化建设名称').inputValue(), VALID.clusterName);
    await page.reload();
    await waitForApp(page);
    assert.equal(await field(page, '美丽城镇集群化建设名称').inputValue(), VALID.clusterName);

    assert.equal(await page.evaluate(() => window.__registrations), 0, 'no service worker is registered');
    const elsewhere = requests.filter((u) => !['file:', 'data:', 'blob:'].includes(new URL(u).protocol));
    assert.ok(requests.length >= 1);
    assert.deepEqual(elsewhere, [], 'requests beyond the file');
    assert.deepEqual(problems, [], 'the page logged errors');

    // The same count on the served site sees its registration (so the 0 above means something).
    const served = await context.newPage();
    await served.goto(appUrl());
    await waitForApp(served);
    await served.waitForFunction(() => window.__registrations === 1);
  } finally {
    await context.close();
  }
});
