// Tests the drafts end to end in Chromium: autosave and flush on close, a long draft list, two
// tabs editing one draft, a full or blocked localStorage, damaged and newer entries, backup and
// restore, delete with undo, rename, duplicate, and the last open draft. Also prints timings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  downloadFrom,
  eventually,
  field,
  plantBeforeLoad,
  storageEntries,
  useBrowser,
  waitForApp,
  withAppContext,
} from './helpers.mjs';

useBrowser();

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'drafts');
const V1 = JSON.parse(readFileSync(join(FIXTURES, 'v1.json'), 'utf8'));
const V2_NEWER_TEXT = readFileSync(join(FIXTURES, 'v2-newer.json'), 'utf8');

const NAME = '美丽城镇集群化建设名称';
const STAGE = '2021年计划完成的阶段性成果';
const SUMMARY = '主要内容简介（500字）';
const COORDINATOR = '总协调人 姓名';
const DRAFT_PREFIX = 'meizhen:draft:';
/** The app's debounce before an autosave (src/ui/drafts/session.rs). */
// Autosave writes in the frame after an edit; waits below give it this long (many frames).
const SETTLE_MS = 400;

// ---------------------------------------------------------------------------------------------
// Helpers

/** A valid v1 record (cf. tests/fixtures/drafts/v1.json) with the given parts replaced. */
function record({ id, name, clusterName, summary = '', modifiedAt, revision = 1 }) {
  const r = structuredClone(V1);
  r.id = id;
  r.revision = revision;
  r.modifiedAt = modifiedAt ?? r.modifiedAt;
  if (name === undefined) delete r.name;
  else r.name = name;
  r.declaration.clusterName = clusterName ?? r.declaration.clusterName;
  r.declaration.summary = summary;
  return r;
}

/** Stored draft records of the page, parsed, by id. */
async function storedDrafts(page) {
  const entries = await storageEntries(page, DRAFT_PREFIX);
  return Object.fromEntries(
    Object.entries(entries).map(([key, value]) => [key.slice(DRAFT_PREFIX.length), JSON.parse(value)]),
  );
}

/** The one stored draft record (fails if there is not exactly one). */
async function onlyDraft(page) {
  const drafts = Object.values(await storedDrafts(page));
  assert.equal(drafts.length, 1, 'exactly one stored draft');
  return drafts[0];
}

const status = (page) => page.locator('#save-status');

/** Waits for "已自动保存 HH:MM:SS" and returns the text. */
async function waitSaved(page, timeout = 3000) {
  return eventually(async () => {
    const text = await status(page).textContent();
    assert.match(text, /^已自动保存 \d\d:\d\d:\d\d$/, `status: “${text}”`);
    return text;
  }, timeout);
}

/** Current Beijing time in seconds of the day. */
function beijingSeconds(ms = Date.now()) {
  const d = new Date(ms + 8 * 3600e3);
  return d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
}

function clockSeconds(text) {
  const [h, m, s] = text.match(/(\d\d):(\d\d):(\d\d)/).slice(1).map(Number);
  return h * 3600 + m * 60 + s;
}

async function menu(page, label) {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: label, exact: true }).click();
}

const rows = (page) => page.locator('.drafts-table tbody tr');

async function rowNames(page) {
  return page.locator('.drafts-table tbody .draft-name').allTextContents();
}

const banner = (page, heading) =>
  page.locator('.banner').filter({ has: page.getByRole('heading', { name: heading }) });

const conflictBanner = (page) => page.locator('#conflict-banner');

function button(page, name, exact = true) {
  return page.getByRole('button', { name, exact });
}

/** The "当前草稿：…" line. */
async function currentDraftName(page) {
  return (await page.locator('.draft-name-line strong').textContent()).trim();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function p95(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.95) - 1];
}

const ms = (x) => `${x.toFixed(2)} ms`;

// ---------------------------------------------------------------------------------------------
// 1. Autosave, and flush when the page is closed at once

