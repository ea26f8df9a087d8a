// Tests the 关联乡镇（街道） picker: keyboard operation of the combobox, removable chips, and towns added by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activeId, eventually, expectFocus, field, useBrowser, withApp } from './helpers.mjs';

useBrowser();

const JIANGNAN = 'town-option-330122113'; // 桐庐县江南镇
const FUCHUNJIANG = 'town-option-330122101'; // 桐庐县富春江镇

test(
  'the town combobox works with the keyboard: arrows, Enter, Escape; a chip is removed with Enter',
  withApp(async (page) => {
    const box = field(page, '关联乡镇（街道）');
    assert.equal(await box.getAttribute('role'), 'combobox');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('#town-count').textContent(), '尚未选择乡镇（街道）');

    await box.focus();
    await box.pressSequentially('江南');
    const options = page.locator('#town-results [role=option]');
    await options.first().waitFor();
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    assert.equal(await box.getAttribute('aria-controls'), 'town-results');
    const ids = await options.evaluateAll((els) => els.map((e) => e.id));
    assert.ok(ids.length >= 2, `several towns named 江南: ${ids}`);
    assert.equal(ids[0], JIANGNAN, 'Hangzhou towns come first');
    assert.equal(await options.first().textContent(), '江南镇');
    // Nothing is highlighted until an arrow key is pressed.
    assert.equal(await box.getAttribute('aria-activedescendant'), null);
    assert.equal(await page.locator('#town-results [aria-selected=true]').count(), 0);

    const expectActive = async (id, why) => {
      assert.equal(await box.getAttribute('aria-activedescendant'), id, why);
      assert.deepEqual(
        await page.locator('#town-results [aria-selected=true]').evaluateAll((els) => els.map((e) => e.id)),
        [id],
        `only #${id} is selected`,
      );
      assert.ok(await page.locator(`#${id}`).evaluate((el) => el.classList.contains('active')));
    };
    await box.press('ArrowDown');
    await expectActive(ids[0], 'ArrowDown highlights the first option');
    await box.press('ArrowDown');
    await expectActive(ids[1], 'ArrowDown moves to the next option');
    await box.press('ArrowUp');
    await expectActive(ids[0], 'ArrowUp moves back');
    await box.press('ArrowUp');
    await expectActive(ids.at(-1), 'ArrowUp wraps to the last');
    await box.press('ArrowDown');
    await expectActive(ids[0], 'ArrowDown wraps to the first');
    await box.press('Enter');
    const remove = page.getByRole('button', { name: '移除 江南镇（桐庐县）', exact: true });
    await remove.waitFor();
    assert.equal(await box.inputValue(), '');
    assert.equal(await page.locator('#town-count').textContent(), '已选 1 个：');
    assert.equal(await activeId(page), 'field-towns', 'focus stays in the search box');

    // A chosen town is not offered again.
    await box.pressSequentially('江南');
    await options.first().waitFor();
    assert.ok(!(await options.evaluateAll((els) => els.map((e) => e.id))).includes(JIANGNAN));

    // Escape closes the list, a second Escape clears the query.
    await box.press('Escape');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('#town-results').count(), 0);
    assert.equal(await box.getAttribute('aria-activedescendant'), null);
    assert.equal(await box.inputValue(), '江南');
    await box.press('Escape');
    assert.equal(await box.inputValue(), '');
    // ArrowDown opens it again.
    await box.pressSequentially('富春江');
    await box.press('Escape');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    await box.press('ArrowDown');
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    assert.equal(await box.getAttribute('aria-activedescendant'), FUCHUNJIANG);
    await box.press('Enter');
    await page.getByRole('button', { name: '移除 富春江镇（桐庐县）', exact: true }).waitFor();
    assert.equal(await page.locator('#town-count').textContent(), '已选 2 个：');

    // The chips come before the search box: Shift+Tab reaches the last chip's remove button.
    await box.press('Shift+Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      '移除 富春江镇（桐庐县）',
    );
    await page.keyboard.press('Enter');
    await eventually(async () =>
      assert.equal(await page.getByRole('button', { name: '移除 富春江镇（桐庐县）', exact: true }).count(), 0),
    );
    await expectFocus(page, 'field-towns');
    assert.equal(await page.locator('#town-count').textContent(), '已选 1 个：');

    // Focusing a remove button directly and pressing Enter works too.
    await remove.focus();
    await remove.press('Enter');
    await eventually(async () => assert.equal(await remove.count(), 0));
    assert.equal(await page.locator('#town-count').textContent(), '尚未选择乡镇（街道）');
    await expectFocus(page, 'field-towns');

    // The live region told what happened.
    assert.equal(await page.locator('.town-picker [role=status]').textContent(), '已移除 江南镇（桐庐县）');
  }),
);

