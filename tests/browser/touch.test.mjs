// Browser test of touch input: node touch.test.mjs SITE_DIR SCREENSHOT_DIR
// Real touch events (Chromium's touch emulation through the DevTools protocol, not mouse events): a tap switches
// the lab, a finger dragged along the weight's slider turns the dial, a tap on a button in an embed presses it, and
// the finger's position (not the mouse's last one) is what the app sees.
import path from 'node:path';
import fs from 'node:fs';
import { serve, launch, openApp, call, waitFrames, checkImage, assert, run } from './harness.mjs';

const [site, shots] = process.argv.slice(2);
if (!site || !shots) {
  console.error('usage: node touch.test.mjs SITE_DIR SCREENSHOT_DIR');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const server = await serve(site);
const browser = await launch();

// The centre (page coordinates) of a widget the app drew, and the widget's rectangle.
async function itemOnPage(page, name) {
  const rect = await call(page, 'lpp_item_rect', 'string', ['string'], [name]);
  assert(rect, `the app drew no item named ${name}`);
  const [x0, y0, x1, y1] = rect.split(' ').map(Number);
  const box = await page.locator('#canvas').boundingBox();
  return { x0: box.x + x0, y0: box.y + y0, x1: box.x + x1, y1: box.y + y1, cx: box.x + (x0 + x1) / 2, cy: box.y + (y0 + y1) / 2 };
}

async function touch(cdp, type, points) {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y]) => ({ x, y })) });
}

async function tap(page, cdp, name) {
  const r = await itemOnPage(page, name);
  await touch(cdp, 'touchStart', [[r.cx, r.cy]]);
  await waitFrames(page, 2);
  await touch(cdp, 'touchEnd', []);
  await waitFrames(page, 2);
}

async function tapsAndDragsOnThePage() {
  const width = 1000, height = 700;
  const { context, page, errors } = await openApp(browser, `${server.origin}/index.html`, { width, height, hasTouch: true });
  try {
    const cdp = await context.newCDPSession(page);
    // The mouse rests far from every target: a tap must act where the finger is.
    await page.mouse.move(5, height - 5);
    await tap(page, cdp, 'tab.layers');
    assert(/view=layers/.test(await call(page, 'lpp_link', 'string')), 'a tap on the Layers tab opens it');
    await tap(page, cdp, 'tab.dials');
    assert(!/view=/.test(await call(page, 'lpp_link', 'string')), 'a tap on the Dials tab goes back (the default view)');

    // Drag the weight's slider from near its left end to near its right end (range −5…5) with one finger.
    const a0 = await call(page, 'lpp_dial', 'number', ['string'], ['a']);
    const s = await itemOnPage(page, 'dials.a');
    const from = s.x0 + 0.1 * (s.x1 - s.x0), to = s.x0 + 0.9 * (s.x1 - s.x0);
    await touch(cdp, 'touchStart', [[from, s.cy]]);
    await waitFrames(page, 2);
    for (let i = 1; i <= 8; i++) {
      await touch(cdp, 'touchMove', [[from + ((to - from) * i) / 8, s.cy]]);
      await waitFrames(page, 1);
    }
    const during = await call(page, 'lpp_dial', 'number', ['string'], ['a']);
    await touch(cdp, 'touchEnd', []);
    await waitFrames(page, 2);
    const a1 = await call(page, 'lpp_dial', 'number', ['string'], ['a']);
    console.log(`     dial a: ${a0} → ${during} (finger down) → ${a1} (lifted)`);
    assert(a1 > 2.5 && a1 < 5, `dragging to 90 % of the slider sets a near 4 (got ${a1}, was ${a0})`);
    assert(await page.evaluate(() => window.scrollY) === 0, 'the full page does not scroll under the finger');
    const file = path.join(shots, 'web-touch-dial.png');
    await page.screenshot({ path: file });
    checkImage(file, width, height);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}

async function tapInAnEmbed() {
  const { context, page, errors } = await openApp(browser, `${server.origin}/embed.html#v=1&view=dials`,
    { width: 720, height: 520, hasTouch: true });
  try {
    const cdp = await context.newCDPSession(page);
    // At 720 px the view is one column, the plots first: both on screen, the log-scale box under them.
    for (const plot of ['dials.scatter', 'dials.landscape']) {
      const r = await itemOnPage(page, plot);
      assert(r.y1 <= 520, `${plot} is on the first screen (bottom at ${r.y1})`);
    }
    const before = await call(page, 'lpp_link', 'string');
    await tap(page, cdp, 'dials.log_loss');
    const after = await call(page, 'lpp_link', 'string');
    assert(after !== before && /d\.log=/.test(before + after), `a tap on "log scale" toggles it (${before} → ${after})`);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}

try {
  await run([
    ['a tap switches labs and a finger drags a dial', tapsAndDragsOnThePage],
    ['a tap presses a button in a narrow embed', tapInAnEmbed],
  ]);
} finally {
  await browser.close();
  server.close();
}
