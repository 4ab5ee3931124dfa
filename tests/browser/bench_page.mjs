// Page benchmark for scripts/bench: node bench_page.mjs SITE_DIR RUNS [PAGE]   (PAGE: index.html by default)
// Loads the page RUNS times in headless Chromium from a local server (fresh context each time: no cache) and
// prints the median time to fetch the wasm, to compile + instantiate it, and to the app's first frames.
import { serve, launch, openApp } from './harness.mjs';

const [site, runsArg, pageName = 'index.html'] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const server = await serve(site);
const browser = await launch();
const rows = [];
for (let i = 0; i < runs; i++) {
  const { context, page } = await openApp(browser, `${server.origin}/${pageName}`);
  rows.push(await page.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    const t = window.Module.timings;
    return { fetched: wasm ? wasm.responseEnd : NaN, runtime: t.runtimeReady, frame: t.firstFrames };
  }));
  await context.close();
}
await browser.close();
server.close();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fetched = median(rows.map((r) => r.fetched));
const runtime = median(rows.map((r) => r.runtime));
const frame = median(rows.map((r) => r.frame));
console.log(JSON.stringify({ runs, page: pageName, wasm_fetched_ms: fetched, runtime_ready_ms: runtime, first_frame_ms: frame }));
