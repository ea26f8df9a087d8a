// The page benchmark behind `make bench`: serves a built site as deploy/nginx.conf does (gzip,
// hashed files cached) and measures it in headless Chromium — bytes transferred on a first visit,
// time to a usable form, keystroke latency in 主要内容简介, JS heap and renderer memory — and
// its Lighthouse scores. Prints each number beside its target (达标 / 未达标) and rewrites the
// results section of BENCHMARKS.md. A benchmark, not a test: no number makes it fail.
//
//   node scripts/bench-page.mjs [DIST]     DIST: the built site (default $BENCH_DIST, else dist)
//   BENCH_RUNS=7 BENCH_TYPING_RUNS=3 BENCH_LIGHTHOUSE_RUNS=3 set the number of runs.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { chromium } from 'playwright-core';
import { commit, machine, now, ROOT, writeSection } from './bench-report.mjs';
import { startServer } from './serve.mjs';

const TITLE = '杭州市美丽城镇集群化建设申报表';
const SUMMARY_LABEL = '主要内容简介（500字）';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const LIGHTHOUSE = join(ROOT, 'bench', 'node_modules', 'lighthouse');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TYPING_RUNS = Math.min(RUNS, Number(process.env.BENCH_TYPING_RUNS ?? 3));
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const QUIET_MS = 500; // the network counts as idle after this long without a request in flight
const TEXT = // 300 characters of a plausible 主要内容简介, typed one at a time
  '富春江镇、江南镇地缘相近、产业相依，集群以“六共”为原则，共绘一张规划，共建交通、文旅与公共服务设施，' +
  '着力解决群众急难愁盼问题。已有基础：两镇同属桐庐县，富春江两岸绿道已贯通十二公里，镇村公交实现一体化，' +
  '民宿、农家乐等乡村旅游业态初具规模。存在问题：公共服务设施分布不均，产业协同不足，品牌影响力有待提升。' +
  '主要措施：统一编制集群规划，建设共享的文化礼堂与养老服务中心，培育富春山居旅游品牌，推进农产品加工园区共建，' +
  '完善污水处理与垃圾分类设施，提升集镇风貌与乡村环境。进度计划：二〇二一年完成规划编制并启动六个共建项目，' +
  '二〇二二年基本建成，二〇二三年底全面验收，形成可复制、可推广的城镇集群化建设经验。';

// The server runs in a worker thread, so that the benchmark's own work never delays a response.
if (!isMainThread) {
  const server = await startServer(workerData.dist, 0, '127.0.0.1', {
    asDeployed: true,
    onResponse: (req, { bytes, sentBytes }) =>
      parentPort.postMessage({
        path: new URL(req.url, 'http://localhost').pathname,
        bytes,
        sentBytes,
        // sw.js itself, and what the service worker fetches (its requests name sw.js as referrer).
        byWorker:
          req.headers['sec-fetch-dest'] === 'serviceworker' || /\/sw\.js$/.test(req.headers.referer ?? ''),
      }),
  });
  parentPort.postMessage({ port: server.address().port });
}

// ---- Statistics and formatting ----

const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
/** Nearest-rank percentile. */
const percentile = (xs, p) => sorted(xs)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)];
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const bytes = (n) => n.toLocaleString('en-US');
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const mib = (n) => `${(n / 2 ** 20).toFixed(1)} MiB`;
const ms = (n) => `${n.toFixed(1)} ms`;
const verdict = (met) => (met ? '达标' : '未达标');

// ---- Measuring one first visit ----

/**
 * Installed before any page script: notes when the form becomes usable (`__benchUsable`) and when
 * its heading is first painted (`__benchPainted`, Element Timing), and keeps the wasm exports.
 */
