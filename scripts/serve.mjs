// A small static file server for dist/, bound to 127.0.0.1 only.
// `node scripts/serve.mjs DIR PORT` serves DIR; tests import startServer() and use port 0.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';

const gzip = promisify(gzipCallback);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

// As deploy/nginx.conf serves the site: what it compresses (its gzip_types, and HTML) with gzip
// level 6 when 512 bytes or more, and which names it lets browsers cache for a year.
const GZIP_TYPES = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg']);
const GZIP_MIN_LENGTH = 512;
const GZIP_LEVEL = 6;
// Trunk writes the hash without leading zeros: 16 hex digits, occasionally fewer.
const HASHED_NAME = /-[0-9a-f]{12,16}(?:_bg)?\.(?:js|wasm|css|svg)$/;

/**
 * Serves `dir` and resolves to the listening http.Server. Every response says `Cache-Control:
 * no-cache`, unless `asDeployed`: then responses are compressed and cached as deploy/nginx.conf
 * says. `onResponse(req, { status, bytes, sentBytes })` hears of each response once it is sent
 * (`bytes`: the file's size; `sentBytes`: the body as sent).
 */
export function startServer(dir, port = 0, host = '127.0.0.1', { asDeployed = false, onResponse } = {}) {
  const root = resolve(dir);
  const compressed = new Map(); // file → { body, gz }: each content is compressed once.
  const gzipped = async (file, body) => {
    const hit = compressed.get(file);
    if (hit?.body.equals(body)) return hit.gz;
    const gz = await gzip(body, { level: GZIP_LEVEL });
    compressed.set(file, { body, gz });
    return gz;
  };
  const server = createServer(async (req, res) => {
    const send = (status, headers, body, sent = body) => {
      res.writeHead(status, { ...headers, 'Content-Length': sent.length });
      res.end(req.method === 'HEAD' ? undefined : sent);
      onResponse?.(req, { status, bytes: body.length, sentBytes: sent.length });
    };
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        send(403, {}, Buffer.from('forbidden'));
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const ext = extname(file);
      const headers = {
        'Content-Type': TYPES[ext] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      };
      let sent = body;
      if (asDeployed) {
        if (HASHED_NAME.test(file)) headers['Cache-Control'] = 'public, max-age=31536000, immutable';
        if (GZIP_TYPES.has(ext) && body.length >= GZIP_MIN_LENGTH) {
          headers.Vary = 'Accept-Encoding';
          if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
            headers['Content-Encoding'] = 'gzip';
            sent = await gzipped(file, body);
          }
        }
      }
      send(200, headers, body, sent);
    } catch {
      send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from('未找到'));
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'dist';
  const port = Number(process.argv[3] ?? 8080);
  const server = await startServer(dir, port);
  console.log(`美镇申报已启动：http://127.0.0.1:${server.address().port}/ （按 Ctrl+C 停止）`);
}
