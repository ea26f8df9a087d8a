// Tests the signing key at rest: once created (or migrated from an older version's bare record) it is sealed by the browser, so neither localStorage, IndexedDB nor any exported backup holds its seed; where the browser cannot seal it the page says so; the optional passphrase lock asks for the passphrase at each signature.
import assert from 'node:assert/strict';
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  OUTPUT_DIR,
  downloadFrom,
  fillForm,
  openMenu,
  plantBeforeLoad,
  useBrowser,
  withAppContext,
} from './helpers.mjs';

useBrowser();

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const SLOW = { timeout: 60_000 };
const KEY_RECORD = 'meizhen:signing-key';
// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410).
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The fingerprint (SHA-256 of the raw public key, hex) of a 32-byte seed. */
function fingerprintOfSeed(seed) {
  const secret = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(secret).export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(spki.subarray(-32)).digest('hex');
}

/** Records every 32-byte output of crypto.getRandomValues (the seed of a new key is one). */
async function recordRandomness(context) {
  await context.addInitScript(() => {
    window.__random32 = [];
    const original = Crypto.prototype.getRandomValues;
    Crypto.prototype.getRandomValues = function (array) {
      const out = original.call(this, array);
      if (array.byteLength === 32) {
        window.__random32.push(Array.from(new Uint8Array(array.buffer, array.byteOffset, 32)));
      }
      return out;
    };
  });
}

/** The grouped fingerprint shown in the key panel, without spaces. */
async function shownFingerprint(page) {
  return (await page.locator('#key-fingerprint').textContent()).replace(/\s/g, '');
}

/** The seed among the recorded random outputs whose key has the shown fingerprint. */
async function seedOfShownKey(page) {
  const fingerprint = await shownFingerprint(page);
  const candidates = (await page.evaluate(() => window.__random32)).map((a) => Buffer.from(a));
  const seeds = candidates.filter((seed) => fingerprintOfSeed(seed) === fingerprint);
  assert.equal(seeds.length, 1, 'the seed of the new key is found among the random outputs');
  return seeds[0];
}

/**
 * Every way the seed could be spelled in a text: base64 and base64url at each of the three byte
 * alignments (so that it is found even inside a longer encoded blob), hex in either case, the
 * byte list of a JSON array, and its bytes as Latin-1.
 */
function spellings(seed) {
  const out = [];
  for (let k = 0; k < 3; k++) {
    const part = seed.subarray(k, k + 27); // 27 bytes: 36 characters with no padding
    out.push(part.toString('base64'), part.toString('base64url'));
  }
  out.push(seed.toString('hex'), seed.toString('hex').toUpperCase(), seed.join(','), seed.toString('latin1'));
  return out;
}

function assertNoSeed(text, seed, where) {
  for (const spelling of spellings(seed)) {
    assert.ok(!text.includes(spelling), `${where} holds the seed (${spelling.slice(0, 12)}…)`);
  }
}

/** Everything the page's origin keeps: localStorage, and IndexedDB described value by value. */
async function originData(page) {
  return page.evaluate(async () => {
    const local = JSON.stringify(Object.fromEntries(Object.entries(localStorage)));
    const idb = [];
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      for (const storeName of db.objectStoreNames) {
        const values = await new Promise((ok) => {
          const r = db.transaction(storeName).objectStore(storeName).getAll();
          r.onsuccess = () => ok(r.result);
        });
        for (const value of values) {
          if (value instanceof CryptoKey) {
            // Non-extractable: the browser refuses every format, as it should.
            let exported = null;
            for (const format of ['raw', 'pkcs8', 'jwk']) {
              try {
                const out = await crypto.subtle.exportKey(format, value);
                exported = format === 'jwk' ? out : Array.from(new Uint8Array(out));
              } catch {
                // refused
              }
            }
            idb.push({ type: 'CryptoKey', algorithm: value.algorithm.name, extractable: value.extractable, exported });
          } else {
            idb.push({ type: typeof value, json: JSON.stringify(value) });
          }
        }
      }
      db.close();
    }
    return { local, idb };
  });
}

async function createKey(page) {
  await openMenu(page, '签名导出');
  await page.getByRole('button', { name: '创建签名密钥' }).click();
  await page.locator('#key-fingerprint').waitFor();
  await page.locator('#key-protection').getByText('签名密钥加密后保存在本浏览器中').waitFor();
}

