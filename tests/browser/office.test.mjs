// Tests the office files: 导出 Word（.docx） from the form (unsigned, then signed) and from a
// verified file, and the verify view's 汇总表 of three files (two valid, one tampered) as Excel,
// CSV and an A4 landscape print. The downloads are read back with python-docx and openpyxl
// (tests/office/read_back.py), the print with pdfinfo.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { OUTPUT_DIR, VALID, downloadFrom, eventually, fillForm, openMenu, useBrowser, withApp } from './helpers.mjs';

useBrowser();

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLE = readFileSync(join(ROOT, 'docs/verify/example.json'));
const EXAMPLE_FINGERPRINT = JSON.parse(EXAMPLE.toString('utf8')).signature.keyFingerprint;
const WORK = join(OUTPUT_DIR, 'office');
const grouped = (hex) => hex.match(/.{4}/g).join(' ');

/** What python-docx or openpyxl reads in a downloaded file. */
function readBack(kind, path) {
  const out = execFileSync('python3', [join(ROOT, 'tests/office/read_back.py'), kind, path], { encoding: 'utf8' });
  return JSON.parse(out);
}

const WORD = { name: '导出 Word（.docx）', exact: true };

test(
  'the form exports its Word copy: clean when complete, signed or not; with the fingerprint once signed; 草稿 while errors remain',
  withApp(async (page) => {
    await fillForm(page);
    // Written by the office-file worker, which the page starts only now.
    const worker = page.waitForEvent('worker');
    const draft = await downloadFrom(page, () => page.getByRole('button', WORD).click());
    assert.match((await worker).url(), /\/meizhen-office_loader\.js$/);
    assert.equal(draft.name, `杭州市美丽城镇集群化建设申报表-${VALID.applicant}-${VALID.clusterName}.docx`);
    let doc = readBack('docx', draft.path);
    assert.ok(!doc.paragraphs.includes('草稿'), JSON.stringify(doc.paragraphs));
    assert.ok(!doc.paragraphs.some((p) => p.includes('密钥指纹')), 'no binding before signing');
    const rows = doc.tables[0];
    assert.deepEqual(rows[0], ['美丽城镇\n集群化建设\n名称', ...Array(3).fill(VALID.clusterName)]);
    assert.deepEqual(rows[1].slice(0, 2), ['申报单位', `${VALID.applicant}美镇办`]);
    assert.equal(rows[1][3], '富春江镇、江南镇');
    assert.deepEqual(rows[3], ['总协调人', VALID.coordinator.姓名, '具体联系人', VALID.contact.姓名]);
    assert.deepEqual(rows[7].slice(0, 2), ['工作专班\n成立时间', '2021年4月30日']);
    assert.ok(rows.at(-1)[0].includes(VALID.summary), rows.at(-1)[0]);

    await openMenu(page, '签名导出');
    const signed = await downloadFrom(page, () =>
      page.getByRole('button', { name: '确认并签名导出', exact: true }).click(),
    );
    const fingerprint = JSON.parse(signed.text).signature.keyFingerprint;
    await openMenu(page, '填写申报表');
    const copy = await downloadFrom(page, () => page.getByRole('button', WORD).click());
    doc = readBack('docx', copy.path);
    assert.ok(!doc.paragraphs.includes('草稿'));
    assert.ok(
      doc.paragraphs.includes(`签名申报文件的密钥指纹：${grouped(fingerprint)}`),
      JSON.stringify(doc.paragraphs),
    );
    assert.deepEqual(doc.page, { width_mm: 210, height_mm: 297, top_mm: 37, bottom_mm: 35, left_mm: 28, right_mm: 26 });

    // The print preview offers the same document.
    await openMenu(page, '打印');
    const printed = await downloadFrom(page, () => page.getByRole('button', WORD).click());
    assert.deepEqual(readFileSync(printed.path), readFileSync(copy.path));
    // Kept side by side in tests/output/office/ for comparing the Word copy with the print.
    mkdirSync(WORK, { recursive: true });
    copyFileSync(copy.path, join(WORK, 'form-signed.docx'));
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: join(WORK, 'form-signed-print.pdf'), preferCSSPageSize: true, printBackground: true });

    // With an error left, the Word copy is a draft, as the print is.
    await page.emulateMedia({ media: 'screen' });
    await openMenu(page, '填写申报表');
    await page.getByLabel('主要内容简介（500字）', { exact: true }).fill('');
    const draft2 = await downloadFrom(page, () => page.getByRole('button', WORD).click());
    assert.ok(readBack('docx', draft2.path).paragraphs.includes('草稿'));
  }),
);

