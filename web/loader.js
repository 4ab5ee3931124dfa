// Starts the WebAssembly app: checks that the browser has WebAssembly and WebGL2 (and says so in plain words if
// not), sets up Module for Emscripten's output, shows progress until the app reports its first frames.
'use strict';
(function () {
  const canvas = document.getElementById('canvas');
  const loading = document.getElementById('loading');
  const loadingText = document.getElementById('loading-text');

  function problem(text) {
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
    },
    onAbort: (what) => problem('The playground stopped with an error: ' + what),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
  };
  const script = document.createElement('script');
  script.src = 'playground.js';
  script.onerror = () => problem('The playground could not be loaded (playground.js is missing).');
  document.body.appendChild(script);
})();
