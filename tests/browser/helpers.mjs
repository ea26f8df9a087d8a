// Shared browser-test helpers: Debian Chromium via playwright-core, a static server for dist/, and form helpers.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'dist');
export const OUTPUT_DIR = join(ROOT, 'tests', 'output');

export const TITLE = '杭州市美丽城镇集群化建设申报表';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

let server;
let browser;
let baseUrl;

/**
 * Call once at the top of a test file: starts the static server and Chromium before its
 * tests and stops both after them.
 */
export function useBrowser() {
  before(async () => {
    if (!existsSync(join(DIST, 'index.html'))) {
      throw new Error('dist/index.html 不存在：请先运行 make build');
    }
    server = await startServer(DIST, 0);
    baseUrl = `http://127.0.0.1:${server.address().port}/`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: LAUNCH_ARGS,
    });
  });
  after(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done()));
  });
}

/**
 * Wraps a test body: a fresh context and page with the app loaded; fails the test if the page
 * logged a console error or threw. `body(page, problems)` gets the page.
 */
export function withApp(body) {
  return async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1366, height: 768 },
    });
    // Short waits: the app answers within milliseconds, so a long wait only hides a failure.
    context.setDefaultTimeout(5000);
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const where = msg.location()?.url;
        problems.push(`console.error: ${msg.text()}${where ? ` (${where})` : ''}`);
      }
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    try {
      await page.goto(baseUrl);
      await page.getByRole('heading', { name: TITLE, exact: true }).waitFor();
      await page.locator('#loading').waitFor({ state: 'detached' });
      await body(page);
      assert.deepEqual(problems, [], 'the page logged errors');
    } catch (error) {
      if (problems.length > 0) error.message += `\n页面错误：\n${problems.join('\n')}`;
      throw error;
    } finally {
      await context.close();
    }
  };
}

/** Retries `check` (which throws on failure) until it passes or `timeout` ms pass. */
export async function eventually(check, timeout = 3000) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** A control found by its visible label, matched exactly. */
export function field(page, label) {
  return page.getByLabel(label, { exact: true });
}

/** The id of the focused element (waits for a pending focus to land). */
export async function activeId(page) {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

export async function expectFocus(page, id) {
  await eventually(async () => assert.equal(await activeId(page), id, `focus should be on #${id}`));
}

/** The text of every element that `aria-describedby` of the locator names, joined. */
export async function describedText(locator) {
  return locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join('\n'),
  );
}

/**
 * Adds a listed town with the keyboard: types `query` into the town combobox, presses
 * ArrowDown and Enter, and waits for the chip "移除 <display>".
 */
export async function addTown(page, query, display) {
  const box = field(page, '关联乡镇（街道）');
  await box.click();
  await box.pressSequentially(query);
  await page.locator('#town-results [role=option]').first().waitFor();
  await box.press('ArrowDown');
  await box.press('Enter');
  await page.getByRole('button', { name: `移除 ${display}`, exact: true }).waitFor();
  assert.equal(await box.inputValue(), '', 'the search box empties after adding');
}

/** A complete, valid declaration (桐庐县, cf. src/model/sample.rs); override parts as needed. */
export const VALID = {
  clusterName: '桐庐富春江美镇圈',
  applicant: '桐庐县',
  towns: [
    ['富春江', '富春江镇（桐庐县）'],
    ['江南镇', '江南镇（桐庐县）'],
  ],
  type: '复合型',
  scope: '县域内部',
  coordinator: { 姓名: '王建国', 所在单位: '桐庐县人民政府', 职务: '副县长', 联系电话: '0571-64212345' },
  contact: {
    姓名: '李晓梅',
    所在单位: '桐庐县美丽城镇建设工作领导小组办公室',
    职务: '综合科科长',
    联系电话: '13857112345',
  },
  dates: {
    工作专班成立时间: '2021-04-30',
    实施方案完成时间: '2021-06-30',
    任务清单完成时间: '2021-07-31',
    集群规划完成时间: '2021-09-30',
  },
  stageResults: '完成集群规划编制；启动富春江沿线绿道贯通、镇村公交一体化等 6 个共建项目。',
  summary:
    '富春江镇、江南镇地缘相近、产业相依。集群以“六共”为原则，共绘一张规划，共建交通、文旅与公共服务设施，着力解决群众急难愁盼问题。',
  declaredOn: '2021-05-10',
};

/** Fills the whole form by label; `data` is VALID with any parts replaced. */
export async function fillForm(page, data = VALID) {
  await field(page, '美丽城镇集群化建设名称').fill(data.clusterName);
  await field(page, '申报单位').selectOption({ label: data.applicant });
  for (const [query, display] of data.towns) await addTown(page, query, display);
  // Close the town list (it lists the applicant's towns over the fields below) and leave the
  // field with the keyboard, so a message it then shows cannot move the radios under the mouse.
  await field(page, '关联乡镇（街道）').press('Escape');
  await field(page, '关联乡镇（街道）').press('Tab');
  await page.getByRole('group', { name: '创建类型' }).getByLabel(data.type, { exact: true }).check();
  await page.getByRole('group', { name: '创建范围' }).getByLabel(data.scope, { exact: true }).check();
  for (const [role, person] of [
    ['总协调人', data.coordinator],
    ['具体联系人', data.contact],
  ]) {
    for (const [line, value] of Object.entries(person)) await field(page, `${role} ${line}`).fill(value);
  }
  for (const [label, value] of Object.entries(data.dates)) await field(page, label).fill(value);
  await field(page, '2021年计划完成的阶段性成果').fill(data.stageResults);
  await field(page, '主要内容简介（500字）').fill(data.summary);
  if (data.declaredOn) await field(page, '日期（申报单位盖章处）（选填）').fill(data.declaredOn);
}