test(
  'the verify view makes the 汇总表 of two valid files and a tampered one: Excel, CSV, print',
  withApp(async (page) => {
    // A second valid file, signed in this browser.
    await fillForm(page, { ...VALID, clusterName: '=1+2 富春江美镇带' });
    await openMenu(page, '签名导出');
    const signed = await downloadFrom(page, () =>
      page.getByRole('button', { name: '确认并签名导出', exact: true }).click(),
    );
    await openMenu(page, '核验申报文件');
    const tampered = Buffer.from(EXAMPLE.toString('utf8').replace('桐庐富春江美镇圈', '桐庐富春江美镇带'));
    await page.locator('#verify-files').setInputFiles([
      { name: 'example.json', mimeType: 'application/json', buffer: EXAMPLE },
      { name: 'mine.json', mimeType: 'application/json', buffer: readFileSync(signed.path) },
      { name: 'tampered.json', mimeType: 'application/json', buffer: tampered },
    ]);
    await eventually(async () => assert.equal(await page.locator('.result').count(), 3));

    // Word from a verified file: bound to that file.
    const exampleCard = page.locator('.result').filter({ hasText: 'example.json' });
    const word = await downloadFrom(page, () => exampleCard.getByRole('button', WORD).click());
    assert.equal(word.name, '杭州市美丽城镇集群化建设申报表-桐庐县-桐庐富春江美镇圈.docx');
    const doc = readBack('docx', word.path);
    assert.ok(doc.paragraphs.includes(`签名申报文件的密钥指纹：${grouped(EXAMPLE_FINGERPRINT)}`));

    const excel = await downloadFrom(page, () =>
      page.getByRole('button', { name: '导出汇总表（Excel）', exact: true }).click(),
    );
    assert.match(excel.name, /^杭州市美丽城镇集群化建设申报汇总表-\d{8}\.xlsx$/);
    const book = readBack('xlsx', excel.path);
    assert.deepEqual(
      book.sheets.map((s) => s.name),
      ['汇总表', '报送情况', '加分评审', '无效文件'],
    );
    const [valid, , , invalid] = book.sheets;
    assert.match(valid.rows[0][0], /^杭州市美丽城镇集群化建设申报汇总表（\d{4}年\d{1,2}月\d{1,2}日）/);
    const header = valid.rows[1];
    const col = (name) => header.indexOf(name);
    assert.equal(valid.rows.length, 4, 'title, header and two files');
    assert.deepEqual(valid.types, ['s'], 'every cell is text');
    assert.equal(valid.freeze, 'A3');
    const [first, second] = valid.rows.slice(2);
    assert.equal(first[col('美丽城镇集群化建设名称')], '桐庐富春江美镇圈');
    assert.equal(first[col('文件名')], 'example.json');
    assert.equal(first[col('签名单位')], '未登记的密钥');
    assert.equal(first[col('签名密钥指纹')], grouped(EXAMPLE_FINGERPRINT));
    assert.equal(second[col('美丽城镇集群化建设名称')], '=1+2 富春江美镇带', 'a formula-looking cell stays text');
    assert.equal(second[col('总协调人 姓名')], VALID.coordinator.姓名);
    assert.equal(invalid.name, '无效文件');
    assert.deepEqual(invalid.rows.slice(1), [['文件名', '原因'], ['tampered.json', '内容被改动']]);

    const csv = await downloadFrom(page, () =>
      page.getByRole('button', { name: '导出汇总表（CSV）', exact: true }).click(),
    );
    assert.ok(csv.text.startsWith('\ufeff'));
    // Every CSV field is quoted (so that no separator splits one into a formula).
    const csvHeader = csv.text.slice(1).split('\r\n')[0].split(',').map((f) => f.replace(/^"|"$/g, ''));
    assert.deepEqual(csvHeader, header, 'the CSV has the workbook’s columns');
    assert.ok(csv.text.includes("'=1+2 富春江美镇带"), 'CSV neutralises formulas');
    assert.ok(!csv.text.includes('tampered.json'));

    await page.getByRole('button', { name: '打印汇总表', exact: true }).click();
    const sheet = page.locator('.summary-sheet');
    await sheet.waitFor();
    assert.equal(await sheet.locator('.summary-table').first().locator('tbody tr').count(), 2);
    assert.ok((await sheet.locator('.summary-invalid').textContent()).includes('tampered.json'));
    await page.emulateMedia({ media: 'print' });
    mkdirSync(WORK, { recursive: true });
    const pdf = join(WORK, 'summary-print.pdf');
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    assert.match(info, /Page size:\s+84[12]\.\d+ x 59[45]\.\d+/, info);
    const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, '');
    assert.ok(flat.includes('桐庐富春江美镇圈') && flat.includes('tampered.json'), text);
    assert.ok(!flat.includes('导出汇总表') && !flat.includes('核验结果'), 'only the table is printed');
  }),
);
