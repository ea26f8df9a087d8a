// Runs first, in <head>, where a page must know before anything else whether this browser's
// kernel compiles WebAssembly under 'wasm-unsafe-eval' (Chromium 97, Firefox 102, Safari 16 and
// newer) or only under the policy for older kernels, which adds 'unsafe-eval'. A classic ES5
// script, inlined by the build with the page's choice in PAGE:
// - the twin of a page for older kernels (index-old-kernel.html, scripts/csp.py): a newer kernel
//   goes on to the page with the strict policy, unless the browser check has noted this tab's
//   kernel as older (it does so when the strict policy stops it);
// - the single-file edition (scripts/single_file.py): writes the page's policy, strict or for
//   older kernels, as the <meta> that every later element of the page obeys.
(function () {
  var PAGE = __PAGE__;
  var ua = navigator.userAgent;
  function atLeast(pattern, version) {
    var m = pattern.exec(ua);
    return m ? Number(m[1]) >= version : null;
  }
  var newer = atLeast(/Chrom(?:e|ium)\/(\d+)/, 97);
  if (newer === null) newer = atLeast(/Firefox\/(\d+)/, 102);
  if (newer === null) newer = atLeast(/Version\/(\d+)[\d.]*(?: Mobile\/\S+)? Safari\//, 16);
  // An engine this does not know: the strict policy (where it fails, the browser check says why).
  if (newer === null) newer = true;
  var noted = null;
  try {
    noted = window.sessionStorage.getItem('meizhen:old-kernel') === '1';
  } catch (e) {}
  if (PAGE.policies) {
    var policy = newer && !noted ? PAGE.policies[0] : PAGE.policies[1];
    document.write('<meta http-equiv="Content-Security-Policy" content="' + policy + '" />');
  } else if (PAGE.strict && newer && noted === false) {
    window.meizhenHold = true;
    location.replace(PAGE.strict + location.search + location.hash);
  }
})();
