// Shared by the benchmarks: a description of the machine, and writing a results section of
// BENCHMARKS.md between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`.
// `node scripts/bench-report.mjs NAME < OUTPUT` records a benchmark's printed output as section
// NAME (`make bench-signing` records `cargo bench --bench signing` this way).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCHMARKS = join(ROOT, 'BENCHMARKS.md');

const pad = (n) => String(n).padStart(2, '0');

/** The local date and time with its UTC offset, e.g. `2026-11-29 13:40 UTC+08:00`. */
export function now() {
  const d = new Date();
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const zone = `UTC${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())} ${zone}`;
}

/** The commit of the work tree, marked when it has changes other than to BENCHMARKS.md; '' outside git. */
export function commit() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    const changed = git('status', '--porcelain', '--', '.', ':(exclude)BENCHMARKS.md');
    return git('rev-parse', '--short', 'HEAD') + (changed ? ' + uncommitted changes' : '');
  } catch {
    return '';
  }
}

/** One line naming the CPU, cores, memory, OS and Node, then `more` ({ label: value }). */
export function machine(more = {}) {
  const os = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?(.*?)"?$/m)?.[1] ?? 'unknown';
  const facts = {
    CPU: `${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()} cores`,
    RAM: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    OS: os,
    Node: process.version,
    ...more,
  };
  return Object.entries(facts)
    .map(([label, value]) => `${label}: ${value}`)
    .join(' · ');
}

/** Replaces section `name` of BENCHMARKS.md with `markdown` (appends the section if missing). */
export function writeSection(name, markdown) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const text = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : '';
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`.trimStart();
  writeFileSync(BENCHMARKS, next);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const name = process.argv[2];
  if (!name) {
    console.error('用法：node scripts/bench-report.mjs 区段名 < 基准测试的输出');
    process.exit(2);
  }
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const output = Buffer.concat(chunks).toString('utf8').trimEnd();
  const revision = commit();
  const head = [now(), revision && `commit ${revision}`].filter(Boolean).join(' · ');
  writeSection(name, `_${head}_\n\n${machine()}\n\n\`\`\`text\n${output}\n\`\`\``);
  console.log(`已写入 BENCHMARKS.md（${name}）`);
}
