// Starts the WebAssembly app: checks that the browser has WebAssembly and WebGL2 (and says so in plain words if
// not), sets up Module for Emscripten's output, shows progress until the app reports its first frames.
'use strict';
(function () {
  // index.html and embed.html name the app script (data-app) and the loader fetches its wasm with progress;
  // the single-file page has the app inline right after this script and its wasm in a data element before it.
  const appScript = document.currentScript && document.currentScript.dataset.app;
  window.__cspViolations = 0;  // counted for the browser test of the strict Content-Security-Policy
  document.addEventListener('securitypolicyviolation', () => { window.__cspViolations++; });
  const canvas = document.getElementById('canvas');
  const loading = document.getElementById('loading');
  const loadingText = document.getElementById('loading-text');

  function problem(text) {
    window.Module = window.Module || {};
    window.Module.noInitialRun = true;  // an inline app (single file) must not start
    loading.hidden = true;
    document.getElementById('problem-text').textContent = text;
    document.getElementById('problem').hidden = false;
  }

  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    problem('This browser does not support WebAssembly, which the playground is built on. ' +
            'A current Firefox, Chrome, Edge or Safari will run it.');
    return;
  }
  if (!document.createElement('canvas').getContext('webgl2')) {
    problem('This browser has WebGL2 turned off or unavailable, and the playground draws with it. ' +
            'Try a current browser, or turn on hardware acceleration in its settings.');
    return;
  }

  canvas.addEventListener('contextmenu', (e) => e.preventDefault());

  // embed.html shows one view without the chrome: the link says so (embed=1), added here if the author left it out.
  if (document.body.dataset.embed && !/(^|&)embed=1(&|$)/.test(location.hash.slice(1))) {
    const hash = location.hash.slice(1);
    history.replaceState(null, '', '#' + (hash ? hash + '&' : 'v=1&') + 'embed=1');
  }

  // Polite in someone else's page. These listeners are registered before the app's (GLFW's) own, so they run
  // first: keys belong to the app only while its canvas has focus (GLFW listens on the whole window), and the
  // wheel scrolls the page unless the app uses it where the mouse is (a zoomable plot, a scrollable panel).
  const ready = () => window.Module && window.Module.appReady;
  for (const type of ['keydown', 'keypress', 'keyup']) {
    window.addEventListener(type, (e) => {
      if (document.activeElement !== canvas) e.stopImmediatePropagation();
    }, true);
  }
  canvas.addEventListener('wheel', (e) => {
    if (!ready() || !window.Module.ccall('lpp_wheel_wanted', 'number', [], [])) e.stopImmediatePropagation();
  }, { capture: true, passive: true });
  canvas.addEventListener('pointerdown', () => canvas.focus({ preventScroll: true }));

  // Touch: Emscripten's GLFW listens for touch events but never reads where the finger is, so a tap would press
  // wherever the mouse last was. Here one finger becomes the mouse (the first finger down; others are ignored):
  // down = move there, then press two frames later (ImGui's tabs count as hovered only from the frame after the
  // pointer arrived), move = drag, up or cancel = release. The events keep their order through one queue. In an
  // embed a vertical swipe still scrolls the host page (touch-action: pan-y in page.css): the browser then cancels
  // the touch and the press is released.
  let finger = null;
  let queue = Promise.resolve();
  const later = (fn) => { queue = queue.then(fn); };
  const twoFrames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const asMouse = (type, t, buttons) => canvas.dispatchEvent(new MouseEvent(type, {
    clientX: t.clientX, clientY: t.clientY, screenX: t.screenX, screenY: t.screenY, button: 0, buttons,
    bubbles: true, cancelable: true, view: window,
  }));
  const touchOf = (e) => Array.from(e.changedTouches).find((t) => t.identifier === finger);
  canvas.addEventListener('touchstart', (e) => {
    e.stopImmediatePropagation();
    if (!document.body.dataset.embed) e.preventDefault();  // the full page: no scrolling, no emulated mouse events
    if (finger !== null) return;
    const t = e.changedTouches[0];
    finger = t.identifier;
    canvas.focus({ preventScroll: true });
    later(async () => {
      asMouse('mousemove', t, 0);
      await twoFrames();
      asMouse('mousedown', t, 1);
    });
  }, { capture: true, passive: false });
  canvas.addEventListener('touchmove', (e) => {
    e.stopImmediatePropagation();
    const t = touchOf(e);
    if (t) later(() => asMouse('mousemove', t, 1));
  }, { capture: true, passive: true });
  for (const type of ['touchend', 'touchcancel']) {
    canvas.addEventListener(type, (e) => {
      e.stopImmediatePropagation();
      if (type === 'touchend' && e.cancelable) e.preventDefault();  // no emulated mouse click after a tap
      const t = touchOf(e);
      if (!t) return;
      finger = null;
      later(() => asMouse('mouseup', t, 0));
    }, { capture: true, passive: false });
  }

  // A file dropped on the canvas: its bytes go into the app's heap and lpp_open_dropped opens them (a config.json
  // for the LLM lab, a CSV for the lab on screen). The page has no file system, so this replaces GLFW's drop.
  canvas.addEventListener('dragover', (e) => e.preventDefault());
  canvas.addEventListener('drop', (e) => {
    e.preventDefault();
    e.stopImmediatePropagation();
    if (!ready()) return;
    const maxBytes = window.Module.ccall('lpp_max_open_bytes', 'number', [], []);  // larger files are not read
    for (const file of Array.from(e.dataTransfer ? e.dataTransfer.files : [])) {
      if (file.size > maxBytes) {
        window.Module.ccall('lpp_open_dropped', null, ['string', 'number', 'number'], [file.name, 0, file.size]);
        continue;
      }
      file.arrayBuffer().then((buffer) => {
        const M = window.Module;
        const bytes = new Uint8Array(buffer);
        const at = M._malloc(Math.max(1, bytes.length));
        M.writeArrayToMemory(bytes, at);
        try {
          M.ccall('lpp_open_dropped', null, ['string', 'number', 'number'], [file.name, at, bytes.length]);
        } finally {
          M._free(at);
        }
      }).catch((err) => console.warn('could not read ' + file.name + ': ' + err));
    }
  }, true);

  // Copies text with the async Clipboard API, or a hidden textarea where that is not allowed.
  function copyText(text) {
    const fallback = () => {
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      try { document.execCommand('copy'); } catch (e) { /* nothing more to try */ }
      area.remove();
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).catch(fallback);
    else fallback();
  }

  // Keeps the aria-live region in step with the app's key numbers (only when they change).
  const readout = document.getElementById('readout');
  let lastReadout = '';
  function mirrorReadout() {
    const text = window.Module.ccall('lpp_summary', 'string', [], []);
    if (text === lastReadout) return;
    lastReadout = text;
    readout.replaceChildren(...text.split('\n').filter(Boolean).map((line) => {
      const p = document.createElement('p');
      const span = document.createElement('span');
      span.textContent = line;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Copy';
      button.setAttribute('aria-label', 'Copy: ' + line);
      button.addEventListener('click', () => copyText(line));
      p.append(span, button);
      return p;
    }));
  }
  // A view nobody can see draws and trains nothing: a background tab (visibilitychange) or an embed scrolled out of
  // sight in a blog post (an IntersectionObserver on the canvas: its implicit root is the top-level viewport, so it
  // sees through the embed's iframe). The app pauses its main loop where it is and resumes from there when shown.
  let tabShown = !document.hidden, inView = true;
  function showOrHide() {
    if (ready()) window.Module.ccall('lpp_set_shown', null, ['number'], [tabShown && inView ? 1 : 0]);
  }
  document.addEventListener('visibilitychange', () => { tabShown = !document.hidden; showOrHide(); });
  if (typeof IntersectionObserver === 'function') {
    new IntersectionObserver((entries) => {
      inView = entries[entries.length - 1].isIntersecting;
      showOrHide();
    }).observe(canvas);
  }

  window.Module = {
    canvas: canvas,
    setStatus: (text) => { if (text) loadingText.textContent = text; },
    // Timings (ms since navigation) for scripts/bench: runtime ready = wasm compiled and instantiated.
    timings: {},
    onRuntimeInitialized: () => { window.Module.timings.runtimeReady = performance.now(); },
    onAppReady: () => {
      window.Module.timings.firstFrames = performance.now();
      loading.hidden = true;
      canvas.focus({ preventScroll: true });
      setInterval(mirrorReadout, 500);
      showOrHide();  // hidden or scrolled away while it loaded
    },
    // What the last frame drew clipped or overlapping: {view, clipped: [names], overlapping: [[a, b]]}.
    layoutReport: () => JSON.parse(window.Module.ccall('lpp_layout_report', 'string', [], [])),
    onAbort: (what) => problem('The playground stopped with an error: ' + what),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
  };
  // The single-file page: the wasm is in the page, gzip-compressed and base64-encoded; the app follows inline.
  const packed = document.getElementById('wasm-gzip-base64');
  if (packed) {
    if (typeof DecompressionStream !== 'function') {
      problem('This browser is too old to unpack the playground (it lacks DecompressionStream). ' +
              'A current Firefox, Chrome, Edge or Safari will run it.');
      window.Module.instantiateWasm = () => ({});  // the inline app waits for a wasm that never comes
      return;
    }
    window.Module.instantiateWasm = (imports, done) => {
      (async () => {
        loadingText.textContent = 'Starting…';
        const gz = Uint8Array.from(atob(packed.textContent), (c) => c.charCodeAt(0));
        const bytes = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
        const { instance, module } = await WebAssembly.instantiate(bytes, imports);
        done(instance, module);
      })().catch((e) => problem('The playground could not be started: ' + e.message));
      return {};
    };
    return;
  }
  if (!appScript) return;

  // Fetch the wasm ourselves to show progress, then hand it to Emscripten.
  const bar = document.getElementById('progress-bar');
  const wasmFile = appScript.replace(/\.js$/, '.wasm');
  window.Module.instantiateWasm = (imports, done) => {
    (async () => {
      const response = await fetch(wasmFile);
      if (!response.ok) throw new Error(wasmFile + ': HTTP ' + response.status);
      const total = Number(response.headers.get('Content-Length')) || 0;
      const reader = response.body.getReader();
      const chunks = [];
      let received = 0;
      for (;;) {
        const { done: finished, value } = await reader.read();
        if (finished) break;
        chunks.push(value);
        received += value.length;
        if (total) {
          bar.style.width = Math.min(100, (100 * received) / total).toFixed(0) + '%';
          loadingText.textContent = 'Loading the playground… ' + Math.round(received / 1024) + ' of ' +
                                    Math.round(total / 1024) + ' KB';
        }
      }
      const bytes = new Uint8Array(received);
      let at = 0;
      for (const c of chunks) { bytes.set(c, at); at += c.length; }
      loadingText.textContent = 'Starting…';
      const { instance, module } = await WebAssembly.instantiate(bytes, imports);
      done(instance, module);
    })().catch((e) => problem('The playground could not be loaded: ' + e.message));
    return {};
  };
  const script = document.createElement('script');
  script.src = appScript;
  script.onerror = () => problem('The playground could not be loaded (' + appScript + ' is missing).');
  document.body.appendChild(script);
})();
