// Tests the paper-first path as offices work: fill in (two phone numbers, plans to the month,
// 字数 as Word counts), print a complete declaration clean without signing, and the town list
// that closes after a choice. Also: a signed declaration's binding survives a reload and can be
// left off the paper.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  OUTPUT_DIR,
  VALID,
  addTown,
  clickCheck,
  downloadFrom,
  eventually,
  field,
  fillForm,
  openMenu,
  useBrowser,
  withApp,
  withAppContext,
} from './helpers.mjs';

useBrowser();

const WORK = join(OUTPUT_DIR, 'paper-first');
const squeeze = (s) => s.replace(/\s+/g, '');

/** A 富阳区 declaration as offices write it: two numbers in a cell, plans to the month. */
const FUYANG = {
  ...VALID,
  clusterName: '富阳西部美镇带',
  applicant: '富阳区',
  towns: [
    ['新登', '新登镇（富阳区）'],
    ['场口', '场口镇（富阳区）'],
  ],
  type: '特色型',
  coordinator: { ...VALID.coordinator, 联系电话: '0571-87654321、13812345678' },
  contact: { ...VALID.contact, 联系电话: '13912345678（短号 612345）' },
  dates: {
    工作专班成立时间: '2021年4月30日',
    实施方案完成时间: '2021年6月',
    任务清单完成时间: '2021/7/31',
    集群规划完成时间: '2021.9',
  },
};

function pdfText(path) {
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' });
}

test(
  'the town list closes after each choice: a click on 特色型 then checks it, and exactly two towns are chosen',
  withApp(async (page) => {
    await field(page, '申报单位').selectOption({ label: '富阳区' });
    await addTown(page, '新登', '新登镇（富阳区）');
    assert.equal(await page.locator('#town-results').count(), 0, 'the list is closed after Enter');
    await addTown(page, '场口', '场口镇（富阳区）');
    assert.equal(await page.locator('#town-results').count(), 0, 'the list is closed after Enter');
    // The mouse goes straight on to the next section.
    const distinctive = page.getByRole('group', { name: '创建类型' }).getByLabel('特色型', { exact: true });
    await distinctive.click();
    assert.equal(await distinctive.isChecked(), true);
    assert.equal(await page.locator('.chips .chip').count(), 2);

    // A click on an option also closes the list; Escape and leaving the field do too.
    const box = field(page, '关联乡镇（街道）');
    await box.click();
    await page.locator('#town-results [role=option]').first().waitFor();
    await page.locator('#town-results [role=option]').first().click();
    assert.equal(await page.locator('#town-results').count(), 0, 'closed after a click');
    assert.equal(await page.locator('.chips .chip').count(), 3);
    await box.click();
    await page.locator('#town-results').waitFor();
    await box.press('Escape');
    assert.equal(await page.locator('#town-results').count(), 0, 'closed by Escape');
    await box.click();
    await page.locator('#town-results').waitFor();
    await box.press('Tab');
    assert.equal(await page.locator('#town-results').count(), 0, 'closed when focus leaves');
  }),
);

test(
  'statistics artefacts are not towns: 龙港 finds no “直辖村级区划”',
  withApp(async (page) => {
    const box = field(page, '关联乡镇（街道）');
    await box.click();
    await box.pressSequentially('直辖');
    await eventually(async () => assert.equal(await page.locator('#town-results [role=option]').count(), 0));
    assert.equal(await page.getByText('龙港县直辖村级区划').count(), 0);
  }),
);

test(
  'offices fill in as they do on paper: two numbers, a short number, plans to the month, 字数 as Word counts',
  withApp(async (page) => {
    await fillForm(page, FUYANG);
    // Leaving a field writes it in the official style.
    const phone = field(page, '总协调人 联系电话');
    await phone.fill('0571-87654321/13812345678');
    await phone.press('Tab');
    assert.equal(await phone.inputValue(), '0571-87654321、13812345678');
    const plan = field(page, '实施方案完成时间');
    await plan.fill('2021-06');
    await plan.press('Tab');
    assert.equal(await plan.inputValue(), '2021年6月');
    // 498 汉字 + " 2021 abc" is 500 字 in Word, and in the app.
    const summary = field(page, '主要内容简介（500字）');
    await summary.fill(`${'美'.repeat(498)} 2021 abc`);
    assert.equal(await page.locator('#field-summary-count').textContent(), '已输入 500 字，还可输入 0 字');
    // The summary's rule: counted as Word counts, and the character ceiling beside the 字 limit.
    const rule = await page.locator('.counter-rule').filter({ hasText: 'Word' }).textContent();
    assert.ok(rule.includes('全文另不能超过 1500 个字符'), rule);
    await clickCheck(page);
    await page.locator('.success-summary').waitFor();
    assert.equal(await page.locator('.error-summary').count(), 0);

    // One word more is over the limit.
    await summary.fill(`${'美'.repeat(498)} 2021 abc d`);
    assert.equal(await page.locator('#field-summary-count').textContent(), '已输入 501 字，超出 1 字（上限 500 字）');

    // A short number alone is explained, not called a bad fixed line.
    await phone.fill('612345');
    await phone.press('Tab');
    await eventually(async () =>
      assert.ok((await page.locator('#field-coordinator-phone-message').textContent()).includes('短号')),
    );
  }),
);

