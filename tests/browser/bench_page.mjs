// Page benchmark for scripts/bench: node bench_page.mjs SITE_DIR RUNS [PAGE] [--phone]   (PAGE: index.html by default)
// Loads the page RUNS times in headless Chromium from a local server (fresh context each time: no cache) and
// prints the median time to fetch the wasm, to compile + instantiate it, to the app's first frames, and until it
// answers input (a mouse move on the canvas drawn two frames later). --phone: a phone-class device through the
// DevTools protocol, the CPU throttled 4× and the network at 10 Mbit/s down and up with a 40 ms round trip.
import { serve, launch } from './harness.mjs';

const args = process.argv.slice(2);
const phone = args.includes('--phone');
const [site, runsArg, pageName = 'index.html'] = args.filter((a) => a !== '--phone');
const runs = Number(runsArg || 5);
const server = await serve(site);
const browser = await launch();
const rows = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 760 } });
  const page = await context.newPage();
  if (phone) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.enable');
    const bytesPerSecond = 10e6 / 8;
    await cdp.send('Network.emulateNetworkConditions',
      { offline: false, latency: 40, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
  }
  await page.goto(`${server.origin}/${pageName}`);
  await page.waitForFunction(() => window.Module && window.Module.appReady === true, null,
    { timeout: 120000, polling: 20 });
  // Responds: input right after the first frames, and the time (in the page's clock) its second frame after that
  // input is drawn.
  const frames0 = await page.evaluate(() => window.Module.ccall('lpp_frame_count', 'number', [], []));
  await page.mouse.move(600, 380);
  const responded = await page.evaluate((f0) => new Promise((done) => {
    const tick = () => (window.Module.ccall('lpp_frame_count', 'number', [], []) >= f0 + 2
      ? done(performance.now()) : requestAnimationFrame(tick));
    tick();
  }), frames0);
  rows.push(await page.evaluate((respondedAt) => {
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    const t = window.Module.timings;
    return { fetched: wasm ? wasm.responseEnd : NaN, runtime: t.runtimeReady, frame: t.firstFrames, respondedAt };
  }, responded));
  await context.close();
}
await browser.close();
server.close();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
console.log(JSON.stringify({
  runs, page: pageName, phone,
  wasm_fetched_ms: median(rows.map((r) => r.fetched)),
  runtime_ready_ms: median(rows.map((r) => r.runtime)),
  first_frame_ms: median(rows.map((r) => r.frame)),
  responsive_ms: median(rows.map((r) => r.respondedAt)),
}));
