#!/usr/bin/env node
/* global console, process, Buffer */
// Fails when the manifest and the code disagree about commands: a contributed command that is not in
// `Commands` (src/constants.ts, read by compiling it, not by pattern), an id in `Commands` the manifest
// does not contribute (invisible, and activation would not be inferred), a command without a category
// or codicon, or a menu entry naming an unknown command. That every id in `Commands` has exactly one
// handler is the compiler's check (the handler maps are keyed by CommandId: src/commands/handlers.ts);
// the host suite checks the registrations at runtime. This catches the manifest's side in a second.
import * as esbuild from 'esbuild';
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

// The ids as the extension compiles them: src/constants.ts bundled in memory and evaluated.
const { outputFiles } = await esbuild.build({
  entryPoints: [path.join(root, 'src', 'constants.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  logLevel: 'silent',
});
const { Commands } = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
const ids = new Set(Object.values(Commands));
if (ids.size === 0) problems.push('src/constants.ts exports no Commands');

for (const id of contributedIds) {
  if (!ids.has(id))
    problems.push(`${id} is contributed in package.json but not in Commands (src/constants.ts), so no handler is registered for it`);
}
for (const id of ids) {
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
console.log(
  `check-commands: ${contributedIds.size} commands contributed, the same as Commands in src/constants.ts, each with a category and icon`,
);
