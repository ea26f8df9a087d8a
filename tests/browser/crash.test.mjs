// Tests that no keystroke is lost even when the browser crashes: the draft is written as the user types (at most once a frame), so a renderer killed 50 ms after the last keystroke loses nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { field, storageEntries, useBrowser, withAppContext } from './helpers.mjs';

useBrowser();

const SUMMARY = '主要内容简介（500字）';
const TEXT = '富春江镇、江南镇地缘相近，产业相依。集群以“六共”为原则，共绘一张规划。';

for (const delay of [50, 300]) {
  test(
    `the renderer crashing ${delay} ms after the last keystroke loses no character`,
    { timeout: 30_000 },
    withAppContext(async ({ context, newPage, openApp }) => {
      const page = await openApp();
      const box = field(page, SUMMARY);
      await box.click();
      // One character at a time, as typed (CDP Input.insertText: trusted input events).
      for (const ch of TEXT) await page.keyboard.insertText(ch);
      await page.waitForTimeout(delay);
      const cdp = await context.newCDPSession(page);
      const crashed = page.waitForEvent('crash');
      cdp.send('Page.crash').catch(() => {});
      await crashed;

      // The same profile, a new page: everything typed is there.
      const again = await openApp(await newPage());
      assert.equal(await field(again, SUMMARY).inputValue(), TEXT);
      const drafts = Object.values(await storageEntries(again, 'meizhen:draft:')).map((v) => JSON.parse(v));
      assert.equal(drafts.length, 1);
      assert.equal(drafts[0].declaration.summary, TEXT);
    }),
  );
}

test(
  'autosave writes at most once per frame, however fast the input events come',
  withAppContext(async ({ openApp }) => {
    const page = await openApp();
    await field(page, SUMMARY).click();
    const { writes, frames, events } = await page.evaluate(async () => {
      const box = document.activeElement;
      let writes = 0;
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (key.startsWith('meizhen:draft:')) writes += 1;
        return setItem.call(this, key, value);
      };
      let frames = 0;
      let counting = true;
      const tick = () => {
        frames += 1;
        if (counting) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      // 40 input events, each in its own task, as fast as the page allows.
      const events = 40;
      for (let i = 0; i < events; i++) {
        box.value += '字';
        box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '字' }));
        await new Promise((done) => setTimeout(done, 0));
      }
      // Two more frames for the last write.
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      counting = false;
      return { writes, frames, events };
    });
    console.log(`# ${events} input events in ${frames} frames: ${writes} writes of the draft`);
    assert.ok(writes >= 1, 'the draft was written');
    assert.ok(writes <= frames + 1, `at most one write per frame (${writes} writes, ${frames} frames)`);
    assert.ok(writes < events, `writes are coalesced (${writes} writes for ${events} events)`);
    const stored = Object.values(await storageEntries(page, 'meizhen:draft:')).map((v) => JSON.parse(v));
    assert.equal(stored[0].declaration.summary, '字'.repeat(40));
  }),
);