function watchStart([title, label]) {
  addEventListener('TrunkApplicationStarted', (event) => {
    window.__benchWasm = event.detail.wasm;
  });
  new PerformanceObserver((list) => {
    const entry = list.getEntries().find((e) => e.identifier === 'bench-heading');
    if (entry) window.__benchPainted = entry.renderTime;
  }).observe({ type: 'element', buffered: true });
  const heading = () => [...document.querySelectorAll('h1')].find((h) => h.textContent.trim() === title);
  // Usable: the placeholder is gone, the heading is there and 主要内容简介's textarea is enabled.
  const usable = () => {
    if (document.getElementById('loading') || !heading()) return false;
    const box = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === label)?.control;
    return box instanceof HTMLTextAreaElement && !box.disabled && !box.readOnly;
  };
  new MutationObserver((_, observer) => {
    // Marked as soon as it is inserted, before the browser can paint it.
    heading()?.setAttribute('elementtiming', 'bench-heading');
    if (!usable()) return;
    observer.disconnect();
    window.__benchUsable = performance.now();
  }).observe(document, { childList: true, subtree: true });
}

/**
 * Installed once the app has started, so that its bubbling listener runs after the app's:
 * for each input event, `work` is the time from the event reaching window (capture) to the end of
 * the app's handlers and the microtasks they queued; `save` is the app's work in the next
 * animation frame (the autosave: its frame callback runs between one requested before the app's
 * handlers and one requested after them); `frame` is the time to the next animation frame plus a
 * task after its rendering.
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
  return memories.get(started?.args.data.frames.find((f) => f.url === page.url())?.processId);
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

/** One first visit in a fresh browser context (no HTTP cache, no service worker yet). */
async function visit(browser, url, server, typing) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  context.setDefaultTimeout(30_000);
  try {
    await context.addInitScript(watchStart, [TITLE, SUMMARY_LABEL]);
    let inFlight = 0;
    let lastActivity = performance.now();
    const settle = () => {
      inFlight--;
      lastActivity = performance.now();
    };
    context.on('request', () => inFlight++);
    context.on('requestfinished', settle);
    context.on('requestfailed', settle);

    const page = await context.newPage();
    server.responses = [];
    await page.goto(url);
    await page.waitForFunction(() => window.__benchUsable && window.__benchPainted);
    const [usable, painted] = await page.evaluate(() => [window.__benchUsable, window.__benchPainted]);
    // Until the service worker has precached the site and nothing is in flight for a while.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    while (inFlight > 0 || performance.now() - lastActivity < QUIET_MS) await page.waitForTimeout(50);
    const responses = server.responses;

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasmMemory = await page.evaluate(() => window.__benchWasm?.memory?.buffer.byteLength ?? 0);
    const renderer = await rendererMemory(browser, page);

    let keys = [];
    if (typing) {
      await page.evaluate(watchKeys);
      await page.getByLabel(SUMMARY_LABEL, { exact: true }).click();
      for (let i = 0; i < TEXT.length; i++) {
        await page.keyboard.insertText(TEXT[i]);
        await page.evaluate((n) => window.__benchKeysReach(n), i + 1);
      }
      keys = await page.evaluate(() => window.__benchKeys);
    }
    return { usable, painted, responses, heap: heap.usedSize, wasmMemory, renderer, keys };
  } finally {
    await context.close();
  }
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

// ---- The report ----

