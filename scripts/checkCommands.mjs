#!/usr/bin/env node
/* global console, process */
// Fails when the manifest and the code disagree about commands: a contributed command that src/ never
// registers (it would fail with "command not found"), a registered one the manifest does not contribute
// (invisible, and activation would not be inferred), a command without a category or codicon, or a menu
// entry naming an unknown command. The host suite checks the same at runtime; this catches it in a second.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const problems = [];

const contributed = manifest.contributes?.commands ?? [];
const contributedIds = new Set();
for (const c of contributed) {
  if (contributedIds.has(c.command)) problems.push(`${c.command} is contributed twice`);
  contributedIds.add(c.command);
  if (!c.category) problems.push(`${c.command} has no category`);
  if (!/^\$\([a-z0-9-]+\)$/.test(c.icon ?? '')) problems.push(`${c.command} has no codicon icon (e.g. "$(add)")`);
}

// `Commands.key` -> id, from the one module that names every id.
const constants = fs.readFileSync(path.join(root, 'src', 'constants.ts'), 'utf8');
const block = /export const Commands = \{([\s\S]*?)\}/.exec(constants);
if (!block) {
  console.error('check-commands: no `export const Commands = {...}` in src/constants.ts');
  process.exit(1);
}
const idOf = new Map([...block[1].matchAll(/(\w+):\s*'([^']+)'/g)].map((m) => [m[1], m[2]]));

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

// Registered: a handler-map key `[Commands.x]:`, or `registerCommand(Commands.x` / `registerCommand('id'`.
const registered = new Map();
for (const file of sourceFiles(path.join(root, 'src'))) {
  const text = fs.readFileSync(file, 'utf8');
  const rel = path.relative(root, file);
  const patterns = [/\[Commands\.(\w+)\]\s*:/g, /registerCommand\(\s*Commands\.(\w+)/g];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const id = idOf.get(m[1]);
      if (!id) problems.push(`${rel}: Commands.${m[1]} is not in src/constants.ts`);
      else registered.set(id, rel);
    }
  }
  for (const m of text.matchAll(/registerCommand\(\s*['"`]([^'"`]+)['"`]/g)) registered.set(m[1], rel);
}

for (const id of contributedIds) {
  if (!registered.has(id)) problems.push(`${id} is contributed in package.json but never registered in src/`);
}
for (const [id, file] of registered) {
  if (!contributedIds.has(id)) problems.push(`${id} is registered (${file}) but not contributed in package.json`);
}
for (const id of idOf.values()) {
  if (!contributedIds.has(id)) problems.push(`${id} is in Commands (src/constants.ts) but not contributed`);
}

for (const [menu, entries] of Object.entries(manifest.contributes?.menus ?? {})) {
  for (const e of entries) {
    if (e.command && !contributedIds.has(e.command)) problems.push(`menu ${menu} names ${e.command}, which is not contributed`);
  }
}
for (const w of manifest.contributes?.viewsWelcome ?? []) {
  for (const m of (w.contents ?? '').matchAll(/\(command:([\w.]+)/g)) {
    if (!contributedIds.has(m[1])) problems.push(`viewsWelcome links to ${m[1]}, which is not contributed`);
  }
}

if (problems.length) {
  console.error(`check-commands: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`check-commands: ${contributedIds.size} commands contributed, all registered, each with a category and icon`);
