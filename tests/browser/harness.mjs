// A small harness for the browser tests: a static server of our own on 127.0.0.1 (ephemeral port) that records
// every request, Debian's Chromium through playwright-core, helpers to talk to the running app, and a summary
// line "browser: N passed, N failed" that the test scripts read.
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const kTypes = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

// `headers` are added to every response (e.g. a Content-Security-Policy).
export function serve(dir, headers = {}) {
  const root = path.resolve(dir);
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push(url.pathname);
    const file = path.join(root, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': kTypes[path.extname(file)] || 'application/octet-stream', ...headers });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ origin: `http://127.0.0.1:${server.address().port}`, requests, close: () => server.close() });
  }));
}

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader'],
  });
}

// Opens a page at `url` with the given device pixel ratio, recording every request it makes, and waits for the
// app's own ready signal (Module.appReady, set after its first frames), never a fixed sleep.
export async function openApp(browser, url, { dpr = 1, width = 1200, height = 760, permissions = [], hasTouch = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, permissions, hasTouch });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.Module && window.Module.appReady === true, null, { timeout: 60000, polling: 50 });
  return { context, page, requests, errors, readyMs: Date.now() - t0 };
}

// Calls an exported function, then wakes the page (an idle page stops drawing until input or a wake).
export const call = (page, name, ret, types = [], args = []) =>
  page.evaluate(([n, r, t, a]) => {
    const result = window.Module.ccall(n, r, t, a);
    window.Module._lpp_wake();
    return result;
  }, [name, ret, types, args]);

export async function waitFrames(page, n = 2) {
  const start = await call(page, 'lpp_frame_count', 'number');
  // Each poll wakes the page: a slow renderer may otherwise go idle before n frames are drawn.
  await page.waitForFunction((target) => {
    window.Module._lpp_wake();
    return window.Module.ccall('lpp_frame_count', 'number', [], []) >= target;
  }, start + n, { timeout: 30000, polling: 100 });
}

// Clicks the centre of a widget the app reports (lpp_item_rect) with real mouse events, a frame apart.
export async function clickItem(page, name) {
  const rect = await call(page, 'lpp_item_rect', 'string', ['string'], [name]);
  if (!rect) throw new Error(`the app drew no item named ${name}`);
  const [x0, y0, x1, y1] = rect.split(' ').map(Number);
  const box = await page.locator('#canvas').boundingBox();
  await page.mouse.move(box.x + (x0 + x1) / 2, box.y + (y0 + y1) / 2);
  await waitFrames(page, 1);
  await page.mouse.down();
  await waitFrames(page, 2);
  await page.mouse.up();
  await waitFrames(page, 2);
}

export function checkImage(file, width, height) {
  const here = path.dirname(new URL(import.meta.url).pathname);
  execFileSync(path.join(here, '..', 'tools', 'check_image.sh'), [file, String(width), String(height)],
    { stdio: 'inherit' });
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// Runs the named async test cases in order and prints one summary line; exit status 1 on any failure.
export async function run(cases) {
  let passed = 0, failed = 0;
  for (const [name, fn] of cases) {
    const t0 = Date.now();
    try {
      await fn();
      passed++;
      console.log(`ok   ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${String(e && e.stack || e).split('\n').slice(0, 6).join('\n')}`);
    }
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