test(
  'autosave: each edit is stored in the next frame and the status shows “已自动保存 HH:MM:SS”; closing the page at once keeps every field',
  withAppContext(async ({ openApp }) => {
    const page = await openApp();
    const line = status(page);
    assert.equal(await line.getAttribute('aria-live'), 'polite');
    assert.equal(await line.getAttribute('role'), 'status');
    assert.equal((await line.textContent()).trim(), '', 'nothing to say before typing');
    assert.deepEqual(await storedDrafts(page), {}, 'nothing stored before typing');

    // Time from the input event to the status line saying saved, inside the page.
    await page.evaluate(() => {
      window.__saveTiming = {};
      const line = document.getElementById('save-status');
      new MutationObserver(() => {
        if (line.textContent.startsWith('已自动保存') && !window.__saveTiming.saved) {
          window.__saveTiming.saved = performance.now();
        }
      }).observe(line, { childList: true, subtree: true, characterData: true });
      document.addEventListener('input', () => (window.__saveTiming.input = performance.now()), true);
    });
    await field(page, NAME).fill('临安天目山美镇圈');
    assert.notEqual(await line.textContent(), '正在保存…', 'no “saving” flicker');
    const text = await waitSaved(page);
    const timing = await page.evaluate(() => window.__saveTiming);
    const delay = timing.saved - timing.input;
    console.log(`# autosave: input → “已自动保存” in ${ms(delay)} (the next frame)`);
    assert.ok(delay <= 250, `saved in the next frame or so, not after a pause (${delay} ms)`);
    const diff = Math.abs(clockSeconds(text) - beijingSeconds());
    assert.ok(diff <= 2 || diff >= 86400 - 2, `“${text}” is the current Beijing time`);
    assert.equal((await onlyDraft(page)).declaration.clusterName, '临安天目山美镇圈');

    // Several fields, then close at once: the save must happen on pagehide/visibilitychange.
    await field(page, COORDINATOR).fill('赵天目');
    await field(page, STAGE).fill('完成集群规划编制。');
    await field(page, SUMMARY).click();
    await field(page, SUMMARY).pressSequentially('输入后立即关闭');
    await page.close();

    const again = await openApp();
    assert.equal(await field(again, NAME).inputValue(), '临安天目山美镇圈');
    assert.equal(await field(again, COORDINATOR).inputValue(), '赵天目');
    assert.equal(await field(again, STAGE).inputValue(), '完成集群规划编制。');
    assert.equal(await field(again, SUMMARY).inputValue(), '输入后立即关闭');
    assert.equal(await currentDraftName(again), '临安天目山美镇圈');
    const stored = await onlyDraft(again);
    assert.equal(stored.declaration.summary, '输入后立即关闭');
    assert.equal(stored.declaration.coordinator.name, '赵天目');
    assert.equal((await status(again).textContent()).trim(), '', 'a reopened draft has nothing to save');
  }),
);

// ---------------------------------------------------------------------------------------------
// 2. A hundred drafts

test(
  'a hundred stored drafts are all listed in 我的草稿, quickly; opening one shows its content',
  withAppContext(async ({ context, newPage, openApp }) => {
    const entries = {};
    for (let i = 0; i < 100; i++) {
      const n = String(i).padStart(3, '0');
      const minute = String(i % 60).padStart(2, '0');
      const hour = String(8 + Math.floor(i / 60)).padStart(2, '0');
      entries[`${DRAFT_PREFIX}d${n}`] = JSON.stringify(
        record({
          id: `d${n}`,
          name: `草稿 ${n}`,
          clusterName: `集群 ${n}`,
          summary: `第 ${n} 份草稿的简介。`,
          modifiedAt: `2024-05-03T${hour}:${minute}:00Z`,
        }),
      );
    }
    await plantBeforeLoad(context, entries);
    const page = await newPage();
    const start = performance.now();
    await openApp(page);
    const loaded = performance.now();
    await menu(page, '我的草稿');
    await eventually(async () => assert.equal(await rows(page).count(), 100), 10000);
    const listed = performance.now();
    const inPage = await page.evaluate(() => performance.now());
    console.log(
      `# 100 drafts: navigation → app ready ${ms(loaded - start)}; → list of 100 rendered ${ms(listed - start)} ` +
        `(menu click → list ${ms(listed - loaded)}; page clock since navigation start ${ms(inPage)})`,
    );
    const names = await rowNames(page);
    assert.equal(names.length, 100);
    assert.equal(names[0], '草稿 099', 'most recently modified first');
    assert.equal(names[99], '草稿 000');
    assert.equal(new Set(names).size, 100, 'every draft once');

    await button(page, '打开草稿“草稿 042”').click();
    await field(page, NAME).waitFor();
    assert.equal(await field(page, NAME).inputValue(), '集群 042');
    assert.equal(await field(page, SUMMARY).inputValue(), '第 042 份草稿的简介。');
    assert.equal(await currentDraftName(page), '草稿 042');
    assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('meizhen:state'))).lastOpen, 'd042');
  }),
);

// ---------------------------------------------------------------------------------------------
// 3. Two tabs, one draft

/**
 * Lets a test hold back the `storage` events a page hears of other tabs' writes (while
 * `window.__holdStorage` is true) and deliver them later (`window.__releaseStorage()`), as when
 * two people type in the same instant and neither tab has yet heard of the other's save.
 */
async function slowStorageEvents(context) {
  await context.addInitScript(() => {
    const held = [];
    window.__holdStorage = false;
    addEventListener(
      'storage',
      (event) => {
        if (!window.__holdStorage) return;
        event.stopImmediatePropagation();
        held.push(event);
      },
      true,
    );
    window.__releaseStorage = () => {
      window.__holdStorage = false;
      for (const e of held.splice(0)) {
        const { key, oldValue, newValue, url, storageArea } = e;
        dispatchEvent(new StorageEvent('storage', { key, oldValue, newValue, url, storageArea }));
      }
    };
  });
}

/**
 * Types different text into 主要内容简介 in `first`, then in `second` before `second` has heard
 * of `first`'s save (its storage events are held back until it has tried to save).
 */
async function typeInBoth(first, firstText, second, secondText) {
  await second.evaluate(() => (window.__holdStorage = true));
  await field(first, SUMMARY).fill(firstText);
  await eventually(async () => assert.equal((await onlyDraft(first)).declaration.summary, firstText));
  await field(second, SUMMARY).fill(secondText);
  await second.waitForTimeout(200);
  await second.evaluate(() => window.__releaseStorage());
}

