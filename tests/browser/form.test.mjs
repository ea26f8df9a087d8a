// Tests the declaration form end to end: a valid form passes the check; bad input is summarised, linked, and marked at each field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  TITLE,
  VALID,
  activeId,
  addTown,
  clickCheck,
  describedText,
  eventually,
  expectFocus,
  field,
  fillForm,
  useBrowser,
  withApp,
  withAppContext,
} from './helpers.mjs';

useBrowser();

const SUMMARY = '主要内容简介（500字）';

/** The error-summary link whose text contains `text`. */
function summaryLink(page, text) {
  return page.locator('#error-summary').getByRole('link').filter({ hasText: text });
}

/** Clicks the summary link containing `text`; checks focus, aria-invalid and the described message. */
async function followLink(page, text, { id, message = text }) {
  const link = summaryLink(page, text);
  assert.equal(await link.count(), 1, `one summary link containing “${text}”`);
  assert.equal(await link.getAttribute('href'), `#${id}`);
  await link.click();
  await expectFocus(page, id);
  const control = page.locator(`#${id}`);
  assert.equal(await control.getAttribute('aria-invalid'), 'true', `#${id} aria-invalid`);
  const described = await describedText(control);
  assert.ok(described.includes(message), `#${id} aria-describedby should name “${message}”, got: ${described}`);
  assert.ok(
    (await page.locator(`#${id}-message`).textContent()).includes(message),
    `#${id}-message should contain “${message}”`,
  );
}

test(
  'a whole valid form passes the check; a full-width phone number is normalised on leaving the field',
  withApp(async (page) => {
    assert.equal(await page.title(), `${TITLE} · 美镇申报`);
    await fillForm(page, {
      ...VALID,
      coordinator: { ...VALID.coordinator, 联系电话: '０５７１－６４２１２３４５' },
    });

    // Leaving the phone field rewrites it in the usual form.
    const phone = field(page, '总协调人 联系电话');
    await phone.focus();
    await phone.press('Tab');
    await eventually(async () => assert.equal(await phone.inputValue(), '0571-64212345'));
    assert.equal(await phone.getAttribute('aria-invalid'), 'false');

    // The towns chosen with the keyboard are shown as chips.
    assert.equal(await page.locator('#town-count').textContent(), '已选 2 个：');
    assert.deepEqual(await page.locator('.chips .chip-text').allTextContents(), [
      '富春江镇（桐庐县）',
      '江南镇（桐庐县）',
    ]);
    assert.ok((await page.locator('#field-scope-hint').textContent()).includes('按已选乡镇，应为“县域内部”'));

    await clickCheck(page);
    const success = page.locator('#check-success');
    await success.waitFor();
    assert.equal(await success.getByRole('heading').textContent(), '检查通过');
    assert.equal(await page.locator('#error-summary').count(), 0);
    await expectFocus(page, 'check-success');
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, 'no field is marked invalid');
    assert.equal(await page.locator('.error-message').count(), 0, 'no inline error message');
    assert.ok(!(await page.title()).includes('错误：'), 'title has no 错误：');
    assert.equal(await page.locator('.form-status').textContent(), '没有需要修改的问题。');
    // Every value is still there after the check.
    assert.equal(await field(page, '申报单位').inputValue(), '330122');
    // A date is rewritten in the official style once the user leaves it.
    assert.equal(await field(page, '工作专班成立时间').inputValue(), '2021年4月30日');
    assert.equal(await field(page, '具体联系人 联系电话').inputValue(), '13857112345');
  }),
);

