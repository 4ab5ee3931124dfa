// Size profile of the page's wasm for scripts/bench: node wasm_sizes.mjs WASM SYMBOLS [TOP]
// SYMBOLS is emcc's --emit-symbol-map (function index:name; the shipped wasm has no names). Prints `key value` lines:
// the bytes of each section, of the code by component (a C++ namespace such as lpp::llm, ImGui, nlohmann, Eigen,
// std, or the C library; raw and gzip -9 on its own), and the TOP largest components and functions. Sizes are the
// functions' bodies in the binary as shipped (after wasm-opt, whose inlining and merging of identical functions
// put some code under another function's name).
import fs from 'node:fs';
import zlib from 'node:zlib';

const [wasmFile, symbolsFile, topArg = '15'] = process.argv.slice(2);
if (!wasmFile || !symbolsFile) {
  console.error('usage: node wasm_sizes.mjs WASM SYMBOLS [TOP]');
  process.exit(2);
}
const bytes = fs.readFileSync(wasmFile);
let at = 8;  // after the magic number and version
const leb = () => {
  let value = 0, shift = 0, b;
  do { b = bytes[at++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return value;
};
const kSections = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element',
  'code', 'data', 'datacount', 'tag'];
const sections = {};
let importedFunctions = 0;
const bodies = [];  // [function index, body bytes]
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const end = at + size;
  const name = kSections[id] || `id${id}`;
  sections[name] = (sections[name] || 0) + size;
  if (name === 'code' || name === 'data')
    sections[`${name}.gzip`] = zlib.gzipSync(bytes.subarray(at, end), { level: 9 }).length;
  if (name === 'import') {
    for (let n = leb(); n > 0; n--) {
      at += leb(); at += leb();  // module and field names
      const kind = bytes[at++];
      if (kind === 0) { leb(); importedFunctions++; }                       // function: type index
      else if (kind === 1) { at++; const f = leb(); leb(); if (f & 1) leb(); }  // table: type, limits
      else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); }        // memory: limits
      else if (kind === 3) { at += 2; }                                    // global: type, mutability
      else if (kind === 4) { at++; leb(); }                                // tag
    }
  } else if (name === 'code') {
    const count = leb();
    for (let i = 0; i < count; i++) {
      const body = leb();
      bodies.push([importedFunctions + i, body, at]);
      at += body;
    }
  }
  at = end;
}

const names = new Map();
for (const line of fs.readFileSync(symbolsFile, 'utf8').split('\n')) {
  const colon = line.indexOf(':');
  if (colon > 0) names.set(Number(line.slice(0, colon)), line.slice(colon + 1));
}
// The map holds demangled names with bytes outside [A-Za-z0-9_:<>.$] written as \xx (hex): decode those.
const demangled = bodies.map(([index]) => (names.get(index) || `function ${index}`)
  .replace(/\\([0-9a-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))));

// The component of a demangled name: lpp::<module> for our code, else the outermost namespace, else the C library.
function component(name) {
  // Drop the return type (text before the first space outside <…> and (…)), then keep the qualified name.
  let depth = 0, start = 0, end = name.length;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === '<' || ch === '(') {
      if (depth === 0 && ch === '(' && !name.startsWith('(anonymous namespace)', i)) { end = i; break; }
      depth++;
    } else if (ch === '>' || ch === ')') depth--;
    else if (ch === ' ' && depth === 0 && !name.startsWith('(anonymous', i - 10)) start = i + 1;
  }
  const qualified = name.slice(start, end).replace(/<.*$/, '');
  const path = qualified.split('::');
  if (path[0] === 'lpp') return path.length > 2 ? `lpp::${path[1]}` : 'lpp';
  if (path[0] === 'std' || path[0] === '__cxxabiv1' || /^__cxa|^__gxx|^_Unwind/.test(path[0]))
    return 'std (libc++, libc++abi)';
  if (path.length === 1) return /^Im|^stb|^ImGui/.test(path[0]) ? 'ImGui (stb)' : 'C (libc, GL glue, lpp_* API)';
  if (path[0] === 'ImGui' || path[0].startsWith('Im')) return 'ImGui (stb)';
  return path[0];
}
// Each component's bytes and its functions' bodies compressed on their own (gzip -9): what it would cost the page
// compressed, give or take what it shares with the rest of the binary.
const byComponent = new Map();
let code = 0;
bodies.forEach(([, size, start], i) => {
  const c = component(demangled[i]);
  if (!byComponent.has(c)) byComponent.set(c, { size: 0, parts: [] });
  byComponent.get(c).size += size;
  byComponent.get(c).parts.push(bytes.subarray(start, start + size));
  code += size;
});
for (const [name, size] of Object.entries(sections)) console.log(`section.${name} ${size}`);
console.log(`code.functions ${bodies.length}`);
const gz = (parts) => zlib.gzipSync(Buffer.concat(parts), { level: 9 }).length;
for (const [name, c] of [...byComponent].sort((a, b) => b[1].size - a[1].size).slice(0, Number(topArg)))
  console.log(`component ${c.size} ${gz(c.parts)} ${name}`);
const order = bodies.map(([, size], i) => [size, demangled[i]]).sort((a, b) => b[0] - a[0]);
for (const [size, name] of order.slice(0, Number(topArg))) console.log(`function ${size} ${name.slice(0, 110)}`);
console.log(`code.total ${code}`);
