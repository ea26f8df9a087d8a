// The page benchmark behind `make bench`: serves the built site and the hand-written reference form
// (../shared/reference/) the same way — scripts/serve.mjs in its asDeployed mode, each from a copy
// with brotli and gzip siblings written by scripts/compress.py — and measures both in one run of
// headless Chromium, visit by visit in alternation: bytes of a first visit (brotli and gzip, before
// the form is usable and in total), time to a usable form on a first and a repeat visit at 1× and
// 4× CPU throttling, keystroke work in 主要内容简介, DOM nodes, renderer memory, and Lighthouse.
// Each figure of the app is given with its ratio to the reference and beside the target of issue 14
// (达标 / 未达标). Then first visits of both on a real Chromium 80 (the oldest kernel supported), and
// the city office's page (verify.html) with 20 signed files opened, in absolute numbers. Rewrites the results section of BENCHMARKS.md. A benchmark, not a test: no number makes
// it fail.
//
//   node scripts/bench-page.mjs [DIST]     DIST: the built site (default $BENCH_DIST, else dist)
//   BENCH_RUNS=7 BENCH_TYPING_RUNS=3 BENCH_VERIFY_RUNS=5 BENCH_LIGHTHOUSE_RUNS=3 BENCH_OLD_KERNEL_RUNS=5 set the number of
//   runs (BENCH_LIGHTHOUSE_RUNS=0 skips Lighthouse); BENCH_REFERENCE names the reference form's folder.
import { execFile, execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { chromium } from 'playwright-core';
import { commit, machine, now, ROOT, writeSection } from './bench-report.mjs';
import { launch as launchOldKernel } from './cdp-pipe.mjs';
import { startServer } from './serve.mjs';

const TITLE = '杭州市美丽城镇集群化建设申报表';
const SUMMARY_LABEL = '主要内容简介（500字）';
const VERIFY_TITLE = '核验申报文件';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const LIGHTHOUSE = join(ROOT, 'bench', 'node_modules', 'lighthouse');
// The oldest kernel the app supports, a real build (scripts/setup-old-chromium.sh): first visits
// there, through the twin for older kernels, beside the reference form on the same kernel.
const OLD_KERNEL = join(ROOT, 'target', 'old-chromium', '80', 'chromium');
const OLD_KERNEL_RUNS = Number(process.env.BENCH_OLD_KERNEL_RUNS ?? 5);
const REFERENCE = resolve(process.env.BENCH_REFERENCE ?? join(ROOT, '..', 'shared', 'reference'));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TYPING_RUNS = Math.min(RUNS, Number(process.env.BENCH_TYPING_RUNS ?? 3));
const VERIFY_RUNS = Number(process.env.BENCH_VERIFY_RUNS ?? 5);
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const THROTTLE = 4; // the slow rounds: CDP Emulation.setCPUThrottlingRate
const VERIFY_FILES = 20;
const QUIET_MS = 500; // the network counts as idle after this long without a request in flight
const TEXT = // 300 characters of a plausible 主要内容简介, typed one at a time
  '富春江镇、江南镇地缘相近、产业相依，集群以“六共”为原则，共绘一张规划，共建交通、文旅与公共服务设施，' +
  '着力解决群众急难愁盼问题。已有基础：两镇同属桐庐县，富春江两岸绿道已贯通十二公里，镇村公交实现一体化，' +
  '民宿、农家乐等乡村旅游业态初具规模。存在问题：公共服务设施分布不均，产业协同不足，品牌影响力有待提升。' +
  '主要措施：统一编制集群规划，建设共享的文化礼堂与养老服务中心，培育富春山居旅游品牌，推进农产品加工园区共建，' +
  '完善污水处理与垃圾分类设施，提升集镇风貌与乡村环境。进度计划：二〇二一年完成规划编制并启动六个共建项目，' +
  '二〇二二年基本建成，二〇二三年底全面验收，形成可复制、可推广的城镇集群化建设经验。';

// The servers run in a worker thread, so that the benchmark's own work never delays a response:
// one per site, each on its own port (so that each is its own origin: storage, service worker).
if (!isMainThread) {
  for (const { name, dir } of workerData.sites) {
    const server = await startServer(dir, 0, '127.0.0.1', {
      asDeployed: true,
      onResponse: (req, { bytes, sentBytes, encoding }) =>
        parentPort.postMessage({
          site: name,
          path: new URL(req.url, 'http://localhost').pathname,
          bytes,
          sentBytes,
          encoding,
          // sw.js itself, and what the service worker fetches (its requests name sw.js as referrer).
          byWorker:
            req.headers['sec-fetch-dest'] === 'serviceworker' || /\/sw\.js$/.test(req.headers.referer ?? ''),
        }),
    });
    parentPort.postMessage({ site: name, port: server.address().port });
  }
}

// ---- Statistics and formatting ----

const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs.filter((x) => Number.isFinite(x)));
  if (!s.length) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
/** Nearest-rank percentile. */
const percentile = (xs, p) => (xs.length ? sorted(xs)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)] : NaN);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const bytes = (n) => n.toLocaleString('en-US');
const kib = (n) => (Number.isFinite(n) ? `${(n / 1024).toFixed(1)} KiB` : '?');
const mib = (n) => (Number.isFinite(n) ? `${(n / 2 ** 20).toFixed(1)} MiB` : '?');
const ms = (n) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '?');
const count = (n) => (Number.isFinite(n) ? bytes(Math.round(n)) : '?');
const times = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '?');
const verdict = (met) => (met ? '达标' : '未达标');
const spread = (xs) => `${ms(median(xs))} (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})`;

