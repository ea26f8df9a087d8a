// Tests Word in: filled Word declarations (.docx) of every shape in tests/fixtures/word/ (written
// by scripts/word-fixtures.py: the filled facsimile, the same file saved again by LibreOffice,
// legacy check-box fields, content-control check boxes, the empty template) and our own Word
// export, read on both pages. The county page: 我的草稿 → 从 Word 文件导入 makes a new draft
// with its report, kept after a reload; a file that is not one gets its plain reason. The city
// office's page: Word cards marked "Word 文件（未签名）" beside a signed file, never counted
// valid; a Word document that is not the form is an attachment; 报送情况 of the 13 units; the
// workbook's sheets read back with openpyxl.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  OUTPUT_DIR,
  VALID,
  downloadFrom,
  eventually,
  field,
  fillForm,
  openMenu,
  storageEntries,
  useBrowser,
  withApp,
  withAppContext,
} from './helpers.mjs';

useBrowser();

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'tests/fixtures/word');
const EXAMPLE = readFileSync(join(ROOT, 'docs/verify/example.json'));
const WORK = join(OUTPUT_DIR, 'word');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DRAFT_PREFIX = 'meizhen:draft:';

const fixture = (name) => ({ name, mimeType: DOCX, buffer: readFileSync(join(FIXTURES, name)) });
/** The four filled shapes: each reads as the whole declaration. */
const FILLED = ['filled.docx', 'filled-libreoffice.docx', 'legacy-fields.docx', 'content-controls.docx'];
/** An old-format Word file: the OLE signature, as WPS and Word write a .doc. */
const OLD_DOC = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);

/** What python-docx or openpyxl reads in a downloaded file. */
function readBack(kind, path) {
  const out = execFileSync('python3', [join(ROOT, 'tests/office/read_back.py'), kind, path], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** A Word document that is not the declaration (an attachment such as the 具体方案). */
function otherDocument() {
  mkdirSync(WORK, { recursive: true });
  const path = join(WORK, '具体实施方案.docx');
  execFileSync('python3', [
    '-c',
    'import docx,sys\nd=docx.Document()\nd.add_paragraph("桐庐县美丽城镇集群化建设具体实施方案")\nd.save(sys.argv[1])',
    path,
  ]);
  return { name: '具体实施方案.docx', mimeType: DOCX, buffer: readFileSync(path) };
}

async function openDrafts(page) {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '我的草稿', exact: true }).click();
  await page.locator('#word-import-file').waitFor({ state: 'attached' });
}

/** Imports `file` on the county page and waits for its report above the form. */
async function importWord(page, file) {
  await openDrafts(page);
  await page.locator('#word-import-file').setInputFiles(file);
  const report = page.locator('#word-import-report');
  await report.waitFor({ timeout: 10000 });
  assert.equal(
    await report.getByRole('heading', { level: 2 }).textContent(),
    `Word 文件“${file.name}”的导入结果`,
  );
  return report;
}

/** The form's values that the filled facsimile carries, as the form shows them. */
async function expectFilledForm(page, label) {
  const values = {
    美丽城镇集群化建设名称: '桐庐富春江美镇圈',
    '总协调人 姓名': '王建国',
    '总协调人 联系电话': '0571-64212345',
    '具体联系人 所在单位': '桐庐县美丽城镇建设工作领导小组办公室',
    '具体联系人 联系电话': '0571-64213456（办）、13857112345',
    工作专班成立时间: '2021-04-30',
    集群规划完成时间: '2021-09-30',
  };
  for (const [name, value] of Object.entries(values)) {
    assert.equal(await field(page, name).inputValue(), value, `${label}: ${name}`);
  }
  assert.equal(
    await field(page, '申报单位').evaluate((s) => s.options[s.selectedIndex].textContent),
    '桐庐县',
    label,
  );
  const chips = await page.locator('.chip .chip-text').allTextContents();
  assert.equal(chips.length, 4, `${label}: ${chips}`);
  assert.ok(
    chips.some((c) => c.includes('桐庐经济开发区')),
    `${label}: the unlisted town is added by hand: ${chips}`,
  );
  assert.ok(
    await page.getByRole('group', { name: '创建类型' }).getByLabel('复合型', { exact: true }).isChecked(),
    label,
  );
  assert.ok(
    await page.getByRole('group', { name: '创建范围' }).getByLabel('县域内部', { exact: true }).isChecked(),
    label,
  );
  assert.ok((await field(page, '主要内容简介（500字）').inputValue()).startsWith('一、必要性分析。'), label);
}