/**
 * After `typeInBoth`: the earlier saver `winner` saves; the later `loser` gets the conflict
 * banner and writes nothing.
 */
async function expectConflict(winner, winnerText, loser) {
  await conflictBanner(loser).waitFor();
  assert.equal(
    await conflictBanner(loser).getByRole('heading').textContent(),
    '此草稿已在另一个窗口中修改',
  );
  await waitSaved(winner);
  const stored = await onlyDraft(winner);
  assert.equal(stored.declaration.summary, winnerText, 'the earlier save is stored');
  // Give the loser ample time: it must not overwrite.
  await winner.waitForTimeout(SETTLE_MS + 400);
  const later = await onlyDraft(winner);
  assert.equal(later.declaration.summary, winnerText, 'the later saver did not overwrite');
  assert.equal(later.revision, stored.revision, 'nothing was written after the winner');
  assert.equal(await conflictBanner(winner).count(), 0, 'the earlier saver has no conflict');
  assert.ok(
    !(await status(loser).textContent()).startsWith('已自动保存'),
    'the loser does not claim to have saved',
  );
  return later;
}

test(
  'two tabs: an idle tab adopts the other’s save; concurrent edits give the conflict banner, and each choice does what it says',
  withAppContext(async ({ context, openApp }) => {
    await slowStorageEvents(context);
    const a = await openApp();
    await field(a, NAME).fill('余杭良渚美镇圈');
    await waitSaved(a);
    const b = await openApp();
    assert.equal(await field(b, NAME).inputValue(), '余杭良渚美镇圈', 'B opens the same (last open) draft');
    const id = (await onlyDraft(a)).id;

    // A saves; B has no edits of its own and takes A's content, with a notice.
    await field(a, SUMMARY).fill('A 的第一段。');
    await waitSaved(a);
    await eventually(async () => assert.equal(await field(b, SUMMARY).inputValue(), 'A 的第一段。'));
    await b.getByText('此草稿已在另一个窗口中更新，本窗口已载入最新内容。').waitFor();
    assert.equal(await conflictBanner(b).count(), 0);
    await button(b, '关闭提示').click();

    // Round 1: both type; B saves later and gets the banner; B chooses to overwrite.
    await typeInBoth(a, 'A 的第二段。', b, 'B 的第二段。');
    let before = await expectConflict(a, 'A 的第二段。', b);
    assert.equal(await field(b, SUMMARY).inputValue(), 'B 的第二段。', 'B keeps its text while it chooses');
    await button(b, '用本窗口的内容覆盖').click();
    await waitSaved(b);
    assert.equal(await conflictBanner(b).count(), 0);
    let stored = await onlyDraft(b);
    assert.equal(stored.declaration.summary, 'B 的第二段。', 'B’s content replaced A’s, as chosen');
    assert.equal(stored.revision, before.revision + 1);
    // A has no unsaved edits: it takes B's version.
    await eventually(async () => assert.equal(await field(a, SUMMARY).inputValue(), 'B 的第二段。'));
    assert.equal(await conflictBanner(a).count(), 0);

    // Round 2: B chooses to load A's version.
    await typeInBoth(a, 'A 的第三段。', b, 'B 的第三段。');
    before = await expectConflict(a, 'A 的第三段。', b);
    await button(b, '载入另一窗口的版本（放弃本窗口的修改）').click();
    assert.equal(await conflictBanner(b).count(), 0);
    assert.equal(await field(b, SUMMARY).inputValue(), 'A 的第三段。', 'B shows A’s version');
    await b.waitForTimeout(SETTLE_MS + 300);
    stored = await onlyDraft(b);
    assert.deepEqual(stored, before, 'loading the other version writes nothing');
    // B is in step again: its next edit saves normally.
    await field(b, STAGE).fill('B 在载入后继续填写。');
    await waitSaved(b);
    stored = await onlyDraft(b);
    assert.equal(stored.declaration.summary, 'A 的第三段。');
    assert.equal(stored.declaration.stageResults, 'B 在载入后继续填写。');
    await eventually(async () => assert.equal(await field(a, STAGE).inputValue(), 'B 在载入后继续填写。'));

    // Round 3: B first this time, so A gets the banner; A keeps its text as a new draft.
    await typeInBoth(b, 'B 的第四段。', a, 'A 的第四段。');
    before = await expectConflict(b, 'B 的第四段。', a);
    await menu(b, '我的草稿');
    assert.deepEqual(await rowNames(b), ['余杭良渚美镇圈']);
    await button(a, '把本窗口的内容另存为新草稿').click();
    await waitSaved(a);
    assert.equal(await conflictBanner(a).count(), 0);
    const drafts = await storedDrafts(a);
    assert.equal(Object.keys(drafts).length, 2, 'a second draft');
    assert.deepEqual(drafts[id], before, 'the original is untouched');
    const [copyId] = Object.keys(drafts).filter((k) => k !== id);
    assert.equal(drafts[copyId].declaration.summary, 'A 的第四段。');
    assert.equal(drafts[copyId].name, '余杭良渚美镇圈（本窗口的版本）');
    assert.equal(await currentDraftName(a), '余杭良渚美镇圈（本窗口的版本）');
    // B's list follows the storage event.
    await eventually(async () =>
      assert.deepEqual((await rowNames(b)).sort(), ['余杭良渚美镇圈', '余杭良渚美镇圈（本窗口的版本）'].sort()),
    );
  }),
);