// ---- In the page ----

/**
 * Installed before any page script: notes when the page is ready (`__benchReady`) and the URLs it
 * had fetched by then (`__benchFetched`), then when the first frame after that has been rendered
 * (`__benchUsable`: a task posted from the next animation frame runs after that frame's style,
 * layout and paint), and keeps the wasm exports (Trunk's start event).
 * `form`: ready once the document is parsed, no `#loading` placeholder shows (the county page
 * holds the form written at build time before it, hidden), an <h1> reads `title` and the textarea
 * labelled `label` (its label's text starts with it) is enabled and not held read-only (a repeat
 * visit holds the fields until the last draft is in them). Typing is kept from then on: before
 * the app has started, it takes what was typed over (src/browser/prerendered.rs).
 * `__benchShown`: the same without the last condition (the form on screen, held or not);
 * `__benchTakenOver`: the app has started (no `#loading` left in the page at all).
 * `verify`: the same, with an <h2> reading `title` and the file input #verify-files.
 */
function watchStart({ kind, title, label }) {
  addEventListener('TrunkApplicationStarted', (event) => {
    window.__benchWasm = event.detail.wasm;
  });
  const tag = kind === 'form' ? 'h1' : 'h2';
  const heading = () => [...document.querySelectorAll(tag)].find((h) => h.textContent.trim() === title);
  const placeholderShows = () => {
    const loading = document.getElementById('loading');
    return loading != null && getComputedStyle(loading).display !== 'none';
  };
  const shown = () => {
    if (document.readyState === 'loading' || placeholderShows() || !heading()) return null;
    if (kind === 'verify') return document.getElementById('verify-files') instanceof HTMLInputElement ? true : null;
    const box = [...document.querySelectorAll('label')].find((l) => l.textContent.trim().startsWith(label))?.control;
    return box instanceof HTMLTextAreaElement ? box : null;
  };
  const ready = () => {
    const box = shown();
    return box === true || (box instanceof HTMLTextAreaElement && !box.disabled && !box.readOnly);
  };
  const check = () => {
    if (!window.__benchShown && shown()) window.__benchShown = performance.now();
    if (window.__benchReady && !window.__benchTakenOver && !document.getElementById('loading')) {
      window.__benchTakenOver = performance.now();
    }
    if (window.__benchReady || !ready()) return;
    if (!document.getElementById('loading')) window.__benchTakenOver = performance.now();
    window.__benchReady = performance.now();
    window.__benchFetched = [location.href, ...performance.getEntriesByType('resource').map((e) => e.name)];
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (window.__benchUsable = performance.now());
      channel.port2.postMessage(null);
    });
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  document.addEventListener('readystatechange', check);
  // A style sheet that arrives after the document was parsed changes no node: look again at
  // every frame until the form is ready (the county page hides its placeholder by style).
  const poll = () => {
    check();
    if (!window.__benchReady || !window.__benchTakenOver) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/**
 * Installed once the page has started, so that its bubbling listener runs after the page's:
 * for each input event, `work` is the time from the event reaching window (capture) to the end of
 * the page's handlers and the microtasks they queued; `save` is the page's work in the next
 * animation frame (the app's autosave: its frame callback runs between one requested before the
 * app's handlers and one requested after them); `frame` is the time to the next animation frame
 * plus a task after its rendering.
 */
function watchKeys() {
  const keys = [];
  let waiting = null;
  let start = 0;
  let beforeApp = 0;
  addEventListener(
    'input',
    () => {
      start = performance.now();
      requestAnimationFrame(() => (beforeApp = performance.now()));
    },
    true,
  );
  addEventListener('input', () => {
    const key = { work: performance.now() - start };
    const began = start;
    requestAnimationFrame(() => {
      key.save = performance.now() - beforeApp;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        key.frame = performance.now() - began;
        keys.push(key);
        waiting?.();
      };
      channel.port2.postMessage(null);
    });
  });
  window.__benchKeys = keys;
  // Resolves once `n` keystrokes are recorded.
  window.__benchKeysReach = (n) =>
    keys.length >= n ? true : new Promise((done) => (waiting = () => keys.length >= n && done(true)));
}

/**
 * On the city office's page, before its files are chosen: resolves, once `n` result cards are in
 * the page, to the time from the input's `change` event to the next frame after the last card
 * (a task after the animation frame, as for keystrokes), and how many cards say 有效.
 */
