// A DevTools-protocol client over Chromium's --remote-debugging-pipe, for the old kernels
// (Chromium 80–92) that county PCs run: tests/browser/old-kernels.test.mjs and `make bench`. It needs nothing newer than Chromium 80 has
// (playwright-core asks 80 for Browser.setDownloadBehavior, which it lacks), and no WebSocket:
// messages are JSON separated by NUL bytes on the child's file descriptors 3 (in) and 4 (out).
// The page helpers act as a user does: a click is a real mouse press and release at the
// element's centre, typing goes through the keyboard's input path.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--hide-scrollbars',
  '--lang=zh-CN',
  '--remote-debugging-pipe',
];

/** Starts the Chromium at `executablePath`; resolves to a Browser once it answers. */
export async function launch(executablePath, { args = [] } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'meizhen-old-kernel-'));
  const child = spawn(executablePath, [...FLAGS, `--user-data-dir=${profile}`, ...args, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const browser = new Browser(child, profile, () => stderr);
  const version = await browser.send('Browser.getVersion');
  browser.version = version.product;
  browser.major = Number(/\/(\d+)\./.exec(version.product)?.[1] ?? 0);
  return browser;
}

class Browser {
  constructor(child, profile, stderr) {
    this.child = child;
    this.profile = profile;
    this.stderr = stderr;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.exited = new Promise((done) => child.on('exit', done));
    const writer = child.stdio[3];
    const reader = child.stdio[4];
    this.writer = writer;
    let buffer = Buffer.alloc(0);
    reader.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let end = buffer.indexOf(0); end >= 0; end = buffer.indexOf(0)) {
        const message = JSON.parse(buffer.subarray(0, end).toString('utf8'));
        buffer = buffer.subarray(end + 1);
        this.dispatch(message);
      }
    });
    child.on('exit', (code) => {
      for (const { fail, method } of this.pending.values()) {
        fail(new Error(`Chromium exited (${code}) before answering ${method}\n${this.stderr()}`));
      }
      this.pending.clear();
    });
  }

  dispatch(message) {
    if (message.id !== undefined) {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.error) waiting.fail(new Error(`${waiting.method}: ${message.error.message} ${message.error.data ?? ''}`));
      else waiting.done(message.result);
      return;
    }
    for (const listener of this.listeners) listener(message);
  }

  /** Sends one command (to the page session `sessionId` if given) and resolves to its result. */
  send(method, params = {}, sessionId) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((done, fail) => {
      this.pending.set(id, { done, fail, method });
      this.writer.write(JSON.stringify(message) + '\0');
    });
  }

  /** A new tab in a fresh browser context (its own storage), attached in flat mode. */
  async newPage({ width = 1366, height = 768, downloads } = {}) {
    const { browserContextId } = await this.send('Target.createBrowserContext');
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new Page(this, sessionId, targetId, browserContextId);
    await page.start({ width, height, downloads });
    return page;
  }

  async close() {
    try {
      await Promise.race([this.send('Browser.close'), new Promise((r) => setTimeout(r, 3000))]);
    } catch {
      // Already gone.
    }
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    await this.exited;
    // Its helper processes may still be writing into the profile for a moment.
    for (let attempt = 0; ; attempt += 1) {
      try {
        rmSync(this.profile, { recursive: true, force: true });
        return;
      } catch (error) {
        if (attempt >= 20) throw error;
        await sleep(250);
      }
    }
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class Page {
  constructor(browser, sessionId, targetId, browserContextId) {
    this.browser = browser;
    this.sessionId = sessionId;
    this.targetId = targetId;
    this.browserContextId = browserContextId;
    this.problems = [];
    this.handlers = new Map();
    this.listener = (message) => {
      if (message.sessionId !== this.sessionId) return;
      for (const handler of this.handlers.get(message.method) ?? []) handler(message.params);
    };
    browser.listeners.add(this.listener);
  }

  on(method, handler) {
    if (!this.handlers.has(method)) this.handlers.set(method, new Set());
    this.handlers.get(method).add(handler);
    return () => this.handlers.get(method).delete(handler);
  }

  send(method, params) {
    return this.browser.send(method, params, this.sessionId);
  }

  async start({ width, height, downloads }) {
    this.width = width;
    this.height = height;
    this.on('Runtime.exceptionThrown', ({ exceptionDetails: d }) =>
      this.problems.push(`pageerror: ${d.exception?.description ?? d.text}`),
    );
    this.on('Runtime.consoleAPICalled', ({ type, args }) => {
      if (type === 'error') this.problems.push(`console.error: ${args.map((a) => a.value ?? a.description).join(' ')}`);
    });
    this.on('Log.entryAdded', ({ entry }) => {
      // Failed requests are the tests' own business (they say which they expect).
      if (entry.level === 'error' && entry.source !== 'network') this.problems.push(`log: ${entry.text}`);
    });
    await this.send('Page.enable');
    await this.send('Runtime.enable');
    await this.send('Log.enable');
    await this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
    if (downloads) {
      // Downloads land in `downloads` under their own names: Browser.setDownloadBehavior where the
      // kernel has it (it took the page domain's place), else the page domain's (Chromium 80).
      try {
        await this.browser.send('Browser.setDownloadBehavior', {
          behavior: 'allow',
          downloadPath: downloads,
          browserContextId: this.browserContextId,
        });
      } catch {
        await this.send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
      }
    }
  }

  /** Runs `source` in every document of this tab before its own scripts. */
  async addInitScript(source) {
    await this.send('Page.addScriptToEvaluateOnNewDocument', { source });
  }

  /** Loads `url` and waits for its load event. */
  async goto(url) {
    const loaded = this.waitForEvent('Page.loadEventFired', 15000);
    const { errorText } = await this.send('Page.navigate', { url });
    if (errorText) throw new Error(`navigation to ${url} failed: ${errorText}`);
    await loaded;
  }

  async reload() {
    const loaded = this.waitForEvent('Page.loadEventFired', 15000);
    await this.send('Page.reload', {});
    await loaded;
  }

  waitForEvent(method, timeout = 5000) {
    return new Promise((done, fail) => {
      const timer = setTimeout(() => {
        off();
        fail(new Error(`no ${method} within ${timeout} ms`));
      }, timeout);
      const off = this.on(method, (params) => {
        clearTimeout(timer);
        off();
        done(params);
      });
    });
  }

  /** Evaluates `expression` (a function's source and its arguments, or a string) in the page. */
  async evaluate(fn, ...args) {
    const expression = typeof fn === 'function' ? `(${fn})(...${JSON.stringify(args)})` : fn;
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
      userGesture: true,
    });
    if (exceptionDetails) {
      throw new Error(`evaluate: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    }
    return result.value;
  }

  /** Waits until `fn(...args)` evaluated in the page is truthy; returns its value. */
  async waitFor(fn, args = [], { timeout = 10000, what } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        const value = await this.evaluate(fn, ...args);
        if (value) return value;
      } catch (error) {
        last = error;
      }
      if (Date.now() > end) {
        throw new Error(`timed out waiting for ${what ?? String(fn).slice(0, 120)}${last ? `: ${last.message}` : ''}`);
      }
      await sleep(50);
    }
  }

  /** The centre of the first element matching `selector` (scrolled into view), or null. */
  async centre(selector) {
    return this.evaluate((selector) => {
      const el = document.querySelector(selector);
      if (!el) return null;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return null;
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, selector);
  }

  /** A real mouse click on the element matching `selector`, once it is visible. */
  async click(selector) {
    const at = await this.waitFor((s) => {
      const el = document.querySelector(s);
      if (!el) return null;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
    }, [selector], { what: `a visible ${selector}` });
    for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
      await this.send('Input.dispatchMouseEvent', { type, x: at.x, y: at.y, button: 'left', clickCount: 1 });
    }
  }

  /** Clicks the button or link whose text is `text` (inside `scope`, a selector). */
  async clickText(text, scope = 'body') {
    await this.waitFor(
      (text, scope) => {
        const root = document.querySelector(scope);
        if (!root) return null;
        const all = root.querySelectorAll('button, a, summary, label, [role=option]');
        // The text a screen reader reads: without what is aria-hidden (the menu's arrow).
        const spoken = (el) => {
          const copy = el.cloneNode(true);
          for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
          return copy.textContent.trim();
        };
        for (const el of all) {
          if (spoken(el) === text && el.getClientRects().length > 0) {
            for (const other of document.querySelectorAll('[data-cdp-target]')) other.removeAttribute('data-cdp-target');
            el.setAttribute('data-cdp-target', '');
            return true;
          }
        }
        return null;
      },
      [text, scope],
      { what: `a control “${text}”` },
    );
    await this.click('[data-cdp-target]');
  }

  /** Types `text` into the focused element, as an input method commits it. */
  async type(text) {
    await this.send('Input.insertText', { text });
  }

  /** Presses one key (Enter, Tab, Escape, ArrowDown, Backspace) on the focused element. */
  async press(key, modifiers = 0) {
    const KEYS = {
      Enter: { code: 'Enter', keyCode: 13, text: '\r' },
      Tab: { code: 'Tab', keyCode: 9 },
      Escape: { code: 'Escape', keyCode: 27 },
      ArrowDown: { code: 'ArrowDown', keyCode: 40 },
      ArrowUp: { code: 'ArrowUp', keyCode: 38 },
      Backspace: { code: 'Backspace', keyCode: 8 },
      p: { code: 'KeyP', keyCode: 80 },
    };
    const k = KEYS[key];
    if (!k) throw new Error(`no key ${key}`);
    const base = { key, code: k.code, windowsVirtualKeyCode: k.keyCode, nativeVirtualKeyCode: k.keyCode, modifiers };
    await this.send('Input.dispatchKeyEvent', { type: k.text && !modifiers ? 'keyDown' : 'rawKeyDown', ...base, text: modifiers ? undefined : k.text });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
  }

  /** Clicks the field `selector`, empties it and types `text` into it. */
  async fill(selector, text) {
    await this.click(selector);
    await this.evaluate((s) => {
      const el = document.querySelector(s);
      if (el.select) el.select();
    }, selector);
    await this.press('Backspace');
    await this.type(text);
  }

  /** Picks `label` in the <select> `selector` as a user does (the change event fires). */
  async selectOption(selector, label) {
    await this.click(selector);
    const ok = await this.evaluate(
      (s, label) => {
        const el = document.querySelector(s);
        const option = [...el.options].find((o) => o.textContent.trim() === label);
        if (!option) return false;
        el.value = option.value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      },
      selector,
      label,
    );
    if (!ok) throw new Error(`no option ${label} in ${selector}`);
    await this.press('Escape');
  }

  /** Gives the file input `selector` the files at `paths`, as the file chooser does. */
  async setFiles(selector, paths) {
    const { root } = await this.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await this.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`no ${selector}`);
    await this.send('DOM.setFileInputFiles', { nodeId, files: paths });
  }

  async text(selector = 'body') {
    // No optional chaining in page code: it runs on Chromium 79 too.
    return this.evaluate((s) => {
      const el = document.querySelector(s);
      return el ? el.innerText : '';
    }, selector);
  }

  /** A PNG of the whole page, as bytes (the viewport made as tall as the page meanwhile:
   *  Chromium 80 cannot capture beyond it). */
  async screenshot() {
    const { contentSize } = await this.send('Page.getLayoutMetrics');
    const height = Math.ceil(contentSize.height);
    await this.send('Emulation.setDeviceMetricsOverride', { width: this.width, height, deviceScaleFactor: 1, mobile: false });
    try {
      const { data } = await this.send('Page.captureScreenshot', { format: 'png' });
      return Buffer.from(data, 'base64');
    } finally {
      await this.send('Emulation.setDeviceMetricsOverride', {
        width: this.width,
        height: this.height,
        deviceScaleFactor: 1,
        mobile: false,
      });
    }
  }

  /** The page printed to PDF as the print dialog does (the page's own @page size), as bytes. */
  async pdf() {
    const { data } = await this.send('Page.printToPDF', { preferCSSPageSize: true, printBackground: false });
    return Buffer.from(data, 'base64');
  }

  async close() {
    this.browser.listeners.delete(this.listener);
    await this.browser.send('Target.closeTarget', { targetId: this.targetId }).catch(() => {});
    await this.browser.send('Target.disposeBrowserContext', { browserContextId: this.browserContextId }).catch(() => {});
  }
}

/** Waits until a finished file (no .crdownload beside it) appears in `dir`; returns its path. */
export async function waitForDownload(dir, known = new Set(), timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    if (existsSync(dir)) {
      const names = readdirSync(dir).filter((n) => !known.has(n));
      const done = names.filter((n) => !n.endsWith('.crdownload'));
      if (done.length > 0 && !names.some((n) => n.endsWith('.crdownload'))) {
        const path = join(dir, done[0]);
        // Written in full: the size stays put for a moment.
        const size = statSync(path).size;
        await sleep(100);
        if (statSync(path).size === size) return path;
      }
    }
    if (Date.now() > end) throw new Error(`no download in ${dir} within ${timeout} ms`);
    await sleep(100);
  }
}
