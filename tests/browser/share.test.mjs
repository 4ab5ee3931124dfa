// Share and embed in the browser: links restore state (and hostile ones fall back with a notice), the hash
// follows the state, the share button copies the link, embed mode, the single file from file://, a strict
// Content-Security-Policy, an idle page that stops drawing, the example blog post, and a screenshot of every
// view at device pixel ratios 1 and 2. No request may leave the origin.
// node share.test.mjs SITE_DIR SCREENSHOT_DIR
import path from 'node:path';
import fs from 'node:fs';
import { serve, launch, openApp, call, waitFrames, clickItem, checkImage, assert, run } from './harness.mjs';

const [site, shots] = process.argv.slice(2);
if (!site || !shots) {
  console.error('usage: node share.test.mjs SITE_DIR SCREENSHOT_DIR');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const server = await serve(site);
const browser = await launch();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function noForeignRequests(requests, origin) {
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert(foreign.length === 0, `requests left the origin: ${foreign.join(', ')}`);
}

async function withApp(url, options, fn) {
  const app = await openApp(browser, url, options);
  try {
    await fn(app);
    assert(app.errors.length === 0, `page errors: ${app.errors.join('; ')}`);
  } finally {
    await app.context.close();
  }
}

await run([
  ['a link restores the state of every lab', () => withApp(
    `${server.origin}/index.html#v=1&view=llm&m.preset=deepseek-v3&d.a=1.5&l.layers=8r,8r`, {}, async ({ page }) => {
      await waitFrames(page, 3);
      assert(await call(page, 'lpp_dial', 'number', ['string'], ['a']) === 1.5, 'd.a=1.5 from the link');
      assert(await call(page, 'lpp_llm_total', 'number') === 671026419200, 'DeepSeek-V3 from the link (published 671,026,419,200)');
      const link = await call(page, 'lpp_link', 'string');
      assert(/view=llm/.test(link) && /m\.preset=deepseek-v3/.test(link) && /l\.layers=8r,8r/.test(link),
        `the app's link should carry the state: ${link}`);
      assert((await call(page, 'lpp_notices', 'string')) === '', 'a good link gives no notice');
    })],
  ['a hostile link falls back to defaults with a notice', () => withApp(
    `${server.origin}/index.html#v=1&d.a=abc&zzz=%ZZ&d.n=-4&view=%3Cscript%3E`, {}, async ({ page }) => {
      const notices = await call(page, 'lpp_notices', 'string');
      assert(/d\.a: 'abc' is not a number/.test(notices), `notice for d.a: ${notices}`);
      assert(/unknown setting 'zzz'/.test(notices) && /d\.n:/.test(notices) && /view:/.test(notices), notices);
      assert(await call(page, 'lpp_dial', 'number', ['string'], ['a']) === 0.5, 'd.a keeps its default');
      assert(await call(page, 'lpp_param_count', 'number') === 2, 'the app runs on defaults');
    })],
  ['the hash follows the state, and Copy link copies it', () => withApp(
    `${server.origin}/index.html`, { permissions: ['clipboard-read', 'clipboard-write'] }, async ({ page }) => {
      await call(page, 'lpp_set_dial', 'number', ['string', 'number'], ['a', 2.25]);
      await page.waitForFunction(() => /d\.a=2\.25/.test(location.hash), null, { timeout: 20000 });
      await clickItem(page, 'share.link');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const expected = await page.evaluate(() => location.href);
      assert(copied === expected && /#v=1&d\.a=2\.25/.test(copied), `copied ${copied}, the page is at ${expected}`);
    })],
  ['embed mode shows one view without the chrome', () => withApp(
    `${server.origin}/embed.html#v=1&view=dials`, { width: 720, height: 520 }, async ({ page, requests }) => {
      assert(/embed=1/.test(await call(page, 'lpp_link', 'string')), 'embed.html adds embed=1');
      assert(await call(page, 'lpp_item_rect', 'string', ['string'], ['tab.dials']) === '', 'no tab bar drawn');
      assert(await call(page, 'lpp_param_count', 'number') === 2, 'the dials view runs');
      const file = path.join(shots, 'web-embed-dials.png');
      await page.screenshot({ path: file });
      checkImage(file, 720, 520);
      noForeignRequests(requests, server.origin);
    })],
  ['the single file works from file://', () => withApp(
    'file://' + path.resolve(site, 'playground-single.html') + '#v=1&view=llm&m.preset=gpt2', {}, async ({ page, requests }) => {
      assert(await call(page, 'lpp_llm_total', 'number') === 124439808, 'GPT-2 counted from file:// (published 124,439,808)');
      const foreign = requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'));
      assert(foreign.length === 0, `the single file made requests: ${foreign.join(', ')}`);
    })],
  ['a strict Content-Security-Policy is enough', async () => {
    const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
    const strict = await serve(site, { 'Content-Security-Policy': csp });
    try {
      await withApp(`${strict.origin}/index.html#v=1&view=layers`, {}, async ({ page }) => {
        const violations = await page.evaluate(() => window.__cspViolations || 0);
        assert(violations === 0, `${violations} CSP violations`);
        assert(await call(page, 'lpp_layers_param_count', 'number') > 0, 'the Layers lab runs under the CSP');
      });
    } finally {
      strict.close();
    }
  }],
  ['an idle page stops drawing and input wakes it', () => withApp(`${server.origin}/index.html`, {}, async ({ page }) => {
    await page.waitForFunction(() => window.Module.ccall('lpp_idle', 'number', [], []) === 1, null, { timeout: 20000 });
    const frames = await page.evaluate(() => window.Module.ccall('lpp_frame_count', 'number', [], []));
    await sleep(1000);
    const later = await page.evaluate(() => window.Module.ccall('lpp_frame_count', 'number', [], []));
    assert(later === frames, `an idle page drew ${later - frames} frames in a second`);
    await page.mouse.move(300, 300);
    await page.mouse.move(320, 310);
    await page.waitForFunction((f) => window.Module.ccall('lpp_frame_count', 'number', [], []) > f, frames,
      { timeout: 20000 });
  })],
  ['the example blog post embeds three live views', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    try {
      await page.goto(`${server.origin}/examples/blog-post.html`);
      const frames = page.frames().filter((f) => f !== page.mainFrame());
      assert(frames.length === 3, `expected 3 embedded views, found ${frames.length}`);
      for (const [i, frame] of frames.entries()) {
        await frame.evaluate((y) => window.parent.scrollTo(0, y), 0);
        await page.locator('iframe').nth(i).scrollIntoViewIfNeeded();
        await frame.waitForFunction(() => window.Module && window.Module.appReady === true, null, { timeout: 60000 });
      }
      assert(await frames[2].evaluate(() => window.Module.ccall('lpp_llm_total', 'number', [], [])) > 0, 'LLM view counts');
      const file = path.join(shots, 'web-blog-post.png');
      await page.locator('iframe').nth(0).scrollIntoViewIfNeeded();
      await page.screenshot({ path: file });
      checkImage(file, 1000, 900);
      noForeignRequests(requests, server.origin);
    } finally {
      await context.close();
    }
  }],
  ...[1, 2].flatMap((dpr) => ['dials', 'layers', 'llm', 'tour'].map((view) => [
    `screenshot of the ${view} view at device pixel ratio ${dpr}`,
    () => withApp(`${server.origin}/index.html#v=1&view=${view}`, { dpr }, async ({ page, requests }) => {
      await waitFrames(page, 4);
      const file = path.join(shots, `web-view-${view}-dpr${dpr}.png`);
      await page.screenshot({ path: file });
      checkImage(file, 1200 * dpr, 760 * dpr);
      noForeignRequests(requests, server.origin);
    })])),
]);
await browser.close();
server.close();