function watchVerdicts(n) {
  window.__benchVerdicts = new Promise((done) => {
    let start = NaN;
    addEventListener('change', () => (start = performance.now()), true);
    const observer = new MutationObserver(() => {
      if (document.querySelectorAll('.result').length < n) return;
      observer.disconnect();
      const inserted = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () =>
          done({
            shown: performance.now() - start,
            inserted: inserted - start,
            valid: document.querySelectorAll('.result-valid').length,
            status: document.querySelector('.results-count')?.textContent ?? '',
          });
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

// ---- Memory ----

/**
 * Resident, proportional and private memory of a process (/proc/PID/smaps_rollup, in bytes), and
 * whether it runs a service worker (a thread of that name); null if the process is gone.
 */
function processMemory(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (key) => Number(text.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024;
    const threads = readdirSync(`/proc/${pid}/task`).map((t) =>
      readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8'),
    );
    return {
      rss: kb('Rss'),
      pss: kb('Pss'),
      uss: kb('Private_Clean') + kb('Private_Dirty'),
      hasWorker: threads.some((name) => name.startsWith('ServiceWorker')),
    };
  } catch {
    return null;
  }
}

/**
 * The memory of the renderer process showing `page`. Every renderer is read first; then a short
 * trace names the page's one (the frames listed when tracing starts carry their process ids).
 */
async function rendererMemory(browser, page) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  const memories = new Map(
    processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, processMemory(p.id)]),
  );
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline'] });
  const trace = JSON.parse(await browser.stopTracing());
  const started = trace.traceEvents.find((e) => e.name === 'TracingStartedInBrowser');
  return memories.get(started?.args.data.frames.find((f) => f.url === page.url())?.processId) ?? null;
}

/** The renderer memory of an empty page (about:blank), for comparison. */
async function blankRendererMemory(browser) {
  const context = await browser.newContext();
  try {
    return await rendererMemory(browser, await context.newPage());
  } finally {
    await context.close();
  }
}

/** What a page measures after load: DOM elements, JS heap after GC, wasm memory, renderer memory. */
async function pageMemory(browser, page, cdp) {
  const dom = await page.evaluate(() => document.getElementsByTagName('*').length);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const wasmMemory = await page.evaluate(() => window.__benchWasm?.memory?.buffer.byteLength ?? 0);
  const renderer = await rendererMemory(browser, page);
  return { dom, heap, wasmMemory, renderer };
}

// ---- Visits ----

/** Counts the requests of `context` in flight and notes the last network activity in `network`. */
function track(context, network) {
  const net = { inFlight: 0 };
  const settle = () => {
    net.inFlight--;
    network.last = performance.now();
  };
  context.on('request', () => {
    net.inFlight++;
    network.last = performance.now();
  });
  context.on('requestfinished', settle);
  context.on('requestfailed', settle);
  return net;
}

async function openPage(context, throttle) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return { page, cdp };
}

/** Navigates to `url` and waits until the page is usable (see watchStart). */
async function loadUntilUsable(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__benchUsable && window.__benchTakenOver);
  return page.evaluate(() => ({
    usable: window.__benchUsable,
    ready: window.__benchReady,
    shown: window.__benchShown,
    takenOver: window.__benchTakenOver,
    fetched: window.__benchFetched,
  }));
}

/**
 * Until the service worker (if the site has one) is active, or 20 s have passed (it failed to
 * install: noted in `site.workerFailed`), and the network has been idle a while.
 */
async function settle(page, site, net, network) {
  if (site.serviceWorker) {
    const active = await page.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready.then(() => true),
        new Promise((done) => setTimeout(() => done(false), 20_000)),
      ]),
    );
    if (!active && !site.workerFailed) console.log(`${site.label}：service worker 20 秒内未启用`);
    site.workerFailed ||= !active;
  }
  while (net.inFlight > 0 || performance.now() - network.last < QUIET_MS) await page.waitForTimeout(50);
}

/**
 * A first visit in a fresh browser context (no HTTP cache, no service worker yet), then, once it
 * has settled, a repeat visit in a new tab of the same context (HTTP cache and service worker
 * warm), both with the CPU slowed down `throttle` times. `measure`: DOM, heap and memory after the
 * first visit; `typing`: type TEXT into 主要内容简介 after the repeat visit.
 */
async function visit(browser, site, network, { throttle = 1, measure = false, typing = false } = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  context.setDefaultTimeout(60_000);
  try {
    await context.addInitScript(watchStart, { kind: 'form', title: TITLE, label: SUMMARY_LABEL });
    const net = track(context, network);
    site.responses = [];
    let { page, cdp } = await openPage(context, throttle);
    const first = await loadUntilUsable(page, site.url);
    await settle(page, site, net, network);
    const responses = site.responses;
    site.responses = [];
    const memory = measure ? await pageMemory(browser, page, cdp) : null;
    await page.close();

    ({ page, cdp } = await openPage(context, throttle));
    const repeat = await loadUntilUsable(page, site.url);
    const controlled = await page.evaluate(() => navigator.serviceWorker?.controller != null);
    let keys = [];
    if (typing) {
      await page.evaluate(watchKeys);
      await page.getByLabel(new RegExp(`^${SUMMARY_LABEL}`)).click();
      for (let i = 0; i < TEXT.length; i++) {
        await page.keyboard.insertText(TEXT[i]);
        await page.evaluate((n) => window.__benchKeysReach(n), i + 1);
      }
      keys = await page.evaluate(() => window.__benchKeys);
    }
    return { site: site.name, throttle, first, repeat, responses, memory, keys, controlled };
  } finally {
    await context.close();
  }
}

/** The city office's page: a first visit, then `files` chosen at once, until every verdict shows. */
async function verifyVisit(browser, site, network, files) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  context.setDefaultTimeout(60_000);
  try {
    await context.addInitScript(watchStart, { kind: 'verify', title: VERIFY_TITLE });
    const net = track(context, network);
    site.responses = [];
    const { page, cdp } = await openPage(context, 1);
    const first = await loadUntilUsable(page, `${site.url}verify.html`);
    await settle(page, site, net, network);
    const responses = site.responses;
    site.responses = [];
    await page.evaluate(watchVerdicts, files.length);
    await page.locator('#verify-files').setInputFiles(files);
    const verdicts = await page.evaluate(() => window.__benchVerdicts);
    const memory = await pageMemory(browser, page, cdp);
    return { first, responses, verdicts, memory };
  } finally {
    await context.close();
  }
}

