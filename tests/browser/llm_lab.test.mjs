// Browser test of the LLM lab: node llm_lab.test.mjs SITE_DIR SCREENSHOT_DIR
// Opens the page, switches to the LLM tab with a real click, puts a reference config.json into the paste box and
// presses "Count it" with a real click (the UI path), reads the total the lab shows against the published count,
// drops a config.json (and a binary file) on the canvas, then opens the Grok-1 vs DeepSeek-V3 vs GPT-4 comparison
// with a real click and screenshots it.
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve, launch, openApp, call, waitFrames, clickItem, checkImage, assert, run } from './harness.mjs';

const [site, shots] = process.argv.slice(2);
if (!site || !shots) {
  console.error('usage: node llm_lab.test.mjs SITE_DIR SCREENSHOT_DIR');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'llm', 'fixtures');
const server = await serve(site);
const browser = await launch();
const { context, page, errors } = await openApp(browser, `${server.origin}/index.html`, { dpr: 1, width: 1200, height: 760 });

async function openLlmTab() {
  await clickItem(page, 'tab.llm');
  await waitFrames(page, 3);
}

await run([
  ['the LLM tab opens on Llama-2-7B', async () => {
    await openLlmTab();
    assert(await call(page, 'lpp_llm_total', 'number') === 6738415616, 'Llama-2-7B: 6,738,415,616 (published)');
  }],
  ['a pasted reference config shows its published total', async () => {
    for (const id of ['deepseek-v3', 'qwen2.5-0.5b']) {
      const text = fs.readFileSync(path.join(fixtures, `${id}.json`), 'utf8');
      const ref = JSON.parse(text);
      await call(page, 'lpp_llm_set_paste', null, ['string'], [JSON.stringify(ref.config, null, 2)]);
      await waitFrames(page, 2);
      await clickItem(page, 'llm.paste.import');
      await waitFrames(page, 3);
      const total = await call(page, 'lpp_llm_total', 'number');
      assert(total === ref.params_total, `${id}: the lab shows ${total}, published ${ref.params_total}`);
    }
    const file = path.join(shots, 'web-llm-model.png');
    await page.screenshot({ path: file });
    checkImage(file, 1200, 760);
  }],
  ['a bad config keeps the previous model', async () => {
    const before = await call(page, 'lpp_llm_total', 'number');
    await call(page, 'lpp_llm_set_paste', null, ['string'],
      [fs.readFileSync(path.join(fixtures, 'bad-kv-heads.json'), 'utf8')]);
    await waitFrames(page, 2);
    await clickItem(page, 'llm.paste.import');
    await waitFrames(page, 3);
    assert(await call(page, 'lpp_llm_total', 'number') === before, 'the previous model stays');
  }],
  ['a config.json dropped on the canvas is counted; a binary file is refused and changes nothing', async () => {
    const drop = (name, bytes) => page.evaluate(([n, b]) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(b)], n));
      document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [name, Array.from(bytes)]);
    const ref = JSON.parse(fs.readFileSync(path.join(fixtures, 'gpt2.json'), 'utf8'));
    await drop('config.json', Buffer.from(JSON.stringify(ref.config)));
    await page.waitForFunction((want) => window.Module.ccall('lpp_llm_total', 'number', [], []) === want,
      ref.params_total, { timeout: 10000, polling: 50 });
    await drop('weights.bin', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10]));
    await page.waitForFunction(() => window.Module.ccall('lpp_notices', 'string', [], []).includes('weights.bin: is a binary file'),
      null, { timeout: 10000, polling: 50 });
    await waitFrames(page, 2);
    assert(await call(page, 'lpp_llm_total', 'number') === ref.params_total, 'the dropped GPT-2 stays after the binary file');
  }],
  ['the seed comparison is one click away', async () => {
    await clickItem(page, 'llm.seed_compare');
    await waitFrames(page, 4);
    const file = path.join(shots, 'web-llm-compare.png');
    await page.screenshot({ path: file });
    checkImage(file, 1200, 760);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  }],
]);
await context.close();
await browser.close();
server.close();
