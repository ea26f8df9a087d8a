// Tests the print view: a maximum-length declaration, signed through the UI, printed to PDF by Chromium — A4, page count, every value, the fingerprint and digest in the text and in the QR code; a declaration with errors prints as 草稿.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { OUTPUT_DIR, downloadFrom, openMenu, plantBeforeLoad, useBrowser, withAppContext } from './helpers.mjs';

useBrowser();

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORK = join(OUTPUT_DIR, 'print');

/** 30 towns of 上城区 and its neighbours, from the embedded division list. */
function hangzhouTowns(n) {
  const lines = readFileSync(join(ROOT, 'data', 'zhejiang-divisions.txt'), 'utf8').split('\n');
  return lines
    .filter((l) => l.startsWith('T\t3301'))
    .slice(0, n)
    .map((l) => ({ kind: 'listed', code: l.split('\t')[1] }));
}

/** Text of exactly `n` 字 as Word counts them (a run of Latin letters or digits is 1 字), in
 *  paragraphs, with every kind of character the counter counts. */
function longText(n, seed) {
  const unit = `${seed}推进美丽城镇集群化建设，共建共享，2021年完成A类项目。`;
  const latin = (c) => /[0-9A-Za-z]/.test(c);
  let text = '';
  let count = 0;
  const chars = [...unit];
  let i = 0;
  while (count < n) {
    const c = chars[i % chars.length];
    const prev = text.at(-1) ?? '';
    text += c;
    if (!(latin(c) && latin(prev))) count += 1;
    i += 1;
    if (count % 120 === 0 && count < n && !latin(chars[i % chars.length])) text += '\n';
  }
  return text;
}

/** The maximum-length declaration: every text at its limit, 30 towns. */
const MAX = {
  clusterName: '上城拱墅钱塘江两岸城市更新与历史文化传承示范美丽城镇集群带建设项目名称四十',
  applicant: '330102',
  towns: hangzhouTowns(30),
  creationType: 'composite',
  scope: 'acrossCounties',
  coordinator: { name: '欧阳建国', unit: '杭州市上城区人民政府美丽城镇建设工作领导小组办公室', title: '区人民政府副区长兼美丽城镇建设工作领导小组组长', phone: '0571-87654321转123' },
  contact: { name: '司马晓梅', unit: '杭州市上城区美丽城镇建设工作领导小组办公室综合协调科', title: '综合协调科科长', phone: '13857112345' },
  taskForceDate: '2021-04-30',
  implementationPlanDate: '2021-06-30',
  taskListDate: '2021-07-31',
  clusterPlanDate: '2021-09-30',
  stageResults: longText(1000, '阶段'),
  summary: longText(500, '简介'),
  attachments: [],
  declaredOn: '2021-10-08',
};
MAX.clusterName = [...MAX.clusterName].slice(0, 40).join('');

function record(declaration) {
  return JSON.stringify({
    schema: 1,
    id: 'print-max',
    revision: 1,
    createdAt: '2021-10-01T00:00:00Z',
    modifiedAt: '2021-10-01T00:00:00Z',
    declaration,
  });
}

function pdfText(path) {
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' });
}

function pdfPages(path) {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  return { pages, width: Number(size[1]), height: Number(size[2]) };
}

/** Text without the white space pdftotext adds for layout. */
const squeeze = (s) => s.replace(/\s+/g, '');

