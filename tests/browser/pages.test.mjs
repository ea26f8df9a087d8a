// Tests the two pages: the county's page (index.html) loads none of the city office's code and the city office's page (verify.html) none of the form's; the menus link them; a verified file printed and closed keeps the list of checked files; both pages open offline after one visit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appUrl,
  clickCheck,
  downloadFrom,
  fillForm,
  openMenu,
  TITLE,
  useBrowser,
  waitForApp,
  withAppContext,
} from './helpers.mjs';

useBrowser();

/** The names of the app's own scripts and wasm files that `page` fetched while `action` ran. */
async function codeFetched(page, action) {
  const names = new Set();
  const seen = (request) => {
    const name = new URL(request.url()).pathname.split('/').pop();
    if (/\.(js|wasm)$/.test(name)) names.add(name.replace(/-[0-9a-f]+(_bg)?\.(js|wasm)$/, '$1.$2'));
  };
  page.on('request', seen);
  await action();
  page.off('request', seen);
  return [...names].sort();
}

test(
  "each office's page loads its own code only, and the menus lead from one to the other",
  withAppContext(async ({ newPage }) => {
    const page = await newPage();
    const county = await codeFetched(page, async () => {
      await page.goto(appUrl());
      await waitForApp(page);
    });
    assert.deepEqual(county, ['meizhen-shenbao.js', 'meizhen-shenbao_bg.wasm'], 'the county page');
    assert.equal(await page.title(), '杭州市美丽城镇集群化建设申报表 · 美镇申报');

    const city = await codeFetched(page, () => openMenu(page, '核验申报文件'));
    assert.deepEqual(city, ['meizhen-verify.js', 'meizhen-verify_bg.wasm'], 'the city office page');
    assert.match(page.url(), /\/verify\.html$/);
    assert.equal(await page.title(), '核验申报文件 · 美镇申报');
    await page.getByRole('heading', { name: '核验申报文件', level: 2 }).waitFor();
    // The city office's page has no form and no draft.
    assert.equal(await page.getByRole('button', { name: '我的草稿' }).count(), 0);
    assert.equal(await page.locator('form.declaration-form').count(), 0);

    await openMenu(page, '填写申报表');
    assert.match(page.url(), /\/index\.html$/);
    await page.locator('form.declaration-form').waitFor();
  }),
);

test(
  'the city office page opened directly: its own loading line, then the verify view',
  withAppContext(async ({ newPage }) => {
    const page = await newPage();
    await page.goto(`${appUrl()}verify.html`);
    await page.getByRole('heading', { name: TITLE, exact: true }).waitFor();
    await page.getByRole('heading', { name: '核验申报文件', level: 2 }).waitFor();
    const current = page.getByRole('navigation', { name: '主菜单' }).locator('[aria-current="page"]');
    assert.equal(await current.innerText(), '核验申报文件');
  }),
);

test(
  'printing a verified file and going back keeps every checked file',
  withAppContext(async ({ openApp }) => {
    const page = await openApp();
    await fillForm(page);
    await clickCheck(page);
    await page.getByRole('button', { name: '导出签名申报文件', exact: true }).click();
    const file = await downloadFrom(page, () =>
      page.getByRole('button', { name: '确认并签名导出', exact: true }).click(),
    );
    await openMenu(page, '核验申报文件');
    await page.locator('#verify-files').setInputFiles([
      { name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) },
      { name: '坏文件.json', mimeType: 'application/json', buffer: Buffer.from('{') },
    ]);
    await page.locator('.result').nth(1).waitFor();
    await page.locator('.result-valid').getByRole('button', { name: '打印' }).click();
    await page.getByRole('heading', { name: '打印预览' }).waitFor();
    assert.match(await page.locator('.print-toolbar').innerText(), /核验通过的签名申报文件/);
    await page.getByRole('button', { name: '返回核验结果' }).click();
    await page.getByRole('heading', { name: '核验申报文件', level: 2 }).waitFor();
    assert.equal(await page.locator('.result').count(), 2, 'both files are still listed');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'verify-title');
  }),
);

test(
  'after one visit both pages open with the network off',
  { timeout: 40_000 },
  withAppContext(async ({ context, openApp }) => {
    const page = await openApp();
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 15_000 });
    await context.setOffline(true);
    await openMenu(page, '核验申报文件');
    await page.getByRole('heading', { name: '核验申报文件', level: 2 }).waitFor();
    await openMenu(page, '填写申报表');
    await page.locator('form.declaration-form').waitFor();
    await page.goto(`${appUrl()}verify.html`);
    await waitForApp(page);
    await context.setOffline(false);
  }),
);