test(
  'a new key is sealed: neither localStorage, IndexedDB, a drafts backup nor a signed file holds its seed',
  SLOW,
  withAppContext(async ({ context, openApp }) => {
    await recordRandomness(context);
    const page = await openApp();
    await fillForm(page);
    await createKey(page);
    const seed = await seedOfShownKey(page);

    const record = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY_RECORD));
    assert.equal(record.version, 2);
    assert.equal(record.protection, 'device');
    assert.equal(record.fingerprint, await shownFingerprint(page));

    const { local, idb } = await originData(page);
    assertNoSeed(local, seed, 'localStorage');
    assert.deepEqual(idb, [{ type: 'CryptoKey', algorithm: 'AES-GCM', extractable: false, exported: null }]);

    // Sign, then reload: the same key comes back from its sealed record and signs again.
    const signed = await downloadFrom(page, () =>
      page.getByRole('button', { name: '确认并签名导出', exact: true }).click(),
    );
    assertNoSeed(signed.text, seed, 'the signed file');
    await page.reload();
    await openMenu(page, '签名导出');
    assert.equal(await shownFingerprint(page), record.fingerprint);

    await openMenu(page, '我的草稿');
    const backup = await downloadFrom(page, () =>
      page.getByRole('button', { name: '导出全部草稿（备份文件）' }).click(),
    );
    assertNoSeed(backup.text, seed, 'the drafts backup');
    assertNoSeed((await originData(page)).local, seed, 'localStorage after a reload');
  }),
);

test(
  'an older version’s bare key record is sealed on first load, the bare seed is gone, and the key is the same',
  SLOW,
  withAppContext(async ({ context, openApp }) => {
    const seed = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256));
    await plantBeforeLoad(context, { [KEY_RECORD]: JSON.stringify({ version: 1, seed: seed.toString('base64') }) });
    const page = await openApp();
    await openMenu(page, '签名导出');
    await page.locator('#key-protection').getByText('签名密钥加密后保存在本浏览器中').waitFor();
    assert.equal(await shownFingerprint(page), fingerprintOfSeed(seed));
    const record = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY_RECORD));
    assert.equal(record.protection, 'device');
    assertNoSeed((await originData(page)).local, seed, 'localStorage after migration');

    await openMenu(page, '填写申报表');
    await fillForm(page);
    await openMenu(page, '签名导出');
    const signed = JSON.parse(
      (await downloadFrom(page, () => page.getByRole('button', { name: '确认并签名导出', exact: true }).click())).text,
    );
    assert.equal(signed.signature.keyFingerprint, fingerprintOfSeed(seed), 'the migrated key signs');
  }),
);

test(
  'where the browser cannot seal keys, a new key is kept only under the passphrase lock',
  SLOW,
  withAppContext(async ({ context, openApp }) => {
    // A secure page whose browser offers no crypto.subtle (blocked by policy).
    await context.addInitScript(() => {
      Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined, configurable: true });
    });
    const page = await openApp();
    await openMenu(page, '签名导出');
    await page.locator('#key-needs-passphrase').waitFor();
    assert.equal(await page.getByRole('button', { name: '创建签名密钥' }).count(), 0, 'no key without a passphrase');
    // A secure page: the banner is for plain http and the single-file edition only.
    assert.equal(await page.locator('#key-policy-banner').count(), 0);
    await page.locator('summary', { hasText: '每次签名前输入口令' }).click();
    await page.getByLabel('设置签名口令', { exact: true }).fill('富春江 2021 口令');
    await page.getByLabel('再次输入签名口令', { exact: true }).fill('富春江 2021 口令');
    await page.getByRole('button', { name: '启用口令保护' }).click();
    await page.locator('#key-protection').getByText('每次签名前须输入口令').waitFor({ timeout: 60_000 });
    const fingerprint = await shownFingerprint(page);
    const local = await page.evaluate(() => localStorage.getItem('meizhen:signing-key'));
    assert.match(local, /"protection":"passphrase"/, 'stored locked, never bare');
    await page.reload();
    await openMenu(page, '签名导出');
    assert.equal(await shownFingerprint(page), fingerprint, 'the key is kept');
  }),
);

