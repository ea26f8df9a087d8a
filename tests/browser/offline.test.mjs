// Tests the service worker: after one visit the app opens and works with the network off, a new version is offered with “新版本可用，点击刷新” and precaches fresh files, and a browser whose service workers are missing or broken still runs the app without an error.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';
import { field, useBrowser, waitForApp, withAppContext } from './helpers.mjs';

useBrowser();

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Waits until a service worker controls the page. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 15_000 });
}

test(
  'after the first visit the app opens and works with the network off',
  { timeout: 40_000 },
  withAppContext(async ({ context, openApp, newPage }) => {
    const page = await openApp();
    await controlled(page);
    await context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await field(page, '美丽城镇集群化建设名称').fill('离线填写的美镇圈');
    await page.locator('#save-status').getByText('已自动保存').waitFor();
    // A new tab, still offline, opens the app and the draft.
    const second = await newPage();
    await second.goto(page.url());
    await waitForApp(second);
    assert.equal(await field(second, '美丽城镇集群化建设名称').inputValue(), '离线填写的美镇圈');
    await context.setOffline(false);
  }),
);

test(
  'a new version is noticed and offered; refreshing switches to it and keeps the draft',
  { timeout: 40_000 },
  withAppContext(async ({ newPage }) => {
    const site = mkdtempSync(join(tmpdir(), 'meizhen-site-'));
    cpSync(join(ROOT, 'dist'), site, { recursive: true });
    const server = await startServer(site, 0);
    try {
      const page = await newPage();
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      await waitForApp(page);
      await controlled(page);
      await field(page, '美丽城镇集群化建设名称').fill('升级前的草稿');
      await page.locator('#save-status').getByText('已自动保存').waitFor();
      const before = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);

      // A release: sw.js changes.
      appendFileSync(join(site, 'sw.js'), '\n// next release\n');
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
      const offer = page.getByRole('button', { name: '新版本可用，点击刷新' });
      await offer.waitFor({ timeout: 15_000 });
      await Promise.all([page.waitForEvent('load'), offer.click()]);
      await waitForApp(page);
      await controlled(page);
      assert.equal(await page.getByRole('button', { name: '新版本可用，点击刷新' }).count(), 0);
      assert.equal(await field(page, '美丽城镇集群化建设名称').inputValue(), '升级前的草稿');
      assert.ok(before.endsWith('/sw.js'));
    } finally {
      await new Promise((done) => server.close(done));
      rmSync(site, { recursive: true, force: true });
    }
  }),
);

// Service workers missing, blocked, or answering with nothing (some privacy extensions and test
// harnesses): the app starts without an uncaught error and saves drafts as usual.
const BROKEN_SERVICE_WORKERS = [
  ['register() resolves without a registration', () => {
    navigator.serviceWorker.register = () => Promise.resolve(undefined);
  }],
  ['register() rejects', () => {
    navigator.serviceWorker.register = () => Promise.reject(new DOMException('blocked', 'SecurityError'));
  }],
  ['register() throws at once', () => {
    navigator.serviceWorker.register = () => {
      throw new TypeError('blocked');
    };
  }],
  ['register() returns a plain value', () => {
    navigator.serviceWorker.register = () => 42;
  }],
  ['navigator.serviceWorker is undefined', () => {
    Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => undefined, configurable: true });
  }],
];

for (const [name, stub] of BROKEN_SERVICE_WORKERS) {
  test(
    `start-up without an error when ${name}`,
    { timeout: 20_000 },
    withAppContext(async ({ context, openApp }) => {
      await context.addInitScript(stub);
      const page = await openApp();
      await field(page, '美丽城镇集群化建设名称').fill('没有离线功能的浏览器');
      await page.locator('#save-status').getByText('已自动保存').waitFor();
      // Let the registration's promise settle (an error in it would be reported by now).
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
    }),
  );
}

test(
  'a new version precaches the new index.html, even when the HTTP cache holds the old one',
  { timeout: 40_000 },
  withAppContext(async ({ newPage }) => {
    const site = mkdtempSync(join(tmpdir(), 'meizhen-site-'));
    cpSync(join(ROOT, 'dist'), site, { recursive: true });
    // A server (or proxy) that lets browsers keep index.html for an hour.
    const server = createServer(async (req, res) => {
      const path = new URL(req.url, 'http://localhost').pathname;
      const name = path === '/' ? 'index.html' : path.slice(1);
      try {
        const body = await readFile(join(site, name));
        const type = name.endsWith('.html')
          ? 'text/html; charset=utf-8'
          : name.endsWith('.wasm')
            ? 'application/wasm'
            : name.endsWith('.css')
              ? 'text/css'
              : name.endsWith('.svg')
                ? 'image/svg+xml'
                : 'text/javascript';
        res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'max-age=3600' });
        res.end(body);
      } catch {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise((done) => server.listen(0, '127.0.0.1', done));
    try {
      const page = await newPage();
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      await waitForApp(page);
      await controlled(page);

      // A release: index.html and sw.js change on the server; the browser's HTTP cache still
      // holds the old index.html.
      appendFileSync(join(site, 'index.html'), '\n<!-- release 2 -->\n');
      const worker = readFileSync(join(site, 'sw.js'), 'utf8');
      writeFileSync(join(site, 'sw.js'), worker.replace("const CACHE = 'meizhen-", "const CACHE = 'meizhen-r2-"));
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
      await page.getByRole('button', { name: '新版本可用，点击刷新' }).waitFor({ timeout: 15_000 });
      const pages = await page.evaluate(async () => {
        const out = [];
        for (const name of await caches.keys()) {
          const hit = await (await caches.open(name)).match('./');
          out.push(hit ? await hit.text() : '');
        }
        return out;
      });
      assert.equal(pages.length, 2, 'the old version and the waiting one');
      assert.equal(
        pages.filter((html) => html.includes('<!-- release 2 -->')).length,
        1,
        'the waiting version holds the new index.html',
      );
    } finally {
      await new Promise((done) => server.close(done));
      rmSync(site, { recursive: true, force: true });
    }
  }),
);