test(
  'bad input: summary lists every problem, links focus the field, fields are marked and described',
  withApp(async (page) => {
    await fillForm(page, {
      ...VALID,
      towns: [
        ['千岛湖', '千岛湖镇（淳安县）'],
        ['富春江', '富春江镇（桐庐县）'],
      ],
      coordinator: { ...VALID.coordinator, 联系电话: '12345' },
    });

    // The 字数 counter at the limit, then one past it: typing is not blocked.
    const summary = field(page, SUMMARY);
    await summary.fill('字'.repeat(500));
    assert.equal(await page.locator('#field-summary-count').textContent(), '已输入 500 字，还可输入 0 字');
    await summary.press('End');
    await summary.pressSequentially('字');
    assert.equal((await summary.inputValue()).length, 501, 'the textarea accepts a 501st character');
    const counter = page.locator('#field-summary-count');
    assert.ok((await counter.textContent()).includes('超出 1 字'), await counter.textContent());
    assert.ok((await summary.getAttribute('aria-describedby')).split(' ').includes('field-summary-count'));

    // The scope hint already says what the towns call for.
    assert.ok((await page.locator('#field-scope-hint').textContent()).includes('按已选乡镇，应为“跨县域”'));

    await clickCheck(page);
    const box = page.locator('#error-summary');
    await box.waitFor();
    assert.equal(await box.getAttribute('role'), 'alert');
    assert.equal(await box.getByRole('heading').textContent(), '请修改以下问题');
    await expectFocus(page, 'error-summary');
    assert.ok((await page.title()).startsWith('错误：'), `title: ${await page.title()}`);
    assert.equal(await page.locator('#check-success').count(), 0);

    const links = await box.getByRole('link').allTextContents();
    assert.equal(links.length, 3, `three problems listed: ${links.join(' | ')}`);
    assert.ok(links[0].includes('县域内部'), 'the scope mismatch (towns come first in form order)');
    assert.ok(links[1].startsWith('总协调人的联系电话：'), links[1]);
    assert.ok(links[2].includes('不能超过 500 字') && links[2].includes('现有 501 字'), links[2]);

    // The scope mismatch: listed once, shown at both 创建范围 and 关联乡镇（街道）.
    const mismatch = '须全部在申报单位（桐庐县）辖内，以下不是：千岛湖镇（淳安县）';
    await followLink(page, mismatch, { id: 'field-towns' });
    assert.ok((await page.locator('#field-scope-message').textContent()).includes(mismatch));
    const scopeRadio = page.locator('#field-scope');
    assert.equal(await scopeRadio.getAttribute('aria-invalid'), 'true');
    assert.ok((await describedText(scopeRadio)).includes(mismatch));

    await followLink(page, '手机号码应为以 13–19 开头的 11 位数字', { id: 'field-coordinator-phone' });
    await followLink(page, '不能超过 500 字', {
      id: 'field-summary',
      message: '主要内容简介不能超过 500 字，现有 501 字，请删减 1 字',
    });

    // Only the fields with problems are marked.
    const invalid = await page.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((e) => e.id));
    assert.deepEqual(
      invalid.filter((id) => !id.startsWith('field-scope-')),
      ['field-towns', 'field-scope', 'field-coordinator-phone', 'field-summary'],
    );
  }),
);

test(
  'the count of problems agrees between the summary and the status under the check button',
  withApp(async (page) => {
    // A scope mismatch is one problem shown at two fields.
    await fillForm(page, {
      ...VALID,
      towns: [
        ['千岛湖', '千岛湖镇（淳安县）'],
        ['富春江', '富春江镇（桐庐县）'],
      ],
    });
    await clickCheck(page);
    const box = page.locator('#error-summary');
    await box.waitFor();
    const links = await box.getByRole('link').count();
    assert.equal(links, 1);
    assert.ok((await box.textContent()).includes(`共 ${links} 处`));
    assert.equal(await page.locator('.form-status').textContent(), `还有 ${links} 处需要修改。`);
  }),
);

test(
  'a cluster of one town is an error at 关联乡镇（街道）',
  withApp(async (page) => {
    await fillForm(page, { ...VALID, towns: [['富春江', '富春江镇（桐庐县）']] });
    assert.equal(await page.locator('#town-count').textContent(), '已选 1 个：');
    await clickCheck(page);
    await page.locator('#error-summary').waitFor();
    await expectFocus(page, 'error-summary');
    assert.ok((await page.title()).startsWith('错误：'));
    const links = await page.locator('#error-summary').getByRole('link').allTextContents();
    assert.equal(links.length, 1, links.join(' | '));
    assert.ok(links[0].includes('两个及以上') && links[0].includes('目前只有 1 个'), links[0]);
    await followLink(page, '两个及以上', { id: 'field-towns' });

    // Adding a second town clears the error at once, and a new check passes.
    await addTown(page, '江南镇', '江南镇（桐庐县）');
    await eventually(async () => assert.equal(await page.locator('#error-summary').count(), 0));
    assert.equal(await field(page, '关联乡镇（街道）').getAttribute('aria-invalid'), 'false');
    await clickCheck(page);
    await page.locator('#check-success').waitFor();
    await expectFocus(page, 'check-success');
    assert.ok(!(await page.title()).includes('错误：'));
  }),
);

