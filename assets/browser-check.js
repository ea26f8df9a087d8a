// Runs before the app on both pages (inlined by Trunk; a classic ES5 script, so that old
// browsers run it too): checks what the app needs and, where something is missing or the app
// fails to start, replaces "正在加载……" with what to do. The app removes #loading once it has
// started. The page names itself in <html data-app> (申报表, 核验页面).
//
// Kernels before Chromium 97 compile WebAssembly only where the page's policy allows
// 'unsafe-eval'. Where the page's own policy stops the compile, the check sends the page to its
// twin for such kernels (<html data-old-kernel-page>, written by scripts/csp.py), or, in the
// single-file edition, loads it again under that policy (assets/kernel-policy.js chooses it);
// either way it first notes the kernel in sessionStorage, so that the twin keeps it.
(function () {
  var H = [0, 97, 115, 109, 1, 0, 0, 0];
  // Tiny modules, each valid only where one WebAssembly feature that the app's module uses
  // is supported; named as wasm-opt names the feature (tests/browser/browser-check.test.mjs
  // checks each module with wasm-opt, and that the app's modules need no other feature).
  // Chromium has had all four since 75; the module leaves out reference types and multi-value
  // (.cargo/config.toml).
  var FEATURES = [
    ['mutable-globals', '可变全局变量', [2, 8, 1, 1, 97, 1, 98, 3, 127, 1]],
    ['bulk-memory', '批量内存操作', [1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 11]],
    ['nontrapping-float-to-int', '非陷入浮点转整数', [1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 12, 1, 10, 0, 67, 0, 0, 0, 0, 252, 0, 26, 11]],
    ['sign-ext', '符号扩展', [1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 192, 26, 11]]
  ];
  var OLD_KERNEL = 'meizhen:old-kernel';
  var state = '';
  function byId(id) {
    return document.getElementById(id);
  }
  var APP = document.documentElement.getAttribute('data-app') || '申报表';
  // Its work is done once it has run (and its listeners stay): out of the page.
  var me = document.currentScript;
  if (me && me.parentNode) me.parentNode.removeChild(me);
  function setText(el, text) {
    if ('textContent' in el) el.textContent = text;
    else el.innerText = text;
  }
  function show(kind, problem, detail) {
    var loading = byId('loading');
    // Started (the app removed #loading), or an earlier, more telling message stays.
    if (!loading || state === 'moving' || state === 'unsupported' || (state === 'failed' && kind === 'slow')) return;
    state = kind;
    // Over the form written at build time (style/main.css): "slow" shows the message over it;
    // "failed" and "unsupported" show the message alone, also where the style sheet did not
    // load (index.html opened from a file). The app takes the first two back when it starts.
    var root = document.documentElement;
    if ((' ' + root.className + ' ').indexOf(' app-' + kind + ' ') < 0) root.className += ' app-' + kind;
    if (kind !== 'slow') {
      var shown = document.body.children;
      for (var i = 0; i < shown.length; i++) {
        var el = shown[i];
        if (el === loading || el.tagName === 'SCRIPT' || el.style.display === 'none') continue;
        el.style.display = 'none';
        el.setAttribute('data-check-hidden', '');
      }
    }
    setText(byId('loading-status'), problem);
    setText(byId('browser-details-text'), detail + '\n浏览器标识：' + navigator.userAgent);
    byId('browser-help').removeAttribute('hidden');
    byId('browser-details').removeAttribute('hidden');
    loading.setAttribute('role', 'alert');
  }
  // The app's start-up script starts the wasm only while this is unset.
  function hold() {
    window.meizhenHold = true;
  }
  // Whether this tab's kernel is noted as needing the policy for older kernels.
  function oldKernelNoted() {
    try {
      return window.sessionStorage.getItem(OLD_KERNEL) === '1';
    } catch (e) {
      return false;
    }
  }
  // Notes it; false where sessionStorage is blocked (the page then never goes back and forth).
  function noteOldKernel() {
    try {
      window.sessionStorage.setItem(OLD_KERNEL, '1');
    } catch (e) {}
    return oldKernelNoted();
  }
  var UNSUPPORTED = '这个浏览器（或它当前的内核模式）版本过旧，无法运行' + APP + '。';
  // Flex rows with a gap (Chromium 84): where a column of two boxes 1px apart is not 1px high,
  // style/main.css lays the rows out with margins instead.
  function markFlexGap() {
    var column = document.createElement('div');
    column.style.display = 'flex';
    column.style.flexDirection = 'column';
    column.style.rowGap = '1px';
    column.appendChild(document.createElement('div'));
    column.appendChild(document.createElement('div'));
    document.body.appendChild(column);
    var gap = column.scrollHeight === 1;
    document.body.removeChild(column);
    if (!gap) document.documentElement.className += ' no-flex-gap';
  }
  try {
    markFlexGap();
  } catch (e) {}
  // On a repeat visit (the script in <head> marks <html> "restoring"), the form written at build
  // time stays closed until the app has opened the last draft in it: text fields read-only, the
  // rest disabled, each marked data-held, which the app removes (src/browser/prerendered.rs).
  function holdFields() {
    if (!/(^|\s)restoring(\s|$)/.test(document.documentElement.className)) return;
    var form = document.querySelector('form.declaration-form');
    if (!form) return;
    var controls = form.querySelectorAll('input, textarea, select, button');
    for (var i = 0; i < controls.length; i++) {
      var c = controls[i];
      if (c.disabled || c.readOnly) continue;
      var text = c.tagName === 'TEXTAREA' || (c.tagName === 'INPUT' && /^(text|tel|email|date|number|search|url)$/.test(c.type));
      if (text) c.readOnly = true;
      else c.disabled = true;
      c.setAttribute('data-held', '');
    }
  }
  try {
    byId('browser-help').setAttribute('hidden', '');
    var missing = [];
    var policyStops = null;
    var wasm = window.WebAssembly;
    if (!wasm || typeof wasm.validate !== 'function' || typeof Uint8Array === 'undefined') {
      missing.push('WebAssembly');
    } else {
      for (var i = 0; i < FEATURES.length; i++) {
        var f = FEATURES[i];
        if (!wasm.validate(new Uint8Array(H.concat(f[2])))) missing.push('WebAssembly ' + f[1] + '（' + f[0] + '）');
      }
      try {
        new wasm.Module(new Uint8Array(H));
      } catch (e) {
        policyStops = e;
      }
    }
    if (!('noModule' in document.createElement('script'))) missing.push('JavaScript 模块（ES modules）');
    // Blocked storage alone does not stop the app: it then says so and fills in without saving.
    var storage = false;
    try {
      storage = !!window.localStorage && typeof window.localStorage.length === 'number';
    } catch (e) {}
    var edition = document.querySelector('meta[name="meizhen-edition"]');
    if (policyStops && missing.length === 0) {
      var twin = document.documentElement.getAttribute('data-old-kernel-page');
      if (twin) {
        // The page's twin for kernels before Chromium 97, in the same folder.
        hold();
        state = 'moving';
        noteOldKernel();
        location.replace(twin + location.search + location.hash);
        return;
      }
      // Once only: where the policy for older kernels stops it too, the message below says so.
      if (edition && !oldKernelNoted() && noteOldKernel()) {
        hold();
        state = 'moving';
        location.reload();
        return;
      }
    }
    if (policyStops) missing.push('页面的内容安全策略允许的 WebAssembly 编译（' + policyStops + '）');
    if (missing.length > 0) {
      hold();
      if (!storage) missing.push('本机保存（localStorage）');
      show('unsupported', UNSUPPORTED, '缺少：' + missing.join('；'));
      return;
    }
    holdFields();
    // index.html opened from a file cannot load the wasm; the single-file edition can.
    var fromFile = location.protocol === 'file:' && !edition;
    var failed = function (what) {
      show(
        'failed',
        fromFile
          ? APP + '未能加载：从文件打开时，请使用“美镇申报-单文件版.html”，或通过网址打开本页面。'
          : APP + '未能加载。请刷新页面重试；仍不能使用时，请换用下列浏览器。',
        '错误：' + what
      );
    };
    if (window.addEventListener) {
      // Capturing: a file that fails to load reports the error on its element only.
      window.addEventListener('error', function (e) {
        var t = e.target;
        // The app's scripts use JavaScript of 2020 (Chromium 80): an older engine cannot read them.
        if ((e.error && e.error.name === 'SyntaxError') || /SyntaxError/.test(e.message || '')) {
          show('unsupported', UNSUPPORTED, '缺少：2020 年版的 JavaScript 语法（' + e.message + '）');
          return;
        }
        failed(t && t !== window && (t.src || t.href) ? '未能读取 ' + (t.src || t.href) : e.message || '脚本未能运行');
      }, true);
      window.addEventListener('unhandledrejection', function (e) {
        failed(String(e.reason && e.reason.message ? e.reason.message : e.reason));
      });
    }
    setTimeout(function () {
      show('slow', APP + '加载时间过长。若一直停在这里，请刷新页面；仍不能使用时，请换用下列浏览器。', '30 秒后仍未启动');
    }, 30000);
  } catch (e) {
    hold();
    show('unsupported', '这个浏览器无法运行' + APP + '。', '检查浏览器时出错：' + e);
  }
})();