test(
  'county page: each filled Word shape becomes a new draft with its report, and the draft is kept after a reload',
  withAppContext(async ({ openApp }) => {
    const page = await openApp();
    for (const name of FILLED) {
      const report = await importWord(page, fixture(name));
      assert.equal(await report.locator('.import-summary').textContent(), '共 20 项：读出 20 项。', name);
      assert.equal(await report.locator('.import-fields > li').count(), 20, name);
      const text = await report.textContent();
      assert.ok(
        text.includes('“桐庐经济开发区”不在区划名单中，已作为手动添加的乡镇（街道）导入，所在地为桐庐县，请核对'),
        `${name}: ${text}`,
      );
      await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'word-import-report'));
      await expectFilledForm(page, name);
      if (name === 'filled.docx') {
        mkdirSync(WORK, { recursive: true });
        await report.screenshot({ path: join(WORK, 'county-import-report.png') });
      }
    }
    // Four imports, four new drafts.
    await eventually(async () => assert.equal(Object.keys(await storageEntries(page, DRAFT_PREFIX)).length, 4), 5000);

    // The report closes; the draft stays, and comes back after a reload.
    await page.getByRole('button', { name: '关闭导入结果', exact: true }).click();
    await page.locator('#word-import-report').waitFor({ state: 'detached' });
    await page.reload();
    await page.locator('#loading').waitFor({ state: 'detached' });
    await expectFilledForm(page, 'after a reload');
  }),
);

test(
  'county page: the empty template reports every item as empty; our own Word export imports as the same declaration',
  withApp(async (page) => {
    let report = await importWord(page, fixture('template.docx'));
    assert.equal(await report.locator('.import-summary').textContent(), '共 20 项：读出 0 项，未填写 20 项。');
    assert.equal(await report.locator('.import-fields > li.import-empty').count(), 20);
    const lines = await report.locator('.import-fields > li').allTextContents();
    assert.ok(lines.every((l) => l.includes('：未填写')), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('中没有勾选任何一项')), 'an unticked choice says so');
    assert.equal(await field(page, '美丽城镇集群化建设名称').inputValue(), '');

    // Our own export, read back: the same declaration, field by field, in storage.
    await page.getByRole('button', { name: '关闭导入结果', exact: true }).click();
    await openDrafts(page);
    await page.getByRole('button', { name: '新建草稿', exact: true }).click();
    await fillForm(page);
    const word = await downloadFrom(page, () => page.getByRole('button', { name: '导出 Word（.docx）', exact: true }).click());
    const before = await storageEntries(page, DRAFT_PREFIX);
    report = await importWord(page, { name: word.name, mimeType: DOCX, buffer: readFileSync(word.path) });
    assert.equal(await report.locator('.import-summary').textContent(), '共 20 项：读出 20 项。');
    let after;
    await eventually(async () => {
      after = await storageEntries(page, DRAFT_PREFIX);
      assert.equal(Object.keys(after).length, Object.keys(before).length + 1);
    });
    const exported = Object.values(before)
      .map((v) => JSON.parse(v))
      .find((d) => d.declaration.clusterName === VALID.clusterName);
    const imported = JSON.parse(Object.entries(after).find(([k]) => !(k in before))[1]);
    // The reader hands over the declaration as it is printed and signed (`cleaned()`): dates in
    // the ISO form the form also takes; the typed draft keeps them as the form wrote them on leaving.
    const isoDates = (d) =>
      Object.fromEntries(
        Object.entries(d).map(([k, v]) => [
          k,
          typeof v === 'string' ? v.replace(/^(\d{4})年(\d{1,2})月(\d{1,2})日$/, (_, y, m, day) => `${y}-${m.padStart(2, '0')}-${day.padStart(2, '0')}`) : v,
        ]),
      );
    assert.deepEqual(imported.declaration, isoDates(exported.declaration), 'export → import gives back the same declaration');
  }),
);