// ---- Signed files for the city office's page ----

/** RFC 8785 (JCS) canonical form, for the values a signed file holds (no fractions). */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    // Default sort: by UTF-16 code units, as RFC 8785 says.
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * `n` different signed files: docs/verify/example.json with a numbered cluster name, summary and
 * signing time, signed as docs/FORMAT.md says with its public demonstration key (seed 32 × 0x11).
 */
function signedFiles(n) {
  const example = JSON.parse(readFileSync(join(ROOT, 'docs', 'verify', 'example.json'), 'utf8'));
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, 0x11)]);
  const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
  if (publicKey.toString('base64') !== example.signature.publicKey) throw new Error('演示密钥与示例文件不符');
  return Array.from({ length: n }, (_, i) => {
    const file = structuredClone(example);
    file.declaration.clusterName = `${example.declaration.clusterName}${i + 1}号`;
    file.declaration.summary = `${example.declaration.summary}（第 ${i + 1} 份）`;
    file.signature.signedAt = `2021-06-30T08:${String(i % 60).padStart(2, '0')}:00Z`;
    delete file.signature.value;
    const message = Buffer.from(canonical(file), 'utf8');
    file.signature.value = sign(null, message, key).toString('base64');
    const name = `申报-${String(i + 1).padStart(2, '0')}.json`;
    return { name, mimeType: 'application/json', buffer: Buffer.from(`${JSON.stringify(file, null, 2)}\n`) };
  });
}

// ---- Bytes ----

/** The file a request path names in `dir`, and its size raw, as brotli and as gzip (the sibling, else raw). */
function fileSizes(dir, path) {
  let file = join(dir, decodeURIComponent(path));
  if (path.endsWith('/')) file = join(file, 'index.html');
  const size = (f) => (existsSync(f) && statSync(f).isFile() ? statSync(f).size : null);
  const raw = size(file);
  return { raw, br: size(`${file}.br`) ?? raw, gzip: size(`${file}.gz`) ?? raw };
}

/** Brotli and gzip bytes of the responses of a visit (a missing file counts as what was sent). */
function responseBytes(dir, responses) {
  const rows = responses.map((r) => ({ ...r, ...fileSizes(dir, r.path) }));
  const total = (key) => sum(rows.map((r) => r[key] ?? r.sentBytes));
  return { rows, br: total('br'), gzip: total('gzip'), sent: sum(rows.map((r) => r.sentBytes)) };
}

/** Brotli and gzip bytes of what the page had fetched when it became usable (each path once). */
function usableBytes(dir, fetched) {
  const paths = [...new Set(fetched.map((u) => new URL(u).pathname))];
  const rows = paths.map((path) => fileSizes(dir, path)).filter((s) => s.raw !== null);
  return { paths, br: sum(rows.map((r) => r.br)), gzip: sum(rows.map((r) => r.gzip)) };
}

// ---- Lighthouse ----

const execFileAsync = promisify(execFile);

