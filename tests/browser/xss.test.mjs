// Tests that whatever a user types or a file brings is shown as text: markup in every field, in a restored backup and in a verified file never runs and never becomes an element.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VALID, downloadFrom, field, fillForm, openMenu, useBrowser, withAppContext } from './helpers.mjs';

useBrowser();

const IMG = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
const SCRIPT = '"><script>window.__xss=(window.__xss||0)+1</script>';
const SVG = '<svg onload="window.__xss=(window.__xss||0)+1"></svg>';
const PAYLOAD = `${IMG}${SCRIPT}${SVG}`;

/** Nothing ran, and no element came from the payloads. */
async function assertInert(page, where) {
  assert.equal(await page.evaluate(() => window.__xss), undefined, `script ran (${where})`);
  assert.equal(await page.locator('img[src="x"], svg[onload], body script:not([type])').count(), 0, `markup became elements (${where})`);
}

test(
  'markup typed into every field, restored from a backup, or inside a verified file is shown as text and never runs',
  { timeout: 60_000 },
  withAppContext(async ({ openApp }) => {
    const page = await openApp();
    // Every text field of the form, with otherwise valid data so the file can be signed.
    await fillForm(page, {
      ...VALID,
      clusterName: `美镇${IMG}`.slice(0, 40),
      coordinator: { ...VALID.coordinator, 姓名: '<b>王</b>', 所在单位: `单位${SVG}`.slice(0, 50), 职务: SCRIPT.slice(0, 30) },
      contact: { ...VALID.contact, 姓名: '<i>李</i>', 所在单位: IMG.slice(0, 50), 职务: '<u>科长</u>' },
      stageResults: `阶段${PAYLOAD}`,
      summary: `简介${PAYLOAD}`,
    });
    // A hand-added town, outside Zhejiang, named with markup.
    await page.getByText('名单中没有？手动添加乡镇（街道）').click();
    await page.getByLabel('手动添加的乡镇（街道）名称').fill('<b>镇</b>');
    await page.getByLabel('所属县（市、区）').selectOption({ label: '桐庐县' });
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByRole('button', { name: '移除 <b>镇</b>（桐庐县）' }).waitFor();
    await assertInert(page, 'form');
    await page.getByRole('button', { name: '检查填写内容', exact: true }).click();
    await assertInert(page, 'error summary');
    const shown = await page.locator('#field-summary').inputValue();
    assert.ok(shown.includes(IMG), 'the text is kept as typed');

    for (const view of ['我的草稿', '打印', '签名导出']) {
      await openMenu(page, view);
      await assertInert(page, view);
    }
    const answers = await page.locator('body').textContent();
    assert.ok(answers.includes(IMG), `the check-answers page shows the markup as text: ${answers.slice(0, 400)}`);

    // Sign it, then verify the file: every value comes back as text.
    const signed = await downloadFrom(page, () =>
      page.getByRole('button', { name: '确认并签名导出', exact: true }).click(),
    );
    await openMenu(page, '核验申报文件');
    await page.locator('#verify-files').setInputFiles([
      { name: `${IMG}.json`, mimeType: 'application/json', buffer: Buffer.from(signed.text) },
      { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(`{"format": "${SVG}"}`) },
    ]);
    await page.locator('.result-valid').first().waitFor();
    await page.getByRole('button', { name: '查看申报内容' }).first().click();
    await assertInert(page, 'verify view');
    assert.ok((await page.locator('body').textContent()).includes(`${IMG}.json`), 'the file name is shown as text');

    // A backup whose draft name and content carry markup (back on the county's page).
    await openMenu(page, '填写申报表');
    await openMenu(page, '我的草稿');
    const backup = await downloadFrom(page, () => page.getByRole('button', { name: '导出全部草稿（备份文件）' }).click());
    const file = JSON.parse(backup.text);
    file.drafts[0].id = 'xss-copy';
    file.drafts[0].name = `草稿${IMG}`;
    await page.locator('#restore-file').setInputFiles({ name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.getByRole('button', { name: '确认恢复' }).click();
    await page.getByText(`草稿${IMG}`).first().waitFor();
    await assertInert(page, 'restored backup');
    await page.getByRole('button', { name: `打开草稿“草稿${IMG}”` }).click();
    await assertInert(page, 'restored draft opened');
    assert.equal(await field(page, '美丽城镇集群化建设名称').inputValue(), `美镇${IMG}`.slice(0, 40));
  }),
);

test(
  'the page carries a Content-Security-Policy that allows only its own origin and blocks injected inline script',
  withAppContext(
    async ({ openApp }) => {
      const page = await openApp();
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      for (const directive of [
        "default-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "'wasm-unsafe-eval'",
      ]) {
        assert.ok(policy.includes(directive), `${directive} in ${policy}`);
      }
      assert.ok(!policy.includes("'unsafe-inline'") && !policy.includes("'unsafe-eval'"), policy);
      // Markup injected past the app (as a bug might) still cannot run script.
      const violations = await page.evaluate(async () => {
        let count = 0;
        document.addEventListener('securitypolicyviolation', () => (count += 1));
        document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__csp=1">');
        const script = document.createElement('script');
        script.textContent = 'window.__csp = 2';
        document.body.append(script);
        await new Promise((done) => setTimeout(done, 200));
        return count;
      });
      assert.equal(await page.evaluate(() => window.__csp), undefined, 'injected script ran');
      assert.ok(violations >= 2, `violations reported: ${violations}`);
    },
    { allow: [/Content Security Policy/] },
  ),
);
