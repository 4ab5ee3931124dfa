// Browser test of the page's visibility pause: node visibility.test.mjs SITE_DIR SCREENSHOT_DIR
// A training Layers view in a tab that goes to the background, and one embedded in the example blog post and
// scrolled out of sight, draw no frame and take no training step until they are shown again (input and wakes do not
// restart them), then go on from the step they stopped at. Waits count animation frames of the visible top page or
// poll the app's own counters, never a fixed sleep.
import path from 'node:path';
import fs from 'node:fs';
import { serve, launch, openApp, call, waitFrames, clickItem, checkImage, assert, run } from './harness.mjs';

const [site, shots] = process.argv.slice(2);
if (!site || !shots) {
  console.error('usage: node visibility.test.mjs SITE_DIR SCREENSHOT_DIR');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const server = await serve(site);
const browser = await launch();

// The app's frame and training-step counters, read without waking it.
const counters = (target) => target.evaluate(() => ({
  frames: window.Module.ccall('lpp_frame_count', 'number', [], []),
  steps: window.Module.ccall('lpp_layers_steps', 'number', [], []),
}));
// Resolves after `n` animation frames of `target` (a page or frame that is itself being drawn).
const animationFrames = (target, n) => target.evaluate((count) => new Promise((done) => {
  let left = count;
  const tick = () => (--left <= 0 ? done() : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
}), n);
const pollUntil = (target, fn, arg) => target.waitForFunction(fn, arg, { timeout: 60000, polling: 50 });
const trainedPast = (target, steps) => pollUntil(target,
  (s) => window.Module.ccall('lpp_layers_steps', 'number', [], []) > s, steps);

// Paused: the counters stay where they are over 30 animation frames of `clock`, through wakes and pointer input.
async function assertFrozen(page, app, clock, what) {
  await pollUntil(app, () => window.Module.ccall('lpp_idle', 'number', [], []) === 1);
  const before = await counters(app);
  await call(app, 'lpp_frame_count', 'number');  // a wake, as every exported setter sends
  const box = await app.locator('#canvas').boundingBox();
  if (box && box.y + box.height > 0 && box.y < page.viewportSize().height)
    await page.mouse.move(box.x + box.width / 2, Math.max(box.y, 0) + 10);
  await animationFrames(clock, 30);
  const after = await counters(app);
  console.log(`     ${what}: frames ${before.frames} -> ${after.frames}, steps ${before.steps} -> ${after.steps} ` +
    'over 30 animation frames');
  assert(after.frames === before.frames, `${what}: no frame is drawn (${before.frames} -> ${after.frames})`);
  assert(after.steps === before.steps, `${what}: no training step is taken (${before.steps} -> ${after.steps})`);
  return after;
}

// Shown again: it draws and trains on from where it stopped, not from a reset run.
async function assertResumes(app, stopped, what) {
  await pollUntil(app, (c) => window.Module.ccall('lpp_frame_count', 'number', [], []) > c.frames + 5 &&
    window.Module.ccall('lpp_layers_steps', 'number', [], []) > c.steps, stopped);
  const now = await counters(app);
  console.log(`     ${what}: resumed, steps ${stopped.steps} -> ${now.steps}`);
}

async function backgroundTab() {
  const { context, page, errors } = await openApp(browser, `${server.origin}/index.html`, { width: 1200, height: 760 });
  try {
    await clickItem(page, 'tab.layers');
    await waitFrames(page, 3);
    await clickItem(page, 'layers.play');
    await trainedPast(page, 200);
    // What a browser does when the tab goes to the background: document.hidden and a visibilitychange event.
    const setHidden = (hidden) => page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { value: h, configurable: true });
      Object.defineProperty(document, 'visibilityState', { value: h ? 'hidden' : 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
    await setHidden(true);
    const stopped = await assertFrozen(page, page, page, 'background tab');
    await setHidden(false);
    await assertResumes(page, stopped, 'background tab');
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}

async function scrolledEmbed() {
  const width = 720, height = 900;  // tall enough for the whole 620 px embed, so its Play button is on screen
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(`${server.origin}/examples/blog-post.html`);
    const iframe = page.locator('iframe[src*="view=layers"]');
    await iframe.scrollIntoViewIfNeeded();
    const frame = await (await iframe.elementHandle()).contentFrame();
    await pollUntil(frame, () => window.Module && window.Module.appReady === true);
    // Press the embed's Play with real mouse events, a few of its frames apart.
    const rect = await call(frame, 'lpp_item_rect', 'string', ['string'], ['layers.play']);
    assert(rect, 'the embed draws its Play button');
    const [x0, y0, x1, y1] = rect.split(' ').map(Number);
    const box = await frame.locator('#canvas').boundingBox();
    await page.mouse.move(box.x + (x0 + x1) / 2, box.y + (y0 + y1) / 2);
    await waitFrames(frame, 2);
    await page.mouse.down();
    await waitFrames(frame, 2);
    await page.mouse.up();
    await trainedPast(frame, 200);

    // Scroll the post until the embed is wholly above the viewport.
    await page.evaluate(() => {
      const r = document.querySelector('iframe[src*="view=layers"]').getBoundingClientRect();
      window.scrollBy(0, r.bottom + 50);
    });
    const stopped = await assertFrozen(page, frame, page, 'embed scrolled out of sight');
    await iframe.scrollIntoViewIfNeeded();
    await assertResumes(frame, stopped, 'embed scrolled back');
    const file = path.join(shots, 'web-blog-post-resumed.png');
    await page.screenshot({ path: file });
    checkImage(file, width, height);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}

try {
  await run([
    ['a background tab stops drawing and training, and resumes where it was', backgroundTab],
    ['an embed scrolled out of sight stops drawing and training, and resumes where it was', scrolledEmbed],
  ]);
} finally {
  await browser.close();
  server.close();
}
