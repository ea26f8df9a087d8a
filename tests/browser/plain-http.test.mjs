// The county page over plain http on a name that is not localhost (as intranets serve it by IP):
// not a secure context, so the browser gives no WebCrypto and the seed could only be stored
// bare. The page must ask for the passphrase lock before the first key, say why in the top
// banner, refuse to switch the lock off, and never store the seed.
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { OUTPUT_DIR, TITLE, openMenu } from './helpers.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOST = 'meizhen.intranet.test';
const SLOW = { timeout: 120_000 };

let server;
let browser;
let url;

before(async () => {
  server = await startServer(join(ROOT, 'dist'), 0);
  // The name resolves to the loopback server, but the browser only knows the name: a plain
  // http origin that is not localhost, so `isSecureContext` is false.
  url = `http://${HOST}:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  });
});
after(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
});

async function openCounty(context) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.getByRole('heading', { name: TITLE, exact: true }).waitFor();
  await page.locator('#loading').waitFor({ state: 'detached' });
  return { page, errors };
}

test('over plain http, the first signing key needs the passphrase lock, and the banner says why', SLOW, async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  const { page, errors } = await openCounty(context);
  assert.equal(await page.evaluate(() => window.isSecureContext), false, 'not a secure context');

  // One plain sentence at the top, before anything is done.
  const banner = page.locator('#key-policy-banner');
  await banner.waitFor();
  const text = (await banner.textContent()).trim();
  assert.match(text, /不是通过安全连接打开的/);
  assert.equal(text.match(/。/g)?.length, 1, `one sentence: ${text}`);

  await openMenu(page, '签名导出');
  await page.locator('#key-needs-passphrase').waitFor();
  assert.equal(await page.getByRole('button', { name: '创建签名密钥' }).count(), 0);
  await page.locator('#key-panel-title').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUTPUT_DIR, 'key-panel-plain-http.png'), fullPage: true });

  // The lock creates the key.
  await page.locator('summary', { hasText: '每次签名前输入口令' }).click();
  await page.getByLabel('设置签名口令', { exact: true }).fill('内网口令 2021 富春江');
  await page.getByLabel('再次输入签名口令', { exact: true }).fill('内网口令 2021 富春江');
  await page.getByRole('button', { name: '启用口令保护' }).click();
  await page.locator('#key-fingerprint').waitFor({ timeout: 60_000 });
  await page.locator('#key-protection').getByText('每次签名前须输入口令').waitFor();
  const stored = await page.evaluate(() => localStorage.getItem('meizhen:signing-key'));
  assert.match(stored, /"protection":"passphrase"/);
  assert.doesNotMatch(stored, /"seed"/, 'the seed is never stored bare');
  // The lock cannot be switched off here.
  await page.locator('#lock-required').waitFor();
  assert.equal(await page.getByRole('button', { name: '关闭口令保护' }).count(), 0);
  await page.screenshot({ path: join(OUTPUT_DIR, 'key-panel-plain-http-locked.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