test(
  'two tabs: while the conflict banner waits for a choice, the status line does not say “正在保存…”',
  withAppContext(async ({ context, openApp }) => {
    await slowStorageEvents(context);
    const a = await openApp();
    await field(a, NAME).fill('拱墅运河美镇圈');
    await waitSaved(a);
    const b = await openApp();
    assert.equal(await field(b, NAME).inputValue(), '拱墅运河美镇圈');
    await typeInBoth(a, 'A 的内容。', b, 'B 的内容。');
    await expectConflict(a, 'A 的内容。', b);
    // Autosave is paused until the user chooses; the polite status must not claim a save is
    // under way (it is what a screen reader user hears).
    const text = await status(b).textContent();
    assert.notEqual(text, '正在保存…', 'the status line says a save is under way while autosave is paused');
    assert.match(text, /^未能保存/, `status: “${text}”`);
  }),
);

// ---------------------------------------------------------------------------------------------
// 4. Storage full

/** Fills localStorage with filler keys (not under meizhen:) until a write throws QuotaExceededError. */
async function fillQuota(page) {
  return page.evaluate(() => {
    let n = 0;
    let chars = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      const value = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler:${n}`, value);
          n += 1;
          chars += size;
        } catch (error) {
          if (error.name !== 'QuotaExceededError') throw error;
          break;
        }
      }
    }
    // A new key costs its name too: what is left may still let a stored record grow by a few
    // characters. Grow the last filler one character at a time until nothing fits.
    if (n > 0) {
      let last = localStorage.getItem(`filler:${n - 1}`);
      for (;;) {
        try {
          localStorage.setItem(`filler:${n - 1}`, last + 'x');
          last += 'x';
          chars += 1;
        } catch (error) {
          if (error.name !== 'QuotaExceededError') throw error;
          break;
        }
      }
    }
    let full = false;
    try {
      localStorage.setItem(`filler:${n}`, 'x');
      localStorage.removeItem(`filler:${n}`);
    } catch (error) {
      full = error.name === 'QuotaExceededError';
    }
    return { keys: n, chars, full };
  });
}

async function removeFiller(page) {
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('filler:')) localStorage.removeItem(key);
  });
}

test(
  'storage full: “未能保存” and the 存储空间已满 banner; the stored version and the typed text stay; it saves once there is room',
  withAppContext(async ({ openApp }) => {
    const page = await openApp();
    await field(page, NAME).fill('建德新安江美镇带');
    await field(page, SUMMARY).fill('保存过的内容。');
    await waitSaved(page);
    // The status stays calm while typing, so wait for the record itself to hold the last edit.
    const key = Object.keys(await storageEntries(page, DRAFT_PREFIX))[0];
    await eventually(async () =>
      assert.ok((await storageEntries(page, DRAFT_PREFIX))[key].includes('保存过的内容。')),
    );
    const before = (await storageEntries(page, DRAFT_PREFIX))[key];

    const filled = await fillQuota(page);
    console.log(`# quota: filled with ${filled.keys} filler keys, ${filled.chars} characters`);
    assert.ok(filled.full, 'localStorage is full');

    await field(page, SUMMARY).click();
    await page.keyboard.press('End');
    await field(page, SUMMARY).pressSequentially('空间满后输入的内容');
    await eventually(async () => assert.match(await status(page).textContent(), /^未能保存/));
    assert.ok((await status(page).textContent()).includes('存储空间已满'));
    await banner(page, /存储空间已满/).waitFor();
    assert.equal((await storageEntries(page, DRAFT_PREFIX))[key], before, 'the stored version is unchanged');
    assert.equal(await field(page, SUMMARY).inputValue(), '保存过的内容。空间满后输入的内容', 'the typed text stays');

    await removeFiller(page);
    await field(page, SUMMARY).pressSequentially('。');
    await waitSaved(page);
    await eventually(async () => assert.equal(await banner(page, /存储空间已满/).count(), 0));
    const stored = JSON.parse((await storageEntries(page, DRAFT_PREFIX))[key]);
    assert.equal(stored.declaration.summary, '保存过的内容。空间满后输入的内容。');
  }),
);

test(
  'storage full when the page loads: the stored drafts are still listed and opened',
  withAppContext(async ({ openApp }) => {
    const page = await openApp();
    await field(page, NAME).fill('淳安千岛湖美镇圈');
    await waitSaved(page);
    const before = await storageEntries(page);
    assert.ok((await fillQuota(page)).full, 'localStorage is full');

    // A full storage can still be read: the draft must come back, not an empty form.
    const again = await openApp();
    try {
      assert.equal(await field(again, NAME).inputValue(), '淳安千岛湖美镇圈', 'the stored draft reopens');
      await menu(again, '我的草稿');
      assert.deepEqual(await rowNames(again), ['淳安千岛湖美镇圈']);
      await menu(again, '填写申报表');
      assert.equal(
        await banner(again, '草稿无法保存在浏览器中').count(),
        0,
        'a full storage is not reported as blocked',
      );
    } finally {
      await removeFiller(again);
    }
    assert.deepEqual(await storageEntries(again), before, 'nothing stored was lost');
  }),
);

