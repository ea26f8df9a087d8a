// Tests that the app asks nothing of any other origin: every request of a whole visit — the page, its service worker, every view, a signed export and its verification — goes to the app's own address.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appUrl,
  clickCheck,
  downloadFrom,
  fillForm,
  openMenu,
  useBrowser,
  withAppContext,
} from './helpers.mjs';

useBrowser();

test(
  'a whole visit makes no request to another origin',
  withAppContext(async ({ context, openApp }) => {
    const requests = [];
    // The context hears the page's requests and the service worker's.
    context.on('request', (request) => requests.push(request.url()));
    const page = await openApp();
    await fillForm(page);
    await clickCheck(page);
    await page.locator('#check-success').waitFor();

    await page.getByRole('button', { name: '导出签名申报文件', exact: true }).click();
    const file = await downloadFrom(page, () =>
      page.getByRole('button', { name: '确认并签名导出', exact: true }).click(),
    );
    await openMenu(page, '打印');
    await page.locator('.paper').first().waitFor();
    await openMenu(page, '我的草稿');
    await page.getByRole('heading', { name: '我的草稿' }).waitFor();
    await openMenu(page, '核验申报文件');
    await page
      .locator('#verify-files')
      .setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
    await page.getByText('签名与内容一致，签名后未被改动。').waitFor();
    // What the service worker fetches to precache also counts: wait until it controls a reload.
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker?.controller);

    const own = new URL(appUrl()).origin;
    const foreign = requests.filter((url) => {
      const { protocol, origin } = new URL(url);
      return !['blob:', 'data:'].includes(protocol) && origin !== own;
    });
    assert.ok(requests.length > 5, `requests were seen (${requests.length})`);
    assert.deepEqual(foreign, [], 'requests to another origin');
  }),
);
