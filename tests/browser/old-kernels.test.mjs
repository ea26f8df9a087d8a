// Tests the app on the real old Chromium kernels of county PCs (target/old-chromium, installed by scripts/setup-old-chromium.sh: 80, 83, 86, 88, 90, 92, and 79, which the app does not run on), driven over the DevTools protocol with nothing newer than Chromium 80 has (scripts/cdp-pipe.mjs). On 80 and 88 the main journey runs with a real mouse and keyboard — fill in, reload, print (A4, the same pages as today's Chromium, also by Ctrl+P from the form), sign and export (meizhen verify accepts the file), the key sealed then locked by a passphrase, Word, verify.html with the 汇总表 in Excel, the single-file edition from file://, offline after the first visit — and each view lays out as on today's Chromium, which runs the same journey first. 83, 86, 90 and 92 start both pages and keep a draft.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';
import { launch, waitForDownload } from '../../scripts/cdp-pipe.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'dist');
const OUTPUT = join(ROOT, 'tests', 'output', 'old-kernels');
const TODAY = '/usr/bin/chromium';
const SLOW = { timeout: 120_000 };

/** The old kernel of major version `major`, as scripts/setup-old-chromium.sh unpacks it. */
function kernel(major) {
  const path = join(ROOT, 'target', 'old-chromium', String(major), 'chromium');
  if (!existsSync(path)) throw new Error(`未安装旧内核 Chromium ${major}：请运行 scripts/setup-old-chromium.sh`);
  return path;
}

// What an old kernel says of the strict page's policy before the check sends it to the twin.
const EXPECTED = [/invalid source: ''wasm-unsafe-eval''/];
const unexpected = (problems) => problems.filter((p) => !EXPECTED.some((re) => re.test(p)));

let server;
let base;
before(async () => {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/index.html 不存在：请先运行 make build');
  server = await startServer(DIST, 0);
  base = `http://127.0.0.1:${server.address().port}/`;
  mkdirSync(OUTPUT, { recursive: true });
});
after(() => new Promise((done) => server.close(done)));

/** Waits until the app has started: its heading is there and the loading line gone. */
async function started(page, heading = '杭州市美丽城镇集群化建设申报表') {
  await page.waitFor(
    (heading) => !document.getElementById('loading') && [...document.querySelectorAll('h1, h2')].some((h) => h.textContent.trim() === heading),
    [heading],
    { timeout: 20000, what: `the app (${heading})` },
  );
}