test(
  '每次签名前输入口令: the stored key is locked by the passphrase, which each signature asks for',
  SLOW,
  withAppContext(async ({ context, openApp }) => {
    await recordRandomness(context);
    const page = await openApp();
    await fillForm(page);
    await createKey(page);
    const seed = await seedOfShownKey(page);
    const fingerprint = await shownFingerprint(page);

    await page.getByText('每次签名前输入口令', { exact: true }).click();
    await page.getByLabel('设置签名口令', { exact: true }).fill('富春江畔的签名口令');
    await page.getByLabel('再次输入签名口令', { exact: true }).fill('富春江畔的签名口令');
    // The passphrase is worked through in a worker, with a progress bar, while the page keeps
    // answering: a timer every 20 ms keeps firing.
    const worker = page.waitForEvent('worker');
    await page.evaluate(() => {
      window.__ticks = [];
      window.__ticker = setInterval(() => window.__ticks.push(performance.now()), 20);
    });
    await page.getByRole('button', { name: '启用口令保护' }).click();
    await page.locator('.kdf-progress progress').waitFor();
    assert.match((await worker).url(), /\/meizhen-kdf_loader\.js$/);
    await page.getByText('已启用口令保护。', { exact: false }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.kdf-progress').count(), 0, 'the progress bar goes once done');
    const longestGap = await page.evaluate(() => {
      clearInterval(window.__ticker);
      const t = window.__ticks;
      return Math.max(...t.slice(1).map((x, i) => x - t[i]));
    });
    assert.ok(longestGap < 500, `the page kept answering (longest pause ${longestGap.toFixed(0)} ms)`);
    const record = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY_RECORD));
    assert.equal(record.protection, 'passphrase');
    assertNoSeed((await originData(page)).local, seed, 'localStorage with the passphrase lock');

    await page.reload();
    await openMenu(page, '签名导出');
    assert.equal(await shownFingerprint(page), fingerprint, 'the locked key’s fingerprint is shown');
    const sign = page.getByRole('button', { name: '确认并签名导出', exact: true });
    await sign.click();
    await page.getByRole('alert').getByText('请输入签名口令').waitFor();
    await page.getByLabel('签名口令', { exact: true }).fill('不是这个口令');
    await sign.click();
    await page.getByRole('alert').getByText('签名口令错误，请重新输入').waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('#export-done').count(), 0, 'nothing is signed with a wrong passphrase');
    await page.getByLabel('签名口令', { exact: true }).fill('富春江畔的签名口令');
    const signed = JSON.parse(
      (await downloadFrom(page, () => sign.click())).text,
    );
    assert.equal(signed.signature.keyFingerprint, fingerprint);
  }),
);

test(
  'a sealed key whose browser-held key was cleared is reported as unreadable and left untouched',
  SLOW,
  withAppContext(async ({ openApp }) => {
    const page = await openApp();
    await createKey(page);
    const record = await page.evaluate((k) => localStorage.getItem(k), KEY_RECORD);
    // The site's IndexedDB is cleared, its localStorage kept (a partial clearing of site data).
    await page.evaluate(
      () =>
        new Promise((done) => {
          const request = indexedDB.deleteDatabase('meizhen-keys');
          request.onsuccess = request.onerror = request.onblocked = () => done();
        }),
    );
    await page.reload();
    await openMenu(page, '签名导出');
    await page.locator('.key-warning').getByText('浏览器中保存的签名密钥无法解开').waitFor();
    assert.equal(await page.locator('#key-fingerprint').count(), 0);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY_RECORD), record, 'the record is kept as it was');
  }),
);

test(
  'where the browser signs Ed25519, the first backup hands the key to the browser: no script can read it, and it still signs',
  SLOW,
  withAppContext(async ({ context, openApp }) => {
    await recordRandomness(context);
    const page = await openApp();
    await fillForm(page);
    await createKey(page);
    const seed = await seedOfShownKey(page);
    const fingerprint = await shownFingerprint(page);
    // Sealed until backed up, and the panel says so plainly: it asks for the backup.
    const note = page.locator('#key-protection');
    await note.getByText('请立即“备份签名密钥”').waitFor();

    await page.locator('summary', { hasText: '备份签名密钥' }).click();
    await page.getByLabel('设置口令', { exact: true }).fill('富春江 2021 备份口令');
    await page.getByLabel('再次输入口令', { exact: true }).fill('富春江 2021 备份口令');
    const backup = await downloadFrom(page, () => page.getByRole('button', { name: '下载密钥备份文件' }).click());
    assert.equal(JSON.parse(backup.text).format, 'hz-meizhen-signing-key-backup');
    await note.getByText('签名密钥由浏览器保管，设为不可读出').waitFor({ timeout: 30_000 });
    assert.equal(await shownFingerprint(page), fingerprint, 'the same key');

    const record = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY_RECORD));
    assert.equal(record.protection, 'browser');
    assert.equal(record.fingerprint, fingerprint);
    const { local, idb } = await originData(page);
    assertNoSeed(local, seed, 'localStorage');
    const ed = idb.filter((v) => v.algorithm === 'Ed25519');
    assert.deepEqual(ed, [{ type: 'CryptoKey', algorithm: 'Ed25519', extractable: false, exported: null }]);
    // `exported: null`: a script of the origin cannot read it in any format (raw, PKCS #8, JWK).

    // Signing goes through crypto.subtle, in the same format; after a reload too.
    await page.reload();
    await openMenu(page, '签名导出');
    await note.getByText('签名密钥由浏览器保管').waitFor();
    const signed = await downloadFrom(page, () =>
      page.getByRole('button', { name: '确认并签名导出', exact: true }).click(),
    );
    const file = JSON.parse(signed.text);
    assert.equal(file.signature.keyFingerprint, fingerprint);
    assertNoSeed(signed.text, seed, 'the signed file');
    // The model verified it before the download; the command-line verifier agrees.
    const dir = join(OUTPUT_DIR, 'key-at-rest');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'browser-signed.json');
    writeFileSync(path, signed.text);
    const run = spawnSync('cargo', ['run', '--quiet', '--bin', 'meizhen', '--', 'verify', path], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /有效/);
  }),
);