test(
  'a maximum-length signed declaration prints on A4 with every value, its fingerprint and digest, and a QR code that decodes to them',
  { timeout: 60_000 },
  withAppContext(async ({ context, openApp }) => {
    mkdirSync(WORK, { recursive: true });
    await plantBeforeLoad(context, {
      'meizhen:draft:print-max': record(MAX),
      'meizhen:state': JSON.stringify({ schema: 1, lastOpen: 'print-max' }),
    });
    const page = await openApp();
    // Sign it through the real UI.
    await openMenu(page, '签名导出');
    const signed = await downloadFrom(page, () =>
      page.getByRole('button', { name: '确认并签名导出', exact: true }).click(),
    );
    const file = JSON.parse(signed.text);
    const fingerprint = file.signature.keyFingerprint;
    const verify = execFileSync('cargo', ['run', '--quiet', '--bin', 'meizhen', '--', 'verify', signed.path], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const digest = /\b([0-9a-f]{64})\b(?![\s\S]*\b[0-9a-f]{64}\b)/.exec(verify)?.[1];
    assert.ok(verify.includes('有效'), verify);

    await openMenu(page, '打印');
    const sheet = page.locator('article.paper');
    await sheet.waitFor();
    assert.equal(await page.locator('.paper-draft-mark').count(), 0, 'a signed print has no draft mark');
    const shownDigest = squeeze(await page.locator('.paper-digest').textContent());
    assert.equal(shownDigest.length, 64);
    if (digest) assert.equal(shownDigest, digest, 'the printed digest is the CLI’s content digest');
    await page.screenshot({ path: join(WORK, 'preview.png'), fullPage: true });

    const pdf = join(WORK, 'signed.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const { pages, width, height } = pdfPages(pdf);
    assert.ok(Math.abs(width - 595.28) < 1 && Math.abs(height - 841.89) < 1, `A4: ${width} x ${height}`);
    // 30 towns, 1000 + 500 字 as Word counts them (a run of Latin letters or digits is one 字,
    // so the texts are longer in characters): page 1 the head of the table and the towns, pages
    // 2–3 the people, dates and 阶段性成果 (split between lines), page 4 the summary (never
    // split), page 5 the seal, the note and the binding.
    assert.equal(pages, 5, `page count of the maximum-length declaration: ${pages}`);

    const text = squeeze(pdfText(pdf));
    for (const value of [
      '附件',
      '杭州市美丽城镇集群化建设申报表',
      MAX.clusterName,
      '上城区',
      '上城区：清波街道、湖滨街道',
      '☐特色型',
      '☑复合型',
      '☑跨县域',
      MAX.coordinator.name,
      MAX.coordinator.unit,
      MAX.coordinator.title,
      '0571-87654321转123',
      MAX.contact.unit,
      '13857112345',
      '2021年4月30日',
      '2021年6月30日',
      '2021年7月31日',
      '2021年9月30日',
      '申报单位（盖章）：',
      '日期：2021年10月8日',
      '注：由各县（市、区）美镇办负责填写本申报表，一式三份。',
      '—1—',
      '—5—',
      squeeze(fingerprint.match(/.{4}/g).join(' ')),
      squeeze(shownDigest.match(/.{4}/g).join(' ')),
    ]) {
      assert.ok(text.includes(squeeze(value)), `the PDF text lacks “${value}”`);
    }
    // Long texts: every character is there (no clipped text), in order across page breaks.
    const flowing = text.replace(/—\d+—/g, '');
    for (const long of [MAX.stageResults, MAX.summary]) {
      for (const paragraph of long.split('\n')) {
        assert.ok(flowing.includes(squeeze(paragraph)), `a paragraph is missing: ${paragraph.slice(0, 20)}…`);
      }
    }

    // The QR code decodes to the fingerprint and the digest.
    const png = join(WORK, 'signed-page');
    execFileSync('pdftoppm', ['-png', '-r', '300', '-f', String(pages), '-l', String(pages), pdf, png]);
    const last = `${png}-${pages}.png`;
    const scanned = execFileSync('zbarimg', ['--quiet', '--raw', last], { encoding: 'utf8' }).trim();
    assert.ok(scanned.includes(`keyFingerprint=${fingerprint}`), scanned);
    assert.ok(scanned.includes(`contentSha256=${shownDigest}`), scanned);
    writeFileSync(join(WORK, 'qr.txt'), scanned);
  }),
);

test(
  'a declaration with errors prints marked 草稿, with no QR code, and the screen lists what is missing; screen chrome never prints',
  { timeout: 30_000 },
  withAppContext(async ({ openApp }) => {
    mkdirSync(WORK, { recursive: true });
    const page = await openApp();
    await page.getByLabel('美丽城镇集群化建设名称', { exact: true }).fill('富春江美镇带');
    await openMenu(page, '打印');
    await page.locator('.paper-draft-mark').waitFor();
    assert.equal(await page.locator('.paper-qr').count(), 0);
    const missing = page.locator('.print-missing');
    assert.match(await missing.textContent(), /还有 \d+ 处需要填写或修改/);
    assert.ok((await missing.textContent()).includes('请选择申报单位'));
    const pdf = join(WORK, 'draft.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    const { pages } = pdfPages(pdf);
    // The table on page 1; the summary row, never split, with the seal on page 2.
    assert.equal(pages, 2);
    const text = squeeze(pdfText(pdf));
    assert.ok(text.includes('草稿'), text.slice(0, 200));
    assert.ok(!text.includes('还有'), 'the list of what is missing is not printed');
    assert.ok(text.includes('富春江美镇带'));
    for (const chrome of ['填写申报表', '我的草稿', '打印预览', '本页面在浏览器中运行']) {
      assert.ok(!text.includes(chrome), `screen chrome “${chrome}” was printed`);
    }
  }),
);
