// Browser test of the layout report: node layout.test.mjs SITE_DIR SCREENSHOT_DIR
// Every view, LLM tab and tour step on a phone (390×844 CSS px, device pixel ratio 3, touch) and at the example
// blog post's size (720×560): Module.layoutReport() lists nothing clipped and nothing overlapping, and a screenshot of
// each screen is saved (layout-<size>-<screen>.png) for a person to flip through.
import path from 'node:path';
import fs from 'node:fs';
import { serve, launch, openApp, call, waitFrames, checkImage, assert, run } from './harness.mjs';

const [site, shots] = process.argv.slice(2);
if (!site || !shots) {
  console.error('usage: node layout.test.mjs SITE_DIR SCREENSHOT_DIR');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const server = await serve(site);
const browser = await launch();

const screens = [
  ['dials', 'view=dials'],
  ['layers', 'view=layers'],
  ...['model', 'whatif', 'tensors', 'memory', 'compare', 'ladder'].map((t) => [`llm-${t}`, `view=llm&m.tab=${t}`]),
  ...['function', 'training', 'bias', 'layer', 'vectors', 'more-params', 'moe', 'llms']
    .map((s) => [`tour-${s}`, `view=tour&t.step=${s}`]),
];

async function everyScreenFits(size) {
  const { context, page, errors } = await openApp(browser, `${server.origin}/index.html`, size);
  try {
    const problems = [];
    for (const [name, link] of screens) {
      await call(page, 'lpp_apply_link', null, ['string'], [`v=1&${link}`]);
      await waitFrames(page, 6);  // the layout settles (tab widths, auto-sized blocks) within a few frames
      const report = await page.evaluate(() => window.Module.layoutReport());
      if (report.clipped.length || report.overlapping.length) problems.push(`${name}: ${JSON.stringify(report)}`);
      const file = path.join(shots, `layout-${size.width}x${size.height}-${name}.png`);
      await page.screenshot({ path: file });
      checkImage(file, size.width * size.dpr, size.height * size.dpr);
    }
    assert(problems.length === 0, `layout problems at ${size.width}×${size.height}:\n  ${problems.join('\n  ')}`);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}

try {
  await run([
    ['every screen fits a phone (390×844, dpr 3, touch)', () => everyScreenFits({ width: 390, height: 844, dpr: 3, hasTouch: true })],
    ['every screen fits the example post (720×560)', () => everyScreenFits({ width: 720, height: 560, dpr: 1 })],
  ]);
} finally {
  await browser.close();
  server.close();
}
