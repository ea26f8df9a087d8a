// The form in the HTML: index.html holds the county page's first view as the build rendered it
// (scripts/prerender.py), so that it is on screen and can be typed into before the wasm has
// arrived; the app then takes it over, with everything typed, picked or ticked meanwhile.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  TITLE,
  activeId,
  appUrl,
  eventually,
  field,
  launchedBrowser,
  screenshot,
  storageEntries,
  useBrowser,
  waitForApp,
} from './helpers.mjs';

useBrowser();

const DRAFT_PREFIX = 'meizhen:draft:';
const COUNTY_WASM = /\/meizhen-shenbao-[0-9a-f]+_bg\.wasm$/;

/**
 * A fresh context whose county-page wasm is held back until `release()` (the form as the HTML
 * left it, for as long as a test needs), optionally with the CPU slowed down. Fails the test on
 * any console error or page error.
 */
async function heldContext({ throttle = 1, hold = true, javaScriptEnabled = true } = {}) {
  const context = await launchedBrowser().newContext({
    locale: 'zh-CN',
    viewport: { width: 1366, height: 768 },
    javaScriptEnabled,
  });
  context.setDefaultTimeout(10_000);
  let release = () => {};
  const released = hold ? new Promise((r) => (release = r)) : Promise.resolve();
  let wasmAsked = 0;
  await context.route(COUNTY_WASM, async (route) => {
    wasmAsked++;
    await released;
    await route.continue();
  });
  const problems = [];
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  if (throttle > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  return { context, page, release, problems, wasmAsked: () => wasmAsked };
}

/** The open draft as stored: its declaration. */
async function storedDeclaration(page) {
  const drafts = Object.values(await storageEntries(page, DRAFT_PREFIX)).map((v) => JSON.parse(v));
  assert.equal(drafts.length, 1, 'one draft is stored');
  return drafts[0].declaration;
}

test('the form is on screen, enabled, as soon as the HTML is parsed; the wasm has not arrived', async () => {
  const { context, page, release, problems, wasmAsked } = await heldContext();
  try {
    await page.goto(appUrl(), { waitUntil: 'domcontentloaded' });
    assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined', 'the app has not started');
    await page.getByRole('heading', { name: TITLE, exact: true }).waitFor();
    assert.equal(await page.locator('#loading').isVisible(), false, 'no loading placeholder over the form');
    for (const label of ['美丽城镇集群化建设名称', '申报单位', '主要内容简介（500字）', '总协调人 联系电话']) {
      const control = field(page, label);
      assert.ok(await control.isVisible(), `${label} is visible`);
      assert.ok(await control.isEditable(), `${label} can be typed into`);
    }
    assert.ok(await page.getByRole('group', { name: '创建类型' }).getByLabel('复合型', { exact: true }).isEnabled());
    assert.ok((await page.locator('select#field-applicant option').count()) > 13, 'the 申报单位 list is there');
    assert.ok(wasmAsked() >= 1, 'the wasm was asked for (and is held back)');
    const path = await screenshot(page, 'prerendered-before-wasm');
    console.log(`# the page at HTML-parsed time, before the wasm: ${path}`);
    release();
    await waitForApp(page);
    assert.equal(await page.locator('form.declaration-form').count(), 1, 'the app took the form over, not a second one');
    assert.deepEqual(problems, []);
  } finally {
    release();
    await context.close();
  }
});

test('typed, picked and ticked before the app took over, on a slow (4×) start: in the draft, with the focus and caret where they were; all kept after a reload', async () => {
  const { context, page, release, problems } = await heldContext({ throttle: 4 });
  try {
    await page.goto(appUrl(), { waitUntil: 'domcontentloaded' });
    await field(page, '美丽城镇集群化建设名称').click();
    await page.keyboard.type('富春江美镇圈');
    await field(page, '申报单位').selectOption({ label: '桐庐县' });
    await page.getByRole('group', { name: '创建类型' }).getByLabel('复合型', { exact: true }).check();
    await field(page, '总协调人 联系电话').click();
    await page.keyboard.type('0571-64212345');
    await field(page, '主要内容简介（500字）').click();
    await page.keyboard.type('共绘一张规划');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined', 'all of it before the app started');

    release();
    await waitForApp(page);
    await eventually(async () => assert.equal(await field(page, '美丽城镇集群化建设名称').inputValue(), '富春江美镇圈'));
    assert.equal(await activeId(page), 'field-summary', 'the focus stays in 主要内容简介');
    await eventually(async () =>
      assert.deepEqual(
        await page.evaluate(() => [document.activeElement.selectionStart, document.activeElement.selectionEnd]),
        [2, 2],
        'the caret stays after 共绘',
      ),
    );
    // Typing on goes where the caret was.
    await page.keyboard.type('出');
    await eventually(async () => {
      const declaration = await storedDeclaration(page);
      assert.equal(declaration.clusterName, '富春江美镇圈');
      assert.equal(declaration.applicant, '330122');
      assert.equal(declaration.creationType, 'composite');
      assert.equal(declaration.coordinator.phone, '0571-64212345');
      assert.equal(declaration.summary, '共绘出一张规划');
    });

    await page.reload();
    await waitForApp(page);
    assert.equal(await field(page, '美丽城镇集群化建设名称').inputValue(), '富春江美镇圈');
    assert.equal(await field(page, '主要内容简介（500字）').inputValue(), '共绘出一张规划');
    assert.equal(await field(page, '总协调人 联系电话').inputValue(), '0571-64212345');
    assert.ok(await page.getByRole('group', { name: '创建类型' }).getByLabel('复合型', { exact: true }).isChecked());
    assert.deepEqual(problems, []);
  } finally {
    release();
    await context.close();
  }
});

test('typing without a pause from the moment the HTML is parsed, across the takeover (6× CPU): every character is in the saved draft after a reload', async () => {
  const { context, page, release, problems } = await heldContext({ throttle: 6 });
  try {
    const text = '杭州市美丽城镇集群化建设共建共享共绘一张规划'.repeat(4);
    const half = text.length / 2;
    await page.goto(appUrl(), { waitUntil: 'commit' });
    const box = field(page, '2021年计划完成的阶段性成果');
    await box.click();
    // One character every 15 ms; the module is let through half-way, so that the app starts
    // while the second half is being typed.
    await page.keyboard.type(text.slice(0, half), { delay: 15 });
    assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined', 'the first half before the app');
    release();
    await page.keyboard.type(text.slice(half), { delay: 15 });
    await waitForApp(page);
    await eventually(async () => assert.equal((await storedDeclaration(page)).stageResults, text), 5000);
    await page.reload();
    await waitForApp(page);
    assert.equal(await box.inputValue(), text);
    assert.deepEqual(problems, []);
  } finally {
    release();
    await context.close();
  }
});

test('a repeat visit: the fields are held until the last draft is in them, then released with its values', async () => {
  let { context, page, release, problems } = await heldContext();
  try {
    // The first visit writes a draft; the second is held back until `release()`.
    let releaseSecond = () => {};
    const second = new Promise((r) => (releaseSecond = r));
    let visits = 0;
    await context.unroute(COUNTY_WASM);
    await context.route(COUNTY_WASM, async (route) => {
      if (++visits > 1) await second;
      await route.continue();
    });
    release = releaseSecond;
    await page.goto(appUrl());
    await waitForApp(page);
    await field(page, '美丽城镇集群化建设名称').fill('上次的集群');
    await field(page, '主要内容简介（500字）').fill('上次写的简介');
    await eventually(async () => assert.equal((await storedDeclaration(page)).summary, '上次写的简介'));
    await page.reload({ waitUntil: 'domcontentloaded' });
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('restoring')));
    const name = field(page, '美丽城镇集群化建设名称');
    assert.equal(await name.evaluate((el) => el.readOnly), true, 'text fields are read-only while the draft opens');
    assert.equal(
      await page.getByRole('group', { name: '创建类型' }).getByLabel('复合型', { exact: true }).isDisabled(),
      true,
      'radios are disabled meanwhile',
    );
    assert.match(await page.locator('#save-status').evaluate((el) => getComputedStyle(el, '::before').content), /正在打开上次的草稿/);
    await name.click();
    await page.keyboard.type('被覆盖');
    assert.equal(await name.inputValue(), '', 'nothing typed over the draft about to open');

    release();
    await waitForApp(page);
    await eventually(async () => assert.equal(await name.inputValue(), '上次的集群'));
    assert.equal(await field(page, '主要内容简介（500字）').inputValue(), '上次写的简介');
    assert.equal(await page.locator('[data-held]').count(), 0, 'every held field is released');
    assert.equal(await name.evaluate((el) => el.readOnly), false);
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('restoring')), false);
    await name.click();
    await page.keyboard.press('End');
    await page.keyboard.type('（改）');
    await eventually(async () => assert.equal((await storedDeclaration(page)).clusterName, '上次的集群（改）'));
    assert.deepEqual(problems, []);
  } finally {
    release();
    await context.close();
  }
});

test('without scripts the page says so, and the form that could not be sent anywhere is not shown', async () => {
  const { context, page } = await heldContext({ javaScriptEnabled: false, hold: false });
  try {
    await page.goto(appUrl());
    assert.ok(await page.locator('#loading').isVisible());
    assert.match(await page.locator('#loading').innerText(), /本页面需要启用 JavaScript 才能填写申报表/);
    assert.equal(await page.locator('form.declaration-form').isVisible(), false);
    assert.equal(await page.getByRole('heading', { name: TITLE, exact: true }).isVisible(), false);
  } finally {
    await context.close();
  }
});