test(
  'with an empty query the list offers the applicant’s own towns',
  withApp(async (page) => {
    await field(page, '申报单位').selectOption({ label: '淳安县' });
    const box = field(page, '关联乡镇（街道）');
    await box.focus();
    await box.press('ArrowDown');
    const options = page.locator('#town-results [role=option]');
    await options.first().waitFor();
    assert.ok((await options.allTextContents()).includes('千岛湖镇'));
    const ids = await options.evaluateAll((els) => els.map((e) => e.id));
    assert.ok(ids.every((id) => id.startsWith('town-option-330127')), 'only 淳安县 towns');
    // Choosing with the mouse works as well.
    await page.locator('#town-option-330127100').click();
    await page.getByRole('button', { name: '移除 千岛湖镇（淳安县）', exact: true }).waitFor();
    // Enter with nothing highlighted adds the first town found.
    await box.pressSequentially('汾口');
    await page.locator('#town-results [role=option]').first().waitFor();
    assert.equal(await box.getAttribute('aria-activedescendant'), null);
    await box.press('Enter');
    await page.getByRole('button', { name: '移除 汾口镇（淳安县）', exact: true }).waitFor();
    assert.equal(await page.locator('#town-count').textContent(), '已选 2 个：');
  }),
);

test(
  'a town the list lacks can be added by hand and is marked 手动添加',
  withApp(async (page) => {
    const disclosure = page.locator('details.custom-town');
    await page.getByText('名单中没有？手动添加乡镇（街道）', { exact: true }).click();
    assert.equal(await disclosure.evaluate((d) => d.open), true);

    const name = field(page, '手动添加的乡镇（街道）名称');
    const county = field(page, '所属县（市、区）');
    const addButton = page.getByRole('button', { name: '添加', exact: true });

    // Without a county: an error, focus on the county select.
    await name.fill('桐庐新城');
    await addButton.click();
    assert.ok((await page.locator('#custom-town-error').textContent()).includes('请选择该乡镇（街道）所属的县（市、区）'));
    await expectFocus(page, 'custom-town-county');

    // A listed town is refused: it must be chosen from the list.
    await county.selectOption({ label: '桐庐县' });
    await name.fill('富春江镇');
    await addButton.click();
    assert.ok((await page.locator('#custom-town-error').textContent()).includes('“富春江镇”在区划名单中'));
    assert.equal(await page.locator('.chip').count(), 0);

    await name.fill('桐庐新城');
    await addButton.click();
    const chip = page.locator('.chip').filter({ hasText: '桐庐新城（桐庐县）' });
    await chip.waitFor();
    assert.equal(await chip.locator('.chip-tag').textContent(), '手动添加');
    assert.ok(await chip.evaluate((el) => el.classList.contains('chip-custom')));
    assert.equal(await page.locator('#custom-town-error').count(), 0);
    assert.equal(await name.inputValue(), '', 'the name box empties after adding');
    assert.equal(
      await chip.getByRole('button').getAttribute('aria-label'),
      '移除 桐庐新城（桐庐县）',
    );

    // A town outside Zhejiang asks for its place.
    await county.selectOption({ label: '浙江省外' });
    await name.fill('深渡镇');
    await addButton.click();
    assert.ok((await page.locator('#custom-town-error').textContent()).includes('请写明“深渡镇”所在的省、市、县'));
    await expectFocus(page, 'custom-town-place');
    await field(page, '所在省、市、县').fill('安徽省黄山市歙县');
    await field(page, '手动添加的乡镇（街道）名称').press('Enter');
    const outside = page.locator('.chip').filter({ hasText: '深渡镇（安徽省黄山市歙县）' });
    await outside.waitFor();
    assert.equal(await outside.locator('.chip-tag').textContent(), '手动添加');
    assert.equal(await page.locator('#town-count').textContent(), '已选 2 个：');
    // The towns now call for 跨市域.
    assert.ok((await page.locator('#field-scope-hint').textContent()).includes('应为“跨市域”'));
  }),
);

test(
  'the hand-added town form builds its 90 county options only when it is first opened',
  withApp(async (page) => {
    // Only 请选择 and 浙江省外 until then.
    assert.equal(await page.locator('#custom-town-county option').count(), 2);
    await page.getByText('名单中没有？手动添加乡镇（街道）', { exact: true }).click();
    await eventually(async () =>
      assert.ok((await page.locator('#custom-town-county option').count()) > 90),
    );
  }),
);