function table(head, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A row of the summary: the metric, its result, and its target and verdict if it has one. */
const row = (metric, result, target, met) => [metric, result, target ?? '—', target ? verdict(met) : ''];

function summaryRows(visits, blank, lighthouseRuns) {
  const of = (pick) => visits.map(pick);
  const sent = (v, which) => sum(v.responses.filter(which).map((r) => r.sentBytes));
  const allBytes = median(of((v) => sent(v, () => true)));
  const pageBytes = median(of((v) => sent(v, (r) => !r.byWorker)));
  const usable = of((v) => v.usable);
  const work = visits.flatMap((v) => v.keys.map((k) => k.work));
  const frame = visits.flatMap((v) => v.keys.map((k) => k.frame));
  const save = visits.flatMap((v) => v.keys.map((k) => k.save));
  const total = visits.flatMap((v) => v.keys.map((k) => k.work + k.save));
  const pss = median(of((v) => v.renderer?.pss ?? NaN));
  const rows = [
    row(
      'Bytes of a first visit incl. service-worker precache (gzip)',
      kib(allBytes),
      '≤ 150 KiB',
      allBytes <= 150 * 1024,
    ),
    row('Bytes of the page’s own requests (gzip)', kib(pageBytes)),
    row(
      'Navigation → usable form, median (min–max)',
      `${ms(median(usable))} (${ms(Math.min(...usable))}–${ms(Math.max(...usable))})`,
      '≤ 200 ms',
      median(usable) <= 200,
    ),
    row('Navigation → form painted (heading’s first paint), median', ms(median(of((v) => v.painted)))),
  ];
  if (work.length) {
    const p95 = percentile(work, 95);
    rows.push(
      row('Keystroke: app work, p95 (median)', `${ms(p95)} (${ms(median(work))})`, '≤ 5 ms', p95 <= 5),
      row('Keystroke: autosave in the next frame, p95 (median)', `${ms(percentile(save, 95))} (${ms(median(save))})`),
      row('Keystroke: app work and autosave, p95 (median)', `${ms(percentile(total, 95))} (${ms(median(total))})`),
      row('Keystroke → next frame, p95 (median)', `${ms(percentile(frame, 95))} (${ms(median(frame))})`),
    );
  }
  rows.push(
    row('JS heap used after load (after GC), median', mib(median(of((v) => v.heap)))),
    row('wasm linear memory after load, median', mib(median(of((v) => v.wasmMemory)))),
    row('Renderer process memory, PSS, median', mib(pss), '≤ 30 MiB', pss <= 30 * 2 ** 20),
    row(
      'Renderer process memory, USS / RSS, median',
      `${mib(median(of((v) => v.renderer?.uss ?? NaN)))} / ${mib(median(of((v) => v.renderer?.rss ?? NaN)))}`,
    ),
    row('Renderer process memory of an empty page (about:blank), PSS', blank ? mib(blank.pss) : '?'),
  );
  for (const [formFactor, runs] of Object.entries(lighthouseRuns)) {
    for (const category of ['performance', 'accessibility']) {
      const scores = runs.map((r) => r[category]);
      const score = median(scores);
      // The app is for office PCs: the performance target is the desktop score; the mobile one
      // (slow 4G, 4× slower CPU) is reported for scale.
      const targeted = category === 'accessibility' || formFactor === 'desktop';
      rows.push(
        row(
          `Lighthouse ${formFactor}, ${category} (runs)`,
          `${score} (${scores.join(', ')})`,
          ...(targeted ? ['≥ 98', score >= 98] : []),
        ),
      );
    }
  }
  return rows;
}

function lighthouseLines(lighthouseRuns) {
  return Object.entries(lighthouseRuns).map(([formFactor, runs]) => {
    const middle = median(runs.map((r) => r.performance));
    const run = runs.find((r) => r.performance === middle) ?? runs[0];
    const failed = [...new Set(runs.flatMap((r) => r.failed))];
    return (
      `- Lighthouse ${formFactor}, the run with the median performance score: FCP ${ms(run.fcp)}, ` +
      `LCP ${ms(run.lcp)}, TBT ${ms(run.tbt)}, CLS ${run.cls.toFixed(3)}` +
      (failed.length ? `; failed accessibility audits: ${failed.join(', ')}` : '')
    );
  });
}

function report({
  dist,
  wasmName,
  browserVersion,
  lighthouseVersion,
  visits,
  blank,
  lighthouseRuns,
  seconds,
}) {
  const revision = commit();
  const head = [
    now(),
    revision && `commit ${revision}`,
    `\`${dist}\` (${wasmName})`,
    `wall time ${seconds.toFixed(0)} s`,
  ];
  const keystrokes = sum(visits.map((v) => v.keys.length));
  const sharing = visits.filter((v) => v.renderer?.hasWorker).length;
  const first = visits[0].responses;
  const files = first.map((r) => [
    r.path === '/' ? '/ (index.html)' : r.path,
    bytes(r.bytes),
    bytes(r.sentBytes),
    r.byWorker ? 'service worker' : 'page',
  ]);
  files.push([
    '**Total**',
    bytes(sum(first.map((r) => r.bytes))),
    bytes(sum(first.map((r) => r.sentBytes))),
    '',
  ]);
  return [
    `_${head.filter(Boolean).join(' · ')}_`,
    '',
    machine({ Chromium: browserVersion, ...(lighthouseVersion && { Lighthouse: lighthouseVersion }) }),
    '',
    `${visits.length} first visits after one uncounted warm-up, each in a fresh browser context; ` +
      `typing in ${TYPING_RUNS} of them (${keystrokes} keystrokes). The service worker ran in the ` +
      `page’s renderer process in ${sharing} of ${visits.length} visits.`,
    '',
    table(['Metric', 'Result', 'Target', ''], summaryRows(visits, blank, lighthouseRuns)),
    '',
    ...lighthouseLines(lighthouseRuns),
    '',
    'The first counted visit, response by response:',
    '',
    table(['Response', 'Raw bytes', 'Sent bytes (gzip)', 'Fetched by'], files),
  ].join('\n');
}

// ---- Main ----

/** Every Lighthouse run that completes, by form factor; a failed run is reported and left out. */
async function lighthouseAll(url) {
  const runs = {};
  for (const formFactor of ['desktop', 'mobile']) {
    runs[formFactor] = [];
    for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
      try {
        const r = await lighthouse(url, formFactor);
        runs[formFactor].push(r);
        console.log(
          `Lighthouse ${formFactor} ${i + 1}/${LIGHTHOUSE_RUNS}: ` +
            `performance ${r.performance}, accessibility ${r.accessibility}`,
        );
      } catch (error) {
        console.log(
          `Lighthouse ${formFactor} ${i + 1}/${LIGHTHOUSE_RUNS}: 失败 ${error.message.split('\n')[0]}`,
        );
      }
    }
    if (!runs[formFactor].length) delete runs[formFactor];
  }
  return runs;
}

