// Browser tests of the page: node app.test.mjs SITE_DIR SCREENSHOT_DIR
// Loads the served page in headless Chromium at device pixel ratios 1 and 2, waits for the app's ready signal,
// reads the parameter count and the loss through the exported API, changes a parameter through the API and with
// a real click, checks the canvas is sized for crisp text, that no request leaves the origin, and that the
// screenshot is not blank.
import path from 'node:path';
import fs from 'node:fs';
import { serve, launch, openApp, call, waitFrames, clickItem, checkImage, assert, run } from './harness.mjs';

const [site, shots] = process.argv.slice(2);
if (!site || !shots) {
  console.error('usage: node app.test.mjs SITE_DIR SCREENSHOT_DIR');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const server = await serve(site);
const browser = await launch();

async function dialsAt(dpr) {
  const width = 1200, height = 760;
  const { context, page, requests, errors, readyMs } = await openApp(browser, `${server.origin}/index.html`,
    { dpr, width, height });
  try {
    console.log(`     dpr ${dpr}: app ready ${readyMs} ms after navigation`);
    assert(await page.locator('#loading').isHidden(), 'the loading overlay is still shown after the app is ready');

    const size = await page.evaluate(() => [window.Module.canvas.width, window.Module.canvas.height]);
    assert(size[0] === width * dpr && size[1] === height * dpr,
      `canvas backing store ${size} should be the CSS size × dpr (${width * dpr},${height * dpr})`);

    assert(await call(page, 'lpp_param_count', 'number') === 2, 'y = a·x + b has 2 parameters');
    const loss0 = await call(page, 'lpp_loss', 'number');
    assert(Number.isFinite(loss0) && loss0 > 0, `initial loss ${loss0} should be positive`);

    // Through the API: a new slope changes the loss.
    assert(await call(page, 'lpp_set_dial', 'number', ['string', 'number'], ['a', 3.0]) === 0, 'set a');
    await waitFrames(page, 2);
    const loss1 = await call(page, 'lpp_loss', 'number');
    assert(Math.abs(loss1 - loss0) > 1e-3, `loss should change with a (was ${loss0}, now ${loss1})`);
    assert(await call(page, 'lpp_set_dial', 'number', ['string', 'number'], ['a', NaN]) === -1, 'NaN refused');

    // Real input: click "Fit", then the loss is the minimum and lower than before.
    await clickItem(page, 'dials.fit');
    const loss2 = await call(page, 'lpp_loss', 'number');
    assert(loss2 < loss1 && loss2 < loss0, `the Fit button should lower the loss (${loss1} -> ${loss2})`);

    // Real input: switching the bias off leaves one parameter.
    await clickItem(page, 'dials.use_bias');
    assert(await call(page, 'lpp_param_count', 'number') === 1, 'without the bias only a is left');
    await clickItem(page, 'dials.use_bias');
    await clickItem(page, 'dials.fit');

    const file = path.join(shots, `web-dials-dpr${dpr}.png`);
    await page.screenshot({ path: file });
    checkImage(file, width * dpr, height * dpr);

    const foreign = requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('data:'));
    assert(foreign.length === 0, `requests left the origin: ${foreign.join(', ')}`);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}

await run([
  ['dials view at device pixel ratio 1', () => dialsAt(1)],
  ['dials view at device pixel ratio 2', () => dialsAt(2)],
]);
await browser.close();
server.close();