export async function clickCheck(page) {
  await page.getByRole('button', { name: '检查填写内容', exact: true }).click();
}

/** Saves a full-page screenshot to tests/output/<name>.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// ---- Helpers for tests that need several pages, storage set up before load, or downloads ----

/** The address the app is served at (set once `useBrowser`'s `before` has run). */
export function appUrl() {
  return baseUrl;
}

/** Waits until the app has started in `page`: the heading is there and the placeholder gone. */
export async function waitForApp(page) {
  await page.getByRole('heading', { name: TITLE, exact: true }).waitFor();
  await page.locator('#loading').waitFor({ state: 'detached' });
}

/**
 * Wraps a test body with a fresh browser context but no page yet, for tests that open several
 * pages of one context (one localStorage) or prepare storage before the app loads.
 * `body({ context, newPage, openApp })`: `newPage()` opens a blank page whose console errors and
 * page errors are recorded; `openApp(page?)` loads the app in `page` (default: a new page) and
 * waits for it. Fails the test if any page logged an error, except those matching `allow`.
 */
export function withAppContext(body, { allow = [] } = {}) {
  return async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1366, height: 768 },
      acceptDownloads: true,
    });
    context.setDefaultTimeout(5000);
    const problems = [];
    const allowed = (text) => allow.some((re) => re.test(text));
    const newPage = async () => {
      const page = await context.newPage();
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !allowed(msg.text())) {
          const where = msg.location()?.url;
          problems.push(`console.error: ${msg.text()}${where ? ` (${where})` : ''}`);
        }
      });
      page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      return page;
    };
    const openApp = async (page) => {
      page ??= await newPage();
      await page.goto(baseUrl);
      await waitForApp(page);
      return page;
    };
    try {
      await body({ context, newPage, openApp });
      assert.deepEqual(problems, [], 'the page logged errors');
    } catch (error) {
      if (problems.length > 0) error.message += `\n页面错误：\n${problems.join('\n')}`;
      throw error;
    } finally {
      await context.close();
    }
  };
}

/**
 * Puts `entries` ({key: value}) into the context's localStorage before the app's first load,
 * once: an init script that runs before any page script and marks its work with a key outside
 * the app's prefix, so that later loads see whatever the app made of the entries.
 */
export async function plantBeforeLoad(context, entries, marker = 'test:planted') {
  await context.addInitScript(
    ([entries, marker]) => {
      try {
        if (window.localStorage.getItem(marker) !== null) return;
        for (const [key, value] of Object.entries(entries)) window.localStorage.setItem(key, value);
        window.localStorage.setItem(marker, '1');
      } catch {
        // about:blank and the like have no storage of this origin.
      }
    },
    [entries, marker],
  );
}

/** Every localStorage entry of the page whose key starts with `prefix`, as {key: value}. */
export async function storageEntries(page, prefix = 'meizhen:') {
  return page.evaluate((prefix) => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith(prefix)) out[key] = localStorage.getItem(key);
    }
    return out;
  }, prefix);
}

/** Runs `action` and returns the download it starts: { name, path, text }. */
export async function downloadFrom(page, action) {
  const [download] = await Promise.all([page.waitForEvent('download'), action()]);
  const failure = await download.failure();
  if (failure) throw new Error(`download failed: ${failure}`);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  return { name: download.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
}

/**
 * Clicks the main menu's entry `label` (e.g. '签名导出', '核验申报文件'): a view of this page (a
 * button) or the other page (a link, which loads that page; this waits until it has started).
 */
export async function openMenu(page, label) {
  const menu = page.getByRole('navigation', { name: '主菜单' });
  const link = menu.getByRole('link', { name: label, exact: true });
  if (await link.count()) {
    // The other page loads (in the single-file edition: the fragment changes, then the file
    // reloads): wait for that load, not for a heading the page being left also has.
    await Promise.all([page.waitForEvent('load'), link.click()]);
    await page.getByRole('heading', { name: TITLE, exact: true }).waitFor();
    await page.locator('#loading').waitFor({ state: 'detached' });
    await menu.getByRole('button', { name: label, exact: true }).waitFor();
  } else {
    await menu.getByRole('button', { name: label, exact: true }).click();
  }
}

/** The Chromium that `useBrowser` launched, for tests that set up their own contexts. */
export function launchedBrowser() {
  return browser;
}

/** GET `url` without decoding: { status, headers, body } (body: the bytes as sent). */
export function rawGet(url, acceptEncoding) {
  return new Promise((done, fail) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', fail)
      .end();
  });
}