async function main() {
  const started = performance.now();
  const dist = process.argv[2] ?? process.env.BENCH_DIST ?? 'dist';
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`${dist}/index.html 不存在：请先运行 make build`);
    process.exit(1);
  }
  const wasmName = readdirSync(dist).find((f) => f.endsWith('.wasm')) ?? 'no wasm';

  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { dist: resolve(dist) } });
  try {
    const server = { responses: [] };
    const port = await new Promise((ok, fail) => {
      worker.on('error', fail);
      worker.on('message', (m) => (m.port ? ok(m.port) : server.responses.push(m)));
    });
    const url = `http://127.0.0.1:${port}/`;

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const browserVersion = browser.version();
    const visits = [];
    let blank;
    try {
      blank = await blankRendererMemory(browser);
      await visit(browser, url, server, false); // warm-up: the first visit after start-up is not counted
      for (let i = 0; i < RUNS; i++) {
        const v = await visit(browser, url, server, i < TYPING_RUNS);
        visits.push(v);
        const work = v.keys.map((k) => k.work);
        const sent = sum(v.responses.map((r) => r.sentBytes));
        console.log(
          `访问 ${i + 1}/${RUNS}: usable ${ms(v.usable)}, painted ${ms(v.painted)}, sent ${kib(sent)}, ` +
            `renderer PSS ${v.renderer ? mib(v.renderer.pss) : '?'}` +
            (work.length ? `, keystroke work p95 ${ms(percentile(work, 95))}` : ''),
        );
      }
    } finally {
      await browser.close();
    }

    const lighthouseInstalled = existsSync(join(LIGHTHOUSE, 'package.json'));
    if (!lighthouseInstalled) console.log('未安装 Lighthouse，跳过（运行 scripts/setup-bench.sh 安装）');
    const lighthouseRuns = lighthouseInstalled && LIGHTHOUSE_RUNS > 0 ? await lighthouseAll(url) : {};
    const lighthouseVersion = lighthouseInstalled
      ? JSON.parse(readFileSync(join(LIGHTHOUSE, 'package.json'), 'utf8')).version
      : '';

    const seconds = (performance.now() - started) / 1000;
    const markdown = report({
      dist,
      wasmName,
      browserVersion,
      lighthouseVersion,
      visits,
      blank,
      lighthouseRuns,
      seconds,
    });
    console.log(`\n${markdown}\n`);
    writeSection('page', markdown);
    console.log(`已写入 BENCHMARKS.md · 用时 ${seconds.toFixed(0)} s`);
  } finally {
    await worker.terminate();
  }
}

if (isMainThread) await main();
