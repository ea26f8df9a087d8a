// Tests the service worker: after one visit the app opens and works with the network off, and a new version is offered with “新版本可用，点击刷新”.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
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
