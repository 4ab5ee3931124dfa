// Browser test of the Dials lab: node dials.test.mjs SITE_DIR SCREENSHOT_DIR
// Starts training with a real click and waits until the loss reaches the least-squares loss, then races the
// optimizers (real clicks on the Optimizer tab and the race switch), clicks the landscape to move the start, and
// saves a screenshot of each state, checked not to be blank.
import path from 'node:path';
import fs from 'node:fs';
import { serve, launch, openApp, call, waitFrames, clickItem, checkImage, assert, run } from './harness.mjs';

const [site, shots] = process.argv.slice(2);
if (!site || !shots) {
  console.error('usage: node dials.test.mjs SITE_DIR SCREENSHOT_DIR');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const server = await serve(site);
const browser = await launch();

const num = (page, name) => call(page, name, 'number');

async function waitFor(page, what, fn, timeout = 60000) {
  const t0 = Date.now();
  for (;;) {
    if (await fn()) return Date.now() - t0;
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${what}`);
    await waitFrames(page, 5);
  }
}

async function trainsToTheOptimum() {
  const width = 1200, height = 760;
  const { context, page, errors } = await openApp(browser, `${server.origin}/index.html`, { width, height });
  try {
    const best = await num(page, 'lpp_dials_best_loss');
    const loss0 = await num(page, 'lpp_dials_loss');
    assert(best > 0 && loss0 > 10 * best, `start loss ${loss0} should be far above the best ${best}`);
    await clickItem(page, 'dials.play');
    const ms = await waitFor(page, 'the loss to reach the optimum',
      async () => (await num(page, 'lpp_dials_loss')) < best * (1 + 1e-6));
    const steps = await num(page, 'lpp_dials_steps');
    console.log(`     SGD reached the least-squares loss ${best.toFixed(6)} in ${steps} steps, ${ms} ms`);
    assert(steps > 10, `training took ${steps} steps: it should have run over many frames`);
    const file = path.join(shots, 'web-dials-trained.png');
    await page.screenshot({ path: file });
    checkImage(file, width, height);

    // Race: the Optimizer tab, the race switch, then train; every racer moves and none diverges.
    await clickItem(page, 'dials.tab.optimizer');
    await clickItem(page, 'dials.race');
    await waitFrames(page, 2);
    assert(await num(page, 'lpp_dials_runners') === 5, 'all five optimizers race');
    // Start the race away from the optimum: a real click on the landscape's upper left.
    const rect = (await call(page, 'lpp_item_rect', 'string', ['string'], ['dials.landscape'])).split(' ').map(Number);
    const box = await page.locator('#canvas').boundingBox();
    await page.mouse.click(box.x + rect[0] + 0.25 * (rect[2] - rect[0]), box.y + rect[1] + 0.15 * (rect[3] - rect[1]));
    await waitFrames(page, 3);
    const start = await num(page, 'lpp_dials_loss');
    assert(start > 2 * best, `the landscape click should move the start away from the optimum (loss ${start})`);
    await clickItem(page, 'dials.play');
    await waitFor(page, 'the race to run 150 steps', async () => (await num(page, 'lpp_dials_steps')) >= 150);
    assert(await num(page, 'lpp_dials_diverged') === 0, 'no racer diverges at the default rates');
    const race = path.join(shots, 'web-dials-race.png');
    await page.screenshot({ path: race });
    checkImage(race, width, height);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}

async function smallWindowStillWorks() {
  const width = 900, height = 600;
  const { context, page, errors } = await openApp(browser, `${server.origin}/index.html`, { width, height });
  try {
    for (const item of ['dials.play', 'dials.fit', 'dials.landscape', 'dials.scatter']) {
      const rect = await call(page, 'lpp_item_rect', 'string', ['string'], [item]);
      const [x0, y0, x1, y1] = rect.split(' ').map(Number);
      assert(rect && x1 <= width && y1 <= height && x0 >= 0 && y0 >= 0, `${item} (${rect}) should be inside ${width}×${height}`);
    }
    await clickItem(page, 'dials.play');
    await waitFor(page, 'training to start', async () => (await num(page, 'lpp_dials_steps')) > 20);
    const file = path.join(shots, 'web-dials-900x600.png');
    await page.screenshot({ path: file });
    checkImage(file, width, height);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}

await run([
  ['dials: training reaches the optimum, race, landscape click', trainsToTheOptimum],
  ['dials: usable at 900×600', smallWindowStillWorks],
]);
await browser.close();
server.close();
