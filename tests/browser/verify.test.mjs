// Tests the 核验申报文件 view: valid, tampered, garbage, foreign and oversized files; dropping files; registering a key; reading a file and opening it as a new draft; attachments matched, altered or missing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  describedText,
  eventually,
  field,
  fillForm,
  openMenu,
  screenshot,
  useBrowser,
  withApp,
} from './helpers.mjs';

useBrowser();

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Signed with the public demonstration key (docs/FORMAT.md); signedAt 2021-06-30T08:00:00Z. */
const EXAMPLE = readFileSync(join(ROOT, 'docs/verify/example.json'));
const EXAMPLE_FINGERPRINT = JSON.parse(EXAMPLE.toString('utf8')).signature.keyFingerprint;
const GROUPED = EXAMPLE_FINGERPRINT.match(/.{4}/g).join(' ');

const json = (name, buffer) => ({ name, mimeType: 'application/json', buffer });

/** The result card of the file named `name`. */
function card(page, name) {
  return page.locator('.result').filter({ has: page.locator('.result-file', { hasText: name }) });
}

async function openFiles(page, files) {
  await page.locator('#verify-files').setInputFiles(files);
}

test(
  'valid, tampered, garbage, foreign and oversized files each get their Chinese verdict',
  withApp(async (page) => {
    await openMenu(page, '核验申报文件');
    await page.getByRole('heading', { name: '核验申报文件', level: 2 }).waitFor();
    const tampered = Buffer.from(EXAMPLE.toString('utf8').replace('桐庐富春江美镇圈', '桐庐富春江美镇带'));
    const newer = Buffer.from(EXAMPLE.toString('utf8').replace('"version": 1', '"version": 2'));
    await openFiles(page, [
      json('valid.json', EXAMPLE),
      json('tampered.json', tampered),
      json('garbage.json', Buffer.from([0x7b, 0x22, 0xff, 0x00, 0x13, 0x37])),
      json('other.json', Buffer.from('{"hello": "world"}')),
      json('newer.json', newer),
      json('huge.json', Buffer.alloc(1024 * 1024 + 1, 0x20)),
    ]);
    await eventually(async () => assert.equal(await page.locator('.result').count(), 6));
    assert.equal(await page.locator('.results-count').textContent(), '共 6 个文件：有效 1 个，无效 5 个。');

    const valid = card(page, 'valid.json');
    // No list of known keys yet: valid, but the key is not registered.
    assert.equal(await valid.locator('.result-badge').textContent(), '有效（未登记的密钥）');
    const facts = await valid.locator('.facts').textContent();
    for (const expected of ['桐庐县', '桐庐富春江美镇圈', '2021年6月30日 16:00（北京时间）', GROUPED, '未登记的密钥']) {
      assert.ok(facts.includes(expected), `valid card shows “${expected}”: ${facts}`);
    }
    for (const [name, reason] of [
      ['tampered.json', '内容被改动'],
      ['garbage.json', '不是有效的 JSON'],
      ['other.json', '不是申报文件'],
      ['newer.json', '版本过新'],
      ['huge.json', '文件过大'],
    ]) {
      const c = card(page, name);
      assert.equal(await c.locator('.result-badge').textContent(), '无效', name);
      assert.equal(await c.locator('.result-reason').textContent(), reason, name);
    }
    assert.ok((await card(page, 'huge.json').locator('.result-detail').textContent()).includes('1048577 字节'));
    await screenshot(page, 'verify-results');

    await page.getByRole('button', { name: '清空结果' }).click();
    assert.equal(await page.locator('.result').count(), 0);
  }),
);

test(
  'files dropped on the page are verified',
  withApp(async (page) => {
    await openMenu(page, '核验申报文件');
    const text = EXAMPLE.toString('utf8');
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], '拖入的申报表.json', { type: 'application/json' }));
      return dt;
    }, text);
    await page.locator('.drop-zone').first().dispatchEvent('drop', { dataTransfer: transfer });
    const c = card(page, '拖入的申报表.json');
    await c.waitFor();
    assert.equal(await c.locator('.result-badge').textContent(), '有效（未登记的密钥）');
  }),
);

