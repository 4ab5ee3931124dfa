// The counting engine's JS API in the browser (Module.countParameters) against published counts, and against
// paramcount run from the same build under node and from the native build: the JSON must be identical.
// node llm_api.test.mjs SITE_DIR SCREENSHOT_DIR
import path from 'node:path';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve, launch, openApp, assert, run } from './harness.mjs';

const [site] = process.argv.slice(2);
if (!site) {
  console.error('usage: node llm_api.test.mjs SITE_DIR SCREENSHOT_DIR');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const buildDir = path.resolve(site, '..');
const fixtures = path.join(repo, 'tests', 'llm', 'fixtures');
const wasmCli = path.join(buildDir, 'core', 'llm', 'paramcount.js');
const nativeCli = path.join(repo, 'build', 'native-release', 'core', 'llm', 'paramcount');

// Published counts (shared/reference/llm, copied into tests/llm/fixtures with their sources).
const references = ['gpt2', 'qwen2.5-0.5b', 'llama-2-7b', 'mixtral-8x7b', 'deepseek-v3'].map((id) => {
  const file = path.join(fixtures, `${id}.json`);
  return { id, file, ref: JSON.parse(fs.readFileSync(file, 'utf8')) };
});
const presets = ['gpt2', 'llama-2-70b', 'llama-3.1-405b', 'mixtral-8x22b', 'gemma-2-9b', 'phi-3-mini', 'grok-1',
  'gpt-4-rumoured', 'deepseek-v3', 'gpt-3-175b'];
const options = { tensors: true, dtype: 'int4', context: 8192, batch: 2 };
const cliArgs = ['--json', '--tensors', '--dtype', 'int4', '--context', '8192', '--batch', '2'];

const server = await serve(site);
const browser = await launch();
const { context, page } = await openApp(browser, `${server.origin}/index.html`);
const count = (text, opts) => page.evaluate(([t, o]) => window.Module.countParameters(t, o), [text, opts]);

await run([
  ['reference models are exact through the JS API', async () => {
    for (const { id, file, ref } of references) {
      const out = JSON.parse(await count(fs.readFileSync(file, 'utf8'), {}));
      assert(out.total === ref.params_total, `${id}: total ${out.total}, published ${ref.params_total}`);
      if (ref.params_active) {
        const tol = ref.active_tolerance ?? 0.01;
        assert(Math.abs(out.active - ref.params_active) <= tol * ref.params_active,
          `${id}: active ${out.active}, published ${ref.params_active}`);
      }
    }
  }],
  ['JS API, wasm CLI under node and native CLI print identical JSON', async () => {
    assert(fs.existsSync(wasmCli), `${wasmCli} is missing`);
    const haveNative = fs.existsSync(nativeCli);
    if (!haveNative) console.log(`     (no native build at ${nativeCli}: comparing with the wasm CLI only)`);
    for (const id of [...presets, ...references.map((r) => r.file)]) {
      const fromPage = await count(/\.json$/.test(id) ? fs.readFileSync(id, 'utf8') : id, options);
      const fromNode = execFileSync('node', [wasmCli, id, ...cliArgs], { encoding: 'utf8' }).trim();
      assert(fromPage === fromNode, `${id}: the page and the wasm CLI differ`);
      if (haveNative) {
        const fromNative = execFileSync(nativeCli, [id, ...cliArgs], { encoding: 'utf8' }).trim();
        assert(fromPage === fromNative, `${id}: the page and the native CLI differ`);
      }
    }
  }],
  ['bad input gets a message naming the field, and the page keeps running', async () => {
    const bad = JSON.parse(await count(fs.readFileSync(path.join(fixtures, 'bad-kv-heads.json'), 'utf8'), {}));
    assert(bad.error && /num_key_value_heads \(7\) must divide num_attention_heads \(32\)/.test(JSON.stringify(bad)),
      `unexpected: ${JSON.stringify(bad).slice(0, 200)}`);
    const notJson = JSON.parse(await count('this is not json {', {}));
    assert(notJson.error, 'text that is not JSON must be an error');
    const ok = JSON.parse(await count('gpt2', { context: 'oops' }));
    assert(ok.total === 124439808, 'a mistyped option keeps its default');
  }],
]);
await context.close();
await browser.close();
server.close();
