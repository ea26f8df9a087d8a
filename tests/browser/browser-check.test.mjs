// Tests the check that runs before the app (index.html): where the browser lacks what the app needs, or the app fails to load, the page says so in Chinese — what is missing, which browsers work, how to switch 360's kernel — and never stays blank.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { appUrl, field, launchedBrowser, TITLE, useBrowser } from './helpers.mjs';

useBrowser();

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'dist');
const WASM_OPT = join(ROOT, 'node_modules', '.bin', 'wasm-opt');

/** Opens `url` in a fresh context prepared by `setup(context, page)`; `body(page)` checks it. */
async function visit({ url = appUrl(), setup, javaScriptEnabled = true }, body) {
  const context = await launchedBrowser().newContext({ locale: 'zh-CN', javaScriptEnabled });
  context.setDefaultTimeout(5000);
  try {
    const page = await context.newPage();
    await setup?.(context, page);
    await page.goto(url);
    await body(page);
  } finally {
    await context.close();
  }
}

/**
 * Asserts that the page shows the unsupported-browser help and returns the status line.
 * `formStays`: the form written into index.html stays usable under the message (a slow start);
 * otherwise the message shows alone.
 */
async function expectHelp(page, status, { formStays = false } = {}) {
  await page.locator('#loading-status', { hasText: status }).waitFor();
  const help = page.locator('#browser-help');
  assert.ok(await help.isVisible(), 'the list of browsers that work is shown');
  const text = await help.innerText();
  for (const needed of ['Chrome', 'Edge', '80', 'Firefox', '102', 'Safari', '16', '360', '极速模式', '闪电', '信创']) {
    assert.ok(text.includes(needed), `the help names ${needed}: ${text}`);
  }
  if (formStays) {
    assert.ok(await page.getByRole('heading', { name: TITLE, exact: true }).isVisible(), 'the form stays');
    assert.ok(await page.locator('#loading').isVisible(), 'the message shows over it');
  } else {
    assert.equal(await page.getByRole('heading', { name: TITLE, exact: true }).count(), 0, 'only the message shows');
  }
  assert.equal(await page.locator('#loading').getAttribute('role'), 'alert', 'screen readers hear the message');
  await page.getByText('技术细节').click();
  return page.locator('#browser-details-text').innerText();
}

test('without WebAssembly the page says what is missing and which browsers work', () =>
  visit(
    {
      setup: (context) =>
        context.addInitScript(() => {
          delete window.WebAssembly;
        }),
    },
    async (page) => {
      const details = await expectHelp(page, '版本过旧，无法运行申报表');
      assert.match(details, /缺少：WebAssembly/);
      assert.match(details, /浏览器标识：.*Chrom/);
      // The failing app script later does not replace the message.
      await page.waitForTimeout(300);
      assert.match(await page.locator('#loading-status').innerText(), /版本过旧/);
    },
  ));

test("the city office's page runs the same check and names itself", () =>
  visit(
    {
      url: `${appUrl()}verify.html`,
      setup: (context) =>
        context.addInitScript(() => {
          delete window.WebAssembly;
        }),
    },
    async (page) => {
      const details = await expectHelp(page, '版本过旧，无法运行核验页面');
      assert.match(details, /缺少：WebAssembly/);
      assert.equal(await page.getByRole('heading', { name: '核验申报文件' }).count(), 0, 'the app did not start');
    },
  ));

test('a browser whose WebAssembly lacks bulk memory (Chromium < 75) gets the message', () =>
  visit(
    {
      setup: (context) =>
        context.addInitScript(() => {
          const validate = WebAssembly.validate.bind(WebAssembly);
          // memory.copy, as the check's module for bulk memory has it.
          WebAssembly.validate = (bytes) =>
            bytes.some((b, i) => b === 0xfc && bytes[i + 1] === 0x0a) ? false : validate(bytes);
          // And, as in such a browser, the app's own module (which uses it) does not compile.
          const refuse = () => Promise.reject(new WebAssembly.CompileError('bulk memory is not supported'));
          WebAssembly.instantiateStreaming = refuse;
          WebAssembly.instantiate = refuse;
        }),
    },
    async (page) => {
      const details = await expectHelp(page, '版本过旧');
      assert.match(details, /缺少：WebAssembly 批量内存操作（bulk-memory）/);
    },
  ));

/** Serves `path` with `edit(html)` in its place. */
const editPage = (page, path, edit) =>
  page.route(appUrl() + path, async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    const body = edit(html);
    assert.notEqual(body, html);
    await route.fulfill({ response, body });
  });