// ---------------------------------------------------------------------------------------------
// 5. Storage blocked

test(
  'storage blocked (localStorage throws SecurityError): the app starts, says so, the form works, and 导出备份文件 saves what was typed',
  withAppContext(async ({ context, openApp }) => {
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    const page = await openApp();
    const blocked = banner(page, '草稿无法保存在浏览器中');
    await blocked.waitFor();
    assert.equal(await blocked.getAttribute('role'), 'alert');
    assert.ok((await blocked.textContent()).includes('浏览器禁止本页面保存数据'));

    await field(page, NAME).fill('萧山湘湖美镇圈');
    await field(page, SUMMARY).fill('存储被禁止时填写的简介。');
    await field(page, '申报单位').selectOption({ label: '萧山区' });
    await page.waitForTimeout(SETTLE_MS + 200);
    assert.equal(await status(page).textContent(), '未保存：浏览器不允许本页面保存数据');
    assert.equal(await field(page, NAME).inputValue(), '萧山湘湖美镇圈');
    // The check still runs.
    await button(page, '检查填写内容').click();
    await page.locator('#error-summary').waitFor();

    const file = await downloadFrom(page, () => blocked.getByRole('button', { name: '导出备份文件' }).click());
    assert.match(file.name, /^美镇申报草稿备份-\d{8}-\d{4}\.json$/);
    const backup = JSON.parse(file.text);
    assert.equal(backup.format, 'hz-meizhen-drafts-backup');
    assert.equal(backup.drafts.length, 1);
    assert.equal(backup.drafts[0].declaration.clusterName, '萧山湘湖美镇圈');
    assert.equal(backup.drafts[0].declaration.summary, '存储被禁止时填写的简介。');
    assert.equal(backup.drafts[0].declaration.applicant, '330109');
    await page.getByText('已将当前草稿导出为备份文件。').waitFor();
  }),
);

// ---------------------------------------------------------------------------------------------
// 6. A damaged entry

test(
  'a damaged entry is moved unchanged to the recovery area, the banner says so, the other draft opens, and 下载原始内容 gives the exact bytes',
  withAppContext(async ({ context, openApp }) => {
    const garbage = '{not json';
    const good = record({ id: 'good1', name: '完好的草稿', clusterName: '桐庐富春江美镇圈', summary: '完好。' });
    await plantBeforeLoad(context, {
      'meizhen:draft:bad1': garbage,
      'meizhen:draft:good1': JSON.stringify(good),
    });
    const page = await openApp();
    const warning = banner(page, '有保存的内容无法读取');
    await warning.waitFor();
    assert.ok((await warning.textContent()).includes('草稿（编号 bad1）已损坏'));

    const entries = await storageEntries(page);
    assert.equal(entries['meizhen:draft:bad1'], undefined, 'the damaged entry has left its place');
    const recovery = Object.keys(entries).filter((k) => k.startsWith('meizhen:recovery:'));
    assert.equal(recovery.length, 1);
    assert.match(recovery[0], /^meizhen:recovery:draft:bad1:\d+$/);
    assert.equal(entries[recovery[0]], garbage, 'moved unchanged');
    assert.deepEqual(JSON.parse(entries['meizhen:draft:good1']), good, 'the good draft is untouched');

    assert.equal(await field(page, NAME).inputValue(), '桐庐富春江美镇圈');
    assert.equal(await field(page, SUMMARY).inputValue(), '完好。');
    assert.equal(await currentDraftName(page), '完好的草稿');

    const file = await downloadFrom(page, () => warning.getByRole('button', { name: '下载原始内容' }).click());
    assert.equal(file.text, garbage, 'the download is the exact original');

    // The recovery area in 我的草稿 lists it too.
    await menu(page, '我的草稿');
    const area = page.locator('section').filter({ has: page.getByRole('heading', { name: '恢复区' }) });
    assert.ok((await area.textContent()).includes('草稿（编号 bad1）的原始内容（9 字符'));
    assert.deepEqual(await rowNames(page), ['完好的草稿']);
  }),
);

// ---------------------------------------------------------------------------------------------
// 7. Backup and restore

async function restoreFile(page, files) {
  await page.locator('#restore-file').setInputFiles(files);
}