test(
  'a verified key can be registered: results then name the office; the list is kept and editable',
  withApp(async (page) => {
    await openMenu(page, '核验申报文件');
    await openFiles(page, [json('valid.json', EXAMPLE)]);
    const c = card(page, 'valid.json');
    await c.waitFor();
    await c.getByRole('button', { name: '登记此密钥' }).click();
    const name = c.getByLabel('登记为（单位名称）');
    assert.match(await describedText(name), /核实密钥指纹确属该单位/, 'the hint is read out with the field');
    assert.equal(await name.inputValue(), '桐庐县美镇办', 'prefilled from 申报单位');
    await c.getByRole('button', { name: '登记', exact: true }).click();
    await eventually(async () => assert.equal(await c.locator('.key-label').textContent(), '桐庐县美镇办（已登记）'));
    assert.equal(await c.getByRole('button', { name: '登记此密钥' }).count(), 0);
    const table = page.locator('.known-keys-table');
    assert.ok((await table.textContent()).includes(GROUPED));

    // Kept in the browser: after a reload the same file reads as registered.
    await page.reload();
    await openMenu(page, '核验申报文件');
    await openFiles(page, [json('again.json', EXAMPLE)]);
    await eventually(async () =>
      assert.equal(await card(page, 'again.json').locator('.key-label').textContent(), '桐庐县美镇办（已登记）'),
    );

    // Renamed in the list.
    const rename = page.locator('.known-keys-table input');
    await rename.fill('桐庐县美丽城镇建设办公室');
    await rename.press('Tab');
    await eventually(async () =>
      assert.equal(await card(page, 'again.json').locator('.key-label').textContent(), '桐庐县美丽城镇建设办公室（已登记）'),
    );

    // Added by fingerprint (with spaces, capitals); a bad one is refused in Chinese.
    await page.getByText('按指纹登记密钥', { exact: true }).click();
    // Each field's hint is read out with it.
    assert.match(await describedText(page.getByLabel('密钥指纹')), /64 位十六进制数字/);
    assert.match(await describedText(page.getByLabel('单位名称', { exact: true })), /桐庐县美镇办/);
    await page.getByLabel('密钥指纹').fill('1234');
    await page.getByLabel('单位名称', { exact: true }).fill('富阳区美镇办');
    await page.getByRole('button', { name: '登记密钥' }).click();
    await page.getByText('密钥指纹应为 64 位十六进制数字').waitFor();
    await page.getByLabel('密钥指纹').fill('AB'.repeat(32).match(/.{4}/g).join(' '));
    await page.getByRole('button', { name: '登记密钥' }).click();
    await eventually(async () => assert.equal(await page.locator('.known-keys-table tbody tr').count(), 2));

    // Removed.
    await page.getByRole('button', { name: '删除 富阳区美镇办' }).click();
    await eventually(async () => assert.equal(await page.locator('.known-keys-table tbody tr').count(), 1));
    await screenshot(page, 'verify-known-keys');
  }),
);

test(
  'a valid file reads back in the form order and opens as a new draft, saying the signature no longer applies',
  withApp(async (page) => {
    await openMenu(page, '核验申报文件');
    await openFiles(page, [json('valid.json', EXAMPLE)]);
    const c = card(page, 'valid.json');
    await c.waitFor();
    await c.getByRole('button', { name: '查看申报内容' }).click();
    const review = c.locator('.review');
    await review.locator('table').first().waitFor();
    const text = await review.textContent();
    for (const expected of ['桐庐富春江美镇圈', '富春江镇（桐庐县）', '2021年4月30日', '王建国', '无附件']) {
      assert.ok(text.includes(expected), `the read-only view shows “${expected}”`);
    }
    assert.equal(await review.locator('input, textarea, select').count(), 0, 'read-only');

    await c.getByRole('button', { name: '作为新草稿打开' }).click();
    await page.getByText('已从签名申报文件创建新草稿；原签名不再适用于修改后的内容').waitFor();
    assert.equal(await field(page, '美丽城镇集群化建设名称').inputValue(), '桐庐富春江美镇圈');
    assert.equal(await field(page, '申报单位').inputValue(), '330122');
    assert.equal(await field(page, '工作专班成立时间').inputValue(), '2021-04-30');
  }),
);