test(
  'a complete declaration prints clean without signing: no 草稿 mark, the office as 申报单位, towns, both numbers, 2021年6月',
  { timeout: 30_000 },
  withApp(async (page) => {
    mkdirSync(WORK, { recursive: true });
    await fillForm(page, FUYANG);
    await openMenu(page, '打印');
    await page.locator('article.paper').waitFor();
    assert.equal(await page.locator('.paper-draft-mark').count(), 0);
    assert.equal(await page.locator('.print-missing').count(), 0);
    assert.equal(await page.locator('.paper-binding').count(), 0);
    await page.screenshot({ path: join(WORK, 'preview.png'), fullPage: true });
    const pdf = join(WORK, 'unsigned.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdf, join(WORK, 'unsigned-page')]);
    const text = squeeze(pdfText(pdf));
    for (const value of [
      '富阳区美镇办',
      '新登镇、场口镇',
      '☑特色型',
      '0571-87654321、13812345678',
      '13912345678（短号612345）',
      '2021年4月30日',
      '2021年6月',
      '2021年7月31日',
      '2021年9月',
    ]) {
      assert.ok(text.includes(squeeze(value)), `the PDF text lacks “${value}”`);
    }
    for (const absent of ['草稿', '未签名', '手动添加', '富阳区：']) {
      assert.ok(!text.includes(absent), `the PDF has “${absent}”`);
    }

    // The office's name as on its seal replaces the usual one.
    await page.emulateMedia({ media: 'screen' });
    await openMenu(page, '填写申报表');
    await field(page, '申报单位名称（与公章一致）（选填）').fill('杭州市富阳区美丽城镇建设工作领导小组办公室');
    await openMenu(page, '打印');
    await eventually(async () =>
      assert.equal(
        (await page.locator('.paper-table tr').nth(1).locator('td').first().textContent()).trim(),
        '杭州市富阳区美丽城镇建设工作领导小组办公室',
      ),
    );
  }),
);

test(
  'a signed declaration keeps its binding after a reload while unchanged; “打印核验信息” leaves it off; an edit drops it',
  { timeout: 30_000 },
  withAppContext(async ({ openApp }) => {
    const page = await openApp();
    await fillForm(page, FUYANG);
    await openMenu(page, '签名导出');
    await downloadFrom(page, () => page.getByRole('button', { name: '确认并签名导出', exact: true }).click());
    await openMenu(page, '打印');
    await page.locator('.paper-binding').waitFor();
    const digest = await page.locator('.paper-digest').textContent();

    // A reload brings the binding back with the draft.
    await page.reload();
    await page.getByRole('heading', { name: '杭州市美丽城镇集群化建设申报表', exact: true }).waitFor();
    await openMenu(page, '打印');
    await page.locator('.paper-binding').waitFor();
    assert.equal(await page.locator('.paper-digest').textContent(), digest);

    // The option leaves it off the paper.
    const option = page.getByLabel(/打印核验信息/);
    await option.uncheck();
    assert.equal(await page.locator('.paper-binding').count(), 0);
    await option.check();
    await page.locator('.paper-binding').waitFor();

    // Once the draft changes, the paper is no longer the signed file's.
    await openMenu(page, '填写申报表');
    await field(page, '美丽城镇集群化建设名称').fill('富阳西部美镇带（修改）');
    await openMenu(page, '打印');
    await page.locator('article.paper').waitFor();
    assert.equal(await page.locator('.paper-binding').count(), 0);
    assert.equal(await page.getByLabel(/打印核验信息/).count(), 0);
  }),
);

test(
  'no invented limit refuses a real declaration, and a file the verify view refuses is explained in plain words with the technical part folded away',
  withApp(async (page) => {
    // A 60-字 name, a long unit and 1,200 字 of stage results: longer than the old limits.
    await fillForm(page, {
      ...FUYANG,
      clusterName: '富阳区西部新登场口万市洞桥胥口永昌渌渚常安常绿上官里山等乡镇文旅融合与生态共富美丽城镇集群带建设',
      stageResults: '完成集群规划编制，启动共建项目。'.repeat(80),
    });
    await clickCheck(page);
    await page.locator('.success-summary').waitFor();
    assert.ok((await page.locator('#field-stage-results-hint').textContent()).includes('通知未限定字数'));

    // A file whose version is written as text: the reason is plain Chinese; the field name of
    // the format is only under 技术细节.
    await openMenu(page, '核验申报文件');
    const text = '{"format":"hz-meizhen-cluster-declaration","version":"1","declaration":{},"signature":{}}';
    await page.locator('#verify-files').setInputFiles({
      name: 'odd.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    const result = page.locator('.result-invalid');
    await result.waitFor();
    const reason = await result.locator('.result-reason').textContent();
    assert.ok(!/[A-Za-z]/.test(reason.replace(/JSON/g, '')), `plain reason: ${reason}`);
    const details = result.locator('details.tech-details');
    assert.equal(await details.evaluate((d) => d.open), false, 'technical details start folded');
    assert.equal(await details.locator('summary').textContent(), '技术细节');
    assert.ok((await details.textContent()).includes('version'));
  }),
);
