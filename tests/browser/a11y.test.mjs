// Tests accessibility with axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every view: the empty form, the form with errors, the filled form, the draft list, the export page, the print view, the verify view with results and its 汇总表 print preview.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { clickCheck, downloadFrom, fillForm, openMenu, useBrowser, withApp } from './helpers.mjs';

useBrowser();

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe in the page (through the debugging protocol, so the page's CSP does not apply). */
async function violations(page) {
  const result = await page.evaluate(
    async ([source, tags]) => {
      if (!window.axe) (0, eval)(source);
      const run = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return run.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      }));
    },
    [AXE, TAGS],
  );
  return result;
}

async function expectNone(page, view) {
  const found = await violations(page);
  assert.deepEqual(found, [], `axe violations on ${view}:\n${JSON.stringify(found, null, 2)}`);
}

test(
  'no axe violations on any view',
  { timeout: 60_000 },
  withApp(async (page) => {
    await expectNone(page, 'the empty form');
    await clickCheck(page);
    await page.locator('#error-summary').waitFor();
    await expectNone(page, 'the form with errors');
    await fillForm(page);
    await clickCheck(page);
    await page.locator('#check-success').waitFor();
    await expectNone(page, 'the filled form');
    await openMenu(page, '我的草稿');
    await expectNone(page, 'the draft list');
    await openMenu(page, '签名导出');
    const signed = await downloadFrom(page, () =>
      page.getByRole('button', { name: '确认并签名导出', exact: true }).click(),
    );
    await expectNone(page, 'the export page after signing');
    await openMenu(page, '打印');
    await expectNone(page, 'the print view');
    await openMenu(page, '核验申报文件');
    await page.locator('#verify-files').setInputFiles([
      { name: 'signed.json', mimeType: 'application/json', buffer: Buffer.from(signed.text) },
      { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{') },
    ]);
    await page.locator('.result-valid').first().waitFor();
    await page.getByRole('button', { name: '查看申报内容' }).first().click();
    await expectNone(page, 'the verify view with results');
    await page.getByRole('button', { name: '打印汇总表', exact: true }).click();
    await page.locator('.summary-sheet').waitFor();
    await expectNone(page, 'the 汇总表 print preview');
  }),
);
