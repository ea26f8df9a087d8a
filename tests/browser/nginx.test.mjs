// Tests deploy/nginx.conf with a real nginx serving dist/ from the sub-path /apps/meizhen/: types, the build's brotli and gzip copies, caching, security headers (the twins for older kernels with theirs), and the app working there under the header CSP, on today's Chromium and on Chromium 80.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { clickCheck, fillForm, openMenu, rawGet, useBrowser, waitForApp, withAppContext } from './helpers.mjs';
import { launch, waitForDownload } from '../../scripts/cdp-pipe.mjs';

useBrowser();

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'dist');
const PORT = 18000 + (process.pid % 1000);
const BASE = `http://127.0.0.1:${PORT}/apps/meizhen/`;
let nginx;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meizhen-nginx-'));
  // The sample file as it is, with this machine's paths and a free port.
  const conf = readFileSync(join(ROOT, 'deploy', 'nginx.conf'), 'utf8')
    .replaceAll('/srv/meizhen/', `${DIST}/`)
    .replace('listen 127.0.0.1:8080;', `listen 127.0.0.1:${PORT};`)
    .replace('pid /tmp/meizhen-nginx.pid;', `pid ${dir}/nginx.pid;\nuser root;`);
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const check = spawnSync('nginx', ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
  for (let i = 0; i < 50; i += 1) {
    try {
      await fetch(BASE);
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  throw new Error('nginx did not start');
});

after(() => {
  nginx?.kill('SIGQUIT');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('nginx serves the app with the right types, compression, caching and security headers', async () => {
  const page = await fetch(BASE, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(page.headers.get('x-frame-options'), 'DENY');
  const header = page.headers.get('content-security-policy');
  const html = await page.text();
  const metaOf = (text) => /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(text)[1];
  const meta = metaOf(html);
  const cityPage = await fetch(`${BASE}verify.html`);
  assert.equal(cityPage.headers.get('content-security-policy'), header, 'one header for the whole site');
  const cityMeta = metaOf(await cityPage.text());
  // The header is each page's <meta> policy, allowing the inline scripts of both pages, plus what
  // only a header can say: no page may frame this one.
  const hashes = (policy) => (policy.match(/'sha256-[^']+'/g) ?? []).sort();
  const withoutHashes = (policy) => policy.replace(/ 'sha256-[^']+'/g, '');
  assert.deepEqual(hashes(header), [...new Set([...hashes(meta), ...hashes(cityMeta)])].sort());
  assert.equal(withoutHashes(meta), withoutHashes(cityMeta), 'both pages have the same policy but for their scripts');
  assert.equal(withoutHashes(header), `${withoutHashes(meta)}; frame-ancestors 'none'`, 'the header forbids framing');
  assert.doesNotMatch(header, /'unsafe-eval'/, 'the strict pages allow no eval');

  // The twins for kernels before Chromium 97 get their own header: their policy, 'unsafe-eval'
  // in the place of 'wasm-unsafe-eval', allowing their scripts.
  const twins = await Promise.all(['index-old-kernel.html', 'verify-old-kernel.html'].map((n) => fetch(BASE + n)));
  const twinHeader = twins[0].headers.get('content-security-policy');
  assert.equal(twins[1].headers.get('content-security-policy'), twinHeader);
  const twinMetas = await Promise.all(twins.map(async (t) => metaOf(await t.text())));
  assert.deepEqual(hashes(twinHeader), [...new Set(twinMetas.flatMap(hashes))].sort());
  assert.equal(withoutHashes(twinHeader), `${withoutHashes(twinMetas[0])}; frame-ancestors 'none'`);
  assert.equal(withoutHashes(twinHeader), withoutHashes(header).replace("'wasm-unsafe-eval'", "'unsafe-eval'"));

  const wasmName = /'\.\/([^']+_bg\.wasm)'/.exec(html)[1];
  const wasm = await fetch(BASE + wasmName, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal(wasm.headers.get('content-encoding'), 'gzip');
  assert.equal(wasm.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.ok(wasm.headers.get('content-security-policy'));

  const root = await fetch(`http://127.0.0.1:${PORT}/`, { redirect: 'manual' });
  assert.equal(root.status, 302);
});

test("nginx sends the build's brotli and gzip copies to clients that accept them", async () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const wasmName = /'\.\/([^']+_bg\.wasm)'/.exec(html)[1];
  for (const [path, name] of [
    [wasmName, wasmName],
    ['', 'index.html'],
  ]) {
    for (const [accept, encoding, suffix] of [
      ['gzip, deflate, br', 'br', '.br'],
      ['gzip', 'gzip', '.gz'],
      ['identity', undefined, ''],
    ]) {
      const res = await rawGet(BASE + path, accept);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-encoding'], encoding, `${name} for Accept-Encoding: ${accept}`);
      assert.match(res.headers.vary ?? '', /Accept-Encoding/);
      assert.ok(res.body.equals(readFileSync(join(DIST, name + suffix))), `${name}${suffix} sent as built`);
    }
  }
  const wasm = await rawGet(BASE + wasmName, 'br');
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.equal(wasm.headers['cache-control'], 'public, max-age=31536000, immutable');
});

test(
  'the app works from the sub-path /apps/meizhen/ under the header policy',
  { timeout: 30_000 },
  withAppContext(async ({ newPage }) => {
    const page = await newPage();
    await page.goto(BASE);
    await waitForApp(page);
    await fillForm(page);
    await clickCheck(page);
    await page.getByRole('heading', { name: '检查通过' }).waitFor();
    // The city office's page, under the same header.
    await openMenu(page, '核验申报文件');
    assert.equal(new URL(page.url()).pathname, '/apps/meizhen/verify.html');
    await page.getByRole('heading', { name: '核验申报文件', level: 2 }).waitFor();
  }),
);

test(
  "Chromium 80 under the header policy: its twin for older kernels, and the office files' worker",
  { timeout: 60_000 },
  async () => {
    const downloads = mkdtempSync(join(tmpdir(), 'meizhen-nginx-80-'));
    const browser = await launch(join(ROOT, 'target', 'old-chromium', '80', 'chromium'));
    try {
      const page = await browser.newPage({ downloads });
      await page.goto(BASE);
      await page.waitFor(() => !document.getElementById('loading') && document.querySelector('h1'), [], { timeout: 20_000 });
      assert.equal(await page.evaluate(() => location.pathname), '/apps/meizhen/index-old-kernel.html');
      // The worker compiles its wasm under the page's policy (kernels before 97 give a dedicated
      // worker its page's policy, not its script's header).
      await page.clickText('导出 Word（.docx）');
      assert.match(await waitForDownload(downloads), /\.docx$/);
      assert.deepEqual(page.problems.filter((p) => !/invalid source: ''wasm-unsafe-eval''/.test(p)), []);
    } finally {
      await browser.close();
      rmSync(downloads, { recursive: true, force: true });
    }
  },
);