/** One Lighthouse run (`desktop`: --preset=desktop; `mobile`: Lighthouse's default). */
async function lighthouse(url, formFactor) {
  const dir = mkdtempSync(join(tmpdir(), 'meizhen-lighthouse-'));
  const out = join(dir, 'report.json');
  try {
    await execFileAsync(
      process.execPath,
      [
        join(LIGHTHOUSE, 'cli', 'index.js'),
        url,
        ...(formFactor === 'desktop' ? ['--preset=desktop'] : []),
        '--only-categories=performance,accessibility',
        '--output=json',
        `--output-path=${out}`,
        '--quiet',
        `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`,
      ],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 16 << 20 },
    );
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const metric = (id) => report.audits[id]?.numericValue ?? NaN;
    return {
      performance: Math.round(report.categories.performance.score * 100),
      accessibility: Math.round(report.categories.accessibility.score * 100),
      fcp: metric('first-contentful-paint'),
      lcp: metric('largest-contentful-paint'),
      tbt: metric('total-blocking-time'),
      cls: metric('cumulative-layout-shift'),
      failed: report.categories.accessibility.auditRefs
        .map((ref) => report.audits[ref.id])
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => a.id),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every Lighthouse run that completes, by site and form factor, the two sites alternating:
 * LIGHTHOUSE_RUNS mobile runs (the score with a target), then one desktop run each, for scale.
 * A failed run is reported and left out.
 */
async function lighthouseAll(sites) {
  const runs = Object.fromEntries(sites.map((s) => [s.name, { mobile: [], desktop: [] }]));
  for (const [formFactor, n] of [['mobile', LIGHTHOUSE_RUNS], ['desktop', 1]]) {
    for (let i = 0; i < n; i++) {
      for (const site of i % 2 ? [...sites].reverse() : sites) {
        const what = `Lighthouse ${site.label} ${formFactor} ${i + 1}/${n}`;
        try {
          const r = await lighthouse(site.url, formFactor);
          runs[site.name][formFactor].push(r);
          console.log(`${what}: performance ${r.performance}, accessibility ${r.accessibility}`);
        } catch (error) {
          console.log(`${what}: 失败 ${error.message.split('\n')[0]}`);
        }
      }
    }
  }
  return runs;
}

// ---- The report ----

function table(head, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The figures of one site, medians over its counted visits. */
function figures(site, visits) {
  const at = (throttle) => visits.filter((v) => v.site === site.name && v.throttle === throttle);
  const normal = at(1);
  const slow = at(THROTTLE);
  const firstBytes = normal.map((v) => responseBytes(site.dir, v.responses));
  const beforeUsable = normal.map((v) => usableBytes(site.dir, v.first.fetched));
  const keys = normal.flatMap((v) => v.keys);
  const measured = normal.filter((v) => v.memory);
  const memory = (pick) => median(measured.map((v) => pick(v.memory) ?? NaN));
  return {
    usableBr: median(beforeUsable.map((b) => b.br)),
    usableGzip: median(beforeUsable.map((b) => b.gzip)),
    totalBr: median(firstBytes.map((b) => b.br)),
    totalGzip: median(firstBytes.map((b) => b.gzip)),
    first: normal.map((v) => v.first.usable),
    repeat: normal.map((v) => v.repeat.usable),
    firstSlow: slow.map((v) => v.first.usable),
    repeatSlow: slow.map((v) => v.repeat.usable),
    shownRepeat: normal.map((v) => v.repeat.shown),
    takenOver: normal.map((v) => v.first.takenOver),
    takenOverSlow: slow.map((v) => v.first.takenOver),
    takenOverRepeat: normal.map((v) => v.repeat.takenOver),
    ready: normal.map((v) => v.first.ready),
    readySlow: slow.map((v) => v.first.ready),
    work: keys.map((k) => k.work),
    frame: keys.map((k) => k.frame),
    keystrokes: keys.length,
    dom: memory((m) => m.dom),
    uss: memory((m) => m.renderer?.uss),
    pss: memory((m) => m.renderer?.pss),
    rss: memory((m) => m.renderer?.rss),
    heap: memory((m) => m.heap),
    wasmMemory: memory((m) => m.wasmMemory),
    controlled: normal.filter((v) => v.controlled).length,
    sharing: measured.filter((v) => v.memory.renderer?.hasWorker).length,
    visits: normal.length,
  };
}

/**
 * A row comparing the app with the reference: both figures, the ratio, and the target and
 * verdict if there is one (`target`: [text, met]).
 */
function compare(metric, app, reference, format, target) {
  return [
    metric,
    format(app),
    format(reference),
    times(app / reference),
    target?.[0] ?? '—',
    target ? verdict(target[1]) : '',
  ];
}

function countyRows(app, ref, lighthouseRuns) {
  const timing = (pick, metric, limit) => {
    const a = pick(app);
    const r = pick(ref);
    const ratio = median(a) / median(r);
    const target = limit ? [`≤ ${limit}× 参照`, verdict(ratio <= limit)] : ['—', ''];
    return [metric, spread(a), spread(r), times(ratio), ...target];
  };
  const rows = [
    compare('Bytes before the form is usable, brotli', app.usableBr, ref.usableBr, kib, [
      '≤ 60 KiB',
      app.usableBr <= 60 * 1024,
    ]),
    compare('Bytes before the form is usable, gzip', app.usableGzip, ref.usableGzip, kib),
    compare('Bytes of a first visit incl. service-worker precache, brotli', app.totalBr, ref.totalBr, kib),
    compare('Bytes of a first visit incl. service-worker precache, gzip', app.totalGzip, ref.totalGzip, kib),
    timing((s) => s.first, 'Usable form on screen, first visit, 1× CPU: median (min–max)', 1.2),
    timing((s) => s.repeat, 'Usable form, repeat visit (the last draft in it), 1× CPU', 1.3),
    timing((s) => s.firstSlow, `Usable form, first visit, ${THROTTLE}× CPU throttling`, 1.2),
    timing((s) => s.repeatSlow, `Usable form, repeat visit, ${THROTTLE}× CPU throttling`, 1.3),
    timing((s) => s.shownRepeat, 'Form on screen, repeat visit (held until the draft is in it), 1× CPU'),
    timing((s) => s.takenOver, 'App started (the wasm has taken the form over), first visit, 1× CPU'),
    timing((s) => s.takenOverSlow, `App started, first visit, ${THROTTLE}× CPU throttling`),
    timing((s) => s.takenOverRepeat, 'App started, repeat visit, 1× CPU'),
    timing((s) => s.ready, 'Form ready in the DOM (without its first frame), first visit, 1× CPU'),
    timing((s) => s.readySlow, `Form ready in the DOM (without its first frame), first visit, ${THROTTLE}× CPU`),
  ];
  if (app.work.length && ref.work.length) {
    const p95 = [percentile(app.work, 95), percentile(ref.work, 95)];
    rows.push(
      compare('Keystroke: page work, p50', median(app.work), median(ref.work), ms),
      compare('Keystroke: page work, p95', p95[0], p95[1], ms, ['≤ 参照 + 1 ms', p95[0] <= p95[1] + 1]),
      compare('Keystroke → next frame, p95', percentile(app.frame, 95), percentile(ref.frame, 95), ms),
    );
  }
  rows.push(
    compare('DOM elements after load', app.dom, ref.dom, count, ['≤ 2× 参照', app.dom <= 2 * ref.dom]),
    compare('Renderer memory, USS (private)', app.uss, ref.uss, mib, ['≤ 1.3× 参照', app.uss <= 1.3 * ref.uss]),
    compare('Renderer memory, PSS', app.pss, ref.pss, mib),
    compare('Renderer memory, RSS', app.rss, ref.rss, mib),
    compare('JS heap used after load (after GC)', app.heap, ref.heap, mib),
  );
  for (const formFactor of ['mobile', 'desktop']) {
    for (const category of ['performance', 'accessibility']) {
      const scores = (name) => lighthouseRuns[name]?.[formFactor]?.map((r) => r[category]) ?? [];
      const [a, r] = [scores('app'), scores('reference')];
      if (!a.length) continue;
      const shown = (xs) => (xs.length ? `${median(xs)} (${xs.join(', ')})` : '?');
      const targeted = formFactor === 'mobile' && category === 'performance';
      rows.push([
        `Lighthouse ${formFactor}, ${category}: median (runs)`,
        shown(a),
        shown(r),
        times(median(a) / median(r)),
        targeted ? '≥ 98' : '—',
        targeted ? verdict(median(a) >= 98) : '',
      ]);
    }
  }
  return rows;
}

function lighthouseLines(sites, lighthouseRuns) {
  const lines = [];
  for (const site of sites) {
    for (const [formFactor, runs] of Object.entries(lighthouseRuns[site.name] ?? {})) {
      if (!runs.length) continue;
      const middle = median(runs.map((r) => r.performance));
      const run = runs.find((r) => r.performance === middle) ?? runs[0];
      const failed = [...new Set(runs.flatMap((r) => r.failed))];
      lines.push(
        `- Lighthouse ${formFactor}, ${site.label}, the run with the median performance score: ` +
          `FCP ${ms(run.fcp)}, LCP ${ms(run.lcp)}, TBT ${ms(run.tbt)}, CLS ${run.cls.toFixed(3)}` +
          (failed.length ? `; failed accessibility audits: ${failed.join(', ')}` : ''),
      );
    }
  }
  return lines;
}

function verifyRows(site, runs) {
  const bytesOf = runs.map((v) => responseBytes(site.dir, v.responses));
  const before = runs.map((v) => usableBytes(site.dir, v.first.fetched));
  const shown = runs.map((v) => v.verdicts.shown);
  const memory = (pick) => median(runs.map((v) => pick(v.memory) ?? NaN));
  const valid = runs.map((v) => v.verdicts.valid);
  const both = (xs, format, ...keys) => keys.map((key) => format(median(xs.map((x) => x[key])))).join(' / ');
  const renderer = ['uss', 'pss', 'rss'].map((key) => mib(memory((m) => m.renderer?.[key])));
  const n = VERIFY_FILES;
  return [
    ['Bytes before the page is usable, brotli / gzip', both(before, kib, 'br', 'gzip')],
    ['Bytes of a first visit incl. service-worker precache, brotli / gzip', both(bytesOf, kib, 'br', 'gzip')],
    ['Usable page on screen (heading and file input), first visit: median (min–max)', spread(runs.map((v) => v.first.usable))],
    [`${n} files chosen → ${n} verdicts on screen (the next frame): median (min–max)`, spread(shown)],
    [`… of which until the ${n}th card is in the page`, ms(median(runs.map((v) => v.verdicts.inserted)))],
    ['Verdicts 有效, per run', valid.map((k) => `${k}/${n}`).join(', ')],
    [`DOM elements with ${n} verdicts`, count(memory((m) => m.dom))],
    ['Renderer memory, USS / PSS / RSS', renderer.join(' / ')],
    ['JS heap after GC / wasm linear memory', `${mib(memory((m) => m.heap))} / ${mib(memory((m) => m.wasmMemory))}`],
  ];
}

/** The responses of one first visit: sizes, how each was sent, whether before usable, who fetched it. */
function responseRows(site, label, v) {
  const before = new Set(v.first.fetched.map((u) => new URL(u).pathname));
  const { rows, br, gzip, sent } = responseBytes(site.dir, v.responses);
  return [
    ...rows.map((r) => [
      label,
      r.path,
      r.raw === null ? '—' : bytes(r.raw),
      bytes(r.br ?? r.sentBytes),
      bytes(r.gzip ?? r.sentBytes),
      `${bytes(r.sentBytes)} (${r.encoding})`,
      before.has(r.path) && !r.byWorker ? 'yes' : '',
      r.byWorker ? 'service worker' : 'page',
    ]),
    [label, '**Total**', bytes(sum(rows.map((r) => r.raw ?? 0))), bytes(br), bytes(gzip), bytes(sent), '', ''],
  ];
}

function report(run) {
  const { dist, wasmNames, browserVersion, lighthouseVersion, sites, visits, verifyRuns, oldKernel, blank, lighthouseRuns } = run;
  const [appSite, refSite] = sites;
  const app = figures(appSite, visits);
  const ref = figures(refSite, visits);
  const revision = commit();
  const head = [
    now(),
    revision && `commit ${revision}`,
    `\`${dist}\` (${wasmNames.join(', ')})`,
    `wall time ${run.seconds.toFixed(0)} s`,
    `load average ${run.load.map((l) => l.toFixed(1)).join(' → ')} (start → end, 1 min)`,
  ];
  const firstOf = (name) => visits.find((v) => v.site === name && v.throttle === 1);
  const lines = [
    `_${head.filter(Boolean).join(' · ')}_`,
    '',
    machine({ Chromium: browserVersion, ...(lighthouseVersion && { Lighthouse: lighthouseVersion }) }),
    '',
    `**The county's page (\`index.html\`) and the reference form**, served the same way (precompressed ` +
      `brotli/gzip). ${RUNS} round${RUNS === 1 ? '' : 's'} after one uncounted warm-up round; in each round the app and the ` +
      `reference alternate (the order swaps every round), each visited at 1× and then at ${THROTTLE}× CPU ` +
      `throttling: a first visit in a fresh browser context, then a repeat visit in a new tab of the same ` +
      `context. Typing in ${TYPING_RUNS} of them (${app.keystrokes} / ${ref.keystrokes} keystrokes). ` +
      `Repeat visits controlled by the app's service worker: ${app.controlled} of ${app.visits}; the ` +
      `service worker ran in the page's renderer process in ${app.sharing} of ${app.visits} memory readings. ` +
      `Renderer memory of an empty page (about:blank) for scale: USS ${mib(blank?.uss)}, PSS ${mib(blank?.pss)}.`,
    '',
    table(
      ['Metric', '本应用 app', '参照 reference', 'app/ref', '目标 target', ''],
      countyRows(app, ref, lighthouseRuns),
    ),
    '',
    ...lighthouseLines(sites, lighthouseRuns),
  ];
  if (oldKernel) {
    const [app, ref] = ['app', 'reference'].map((name) => oldKernel.times[name]);
    lines.push(
      '',
      `**On the oldest supported kernel**, a real ${oldKernel.version} (scripts/setup-old-chromium.sh; ` +
        `UOS and 奇安信 run 83, 360安全浏览器 13 runs 86): ${OLD_KERNEL_RUNS} first visits of each, alternating, in fresh browser ` +
        'contexts at 1× CPU. For the app, from the navigation to the strict page to the form usable on ' +
        'its twin for older kernels, the hop included.',
      '',
      table(
        ['Metric', '本应用 app', '参照 reference', 'app/ref'],
        [['usable, first visit, median (min–max)', spread(app), spread(ref), times(median(app) / median(ref))]],
      ),
    );
  }
  if (verifyRuns.length) {
    lines.push(
      '',
      `**The city office's page (\`verify.html\`)** with ${VERIFY_FILES} different valid signed files chosen ` +
        `at once (absolute numbers; there is no reference): ${verifyRuns.length} first visits, each in a ` +
        `fresh browser context at 1× CPU.`,
      '',
      table(['Metric', 'Result'], verifyRows(appSite, verifyRuns)),
    );
  }
  const responses = [
    ...responseRows(appSite, 'app', firstOf('app')),
    ...responseRows(refSite, 'reference', firstOf('reference')),
    ...(verifyRuns.length ? responseRows(appSite, 'verify.html', verifyRuns[0]) : []),
  ];
  lines.push(
    '',
    'The first counted first visit of each page, response by response (brotli and gzip: the precompressed ' +
      'copy, else the file as is; sent: what the server sent Chromium):',
    '',
    table(['Page', 'Response', 'Raw', 'brotli', 'gzip', 'Sent', 'Before usable', 'Fetched by'], responses),
  );
  return lines.join('\n');
}

// ---- The oldest kernel ----

/** In every document of the tab: the start of its first navigation, kept across the twin's hop. */
function keepFirstStart() {
  try {
    if (!sessionStorage.getItem('bench:t0')) sessionStorage.setItem('bench:t0', String(performance.timeOrigin));
  } catch {
    // A page without storage measures from its own start.
  }
}

/**
 * First visits of the app and the reference on Chromium 80 (scripts/cdp-pipe.mjs), alternating:
 * { version, times: { app: [ms…], reference: [ms…] } }.
 */
async function oldKernelVisits(sites) {
  const browser = await launchOldKernel(OLD_KERNEL);
  const times = { app: [], reference: [] };
  try {
    for (let round = 0; round <= OLD_KERNEL_RUNS; round++) {
      for (const site of round % 2 ? [...sites].reverse() : sites) {
        const page = await browser.newPage();
        try {
          await page.addInitScript(`(${keepFirstStart})();(${watchStart})(${JSON.stringify({ kind: 'form', title: TITLE, label: SUMMARY_LABEL })});`);
          await page.goto(site.url);
          const usable = await page.waitFor(
            () => window.__benchUsable && performance.timeOrigin + window.__benchUsable - Number(sessionStorage.getItem('bench:t0') || performance.timeOrigin),
            [],
            { timeout: 60_000, what: `${site.label} usable on Chromium 80` },
          );
          // The first round warms up, uncounted.
          if (round > 0) times[site.name].push(usable);
          if (round > 0) console.log(`Chromium 80 第 ${round}/${OLD_KERNEL_RUNS} 次 ${site.label}: usable ${ms(usable)}`);
        } finally {
          await page.close();
        }
      }
    }
    return { version: browser.version, times };
  } finally {
    await browser.close();
  }
}

// ---- Main ----

async function main() {
  const started = performance.now();
  const load = [loadavg()[0]];
  const dist = process.argv[2] ?? process.env.BENCH_DIST ?? 'dist';
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`${dist}/index.html 不存在：请先运行 make build`);
    process.exit(1);
  }
  if (!existsSync(join(REFERENCE, 'index.html'))) {
    console.error(`${REFERENCE}/index.html 不存在：用 BENCH_REFERENCE 指明参照表单所在的文件夹`);
    process.exit(1);
  }
  // Stable copies (a build may rewrite dist meanwhile), each with brotli and gzip siblings written
  // by scripts/compress.py, so that the server sends both sites precompressed alike.
  const work = mkdtempSync(join(tmpdir(), 'meizhen-bench-'));
  const appDir = join(work, 'app');
  const refDir = join(work, 'reference');
  cpSync(dist, appDir, { recursive: true, preserveTimestamps: true, filter: (f) => !f.endsWith('单文件版.html') });
  cpSync(REFERENCE, refDir, { recursive: true, filter: (f) => !f.endsWith('.md') });
  const compress = (dir) => execFileSync('python3', [join(ROOT, 'scripts', 'compress.py'), dir], { stdio: 'ignore' });
  if (!readdirSync(appDir).some((f) => f.endsWith('.br'))) compress(appDir);
  compress(refDir);
  const wasmNames = readdirSync(appDir).filter((f) => f.endsWith('.wasm'));
  const sites = [
    { name: 'app', label: '本应用', dir: appDir, serviceWorker: existsSync(join(appDir, 'sw.js')), responses: [] },
    { name: 'reference', label: '参照表单', dir: refDir, serviceWorker: false, responses: [] },
  ];
  const byName = Object.fromEntries(sites.map((s) => [s.name, s]));
  const network = { last: 0 };

  const worker = new Worker(fileURLToPath(import.meta.url), {
    workerData: { sites: sites.map(({ name, dir }) => ({ name, dir })) },
  });
  try {
    await new Promise((ok, fail) => {
      worker.on('error', fail);
      worker.on('message', (m) => {
        const site = byName[m.site];
        if (m.port) {
          site.url = `http://127.0.0.1:${m.port}/`;
          if (sites.every((s) => s.url)) ok();
        } else {
          site.responses.push(m);
          network.last = performance.now();
        }
      });
    });

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const browserVersion = browser.version();
    const visits = [];
    const verifyRuns = [];
    let blank;
    let oldKernel = null;
    try {
      blank = await blankRendererMemory(browser);
      // Warm-up: the first visits after start-up are not counted.
      for (const site of sites) await visit(browser, site, network);
      for (let round = 0; round < RUNS; round++) {
        const order = round % 2 ? [...sites].reverse() : sites;
        for (const throttle of [1, THROTTLE]) {
          for (const site of order) {
            const v = await visit(browser, site, network, {
              throttle,
              measure: throttle === 1,
              typing: throttle === 1 && round < TYPING_RUNS,
            });
            visits.push(v);
            const work = v.keys.map((k) => k.work);
            console.log(
              `第 ${round + 1}/${RUNS} 轮 ${site.label} ${throttle}×: usable ${ms(v.first.usable)}, ` +
                `repeat ${ms(v.repeat.usable)}` +
                (v.memory ? `, DOM ${v.memory.dom}, USS ${mib(v.memory.renderer?.uss)}` : '') +
                (work.length ? `, keystroke work p95 ${ms(percentile(work, 95))}` : ''),
            );
          }
        }
      }
      if (existsSync(OLD_KERNEL) && OLD_KERNEL_RUNS > 0) {
        oldKernel = await oldKernelVisits(sites);
      } else {
        console.log('未安装 Chromium 80（scripts/setup-old-chromium.sh），跳过旧内核上的首次访问');
      }
      if (existsSync(join(appDir, 'verify.html'))) {
        const files = signedFiles(VERIFY_FILES);
        for (let i = 0; i < VERIFY_RUNS; i++) {
          const v = await verifyVisit(browser, byName.app, network, files);
          verifyRuns.push(v);
          console.log(
            `核验页面 ${i + 1}/${VERIFY_RUNS}: usable ${ms(v.first.usable)}, ${VERIFY_FILES} 个结论 ` +
              `${ms(v.verdicts.shown)}（有效 ${v.verdicts.valid} 个）, DOM ${v.memory.dom}, ` +
              `USS ${mib(v.memory.renderer?.uss)}`,
          );
        }
      } else {
        console.log(`${dist} 中没有 verify.html：跳过市美镇办的核验页面`);
      }
    } finally {
      await browser.close();
    }

    const lighthouseInstalled = existsSync(join(LIGHTHOUSE, 'package.json'));
    if (!lighthouseInstalled) console.log('未安装 Lighthouse，跳过（运行 scripts/setup-bench.sh 安装）');
    const lighthouseRuns = lighthouseInstalled && LIGHTHOUSE_RUNS > 0 ? await lighthouseAll(sites) : {};
    const lighthouseVersion =
      lighthouseInstalled && LIGHTHOUSE_RUNS > 0
        ? JSON.parse(readFileSync(join(LIGHTHOUSE, 'package.json'), 'utf8')).version
        : '';

    const seconds = (performance.now() - started) / 1000;
    load.push(loadavg()[0]);
    const markdown = report({
      load,
      dist,
      wasmNames,
      browserVersion,
      lighthouseVersion,
      sites,
      visits,
      verifyRuns,
      oldKernel,
      blank,
      lighthouseRuns,
      seconds,
    });
    console.log(`\n${markdown}\n`);
    writeSection('page', markdown);
    console.log(`已写入 BENCHMARKS.md · 用时 ${seconds.toFixed(0)} s`);
  } finally {
    await worker.terminate();
    rmSync(work, { recursive: true, force: true });
  }
}

if (isMainThread) await main();