test(
  'backup → clear → restore gives identical drafts; again is “完全相同”; a differing version is kept unless replacing is chosen; bad files change nothing',
  withAppContext(async ({ openApp }) => {
    const page = await openApp();
    const made = [
      ['西湖龙坞美镇圈', '龙坞的简介。'],
      ['富阳银湖美镇圈', '银湖的简介。'],
      ['临平塘栖美镇圈', '塘栖的简介。'],
    ];
    for (const [i, [name, summary]] of made.entries()) {
      if (i > 0) {
        await menu(page, '我的草稿');
        await button(page, '新建草稿').click();
      }
      await field(page, NAME).fill(name);
      await field(page, SUMMARY).fill(summary);
      await waitSaved(page);
    }
    // The status may already say 已自动保存 for the name: wait for every record to hold its text.
    await eventually(async () => {
      const summaries = Object.values(await storedDrafts(page)).map((d) => d.declaration.summary);
      assert.deepEqual(summaries.sort(), made.map(([, summary]) => summary).sort());
    });
    const originals = await storedDrafts(page);
    assert.equal(Object.keys(originals).length, 3);

    await menu(page, '我的草稿');
    const file = await downloadFrom(page, () => button(page, '导出全部草稿（备份文件）').click());
    const backup = JSON.parse(file.text);
    assert.equal(backup.drafts.length, 3);
    await page.getByText(`已导出 3 份草稿到“${file.name}”。`).waitFor();

    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await waitForApp(page);
    assert.deepEqual(await storedDrafts(page), {});
    await menu(page, '我的草稿');
    assert.equal(await rows(page).count(), 0);

    await restoreFile(page, file.path);
    const preview = page.getByRole('region', { name: '恢复前请确认' });
    await preview.waitFor();
    assert.ok((await preview.textContent()).includes('将新增 3 份草稿'));
    await button(page, '确认恢复').click();
    await eventually(async () => assert.equal(await rows(page).count(), 3));
    const restored = await storedDrafts(page);
    assert.deepEqual(restored, originals, 'every record is back exactly, revision and times included');
    for (const id of Object.keys(originals)) {
      assert.deepEqual(restored[id].declaration, originals[id].declaration);
    }

    // The same file again: nothing to do.
    await restoreFile(page, file.path);
    await preview.waitFor();
    const text = await preview.textContent();
    assert.ok(text.includes('另有 3 份与本机完全相同'), text);
    assert.ok(text.includes('将新增 0 份草稿'), text);
    await button(page, '取消').click();
    await preview.waitFor({ state: 'detached' });

    // A differing version here (renamed in the list): keep is the default and keeps it.
    await button(page, '重命名草稿“西湖龙坞美镇圈”').click();
    await page.getByLabel('新名称').fill('龙坞 改过的名称');
    await page.getByLabel('新名称').press('Enter');
    await eventually(async () => assert.ok((await rowNames(page)).includes('龙坞 改过的名称')));
    const changed = await storedDrafts(page);
    const longwuId = Object.keys(changed).find((k) => changed[k].name === '龙坞 改过的名称');
    assert.ok(longwuId);

    await restoreFile(page, file.path);
    await preview.waitFor();
    const conflict = preview.locator('fieldset.restore-conflict');
    assert.equal(await conflict.count(), 1, 'one conflict');
    assert.ok((await conflict.locator('legend').textContent()).includes('本机已有同一草稿的不同版本'));
    assert.ok(await conflict.getByLabel('保留本机的版本').isChecked(), 'keep is the default');
    assert.ok(!(await conflict.getByLabel('用备份中的版本替换').isChecked()));
    await button(page, '确认恢复').click();
    await preview.waitFor({ state: 'detached' });
    assert.deepEqual(await storedDrafts(page), changed, 'keeping changes nothing');

    // Only when chosen is it replaced.
    await restoreFile(page, file.path);
    await preview.waitFor();
    await conflict.getByLabel('用备份中的版本替换').check();
    await button(page, '确认恢复').click();
    await preview.waitFor({ state: 'detached' });
    const replaced = await storedDrafts(page);
    // The backup's record, under a revision above the replaced one's (so that another tab with
    // the draft open notices the change).
    const { revision, ...content } = replaced[longwuId];
    const { revision: originalRevision, ...originalContent } = originals[longwuId];
    assert.deepEqual(content, originalContent, 'replaced by the backup’s version');
    assert.equal(revision, changed[longwuId].revision + 1);
    assert.ok(revision > originalRevision);
    for (const id of Object.keys(originals)) {
      if (id !== longwuId) assert.deepEqual(replaced[id], originals[id], 'the others are untouched');
    }

    // Not JSON: refused, nothing changes.
    const snapshot = await storageEntries(page);
    await restoreFile(page, { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format": oops') });
    await eventually(async () =>
      assert.ok((await page.locator('.restore-message').textContent()).includes('不是有效的 JSON')),
    );
    assert.equal(await preview.count(), 0);
    assert.deepEqual(await storageEntries(page), snapshot);

    // Too large: refused before reading.
    await restoreFile(page, {
      name: 'big.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0x20),
    });
    await eventually(async () =>
      assert.ok((await page.locator('.restore-message').textContent()).includes('文件过大')),
    );
    assert.equal(await preview.count(), 0);
    assert.deepEqual(await storageEntries(page), snapshot);
  }),
);

// ---------------------------------------------------------------------------------------------
// 8. Delete, undo, rename, duplicate, last open

test(
  'delete asks, then undo restores it exactly; rename and duplicate (“（副本）”) work; the last open draft reopens after reload',
  withAppContext(async ({ openApp }) => {
    const page = await openApp();
    await field(page, NAME).fill('甲集群');
    await field(page, SUMMARY).fill('甲的简介。');
    await waitSaved(page);
    await menu(page, '我的草稿');
    await button(page, '新建草稿').click();
    await field(page, NAME).fill('乙集群');
    await waitSaved(page);
    await menu(page, '我的草稿');
    assert.deepEqual(await rowNames(page), ['乙集群', '甲集群']);
    const before = await storageEntries(page, DRAFT_PREFIX);
    const jiaKey = Object.keys(before).find((k) => JSON.parse(before[k]).declaration.clusterName === '甲集群');

    // Dismissed: nothing happens.
    const dialogs = [];
    page.once('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    await button(page, '删除草稿“甲集群”').click();
    await eventually(() => assert.equal(dialogs.length, 1));
    assert.ok(dialogs[0].includes('确定删除草稿“甲集群”吗'));
    assert.deepEqual(await storageEntries(page, DRAFT_PREFIX), before);

    // Accepted: deleted, with an undo.
    page.once('dialog', (d) => d.accept());
    await button(page, '删除草稿“甲集群”').click();
    const notice = page.locator('.banner-info').filter({ hasText: '已删除草稿“甲集群”。' });
    await notice.waitFor();
    assert.equal((await storageEntries(page, DRAFT_PREFIX))[jiaKey], undefined, 'deleted');
    assert.deepEqual(await rowNames(page), ['乙集群']);
    await notice.getByRole('button', { name: '撤销' }).click();
    await page.locator('.banner-info').filter({ hasText: '已恢复草稿“甲集群”。' }).waitFor();
    assert.deepEqual(await storageEntries(page, DRAFT_PREFIX), before, 'restored byte for byte');
    assert.deepEqual(await rowNames(page), ['乙集群', '甲集群']);

    // Rename.
    await button(page, '重命名草稿“甲集群”').click();
    await page.getByLabel('新名称').fill('甲集群 第二稿');
    await page.getByLabel('新名称').press('Enter');
    await eventually(async () => assert.deepEqual(await rowNames(page), ['甲集群 第二稿', '乙集群']));
    const renamed = JSON.parse((await storageEntries(page, DRAFT_PREFIX))[jiaKey]);
    assert.equal(renamed.name, '甲集群 第二稿');
    assert.equal(renamed.declaration.summary, '甲的简介。');

    // Duplicate.
    await button(page, '复制草稿“甲集群 第二稿”').click();
    await eventually(async () => assert.ok((await rowNames(page)).includes('甲集群 第二稿（副本）')));
    const all = await storedDrafts(page);
    assert.equal(Object.keys(all).length, 3);
    const copy = Object.values(all).find((d) => d.name === '甲集群 第二稿（副本）');
    assert.deepEqual(copy.declaration, renamed.declaration, 'the copy has the same content');
    assert.notEqual(copy.id, renamed.id);
    assert.equal(copy.revision, 1);

    // Open the original (not the newest), reload: it is the one that reopens.
    await button(page, '打开草稿“甲集群 第二稿”').click();
    assert.equal(await field(page, SUMMARY).inputValue(), '甲的简介。');
    await page.reload();
    await waitForApp(page);
    assert.equal(await currentDraftName(page), '甲集群 第二稿');
    assert.equal(await field(page, NAME).inputValue(), '甲集群');
    assert.equal(await field(page, SUMMARY).inputValue(), '甲的简介。');
  }),
);

// ---------------------------------------------------------------------------------------------
// 9. A record from a newer version

test(
  'a draft saved by a newer version (schema 2) is listed read-only with its message and never overwritten',
  withAppContext(async ({ context, openApp }) => {
    const current = record({ id: 'cur1', name: '本版本的草稿', clusterName: '桐庐富春江美镇圈' });
    await plantBeforeLoad(context, {
      'meizhen:draft:from-the-future': V2_NEWER_TEXT,
      'meizhen:draft:cur1': JSON.stringify(current),
      'meizhen:state': JSON.stringify({ schema: 1, lastOpen: 'from-the-future' }),
    });
    const page = await openApp();
    // It was open last time: the page says why it cannot be opened, and opens the other.
    await page.locator('.banner-info').filter({ hasText: '数据格式第 2 版' }).waitFor();
    assert.equal(await currentDraftName(page), '本版本的草稿');

    await menu(page, '我的草稿');
    const section = page.locator('section').filter({ has: page.getByRole('heading', { name: '较新版本保存的草稿（只读）' }) });
    const text = await section.textContent();
    assert.ok(text.includes('新版本保存的草稿'), text);
    assert.ok(text.includes('由较新版本的美镇申报保存（数据格式第 2 版，本页面只支持到第 1 版）'), text);
    assert.ok(text.includes('只能查看，不能修改'), text);
    assert.deepEqual(await rowNames(page), ['本版本的草稿'], 'not among the editable drafts');
    assert.equal(await button(page, '打开草稿“新版本保存的草稿”').count(), 0);
    // Its content can be read, not edited.
    await section.getByRole('button', { name: '查看内容（只读）' }).click();
    const review = section.locator('.read-only-review');
    await review.getByText('建德新安江美镇带').waitFor();
    assert.equal(await review.locator('input, textarea, select').count(), 0, 'nothing to edit');

    // Editing, exporting and restoring around it leave it alone.
    await menu(page, '填写申报表');
    await field(page, SUMMARY).fill('编辑本版本的草稿。');
    await waitSaved(page);
    await menu(page, '我的草稿');
    await downloadFrom(page, () => button(page, '导出全部草稿（备份文件）').click());
    await page.getByText('另有 1 份由较新版本保存的草稿（新版本保存的草稿）未包含在内').waitFor();

    // A backup holding a v1 record under the same id: replacing it is not offered.
    const sameId = record({ id: 'from-the-future', name: '旧版本的同名草稿', clusterName: '旧' });
    const file = {
      format: 'hz-meizhen-drafts-backup',
      version: 1,
      exportedAt: '2024-05-03T09:15:00Z',
      drafts: [sameId],
    };
    await page
      .locator('#restore-file')
      .setInputFiles({ name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    const preview = page.getByRole('region', { name: '恢复前请确认' });
    await preview.waitFor();
    assert.ok(await preview.getByLabel('用备份中的版本替换').isDisabled(), 'cannot replace a newer record');
    await button(page, '确认恢复').click();
    await preview.waitFor({ state: 'detached' });

    await page.reload();
    await waitForApp(page);
    assert.equal(
      (await storageEntries(page))['meizhen:draft:from-the-future'],
      V2_NEWER_TEXT,
      'the newer record is exactly as planted',
    );
  }),
);

// ---------------------------------------------------------------------------------------------
// Timing: the save path of a maximum-length draft in Chromium (printed, not asserted)

/** `n` CJK characters, cycling (3 UTF-8 bytes, 1 UTF-16 unit each). */
function cjk(n, seed = 0) {
  const pool = '杭州美丽城镇集群化建设申报富春江桐庐共绘';
  return Array.from({ length: n }, (_, i) => pool[(i + seed) % pool.length]).join('');
}

/** Every text at its maximum (model::validate::limits), 30 hand-entered towns; summary one short. */
function maxRecord(id) {
  const person = (s) => ({ name: cjk(20, s), unit: cjk(50, s + 1), title: cjk(30, s + 2), phone: '0'.repeat(30) });
  return {
    schema: 1,
    id,
    revision: 1,
    createdAt: '2024-05-01T08:00:00Z',
    modifiedAt: '2024-05-03T09:12:30Z',
    name: cjk(40, 17),
    declaration: {
      clusterName: cjk(40),
      applicant: '330122',
      towns: Array.from({ length: 30 }, (_, i) => ({
        kind: 'custom',
        name: cjk(30, i),
        location: { kind: 'outsideZhejiang', place: cjk(50, i + 7) },
      })),
      creationType: 'composite',
      scope: 'acrossCities',
      coordinator: person(3),
      contact: person(5),
      taskForceDate: '2021-04-30',
      implementationPlanDate: '2021-06-30',
      taskListDate: '2021-07-31',
      clusterPlanDate: '2021-09-30',
      stageResults: cjk(1000, 11),
      summary: cjk(499, 13),
      attachments: [],
      declaredOn: '2021-05-10',
    },
  };
}

test(
  'timing: typing one character in 主要内容简介 of a maximum-length draft, and localStorage.setItem of its record (printed)',
  withAppContext(async ({ context, openApp }) => {
    const big = maxRecord('maxlen');
    await plantBeforeLoad(context, { 'meizhen:draft:maxlen': JSON.stringify(big) });
    const page = await openApp();
    assert.equal((await field(page, SUMMARY).inputValue()).length, 499);

    // Time from the input event to the write of the draft's record.
    await page.evaluate(() => {
      window.__t = [];
      let input = 0;
      document.addEventListener('input', () => (input = performance.now()), true);
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        setItem.call(this, key, value);
        if (key === 'meizhen:draft:maxlen' && input) {
          window.__t.push(performance.now() - input);
          input = 0;
        }
      };
    });
    const summary = field(page, SUMMARY);
    const runs = 12;
    for (let i = 0; i < runs; i++) {
      await summary.click();
      await page.keyboard.press('Control+End');
      if (i > 0) await page.keyboard.press('Backspace');
      const typed = i % 2 ? '乙' : '甲';
      await page.keyboard.type(typed);
      // The Backspace writes a record of its own: wait for the one that holds the typed character,
      // not merely for a write.
      await eventually(async () => {
        const record = (await storageEntries(page, DRAFT_PREFIX))['meizhen:draft:maxlen'];
        const summary = JSON.parse(record).declaration.summary;
        assert.equal(summary.length, 500);
        assert.ok(summary.endsWith(typed), 'the typed character is in the saved record');
      }, 3000);
    }
    const net = (await page.evaluate(() => window.__t)).slice(4); // the first ones warm up
    const stored = (await storageEntries(page, DRAFT_PREFIX))['meizhen:draft:maxlen'];
    assert.equal(JSON.parse(stored).declaration.summary.length, 500);

    const set = await page.evaluate((value) => {
      const times = [];
      for (let i = 0; i < 210; i++) {
        const v = value.slice(0, -2) + (i % 2 ? '甲' : '乙') + value.slice(-1);
        const t = performance.now();
        localStorage.setItem('meizhen:bench', v);
        const dt = performance.now() - t;
        if (i >= 10) times.push(dt);
      }
      localStorage.removeItem('meizhen:bench');
      return times;
    }, stored);
    console.log(
      `# max-length draft: record ${Buffer.byteLength(stored)} bytes UTF-8 (${stored.length} UTF-16 units)\n` +
        `#   type one character → its record written (the next frame): ` +
        `median ${ms(median(net))}, p95 ${ms(p95(net))} (n = ${net.length})\n` +
        `#   localStorage.setItem of the record: median ${ms(median(set))}, p95 ${ms(p95(set))} (n = ${set.length})`,
    );
  }),
);
