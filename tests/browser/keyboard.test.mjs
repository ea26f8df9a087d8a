// Tests the whole journey with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrow keys and typing): fill, fix an error from the summary, save, export, print.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBrowser, withAppContext } from './helpers.mjs';

useBrowser();

/** Presses Tab (or Shift+Tab) until the focused element has this id or this text. */
async function tabTo(page, { id, text }, back = false) {
  for (let i = 0; i < 200; i += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const here = await page.evaluate(() => ({
      id: document.activeElement?.id ?? '',
      text: (document.activeElement?.textContent ?? '').trim(),
    }));
    if ((id && here.id === id) || (text && here.text === text)) return;
  }
  throw new Error(`Tab never reached ${id ?? text}`);
}

async function typeInto(page, id, value) {
  await tabTo(page, { id });
  await page.keyboard.type(value);
}

test(
  'the whole journey works with the keyboard alone',
  { timeout: 90_000 },
  withAppContext(async ({ openApp }) => {
    const page = await openApp();
    const kb = page.keyboard;
    await typeInto(page, 'field-cluster-name', '桐庐富春江美镇圈');
    // 申报单位: the 11th unit in the list is 桐庐县.
    await tabTo(page, { id: 'field-applicant' });
    for (let i = 0; i < 11; i += 1) await kb.press('ArrowDown');
    assert.equal(await page.locator('#field-applicant option:checked').textContent(), '桐庐县');
    // Towns: type, ↓, Enter — twice.
    await tabTo(page, { id: 'field-towns' });
    for (const query of ['富春江', '江南镇']) {
      await kb.type(query);
      await page.locator('#town-results [role=option]').first().waitFor();
      await kb.press('ArrowDown');
      await kb.press('Enter');
    }
    await kb.press('Escape');
    assert.equal(await page.locator('.chip').count(), 2);
    // 创建类型: arrow keys move the choice; 创建范围: Space chooses the focused option.
    await tabTo(page, { id: 'field-creation-type' });
    await kb.press('ArrowRight');
    assert.ok(await page.getByLabel('复合型').isChecked());
    await tabTo(page, { id: 'field-scope' });
    await kb.press('Space');
    assert.ok(await page.getByLabel('县域内部').isChecked());
    // People; the coordinator's phone wrong on purpose.
    const people = [
      ['field-coordinator-name', '王建国'],
      ['field-coordinator-unit', '桐庐县人民政府'],
      ['field-coordinator-title', '副县长'],
      ['field-coordinator-phone', '12345'],
      ['field-contact-name', '李晓梅'],
      ['field-contact-unit', '桐庐县美镇办'],
      ['field-contact-title', '科长'],
      ['field-contact-phone', '13857112345'],
    ];
    for (const [id, value] of people) await typeInto(page, id, value);
    // Dates: typed as text, to the day or to the month.
    const dates = [
      ['field-task-force-date', '2021-04-30', '2021-04-30'],
      ['field-implementation-plan-date', '2021年6月', '2021年6月'],
      ['field-task-list-date', '2021/7/31', '2021/7/31'],
      ['field-cluster-plan-date', '2021.9.30', '2021.9.30'],
    ];
    for (const [id, keys, value] of dates) {
      await typeInto(page, id, keys);
      assert.equal(await page.locator(`#${id}`).inputValue(), value);
    }
    await typeInto(page, 'field-stage-results', '完成集群规划编制。');
    await typeInto(page, 'field-summary', '富春江镇、江南镇地缘相近、产业相依。');

    // Check: the summary takes focus; its link leads to the phone field; fix it there.
    await tabTo(page, { text: '检查填写内容' });
    await kb.press('Enter');
    await page.locator('#error-summary').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
    await kb.press('Tab');
    assert.match(await page.evaluate(() => document.activeElement.textContent), /总协调人的联系电话/);
    await kb.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'field-coordinator-phone');
    await kb.press('Control+A');
    await kb.type('0571-64212345');
    await tabTo(page, { text: '检查填写内容' });
    await kb.press('Enter');
    await page.locator('#check-success').waitFor();
    await page.locator('#save-status').getByText('已自动保存').waitFor();

    // Export, from the form's own button, then sign.
    await tabTo(page, { text: '导出签名申报文件' });
    await kb.press('Enter');
    await tabTo(page, { text: '确认并签名导出' });
    const [download] = await Promise.all([page.waitForEvent('download'), kb.press('Enter')]);
    assert.match(download.suggestedFilename(), /^杭州市美丽城镇集群化建设申报表-桐庐县-桐庐富春江美镇圈-\d{8}\.json$/);

    // Print: the menu, then the page's 打印 button.
    await page.evaluate(() => {
      window.__printed = 0;
      window.print = () => (window.__printed += 1);
    });
    await tabTo(page, { text: '打印' }, true);
    await kb.press('Enter');
    await page.locator('article.paper').waitFor();
    await tabTo(page, { text: '打印' });
    const onPage = await page.evaluate(() => document.activeElement.closest('.print-toolbar') !== null);
    assert.ok(onPage, 'the second 打印 is the print page’s button');
    await kb.press('Enter');
    assert.equal(await page.evaluate(() => window.__printed), 1);
  }),
);
