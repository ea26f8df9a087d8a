// Saves full-page screenshots of the empty form and of the form with errors to tests/output/ for a person to look at.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { test } from 'node:test';
import { VALID, clickCheck, eventually, field, fillForm, screenshot, useBrowser, withApp } from './helpers.mjs';

useBrowser();

test(
  'screenshots: the empty form, the empty form checked, and a form with bad input',
  withApp(async (page) => {
    const empty = await screenshot(page, 'empty-form');
    assert.ok(statSync(empty).size > 20_000);

    await clickCheck(page);
    await page.locator('#error-summary').waitFor();
    await eventually(async () =>
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary'),
    );
    const links = await page.locator('#error-summary').getByRole('link').count();
    assert.ok(links >= 15, `an empty form has a problem at almost every field (${links})`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'empty-form-checked');

    await page.reload();
    await page.getByRole('heading', { name: '杭州市美丽城镇集群化建设申报表' }).waitFor();
    await fillForm(page, {
      ...VALID,
      towns: [
        ['千岛湖', '千岛湖镇（淳安县）'],
        ['富春江', '富春江镇（桐庐县）'],
      ],
      coordinator: { ...VALID.coordinator, 联系电话: '12345' },
      summary: '字'.repeat(501),
      dates: { ...VALID.dates, 实施方案完成时间: '2021-03-15' },
    });
    await field(page, '具体联系人 职务').fill('');
    await clickCheck(page);
    await page.locator('#error-summary').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'form-with-errors');

    // The town list open over the form.
    const box = field(page, '关联乡镇（街道）');
    await box.focus();
    await box.pressSequentially('江南');
    await page.locator('#town-results').waitFor();
    await page.screenshot({ path: empty.replace('empty-form', 'town-list-open'), fullPage: false });
  }),
);
