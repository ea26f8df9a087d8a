// Tests signing through the real UI: export → the download verifies with the meizhen CLI and the OpenSSL and Python recipes of docs/FORMAT.md; the export refuses a form with errors; key backup and restore.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  OUTPUT_DIR,
  eventually,
  expectFocus,
  fillForm,
  openMenu,
  screenshot,
  useBrowser,
  withApp,
} from './helpers.mjs';

useBrowser();

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORK = join(OUTPUT_DIR, 'signing');
/** Argon2id with the recommended costs takes a second or two in a browser. */
const SLOW = { timeout: 30_000 };

/** A fresh folder under tests/output/signing/. */
function workDir(name) {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs `meizhen verify` (building it if needed) and returns { status, stdout }. */
function cliVerify(...files) {
  const run = spawnSync('cargo', ['run', '--quiet', '--bin', 'meizhen', '--', 'verify', ...files], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The grouped fingerprint of this browser's key, as the key panel shows it. */
async function currentFingerprint(page) {
  return (await page.locator('#key-fingerprint').textContent()).trim();
}

test(
  'export through the real UI: check-answers page, signed download, verified by the CLI, OpenSSL and Python',
  withApp(async (page) => {
    const dir = workDir('export');
    await fillForm(page);
    // One attachment: hashed in the browser, listed in the signed file, checked by the CLI.
    const plan = Buffer.from('%PDF-1.4 具体方案 '.repeat(1000));
    await page.locator('#field-attachments').setInputFiles({ name: '具体方案.pdf', mimeType: 'application/pdf', buffer: plan });
    await page.getByRole('button', { name: '移除附件 具体方案.pdf' }).waitFor();

    await page.getByRole('button', { name: '导出签名申报文件', exact: true }).click();
    await page.getByRole('heading', { name: '导出签名申报文件', level: 2 }).waitFor();
    await expectFocus(page, 'export-title');
    const review = page.locator('.export-page .review');
    const text = await review.textContent();
    for (const expected of [
      '桐庐富春江美镇圈',
      '桐庐县',
      '富春江镇（桐庐县）',
      '江南镇（桐庐县）',
      '复合型',
      '县域内部',
      '王建国',
      '0571-64212345',
      '2021年4月30日',
      '2021年9月30日',
      '2021年5月10日',
      '具体方案.pdf',
    ]) {
      assert.ok(text.includes(expected), `the check-answers page shows “${expected}”`);
    }
    // Labels from the form, in the form's order.
    const labels = await review.locator('th').allTextContents();
    assert.equal(labels[0], '美丽城镇集群化建设名称');
    assert.ok(labels.indexOf('总协调人 姓名') < labels.indexOf('工作专班成立时间'));
    assert.ok((await page.locator('.sign-disclaimer').textContent()).includes('不是具有法律效力的电子签名或电子印章'));
    assert.ok((await page.locator('.attachment-binding').textContent()).includes('1 个附件'));
    await screenshot(page, 'export-check-answers');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '确认并签名导出', exact: true }).click(),
    ]);
    const name = download.suggestedFilename();
    assert.match(name, /^杭州市美丽城镇集群化建设申报表-桐庐县-桐庐富春江美镇圈-\d{8}\.json$/);
    const file = join(dir, name);
    await download.saveAs(file);
    await page.locator('#export-done').waitFor();
    const fingerprint = await currentFingerprint(page);
    assert.match(fingerprint, /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    assert.ok((await page.locator('#export-done').textContent()).includes(fingerprint));
    await screenshot(page, 'export-done');

    const signed = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(signed.format, 'hz-meizhen-cluster-declaration');
    assert.equal(signed.signature.keyFingerprint, fingerprint.replaceAll(' ', ''));
    assert.equal(signed.declaration.attachments.length, 1);
    assert.equal(signed.declaration.attachments[0].size, plan.length);

    // The CLI: valid, and the attachment beside it matches.
    writeFileSync(join(dir, '具体方案.pdf'), plan);
    const cli = cliVerify(file);
    assert.equal(cli.status, 0, cli.stdout + cli.stderr);
    const cells = cli.stdout.trim().split('\t');
    assert.equal(cells[1], '有效（未登记的密钥）');
    assert.equal(cells[3], fingerprint);
    assert.equal(cells[4], '桐庐县');
    assert.equal(cells[5], '桐庐富春江美镇圈');
    assert.equal(cells[7], '附件 1 个：具体方案.pdf 一致');
    // An attachment changed after signing is caught.
    writeFileSync(join(dir, '具体方案.pdf'), Buffer.concat([plan, Buffer.from('x')]));
    const altered = cliVerify(file);
    assert.equal(altered.status, 1);
    assert.ok(altered.stdout.includes('具体方案.pdf 内容不一致'), altered.stdout);

    // The independent recipes of docs/FORMAT.md.
    const openssl = execFileSync('sh', [join(ROOT, 'docs/verify/openssl.sh'), file], { encoding: 'utf8' });
    assert.ok(openssl.includes('Signature Verified Successfully'), openssl);
    const python = execFileSync('python3', [join(ROOT, 'docs/verify/verify.py'), file], { encoding: 'utf8' });
    assert.ok(python.startsWith('OK'), python);
    assert.ok(python.includes(signed.signature.keyFingerprint), python);

    // The same key signs again (it is kept in the browser).
    await page.reload();
    await openMenu(page, '签名导出');
    assert.equal(await currentFingerprint(page), fingerprint);
  }),
);

