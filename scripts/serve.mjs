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

// The build's precompressed copies (scripts/compress.py): NAME.br and NAME.gz beside NAME.
const SIBLINGS = [
  ['br', '.br'],
  ['gzip', '.gz'],
];

/** The content codings that an Accept-Encoding header accepts (those with q=0 refused). */
export function acceptedEncodings(header = '') {
  const accepted = new Set();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    if (name && !(q && Number(q[1]) === 0)) accepted.add(name);
  }
  return accepted;
}

/**
 * Serves `dir` and resolves to the listening http.Server. A file with precompressed copies is
 * sent as the best copy the client accepts, of `encodings` (brotli, then gzip), with `Vary:
 * Accept-Encoding`, as deploy/nginx.conf does with brotli_static and gzip_static (a copy older
 * than its file, changed after the build, is not used). Every response
 * says `Cache-Control: no-cache`, unless `asDeployed`: then responses are cached as
 * deploy/nginx.conf says, and a file without copies is compressed as nginx's `gzip on` would.
 * `onResponse(req, { status, bytes, sentBytes, encoding })` hears of each response once it is
 * sent (`bytes`: the file's size; `sentBytes`: the body as sent).
 */
export function startServer(
  dir,
  port = 0,
  host = '127.0.0.1',
  { asDeployed = false, onResponse, encodings = ['br', 'gzip'] } = {},
) {
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
      const encoding = headers['Content-Encoding'] ?? 'identity';
      onResponse?.(req, { status, bytes: body.length, sentBytes: sent.length, encoding });
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
      const accepted = acceptedEncodings(req.headers['accept-encoding']);
      let precompressed = false;
      const modified = (await stat(file)).mtimeMs;
      for (const [encoding, suffix] of SIBLINGS) {
        // A copy older than its file is stale (the file was changed after the build): unused.
        const copyStat = await stat(file + suffix).catch(() => null);
        if (!copyStat || copyStat.mtimeMs < modified) continue;
        const copy = await readFile(file + suffix).catch(() => null);
        if (!copy) continue;
        precompressed = true;
        headers.Vary = 'Accept-Encoding';
        if (encodings.includes(encoding) && accepted.has(encoding) && !headers['Content-Encoding']) {
          headers['Content-Encoding'] = encoding;
          sent = copy;
        }
      }
      if (asDeployed) {
        if (HASHED_NAME.test(file)) headers['Cache-Control'] = 'public, max-age=31536000, immutable';
        if (!precompressed && GZIP_TYPES.has(ext) && body.length >= GZIP_MIN_LENGTH) {
          headers.Vary = 'Accept-Encoding';
          if (encodings.includes('gzip') && accepted.has('gzip')) {
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
