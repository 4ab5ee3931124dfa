// Browser test of the Layers lab: node layers.test.mjs SITE_DIR SCREENSHOT_DIR
// Opens the page, switches to the Layers tab with a real click, presses Play with a real click, lets it train
// while frames keep coming (training never blocks a frame), checks the loss falls, switches to 8×64 and keeps
// training, and saves screenshots checked by checkImage.
import path from 'node:path';
import fs from 'node:fs';
import { serve, launch, openApp, call, waitFrames, clickItem, checkImage, assert, run } from './harness.mjs';

const [site, shots] = process.argv.slice(2);
if (!site || !shots) {
  console.error('usage: node layers.test.mjs SITE_DIR SCREENSHOT_DIR');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const server = await serve(site);
const browser = await launch();

async function layersAt(width, height, name) {
  const { context, page, errors } = await openApp(browser, `${server.origin}/index.html`, { dpr: 1, width, height });
  try {
    await clickItem(page, 'tab.layers');
    await waitFrames(page, 3);
    assert(await call(page, 'lpp_layers_param_count', 'number') === 25, "TF Playground's 2-4-2-1 has 25 parameters");
    const loss0 = await call(page, 'lpp_layers_train_loss', 'number');
    assert(loss0 > 0, `initial train loss ${loss0} should be positive`);

    await clickItem(page, 'layers.play');
    const t0 = Date.now();
    const frames0 = await call(page, 'lpp_frame_count', 'number');
    await page.waitForFunction(() => window.Module.ccall('lpp_layers_steps', 'number', [], []) > 3000, null,
      { timeout: 60000, polling: 100 });
    const frames = (await call(page, 'lpp_frame_count', 'number')) - frames0;
    const secs = (Date.now() - t0) / 1000;
    const loss1 = await call(page, 'lpp_layers_train_loss', 'number');
    console.log(`     ${name}: 3000 steps in ${secs.toFixed(1)} s, ${frames} frames (${(frames / secs).toFixed(0)} fps); ` +
      `train loss ${loss0.toFixed(4)} -> ${loss1.toFixed(4)}`);
    assert(frames > 10, 'frames keep coming while training');
    assert(loss1 < 0.6 * loss0, `training should lower the loss (${loss0} -> ${loss1})`);
    const file = path.join(shots, `web-layers-${name}.png`);
    await page.screenshot({ path: file });
    checkImage(file, width, height);

    // Beyond TF Playground's cap: 8 hidden layers of 64 neurons, still training frame by frame.
    await clickItem(page, 'layers.big');
    await waitFrames(page, 3);
    assert(await call(page, 'lpp_layers_param_count', 'number') === 29377, '2-64×8-1 has 29,377 parameters');
    const steps0 = await call(page, 'lpp_layers_steps', 'number');
    const t1 = Date.now();
    await waitFrames(page, 30);
    const big_fps = 30 / ((Date.now() - t1) / 1000);
    const steps1 = await call(page, 'lpp_layers_steps', 'number');
    console.log(`     ${name}: 8x64 trains ${steps1 - steps0} steps over 30 frames, ${big_fps.toFixed(0)} fps (SwiftShader)`);
    assert(steps1 > steps0, 'the 8×64 network trains');
    const big = path.join(shots, `web-layers-8x64-${name}.png`);
    await page.screenshot({ path: big });
    checkImage(big, width, height);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}

await run([
  ['layers view at 1200×760', () => layersAt(1200, 760, '1200x760')],
  ['layers view at 900×600', () => layersAt(900, 600, '900x600')],
]);
await browser.close();
server.close();
