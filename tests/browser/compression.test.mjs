// Tests the build's precompressed copies (scripts/compress.py): a .br and a .gz beside every text and wasm file of dist/, each decompressing to its file; the service worker does not precache them; scripts/serve.mjs sends the copy the client accepts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer } from '../../scripts/serve.mjs';
import { rawGet } from './helpers.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'dist');
const TEXT_OR_WASM = /\.(?:html|js|mjs|css|wasm|json|svg|webmanifest|txt)$/;

test('the build writes a .br and a .gz copy of every text and wasm file, each the same content', () => {
  const names = readdirSync(DIST);
  // The single-file edition is for sending, not serving.
  const files = names.filter((n) => TEXT_OR_WASM.test(n) && n !== '美镇申报-单文件版.html');
  assert.ok(files.some((n) => n.endsWith('_bg.wasm')) && files.includes('index.html') && files.includes('sw.js'));
  for (const name of files) {
    const raw = readFileSync(join(DIST, name));
    // A copy is left out only where it would not be smaller (a tiny file).
    for (const [suffix, decode] of [
      ['.br', brotliDecompressSync],
      ['.gz', gunzipSync],
    ]) {
      if (!names.includes(name + suffix)) {
        assert.ok(raw.length < 100, `${name}${suffix} is missing`);
        continue;
      }
      const copy = readFileSync(join(DIST, name + suffix));
      assert.ok(copy.length < raw.length, `${name}${suffix} is smaller`);
      assert.ok(decode(copy).equals(raw), `${name}${suffix} decompresses to ${name}`);
      if (suffix === '.gz') assert.equal(copy.readUInt32LE(4), 0, `${name}.gz carries no time stamp`);
    }
  }
  const wasm = files.find((n) => n.endsWith('_bg.wasm'));
  const size = (n) => readFileSync(join(DIST, n)).length;
  assert.ok(size(`${wasm}.br`) < size(`${wasm}.gz`), 'brotli beats gzip on the wasm');
});

test('the service worker precaches no compressed copy', () => {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const files = JSON.parse(/const FILES = (\[.*\]);/.exec(sw)[1]);
  assert.ok(files.length > 3);
  for (const file of files) {
    assert.ok(!/\.(?:br|gz)$/.test(file), `sw.js lists ${file}`);
    if (file !== './') assert.ok(readdirSync(DIST).includes(file.slice(2)), `${file} exists`);
  }
});

let server;
let base;
before(async () => {
  server = await startServer(DIST, 0);
  base = `http://127.0.0.1:${server.address().port}/`;
});
after(() => new Promise((done) => server.close(done)));

test('serve.mjs sends the copy the client accepts: brotli first, then gzip, else the file', async () => {
  const wasm = readdirSync(DIST).find((n) => n.endsWith('_bg.wasm'));
  for (const [path, name] of [
    [wasm, wasm],
    ['', 'index.html'],
  ]) {
    const raw = readFileSync(join(DIST, name));
    for (const [accept, encoding, body] of [
      ['gzip, deflate, br, zstd', 'br', readFileSync(join(DIST, `${name}.br`))],
      ['gzip, br;q=0', 'gzip', readFileSync(join(DIST, `${name}.gz`))],
      ['identity', undefined, raw],
      [undefined, undefined, raw],
    ]) {
      const res = await rawGet(base + path, accept);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-encoding'], encoding, `${name} for Accept-Encoding: ${accept}`);
      assert.equal(res.headers.vary, 'Accept-Encoding');
      assert.ok(res.body.equals(body), `${name} for Accept-Encoding: ${accept} is the right copy`);
    }
  }
});