test(
  'the export button on a form with errors runs the check instead',
  withApp(async (page) => {
    await page.getByRole('button', { name: '导出签名申报文件', exact: true }).click();
    await page.locator('#error-summary').waitFor();
    await expectFocus(page, 'error-summary');
    assert.equal(await page.getByRole('button', { name: '确认并签名导出' }).count(), 0);
    // Through the menu, the page says why it cannot sign.
    await openMenu(page, '签名导出');
    const refusal = page.locator('.export-page .error-summary');
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /申报表还有 \d+ 处需要修改，修改后才能签名导出。/);
    await refusal.getByRole('button', { name: '返回修改' }).click();
    await page.locator('#error-summary').waitFor();
  }),
);

test(
  'key backup → restore: a wrong passphrase fails in Chinese, the right one restores the same fingerprint, replacing asks first',
  withApp(async (page) => {
    const dir = workDir('backup');
    await openMenu(page, '签名导出');
    await page.getByRole('button', { name: '创建签名密钥' }).click();
    const original = await currentFingerprint(page);

    // Back up.
    await page.getByText('备份签名密钥', { exact: true }).click();
    await page.getByLabel('设置口令').fill('short');
    await page.getByLabel('再次输入口令').fill('short');
    await page.getByRole('button', { name: '下载密钥备份文件' }).click();
    await page.getByText('口令至少 8 个字符', { exact: true }).waitFor();
    await page.getByLabel('设置口令').fill('富春江 2021 备份');
    await page.getByLabel('再次输入口令').fill('富春江 2021 备份！');
    await page.getByRole('button', { name: '下载密钥备份文件' }).click();
    await page.getByText('两次输入的口令不一致').waitFor();
    await page.getByLabel('再次输入口令').fill('富春江 2021 备份');
    const [download] = await Promise.all([
      page.waitForEvent('download', SLOW),
      page.getByRole('button', { name: '下载密钥备份文件' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^美镇申报签名密钥备份-[0-9a-f]{8}-\d{8}\.json$/);
    const backup = join(dir, download.suggestedFilename());
    await download.saveAs(backup);
    const json = JSON.parse(readFileSync(backup, 'utf8'));
    assert.equal(json.format, 'hz-meizhen-signing-key-backup');
    assert.equal(json.kdf.memoryKiB, 19456);
    assert.equal(json.keyFingerprint, original.replaceAll(' ', ''));
    await page.getByText('已下载密钥备份文件').waitFor();

    // A new browser profile: no key. Another key is created, then the backup restored.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await openMenu(page, '签名导出');
    await page.getByRole('button', { name: '创建签名密钥' }).click();
    const other = await currentFingerprint(page);
    assert.notEqual(other, original);

    await page.getByText('从备份文件恢复', { exact: true }).click();
    await page.locator('#restore-file').setInputFiles(backup);
    await page.getByText('其中密钥的指纹').waitFor();
    await page.getByLabel('口令', { exact: true }).fill('富春江 2021');
    await page.getByRole('button', { name: '恢复密钥' }).click();
    await page.getByText('口令错误（或密钥备份文件已损坏）').waitFor(SLOW);
    assert.equal(await currentFingerprint(page), other, 'a failed restore changes nothing');

    await page.getByLabel('口令', { exact: true }).fill('富春江 2021 备份');
    await page.getByRole('button', { name: '恢复密钥' }).click();
    const confirm = page.getByRole('alertdialog', { name: '替换本机的签名密钥？' });
    await confirm.waitFor(SLOW);
    const shown = await confirm.locator('.fingerprint').allTextContents();
    assert.deepEqual(shown, [other, original], 'both fingerprints are shown');
    await screenshot(page, 'key-restore-confirm');
    await confirm.getByRole('button', { name: '确认替换' }).click();
    await page.getByText(`已恢复签名密钥，指纹：${original}`).waitFor();
    // The browser takes the key over a moment later (IndexedDB): the panel follows.
    await eventually(async () => assert.equal(await currentFingerprint(page), original), 5000);

    // Kept across a reload.
    await page.reload();
    await openMenu(page, '签名导出');
    assert.equal(await currentFingerprint(page), original);

    // Not a backup at all.
    const garbage = join(dir, 'not-a-backup.json');
    writeFileSync(garbage, '{"format":"something-else","version":1}');
    await page.getByText('从备份文件恢复', { exact: true }).click();
    await page.locator('#restore-file').setInputFiles(garbage);
    await page.getByText('不是密钥备份文件', { exact: true }).waitFor();
  }),
);

test(
  'without browser storage the key lives in memory and the page says so',
  withApp(async (page) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('blocked', 'SecurityError');
        },
      });
    });
    await page.reload();
    await page.getByRole('heading', { name: '杭州市美丽城镇集群化建设申报表', exact: true }).waitFor();
    await openMenu(page, '签名导出');
    await page.getByRole('button', { name: '创建签名密钥' }).click();
    await eventually(async () => assert.match(await currentFingerprint(page), /^[0-9a-f]{4} /));
    const warning = page.locator('#key-protection');
    await warning.getByText('请立即“备份签名密钥”').waitFor();
    assert.equal(await warning.getAttribute('role'), 'alert');
  }),
);