const squeeze = (s) => s.replace(/\s+/g, '');
const pdfPages = (path) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))[1]);
const pdfSize = (path) => /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).slice(1).map(Number);
// NFKC: Chromium before 91 writes some ideographs' text in a PDF as the Kangxi radicals of the
// same glyph (⽉ for 月), which read the same; the values looked for are normalised alike.
const pdfText = (path) => squeeze(execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' })).normalize('NFKC');
const inPdf = (text, value) => text.includes(squeeze(value).normalize('NFKC'));

/** The declaration typed in, as a clerk would (cf. tests/browser/helpers.mjs VALID). */
const FORM = {
  '#field-cluster-name': '桐庐富春江美镇圈',
  '#field-coordinator-name': '王建国',
  '#field-coordinator-unit': '桐庐县人民政府',
  '#field-coordinator-title': '副县长',
  '#field-coordinator-phone': '0571-64212345',
  '#field-contact-name': '李晓梅',
  '#field-contact-unit': '桐庐县美丽城镇建设工作领导小组办公室',
  '#field-contact-title': '综合科科长',
  '#field-contact-phone': '13857112345',
  '#field-task-force-date': '2021-04-30',
  '#field-implementation-plan-date': '2021-06-30',
  '#field-task-list-date': '2021-07-31',
  '#field-cluster-plan-date': '2021-09-30',
  '#field-stage-results': '完成集群规划编制；启动富春江沿线绿道贯通等 6 个共建项目。',
  '#field-summary': '富春江镇、江南镇地缘相近、产业相依。集群以“六共”为原则，共绘一张规划，着力解决群众急难愁盼问题。',
};

/** Adds a listed town with the keyboard: types `query`, ArrowDown, Enter; waits for its chip. */
async function addTown(page, query, display) {
  await page.click('#field-towns');
  await page.type(query);
  await page.waitFor(() => document.querySelector('#town-results [role=option]'), [], { what: 'the town list' });
  await page.press('ArrowDown');
  await page.press('Enter');
  await page.waitFor(
    (display) => [...document.querySelectorAll('.chip-remove')].some((b) => b.getAttribute('aria-label') === `移除 ${display}`),
    [display],
    { what: `the chip of ${display}` },
  );
}

/** Fills the whole form with the mouse and the keyboard. */
async function fillForm(page) {
  await page.fill('#field-cluster-name', FORM['#field-cluster-name']);
  await page.selectOption('#field-applicant', '桐庐县');
  await addTown(page, '富春江', '富春江镇（桐庐县）');
  await addTown(page, '江南镇', '江南镇（桐庐县）');
  await page.press('Escape');
  await page.click('#field-creation-type-composite');
  await page.click('#field-scope');
  for (const [selector, value] of Object.entries(FORM)) {
    if (selector !== '#field-cluster-name') await page.fill(selector, value);
  }
  await page.press('Tab');
}

/** Clicks the main menu's entry `label`. */
const menu = (page, label) => page.clickText(label, '.main-menu');

/** The values of the form's fields, by selector. */
const values = (page) => page.evaluate((selectors) => selectors.map((s) => document.querySelector(s)?.value), Object.keys(FORM));

/** Where each element the user sees lies: a list of [what, x, y, width, height]. */
function boxes(page) {
  return page.evaluate(() => {
    const out = [];
    const seen = 'h1, h2, h3, label, legend, input:not([type=file]), select, textarea, button, .chip, .paper-table th, .paper-table td, .summary-table th, .review-table th, .result, .banner';
    for (const el of document.querySelectorAll(seen)) {
      // Inside a closed <details> (today's Chromium gives its content boxes all the same).
      if (el.closest('details:not([open])') && !el.closest('summary')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${el.textContent.trim().slice(0, 12)}`;
      out.push([what, Math.round(r.left + scrollX), Math.round(r.top + scrollY), Math.round(r.width), Math.round(r.height)]);
    }
    return out;
  });
}

/**
 * The same elements, in the same places, as on today's Chromium: across and in size within
 * `slack` px; down the page within `slack` px and 2.5 % of the distance from the top, since
 * Chromium before 91 rounds each line box to whole pixels (a line of 25.6 px is 25 px there),
 * which adds up down a long page. A missing fallback (a flex row without its gap, a wrapped
 * row, a hidden part shown) moves elements far more.
 */
function sameLayout(view, old, today, slack = 6) {
  const problems = [];
  const names = (list) => list.map((b) => b[0]);
  if (JSON.stringify(names(old)) !== JSON.stringify(names(today))) {
    const only = (a, b) => a.filter((n) => !b.includes(n));
    return [`${view}: other elements (only on the old kernel: ${only(names(old), names(today)).join('; ') || '–'}; only on today's: ${only(names(today), names(old)).join('; ') || '–'})`];
  }
  for (let i = 0; i < old.length; i += 1) {
    const [what, x, y, w, h] = old[i];
    const [, tx, ty, tw, th] = today[i];
    const off = [Math.abs(x - tx), Math.abs(w - tw), Math.abs(h - th)];
    if (off.some((d) => d > slack) || Math.abs(y - ty) > slack + 0.025 * ty) {
      problems.push(`${view}: ${what} at ${[x, y, w, h].join(',')} on the old kernel, ${[tx, ty, tw, th].join(',')} on today's (x, y, width, height)`);
    }
  }
  return problems;
}

/** Runs `meizhen verify` on `paths`; returns its output. */
const meizhenVerify = (paths) =>
  execFileSync('cargo', ['run', '--quiet', '--bin', 'meizhen', '--', 'verify', ...paths], { cwd: ROOT, encoding: 'utf8' });

// Today's Chromium first: what the old kernels are compared with. OLD_KERNELS=80,92 (say) runs
// the journey and the other tests on those kernels only (today's always runs).
const results = {};
const only = process.env.OLD_KERNELS ? process.env.OLD_KERNELS.split(',') : null;
const wanted = (major) => !only || only.includes(String(major));

for (const [name, executable] of [
  ['today', TODAY],
  ['80', () => kernel(80)],
  ['88', () => kernel(88)],
].filter(([name]) => name === 'today' || wanted(name))) {
  describe(`Chromium ${name === 'today' ? '(today’s)' : name}: the whole journey`, () => {
    let browser;
    let page;
    let downloads;
    let kept;
    const mine = { boxes: {} };
    results[name] = mine;
    // Each download is moved out of the folder as it lands, so that a second file of the same
    // name (a second signature of the same declaration) is seen as new.
    let downloaded = 0;
    const download = async (action) => {
      await action();
      const landed = await waitForDownload(downloads).catch(async (error) => {
        error.message += `\n页面上：${(await page.text('main')).slice(0, 600)}`;
        throw error;
      });
      downloaded += 1;
      const path = join(kept, `${downloaded}-${basename(landed)}`);
      renameSync(landed, path);
      return path;
    };
    // A screenshot of the view (tests/output/old-kernels/), and where its elements lie.
    const shot = async (view) => {
      writeFileSync(join(OUTPUT, `${name}-${view}.png`), await page.screenshot());
      mine.boxes[view] = await boxes(page);
    };

    before(async () => {
      browser = await launch(typeof executable === 'function' ? executable() : executable);
      mine.version = browser.version;
      downloads = mkdtempSync(join(tmpdir(), `meizhen-downloads-${name}-`));
      kept = mkdtempSync(join(tmpdir(), `meizhen-downloaded-${name}-`));
      page = await browser.newPage({ downloads });
    });
    after(async () => {
      await browser?.close();
      for (const dir of [downloads, kept]) if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('fills in the form with mouse and keyboard; the draft is there after a reload', SLOW, async () => {
      await page.goto(base);
      await started(page);
      const path = await page.evaluate(() => location.pathname);
      if (name === 'today') assert.equal(path, '/', 'a newer kernel stays on the strict page');
      else assert.equal(path, '/index-old-kernel.html', 'an old kernel is sent to the twin for older kernels');
      const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
      assert.equal(policy.includes("'unsafe-eval'"), name !== 'today', policy);
      await shot('empty-form');
      await fillForm(page);
      await page.clickText('检查填写内容');
      await page.waitFor(() => document.querySelector('.success-summary'), [], { what: 'the check result' });
      await shot('filled-form');
      const typed = await values(page);
      assert.deepEqual(typed, Object.values(FORM).map((v) => v.replace('2021-04-30', '2021年4月30日').replace('2021-06-30', '2021年6月30日').replace('2021-07-31', '2021年7月31日').replace('2021-09-30', '2021年9月30日')));
      await page.waitFor(() => /已自动保存/.test(document.querySelector('.save-status')?.textContent ?? ''), [], { what: '已自动保存' });
      await page.reload();
      await started(page);
      assert.deepEqual(await values(page), typed, 'every value is restored after a reload');
      assert.equal(await page.evaluate(() => document.querySelectorAll('.chip').length), 2, 'both towns are restored');
      assert.deepEqual(unexpected(page.problems), []);
    });

    test('prints the same A4 pages from 打印 and, by Ctrl+P, from the form, the drafts and 签名导出', SLOW, async () => {
      await menu(page, '打印');
      await page.waitFor(() => document.querySelector('.print-toolbar article.paper, article.paper'));
      await shot('print-preview');
      const pdfs = {};
      for (const view of ['打印', '填写申报表', '我的草稿', '签名导出']) {
        await menu(page, view);
        await page.waitFor((v) => document.querySelector('.menu-item[aria-current="page"]')?.textContent.trim() === v, [view]);
        const path = join(OUTPUT, `${name}-printed-from-${view}.pdf`);
        writeFileSync(path, await page.pdf());
        pdfs[view] = path;
      }
      const [width, height] = pdfSize(pdfs['打印']);
      assert.ok(Math.abs(width - 595.28) < 1 && Math.abs(height - 841.89) < 1, `A4: ${width} x ${height}`);
      const pages = pdfPages(pdfs['打印']);
      const text = pdfText(pdfs['打印']);
      for (const value of ['杭州市美丽城镇集群化建设申报表', '桐庐富春江美镇圈', '桐庐县美镇办', '富春江镇、江南镇', '0571-64212345', '2021年4月30日', '注：由各县（市、区）美镇办负责填写本申报表，一式三份。']) {
        assert.ok(inPdf(text, value), `the print holds ${value}`);
      }
      assert.ok(!inPdf(text, '检查填写内容') && !inPdf(text, '我的草稿'), 'no screen controls on paper');
      for (const view of ['填写申报表', '我的草稿', '签名导出']) {
        assert.equal(pdfPages(pdfs[view]), pages, `Ctrl+P from ${view}: as many pages as 打印`);
        assert.equal(pdfText(pdfs[view]), text, `Ctrl+P from ${view}: the same text as 打印`);
      }
      mine.pages = pages;
      if (name !== 'today') assert.equal(pages, results.today.pages, 'as many pages as on today’s Chromium');
      assert.deepEqual(unexpected(page.problems), []);
    });

    test('signs and exports a file meizhen verify accepts; the key is sealed, then locked by a passphrase', SLOW, async () => {
      await menu(page, '签名导出');
      await page.clickText('创建签名密钥');
      await page.waitFor(() => /签名密钥加密后保存在本浏览器中/.test(document.getElementById('key-protection')?.textContent ?? ''), [], { what: 'the sealed key' });
      const record = JSON.parse(await page.evaluate(() => localStorage.getItem('meizhen:signing-key')));
      assert.equal(record.protection, 'device', 'the seed is sealed by the browser');
      await shot('export');
      const signed = await download(() => page.clickText('确认并签名导出'));
      assert.match(signed, /\.json$/);
      const verdict = meizhenVerify([signed]);
      assert.match(verdict, /有效/, verdict);
      mine.signed = signed;

      // The passphrase lock: worked through by the key-derivation worker.
      await page.clickText('每次签名前输入口令');
      await page.fill('#lock-passphrase', '富春江畔的签名口令');
      await page.fill('#lock-passphrase-again', '富春江畔的签名口令');
      await page.clickText('启用口令保护');
      await page.waitFor(() => /已启用口令保护。/.test(document.body.textContent), [], { timeout: 30000, what: '已启用口令保护' });
      const locked = JSON.parse(await page.evaluate(() => localStorage.getItem('meizhen:signing-key')));
      assert.equal(locked.protection, 'passphrase');
      await page.clickText('确认并签名导出');
      await page.waitFor(() => /请输入签名口令/.test(document.body.textContent), [], { what: '请输入签名口令' });
      const passphrase = await page.evaluate(() => [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === '签名口令')?.htmlFor);
      await page.fill(`#${passphrase}`, '富春江畔的签名口令');
      const again = await download(() => page.clickText('确认并签名导出'));
      assert.match(meizhenVerify([again]), /有效/);
      assert.deepEqual(unexpected(page.problems), []);
    });

    test('exports Word from the form', SLOW, async () => {
      await menu(page, '填写申报表');
      const docx = await download(() => page.clickText('导出 Word（.docx）'));
      assert.match(docx, /\.docx$/);
      const text = execFileSync(
        'python3',
        ['-c', 'import docx,sys\nd=docx.Document(sys.argv[1])\nprint("".join(c.text for t in d.tables for r in t.rows for c in r.cells))', docx],
        { encoding: 'utf8' },
      );
      assert.ok(text.includes('桐庐富春江美镇圈'), 'the Word file holds the declaration');
      assert.deepEqual(unexpected(page.problems), []);
    });

    test('imports a filled Word declaration as a new draft, with its report', SLOW, async () => {
      await menu(page, '我的草稿');
      await page.setFiles('#word-import-file', [join(ROOT, 'tests/fixtures/word/filled.docx')]);
      await page.waitFor(
        () => /共 20 项：读出 20 项。/.test(document.getElementById('word-import-report')?.textContent ?? ''),
        [],
        { timeout: 20000, what: 'the import report' },
      );
      assert.equal(await page.evaluate(() => document.getElementById('field-cluster-name').value), '桐庐富春江美镇圈');
      assert.deepEqual(unexpected(page.problems), []);
    });

    test('verify.html checks the signed files and a Word file, writes the 汇总表 in Excel, and Ctrl+P prints the 汇总表', SLOW, async () => {
      await menu(page, '核验申报文件');
      await started(page, '核验申报文件');
      const path = await page.evaluate(() => location.pathname);
      assert.equal(path, name === 'today' ? '/verify.html' : '/verify-old-kernel.html');
      const empty = join(OUTPUT, `${name}-verify-empty.pdf`);
      writeFileSync(empty, await page.pdf());
      assert.ok(inPdf(pdfText(empty), '核验申报文件'), 'with no file open, the page prints itself, never a blank page');
      const tampered = join(kept, 'tampered.json');
      writeFileSync(tampered, readFileSync(mine.signed, 'utf8').replace('桐庐富春江美镇圈', '桐庐富春江美镇带'));
      await page.setFiles('#verify-files', [mine.signed, tampered, join(ROOT, 'tests/fixtures/word/filled.docx')]);
      await page.waitFor(() => document.querySelectorAll('.result').length === 3, [], { timeout: 20000, what: 'three results' });
      const verdicts = await page.evaluate(() => [...document.querySelectorAll('.result-badge')].map((b) => b.textContent.trim()));
      assert.deepEqual(verdicts.map((v) => v.slice(0, 2)).sort(), ['Wo', '无效', '有效'], verdicts.join());
      await shot('verify-results');
      const xlsx = await download(() => page.clickText('导出汇总表（Excel）'));
      const rows = execFileSync(
        'python3',
        ['-c', 'import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\nprint(wb.sheetnames)\nprint([c.value for c in wb.worksheets[0][3]])', xlsx],
        { encoding: 'utf8' },
      );
      assert.ok(rows.includes('桐庐富春江美镇圈'), rows);
      const printed = join(OUTPUT, `${name}-verify-results.pdf`);
      writeFileSync(printed, await page.pdf());
      const text = pdfText(printed);
      assert.ok(inPdf(text, '汇总表') && inPdf(text, '桐庐富春江美镇圈'), 'Ctrl+P on the results prints the 汇总表');
      assert.ok(!inPdf(text, '选择申报文件'), 'and not the screen');
      assert.deepEqual(unexpected(page.problems), []);
    });

    test('the single-file edition opens from file:// and runs there, Word included', SLOW, async () => {
      const single = await browser.newPage({ downloads });
      try {
        await single.goto(pathToFileURL(join(DIST, '美镇申报-单文件版.html')).href);
        await started(single);
        const policy = await single.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
        assert.equal(policy.includes("'unsafe-eval'"), name !== 'today', policy);
        assert.ok(policy.startsWith("default-src 'none'"), policy);
        await single.fill('#field-cluster-name', '单文件版美镇圈');
        const docx = await download(() => single.clickText('导出 Word（.docx）'));
        assert.match(docx, /\.docx$/);
        assert.deepEqual(unexpected(single.problems), []);
      } finally {
        await single.close();
      }
    });

    test('after the first visit it opens offline', SLOW, async () => {
      const own = await startServer(DIST, 0);
      const url = `http://127.0.0.1:${own.address().port}/`;
      const offline = await browser.newPage();
      try {
        await offline.goto(url);
        await started(offline);
        // The worker controls the page once it has cached every file (it claims the page when
        // it activates, after its install).
        await offline.waitFor(() => navigator.serviceWorker.controller !== null, [], { timeout: 20000, what: 'the offline cache' });
        await new Promise((done) => own.close(done));
        await offline.reload();
        await started(offline);
        await offline.fill('#field-cluster-name', '离线填写');
        assert.equal(await offline.evaluate(() => document.getElementById('field-cluster-name').value), '离线填写');
      } finally {
        own.close();
        await offline.close();
      }
    });

    if (name !== 'today') {
      test('each view lays out as on today’s Chromium', () => {
        const views = Object.keys(results.today.boxes);
        assert.deepEqual(Object.keys(mine.boxes), views, 'every view was seen on both');
        const problems = views.flatMap((view) => sameLayout(view, mine.boxes[view], results.today.boxes[view]));
        assert.deepEqual(problems, []);
      });
    }
  });
}

for (const major of [83, 86, 90, 92].filter(wanted)) {
  test(`Chromium ${major}: both pages start on their twins for older kernels, and a draft is kept`, SLOW, async () => {
    const browser = await launch(kernel(major));
    try {
      const page = await browser.newPage();
      await page.goto(`${base}index.html`);
      await started(page);
      assert.equal(await page.evaluate(() => location.pathname), '/index-old-kernel.html');
      await page.fill('#field-cluster-name', `第 ${major} 版内核美镇圈`);
      await page.press('Tab');
      await page.waitFor(() => /已自动保存/.test(document.querySelector('.save-status')?.textContent ?? ''));
      await page.reload();
      await started(page);
      assert.equal(await page.evaluate(() => document.getElementById('field-cluster-name').value), `第 ${major} 版内核美镇圈`);
      await page.goto(`${base}verify.html`);
      await started(page, '核验申报文件');
      assert.equal(await page.evaluate(() => location.pathname), '/verify-old-kernel.html');
      assert.deepEqual(unexpected(page.problems), []);
    } finally {
      await browser.close();
    }
  });
}

test('Chromium 79, older than the app supports, says so in Chinese on both pages', { ...SLOW, skip: !wanted(79) }, async () => {
  const browser = await launch(kernel(79));
  try {
    for (const [path, app] of [
      ['index.html', '申报表'],
      ['verify.html', '核验页面'],
    ]) {
      const page = await browser.newPage();
      await page.goto(base + path);
      const status = await page.waitFor(
        () => {
          const help = document.getElementById('browser-help');
          return help && !help.hidden && document.getElementById('loading-status').textContent;
        },
        [],
        { what: 'the message for an old browser' },
      );
      assert.equal(status, `这个浏览器（或它当前的内核模式）版本过旧，无法运行${app}。`);
      const help = await page.text('#browser-help');
      assert.match(help, /80 版及以上/);
      assert.match(help, /极速模式/);
      await page.close();
    }
  } finally {
    await browser.close();
  }
});
