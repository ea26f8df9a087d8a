// Tests the style sheets (style/*.css) against the oldest kernel the app supports, Chromium 80: no selector, property or rule newer than it, unless it is listed below with why it may stay; and every flex row with a gap has the margins that take the gap's place where the kernel lacks it (html.no-flex-gap, set by the browser check). tests/browser/old-kernels.test.mjs then compares each view's layout on 80 with today's.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const STYLE = join(ROOT, 'style');

// What Chromium 80 lacks, and the version that brought it.
const NEWER = [
  [/:has\(/, ':has() (105)'],
  [/:is\(/, ':is() (88)'],
  [/:where\(/, ':where() (88)'],
  [/(?<!:not\():focus-visible/, ':focus-visible outside :not() (86): pair it with :focus'],
  [/(?:^|[;{\s])aspect-ratio\s*:/, 'aspect-ratio (88)'],
  [/(?:^|[;{\s])inset(?:-block|-inline)?\s*:/, 'inset (87)'],
  [/(?:^|[;{\s])(?:margin|padding)-(?:block|inline)\s*:/, 'logical margin/padding shorthands (87)'],
  [/@container/, '@container (105)'],
  [/@layer/, '@layer (99)'],
  [/color-mix\(/, 'color-mix() (111)'],
  [/\d(?:dvh|svh|lvh)\b/, 'dynamic viewport units (108)'],
  [/(?:^|[;{\s])(?:translate|rotate|scale)\s*:/, 'individual transform properties (104)'],
  [/overflow(?:-[xy])?\s*:\s*clip/, 'overflow: clip (90)'],
  [/content-visibility/, 'content-visibility (85)'],
  [/text-wrap/, 'text-wrap (114)'],
  [/&/, 'nesting (112)'],
  [/accent-color/, 'accent-color (93)'],
  [/@(?:top|bottom|left|right)-/, '@page margin boxes (131)'],
];

// Newer than 80 but kept: what an older kernel does without it.
const KEPT = {
  'accent-color (93)': 'the radios and progress bars keep the system colour',
  '@page margin boxes (131)':
    'the page number “— 1 —” under each printed page; older kernels print the same pages without it',
};

function sheets() {
  return readdirSync(STYLE)
    .filter((n) => n.endsWith('.css'))
    .map((name) => ({ name, css: readFileSync(join(STYLE, name), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '') }));
}

/** Every innermost rule: { selectors: [..], body }. */
function rules(css) {
  const out = [];
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    out.push({ selectors: m[1].trim().split(',').map((s) => s.trim().replace(/\s+/g, ' ')), body: m[2] });
  }
  return out;
}

/** What `css` uses that Chromium 80 lacks and KEPT does not allow: ["what: line"]. */
function newerThan80(css) {
  const problems = [];
  for (const [pattern, what] of NEWER) {
    if (KEPT[what]) continue;
    for (const line of css.split('\n')) if (pattern.test(line)) problems.push(`${what}: ${line.trim()}`);
  }
  return problems;
}

/** The selectors of flex rows with a gap that have no .no-flex-gap fallback, and how many rows. */
function gapsWithoutFallback(css) {
  const all = rules(css);
  const fallbacks = new Set(all.flatMap((r) => r.selectors).filter((s) => s.startsWith('.no-flex-gap ')));
  const missing = [];
  let rows = 0;
  for (const { selectors, body } of all) {
    if (!/display\s*:\s*(?:inline-)?flex/.test(body) || !/(?:^|[;\s])(?:row-|column-)?gap\s*:/.test(body)) continue;
    for (const selector of selectors) {
      rows += 1;
      if (!fallbacks.has(`.no-flex-gap ${selector} > * + *`) && !fallbacks.has(`.no-flex-gap ${selector} > *`)) {
        missing.push(selector);
      }
    }
  }
  return { missing, rows };
}

test('the checks find what Chromium 80 lacks', () => {
  for (const [css, found] of [
    ['.a:has(.b) { color: red; }', 1],
    [':is(h1, h2) { margin: 0; }', 1],
    ['.a:focus-visible { outline: 0; }', 1],
    ['.a:focus:not(:focus-visible) { outline: 0; }', 0],
    ['.a { aspect-ratio: 1; }', 1],
    ['.a { inset: 0; }', 1],
    ['.a { margin-inline: 0; }', 1],
    ['.a { margin-inline-start: 0; }', 0],
    ['.a { accent-color: red; }', 0],
    ['.a { & .b { color: red; } }', 1],
  ]) {
    assert.equal(newerThan80(css).length, found, css);
  }
  assert.deepEqual(gapsWithoutFallback('.row { display: flex; gap: 1rem; }').missing, ['.row']);
  assert.deepEqual(gapsWithoutFallback('.row { display: flex; gap: 1rem; } .no-flex-gap .row > * + * { margin-left: 1rem; }').missing, []);
  assert.deepEqual(gapsWithoutFallback('.grid { display: grid; gap: 1rem; }').missing, [], 'grid gaps are as old as grid');
});

test('the style sheets use nothing newer than Chromium 80 but what is kept, with its reason', () => {
  const problems = sheets().flatMap(({ name, css }) => newerThan80(css).map((p) => `${name}: ${p}`));
  assert.deepEqual(problems, []);
});

test('every flex row with a gap keeps its gap where the kernel lays out flex rows without one (Chromium < 84)', () => {
  const { missing, rows } = gapsWithoutFallback(sheets().map(({ css }) => css).join('\n'));
  assert.ok(rows >= 15, `the flex rows with a gap were found (${rows})`);
  assert.deepEqual(missing, [], 'flex rows whose gap has no fallback');
});