test(
  'county page: a .doc, a PDF, a picture and a damaged file each get a plain reason; nothing is made of them and the page goes on',
  withApp(async (page) => {
    await fillForm(page);
    await openDrafts(page);
    const before = await storageEntries(page, DRAFT_PREFIX);
    const cases = [
      [{ name: '旧版申报表.doc', mimeType: 'application/msword', buffer: OLD_DOC }, '这是旧版 Word 格式的文件（.doc）'],
      [{ name: '申报表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%âãÏÓ\n') }, 'PDF'],
      [{ name: '扫描件.docx', mimeType: DOCX, buffer: Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1') }, '图片'],
      [{ name: '损坏.docx', mimeType: DOCX, buffer: Buffer.from('PK\x03\x04broken', 'latin1') }, ''],
    ];
    for (const [file, words] of cases) {
      await page.locator('#word-import-file').setInputFiles(file);
      const refused = page.locator('.word-import-refused');
      await eventually(async () => {
        const text = await refused.textContent();
        assert.ok(text.includes(words), `${file.name}: ${text}`);
        assert.ok(/[\u4e00-\u9fff]/.test(text) && !/error|invalid|zip/i.test(text.split('技术细节')[0]), text);
      }, 5000);
      assert.equal(await page.locator('#word-import-report').count(), 0, file.name);
    }
    assert.ok(
      (await page.locator('.word-import-refused').textContent()).includes('另存为'),
      'the answer says what to do: save it as .docx',
    );
    assert.deepEqual(Object.keys(await storageEntries(page, DRAFT_PREFIX)), Object.keys(before), 'no draft made');
    // The page goes on: a good file still imports.
    await importWord(page, fixture('filled.docx'));
  }),
);

test(
  'city page: Word files join the signed file as cards marked Word 文件（未签名）, a Word attachment is hashed, 报送情况 lists the 13 units, and the workbook holds every sheet',
  withApp(async (page) => {
    await openMenu(page, '核验申报文件');
    await page.getByRole('heading', { name: '核验申报文件', level: 2 }).waitFor();
    const shapes = [...FILLED, 'template.docx'];
    await page.locator('#verify-files').setInputFiles([
      { name: 'example.json', mimeType: 'application/json', buffer: EXAMPLE },
      ...shapes.map(fixture),
      { name: '扫描件.docx', mimeType: DOCX, buffer: Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1') },
      otherDocument(),
    ]);
    await eventually(async () => assert.equal(await page.locator('.result').count(), 7), 10000);
    assert.equal(
      await page.locator('.results-count').textContent(),
      '共 7 个文件：有效 1 个，无效 1 个，Word 文件（未签名） 5 个。',
    );
    const wordCards = page.locator('.result-word');
    assert.equal(await wordCards.count(), 5);
    for (const name of shapes) {
      const card = wordCards.filter({ has: page.locator('.result-file', { hasText: name }) });
      assert.equal(await card.locator('.result-badge').textContent(), 'Word 文件（未签名）', name);
      const facts = await card.locator('.facts').textContent();
      if (name === 'template.docx') {
        assert.ok(facts.includes('（未填写）') && facts.includes('共 20 项：读出 0 项，未填写 20 项。'), facts);
      } else {
        assert.ok(facts.includes('桐庐县') && facts.includes('桐庐富春江美镇圈') && facts.includes('读出 20 项'), facts);
      }
      // Never styled or worded as a verified file.
      assert.equal(await card.evaluate((c) => c.className), 'result result-word', name);
      assert.ok(!/有效（|签名有效/.test(await card.textContent()), name);
      assert.equal(await card.getByRole('button', { name: '作为新草稿打开' }).count(), 0, 'only signed files are handed over');
    }
    const filled = wordCards.filter({ has: page.locator('.result-file', { hasText: /^filled\.docx$/ }) });
    await filled.getByRole('button', { name: '查看导入结果', exact: true }).click();
    assert.ok((await filled.locator('.import-report-card').textContent()).includes('总协调人 联系电话：0571-64212345'));
    await filled.getByRole('button', { name: '查看申报内容', exact: true }).click();
    assert.ok((await filled.locator('.review').textContent()).includes('桐庐经济开发区'));

    const refused = page.locator('.result').filter({ has: page.locator('.result-file', { hasText: '扫描件.docx' }) });
    assert.equal(await refused.locator('.result-badge').textContent(), '无效');
    assert.equal(await refused.locator('.result-reason').textContent(), '不能读取的 Word 文件');
    assert.ok((await refused.textContent()).includes('图片'));
    assert.ok((await page.locator('.present-files').textContent()).includes('具体实施方案.docx'), 'a Word attachment is hashed');

    // 报送情况: the 13 units, 桐庐县 declared, the empty template apart.
    const status = page.locator('.submission-status');
    assert.equal(
      await status.locator('.status-overview').textContent(),
      '13 个县（市、区）中，已报送 1 个，尚未报送 12 个；另有 1 份申报的申报单位不明或不在杭州市',
    );
    const rows = status.locator('tbody tr');
    assert.equal(await rows.count(), 14);
    const tonglu = rows.filter({ has: page.locator('th', { hasText: /^桐庐县$/ }) });
    assert.deepEqual(
      (await tonglu.locator('td').allTextContents()).slice(0, 3),
      ['已报送', '1', '4'],
    );
    assert.equal(await tonglu.locator('.status-items li').count(), 5);
    const none = await status.locator('.status-none').count();
    assert.equal(none, 12, 'twelve units have sent nothing yet');
    mkdirSync(WORK, { recursive: true });
    await status.screenshot({ path: join(WORK, 'submission-status.png') });
    await page.screenshot({ path: join(WORK, 'city-page.png'), fullPage: true });

    // The printable table: six declarations, the Word ones marked in 来源.
    const excel = await downloadFrom(page, () =>
      page.getByRole('button', { name: '导出汇总表（Excel）', exact: true }).click(),
    );
    const book = readBack('xlsx', excel.path);
    assert.deepEqual(
      book.sheets.map((s) => s.name),
      ['汇总表', '报送情况', '加分评审', '无效文件'],
    );
    const [summary, byUnit, review, invalid] = book.sheets;
    assert.match(summary.rows[0][0], /签名有效的文件 1 份，Word 文件（未签名） 5 份/);
    const header = summary.rows[1];
    const col = (name) => header.indexOf(name);
    assert.ok(col('来源') >= 0, header.join());
    const body = summary.rows.slice(2);
    assert.equal(body.length, 6);
    assert.deepEqual(
      body.map((r) => r[col('来源')]),
      ['签名文件（有效）', ...Array(5).fill('Word 文件（未签名）')],
    );
    assert.deepEqual(
      body.map((r) => r[col('签名单位')]),
      ['未登记的密钥', ...Array(5).fill('未签名')],
    );
    assert.equal(body[1][col('总协调人 联系电话')], '0571-64212345');
    assert.equal(body[1][col('工作专班成立时间')], '2021-04-30', 'a date is a text cell as the signed file carries it');
    assert.deepEqual(summary.types, ['s'], 'phones, dates and codes are text cells');
    assert.equal(byUnit.rows.length, 2 + 14, 'title, header, 13 units and the line of the others');
    assert.deepEqual(byUnit.types, ['s']);
    assert.equal(review.rows.length, 2 + 6, 'one row per declaration');
    const reviewTypes = review.cell_types.slice(2).map((r) => r.filter(Boolean));
    assert.ok(reviewTypes.every((t) => t.includes('f')), 'the total of each row is a formula');
    assert.deepEqual(invalid.rows.slice(2), [['扫描件.docx', '不能读取的 Word 文件']]);

    // The page speaks to the city office.
    assert.match(await page.locator('.masthead-basis').textContent(), /供市美镇办核验、汇总/);
    const foot = await page.locator('.page-footer').textContent();
    assert.ok(!foot.includes('所填内容') && !foot.includes('一式三份') && foot.includes('不会上传'), foot);
  }),
);