test(
  'attachments: hashed in the form, listed in the signed file, matched, altered or missing in the verify view',
  withApp(async (page) => {
    const plan = Buffer.from('具体方案 第一章 '.repeat(5000));
    const list = Buffer.from('任务清单,责任单位\n1,富春江镇\n');
    await fillForm(page);
    await page.locator('#field-attachments').setInputFiles([
      { name: '具体方案.pdf', mimeType: 'application/pdf', buffer: plan },
      { name: '任务清单.csv', mimeType: 'text/csv', buffer: list },
    ]);
    await eventually(async () => assert.equal(await page.locator('.attachment-item').count(), 2));
    // Adding the same file again does not list it twice.
    await page.locator('#field-attachments').setInputFiles([{ name: '任务清单.csv', mimeType: 'text/csv', buffer: list }]);
    await page.getByText('“任务清单.csv”已在附件中，未重复添加。').waitFor();
    assert.equal(await page.locator('.attachment-item').count(), 2);
    await screenshot(page, 'form-attachments');

    await page.getByRole('button', { name: '导出签名申报文件', exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '确认并签名导出', exact: true }).click(),
    ]);
    const signed = readFileSync(await download.path());
    const listed = JSON.parse(signed.toString('utf8')).declaration.attachments;
    assert.deepEqual(
      listed.map((a) => [a.name, a.size, a.mediaType]),
      [
        ['具体方案.pdf', plan.length, 'application/pdf'],
        ['任务清单.csv', list.length, 'text/csv'],
      ],
    );

    await openMenu(page, '核验申报文件');
    // Only the declaration: both attachments missing.
    await openFiles(page, [json('申报.json', signed)]);
    const statuses = (c) => c.locator('.attachment-check .att-status').allTextContents();
    await eventually(async () => assert.deepEqual(await statuses(card(page, '申报.json')), ['缺少', '缺少']));
    // The plan as it was, the list changed after signing (dropped beside the declaration).
    await page.locator('#verify-attachments').setInputFiles([
      { name: '具体方案.pdf', mimeType: 'application/pdf', buffer: plan },
      { name: '任务清单.csv', mimeType: 'text/csv', buffer: Buffer.concat([list, Buffer.from('2,江南镇\n')]) },
    ]);
    await eventually(async () => assert.deepEqual(await statuses(card(page, '申报.json')), ['一致', '内容不一致']));
    // Non-JSON files chosen with the declarations count as attachments too.
    await openFiles(page, [{ name: '任务清单.csv', mimeType: 'text/csv', buffer: list }]);
    await eventually(async () => assert.deepEqual(await statuses(card(page, '申报.json')), ['一致', '一致']));
    await screenshot(page, 'verify-attachments');
  }),
);

test(
  'known keys: a registered office signing for another 申报单位 is flagged, a second key under a known name warns, and the list goes out and comes back as the command line reads it',
  withApp(async (page) => {
    await openMenu(page, '核验申报文件');
    await openFiles(page, [json('valid.json', EXAMPLE)]);
    const valid = card(page, 'valid.json');
    await valid.waitFor();
    // Registered under another county's office: the badge is plain 有效, with a warning.
    await valid.getByRole('button', { name: '登记此密钥' }).click();
    const office = valid.getByLabel('登记为（单位名称）');
    await office.fill('淳安县美镇办');
    await valid.getByRole('button', { name: '登记', exact: true }).click();
    await eventually(async () => assert.equal(await valid.locator('.result-badge').textContent(), '有效'));
    await eventually(async () =>
      assert.ok((await valid.locator('.key-warning').textContent()).includes('申报单位是“桐庐县”')),
    );

    // Export the list: one line per key, as `meizhen --keys` reads it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出名单（.txt）' }).click(),
    ]);
    const text = readFileSync(await download.path(), 'utf8');
    assert.ok(text.includes(`${GROUPED} 淳安县美镇办`), text);

    // Remove it, then import the list back; a broken list imports nothing.
    await page.getByRole('button', { name: '删除 淳安县美镇办' }).click();
    await eventually(async () => assert.equal(await valid.locator('.result-badge').textContent(), '有效（未登记的密钥）'));
    await page.locator('#known-keys-import').setInputFiles({
      name: 'bad.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('zz 某单位\n'),
    });
    await eventually(async () => assert.ok((await page.locator('.list-message').textContent()).includes('未导入任何密钥')));
    await page.locator('#known-keys-import').setInputFiles({
      name: 'keys.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });
    await eventually(async () => assert.ok((await page.locator('.list-message').textContent()).includes('已导入 1 个密钥')));
    await eventually(async () => assert.equal(await valid.locator('.result-badge').textContent(), '有效'));
  }),
);

test(
  'anything but a signed file under the hand-over key is refused in plain words, removed, and makes no draft',
  withApp(async (page) => {
    // What any page of the origin (or a local file beside the single-file edition) could plant:
    // a bare declaration, announced before as if it came from a signed file; and a tampered file.
    const example = EXAMPLE.toString('utf8');
    const declaration = JSON.parse(example).declaration;
    const tampered = example.replace('桐庐富春江美镇圈', '桐庐富春江美镇带');
    for (const planted of [JSON.stringify(declaration), tampered, '<img src=x onerror=alert(1)>']) {
      await page.evaluate((text) => sessionStorage.setItem('meizhen:open-as-draft', text), planted);
      await page.reload();
      await page.getByText('转来的内容不是有效的签名申报文件，未创建草稿').waitFor();
      assert.equal(await page.evaluate(() => sessionStorage.getItem('meizhen:open-as-draft')), null, 'removed');
      assert.equal(await field(page, '美丽城镇集群化建设名称').inputValue(), '', 'no draft of it');
    }
  }),
);
