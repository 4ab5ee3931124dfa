// Browser test of the guided tour: node tour.test.mjs SITE_DIR SCREENSHOT_DIR
// Loads every step from its link (#v=1&view=tour&t.step=<id>: the first by opening the page at it, the others by
// following the link within the page, as a reader clicking a link would), waits for its live view to finish
// its work where it trains (word vectors, the MoE comparison), checks frames keep coming meanwhile, and saves a
// screenshot per step checked by checkImage; then walks Next and Back with real clicks.
import path from 'node:path';
import fs from 'node:fs';
import { serve, launch, openApp, call, waitFrames, clickItem, checkImage, assert, run } from './harness.mjs';

const [site, shots] = process.argv.slice(2);
if (!site || !shots) {
  console.error('usage: node tour.test.mjs SITE_DIR SCREENSHOT_DIR');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const server = await serve(site);
const browser = await launch();
const kIds = ['function', 'training', 'bias', 'layer', 'vectors', 'more-params', 'moe', 'llms'];

async function waitFor(page, fn, what, timeout = 90000) {
  await page.waitForFunction(fn, null, { timeout, polling: 100 }).catch(() => { throw new Error(`timed out: ${what}`); });
}

async function everyStep(width, height, name) {
  const link = (id) => `#v=1&view=tour&t.step=${id}`;
  const { context, page, errors } = await openApp(browser, `${server.origin}/index.html${link(kIds[0])}`,
    { dpr: 1, width, height });
  try {
    for (let step = 0; step < kIds.length; ++step) {
      if (step > 0) await page.evaluate((h) => { location.hash = h; }, link(kIds[step]));
      await waitFrames(page, 4);
      assert(new RegExp(`t\\.step=${kIds[step]}`).test(await call(page, 'lpp_link', 'string')) || step === 0,
        `the app's link names step ${kIds[step]}`);
      assert(await call(page, 'lpp_tour_step', 'number') === step, `step ${step} shown`);
      if (kIds[step] === 'vectors') {
        const t0 = Date.now();
        const frames0 = await call(page, 'lpp_frame_count', 'number');
        await waitFor(page, () => window.Module.ccall('lpp_tour_words_progress', 'number', [], []) >= 1,
          'word vectors trained');
        const frames = (await call(page, 'lpp_frame_count', 'number')) - frames0;
        const secs = (Date.now() - t0) / 1000;
        const train = await call(page, 'lpp_tour_words_seconds', 'number');
        console.log(`     ${name}: word vectors trained in ${secs.toFixed(1)} s wall (${train.toFixed(2)} s of training ` +
          `inside frames), ${frames} frames`);
        assert(frames > 10, 'frames keep coming while the word vectors train');
      }
      if (kIds[step] === 'moe') {
        await waitFor(page, () => window.Module.ccall('lpp_tour_moe_progress', 'number', [], []) >= 1, 'MoE trained');
      }
      if (kIds[step] === 'more-params') {
        // The sweep takes a while on SwiftShader; the screenshot shows it part-way with its progress bar.
        await waitFor(page, () => window.Module.ccall('lpp_tour_sweep_progress', 'number', [], []) > 0.3,
          'sweep under way');
      }
      await waitFrames(page, 3);
      const file = path.join(shots, `web-tour-${step + 1}-${kIds[step]}-${name}.png`);
      await page.screenshot({ path: file });
      checkImage(file, width, height);
    }
    // Real clicks: Back from the last step, then Next again.
    await clickItem(page, 'tour.back');
    assert(await call(page, 'lpp_tour_step', 'number') === kIds.length - 2, 'Back goes one step back');
    await clickItem(page, 'tour.next');
    assert(await call(page, 'lpp_tour_step', 'number') === kIds.length - 1, 'Next goes one step on');
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}

await run([
  ['every tour step at 1200×760', () => everyStep(1200, 760, '1200x760')],
  ['every tour step at 900×600', () => everyStep(900, 600, '900x600')],
]);
await browser.close();
server.close();