test(
  'messages appear when leaving a field, not while typing in an untouched one',
  withApp(async (page) => {
    const phone = field(page, '总协调人 联系电话');
    const message = page.locator('#field-coordinator-phone-message');
    await phone.click();
    await phone.pressSequentially('12345');
    assert.equal(await message.textContent(), '', 'no message while typing');
    assert.equal(await phone.getAttribute('aria-invalid'), 'false');

    await phone.press('Tab');
    await eventually(async () => assert.ok((await message.textContent()).includes('手机号码应为以 13–19 开头')));
    assert.equal(await phone.getAttribute('aria-invalid'), 'true');
    assert.equal(await activeId(page), 'field-contact-name', 'Tab moves to the next field');
    // The field Tab moved into, and the rest of the form, are still quiet.
    assert.equal(await page.locator('.error-message').count(), 1);
    assert.equal(await page.locator('#error-summary').count(), 0);
    assert.ok(!(await page.title()).includes('错误：'));

    // Once left, the field's message follows the value as it is typed.
    await phone.fill('13857112345');
    await eventually(async () => assert.equal(await message.textContent(), ''));
    assert.equal(await phone.getAttribute('aria-invalid'), 'false');

    // An emptied required field says so when left.
    const name = field(page, '美丽城镇集群化建设名称');
    await name.fill('某某美镇圈');
    await name.fill('');
    assert.equal(await page.locator('#field-cluster-name-message').textContent(), '');
    await name.press('Tab');
    await eventually(async () =>
      assert.ok((await page.locator('#field-cluster-name-message').textContent()).includes('请填写美丽城镇集群化建设名称')),
    );
  }),
);

test(
  'a milestone before 工作专班成立时间 is a warning: the check still passes',
  withApp(async (page) => {
    await fillForm(page, {
      ...VALID,
      dates: { ...VALID.dates, 实施方案完成时间: '2021-03-15' },
    });
    await clickCheck(page);
    const success = page.locator('#check-success');
    await success.waitFor();
    assert.equal(await success.getByRole('heading', { level: 2 }).textContent(), '检查通过');
    await expectFocus(page, 'check-success');
    assert.equal(await page.locator('#error-summary').count(), 0);
    assert.ok(!(await page.title()).includes('错误：'));

    const warning = success.locator('.warning-summary');
    assert.ok((await warning.textContent()).includes('实施方案完成时间早于工作专班成立时间（2021年4月30日）'));
    const inline = page.locator('#field-implementation-plan-date-message');
    assert.ok((await inline.textContent()).includes('早于工作专班成立时间'));
    assert.equal(await inline.locator('.warning-message').count(), 1);
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, 'a warning does not mark the field invalid');

    // The warning's link leads to the date.
    await warning.getByRole('link').click();
    await expectFocus(page, 'field-implementation-plan-date');
  }),
);

test(
  'clicking a radio right after leaving a field that turns invalid selects the radio',
  withApp(async (page) => {
    // The user looks into the town search box, then clicks 特色型 instead. Leaving the box shows
    // its message (no towns yet) above the radios; the click must still land on 特色型.
    const box = field(page, '关联乡镇（街道）');
    await box.click();
    const radio = page.getByRole('group', { name: '创建类型' }).getByLabel('特色型', { exact: true });
    const pageY = () => radio.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    await radio.scrollIntoViewIfNeeded();
    const before = await pageY();
    await radio.click();
    const after = await pageY();
    assert.ok(
      (await page.locator('#field-towns-message').textContent()).includes('请选择两个及以上关联乡镇（街道）'),
      'leaving the box shows its message',
    );
    assert.equal(
      await radio.isChecked(),
      true,
      `特色型 should be selected by the click (the message pushed it down from y=${before} to y=${after} between mousedown and mouseup)`,
    );
  }),
);

test(
  'the form replaces the loading line without moving the page (no layout shift)',
  withAppContext(async ({ context, openApp }) => {
    await context.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__shifts.push(entry.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const page = await openApp();
    // Two frames after the app has started, so that every shift of the first render is reported.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    assert.deepEqual(await page.evaluate(() => window.__shifts), [], 'layout shifts while loading');
  }),
);