test("a kernel that compiles no WebAssembly under the strict policy (before Chromium 97) runs the app on the page's twin", () =>
  visit(
    {
      // The strict page under a policy without 'wasm-unsafe-eval': compiling wasm is refused there,
      // as it is by an older kernel that ignores the word.
      setup: (context, page) =>
        editPage(page, '', (html) => html.replace(/(http-equiv="Content-Security-Policy" content="[^"]*?) 'wasm-unsafe-eval'/, '$1')),
    },
    async (page) => {
      await page.getByRole('heading', { name: TITLE, exact: true }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/index-old-kernel.html');
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert.match(policy, /script-src 'self' 'unsafe-eval' 'sha256-/);
      assert.doesNotMatch(policy, /wasm-unsafe-eval/);
      // Its menu leads to the other page's twin, which the tab keeps.
      assert.equal(await page.getByRole('link', { name: '核验申报文件' }).getAttribute('href'), './verify-old-kernel.html');
      assert.equal(await page.evaluate(() => sessionStorage.getItem('meizhen:old-kernel')), '1');
    },
  ));

test('a newer kernel that opens a twin for older kernels goes on to the strict page', () =>
  visit({ url: `${appUrl()}verify-old-kernel.html#x` }, async (page) => {
    await page.getByRole('heading', { name: '核验申报文件' }).first().waitFor();
    assert.equal(new URL(page.url()).pathname, '/verify.html');
    assert.equal(new URL(page.url()).hash, '#x', 'the address keeps its fragment');
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(policy, /'wasm-unsafe-eval'/);
    assert.doesNotMatch(policy, /'unsafe-eval'/);
  }));

test("where the twin's policy stops WebAssembly too, the page says so", () =>
  visit(
    {
      setup: async (context, page) => {
        await editPage(page, '', (html) => html.replace(/(http-equiv="Content-Security-Policy" content="[^"]*?) 'wasm-unsafe-eval'/, '$1'));
        await editPage(page, 'index-old-kernel.html', (html) => html.replace(/(http-equiv="Content-Security-Policy" content="[^"]*?) 'unsafe-eval'/, '$1'));
      },
    },
    async (page) => {
      const details = await expectHelp(page, '版本过旧');
      assert.match(details, /内容安全策略允许的 WebAssembly 编译/);
      assert.equal(new URL(page.url()).pathname, '/index-old-kernel.html', 'no going back and forth');
    },
  ));

test('when the app fails to load, the loading line becomes what to do', () =>
  visit(
    { setup: (context, page) => page.route(/_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: '' })) },
    async (page) => {
      const details = await expectHelp(page, '申报表未能加载。请刷新页面重试');
      assert.match(details, /错误：/);
    },
  ));

test('index.html opened from a file says to use the single-file edition', () =>
  visit({ url: pathToFileURL(join(DIST, 'index.html')).href }, async (page) => {
    await expectHelp(page, '请使用“美镇申报-单文件版.html”');
  }));

test('with JavaScript turned off the page says so and lists the browsers that work', () =>
  visit({ javaScriptEnabled: false }, async (page) => {
    const text = await page.locator('#loading').innerText();
    assert.match(text, /本页面需要启用 JavaScript/);
    assert.ok(await page.locator('#browser-help').isVisible());
    assert.match(await page.locator('#browser-help').innerText(), /80 版及以上[\s\S]*极速模式/);
  }));

test('every page asks dual-kernel browsers (360, QQ, 搜狗) for their Blink kernel', () => {
  for (const name of ['index.html', 'verify.html', 'index-old-kernel.html', 'verify-old-kernel.html', '美镇申报-单文件版.html']) {
    const html = readFileSync(join(DIST, name), 'utf8');
    assert.match(html, /<meta name="renderer" content="webkit" \/>/, `${name}: 极速模式`);
    assert.match(html, /<meta http-equiv="X-UA-Compatible" content="IE=edge" \/>/, `${name}: not the IE mode`);
  }
});

test('a browser with everything the app needs sees no message', () =>
  visit({}, async (page) => {
    await page.getByRole('heading', { name: TITLE, exact: true }).waitFor();
    // The form is in the HTML: its placeholder stays hidden until the app removes it.
    assert.equal(await page.locator('#loading').isVisible(), false);
    await page.locator('#loading').waitFor({ state: 'detached' });
  }));

test("the check's modules each need one feature, and the app's modules need no other", () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const list = /var FEATURES = (\[[\s\S]*?\]);\n/.exec(html);
  assert.ok(list, 'index.html lists the features it checks');
  const features = JSON.parse(list[1].replaceAll("'", '"'));
  assert.ok(features.length >= 1);
  const dir = mkdtempSync(join(tmpdir(), 'meizhen-features-'));
  const valid = (file, flags) => spawnSync(WASM_OPT, ['--mvp-features', ...flags, file, '-o', join(dir, 'out.wasm')]).status === 0;
  try {
    for (const [name, , body] of features) {
      const file = join(dir, `${name}.wasm`);
      writeFileSync(file, Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0, ...body]));
      assert.ok(valid(file, [`--enable-${name}`]), `the module for ${name} is valid with it`);
      assert.ok(!valid(file, []), `the module for ${name} is invalid without it`);
    }
    // Every module the app runs: the two pages' and the two workers' (key derivation, office files).
    const modules = readdirSync(DIST).filter((n) => n.endsWith('_bg.wasm'));
    assert.equal(modules.length, 4, `four modules: ${modules}`);
    const all = features.map(([name]) => `--enable-${name}`);
    for (const wasm of modules) {
      assert.ok(valid(join(DIST, wasm), all), `${wasm} validates with only the checked features`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('when loading takes too long, the page says what to do', () =>
  visit(
    {
      setup: async (context, page) => {
        await page.clock.install();
        // The wasm never arrives.
        await page.route(/_bg\.wasm$/, () => {});
      },
    },
    async (page) => {
      // The form written into the page shows at once; the placeholder only with a message.
      await page.getByRole('heading', { name: TITLE, exact: true }).waitFor();
      assert.equal(await page.locator('#loading').isVisible(), false);
      assert.ok(await field(page, '美丽城镇集群化建设名称').isEditable());
      await page.clock.runFor(31_000);
      const details = await expectHelp(page, '申报表加载时间过长', { formStays: true });
      assert.match(details, /30 秒后仍未启动/);
    },
  ));
